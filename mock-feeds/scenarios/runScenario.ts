/**
 * Plays a scenario against a running gateway, only through its public interfaces (HTTP
 * ingest, MQTT, the API, Socket.IO), with story time compressed by `speed`. Keeps sending
 * heartbeats for every feed and channel (so a quiet night stays trusted) except those a
 * `silence` step stops; a source the scenario feeds over MQTT sends its heartbeats over MQTT
 * too, so a broker outage silences it as it would a real camera platform. Reports each step's
 * outcome, and can hand each one to a director (`afterStep`, the story's clock paused meanwhile).
 */
import mqtt from 'mqtt';
import { io } from 'socket.io-client';
import type { RegionPack } from '../../live-model/region/types';
import { ALARM_CHANNELS, FEED_NAMES, type FeedName } from '../../protocol/schemas';
import { offsetMeters } from '../createCameraCatalogue';
import { createRandom } from '../createRandom';
import { ALARM_KINDS, CHANNEL_MIX } from '../districtVocabulary';
import { resolveItem } from './resolveStepData';
import { offsetSeconds, type Scenario, type ScenarioStep } from './scenarioSchema';

export type ScenarioRole = 'feed' | 'officer-1' | 'officer-2' | 'leader' | 'admin';

export interface ScenarioRunOptions {
  scenario: Scenario;
  pack: RegionPack;
  gatewayUrl: string;
  mqttUrl: string | null;
  /** The gateway's MQTT_TOPIC_ROOT (default wall/feeds). */
  mqttTopicRoot?: string;
  tokens: Record<ScenarioRole, string>;
  /** Overrides the scenario's own compression. */
  speed?: number;
  /** Overrides the scenario's drill flag. */
  drill?: boolean;
  log: (message: string) => void;
  now?: () => number;
  /** How often heartbeats go out (default 10 s). */
  heartbeatMs?: number;
  /**
   * Called after each step, awaited, with the story's clock stopped meanwhile (heartbeats go
   * on): a test checks what the step did, or breaks something before the next step.
   */
  afterStep?: (outcome: StepOutcome, step: ScenarioStep) => Promise<void> | void;
}

export interface StepOutcome {
  index: number;
  at: string;
  do: ScenarioStep['do'];
  ok: boolean;
  detail: string;
}

export interface ScenarioReport {
  name: string;
  outcomes: StepOutcome[];
  failures: number;
}

const HEARTBEAT_MS = 10_000;

export function runScenario(options: ScenarioRunOptions): {
  done: Promise<ScenarioReport>;
  stop(): Promise<void>;
} {
  const { scenario, tokens, log } = options;
  const now = options.now ?? Date.now;
  const speed = options.speed ?? scenario.speed;
  const drill = options.drill ?? scenario.drill;
  const base = new URL(options.gatewayUrl);
  const places = new Map(options.pack.places.map((p) => [p.id, p]));
  const silencedUntil = new Map<string, number>();
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const overMqtt = drill ? new Set<string>() : mqttSources(scenario);
  const mqttClient =
    options.mqttUrl && overMqtt.size > 0
      ? mqtt.connect(options.mqttUrl, {
          clientId: `scenario-${scenario.name}-${now()}`,
          reconnectPeriod: 500,
        })
      : null;
  mqttClient?.on('error', () => undefined);

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(
        () => {
          timers.delete(t);
          resolve();
        },
        Math.max(0, ms),
      );
      timers.add(t);
    });

  async function call(
    role: ScenarioRole,
    method: string,
    path: string,
    body?: unknown,
    consoleName?: string,
  ): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = { authorization: `Bearer ${tokens[role]}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (consoleName) headers['x-wall-console'] = consoleName;
    const res = await fetch(new URL(path, base), {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, text: await res.text() };
  }

  async function sendFeed(
    feed: FeedName,
    items: Record<string, unknown>[],
    via: 'http' | 'mqtt',
  ): Promise<string> {
    if (via === 'mqtt' && mqttClient && !drill) {
      if (!mqttClient.connected)
        await new Promise<void>((resolve) => mqttClient.once('connect', () => resolve()));
      await mqttClient.publishAsync(
        `${options.mqttTopicRoot ?? 'wall/feeds'}/${feed}`,
        JSON.stringify(items.length === 1 ? items[0] : items),
        { qos: 1 },
      );
      return `${items.length} ${feed} over MQTT`;
    }
    const r = await call('feed', 'POST', `/ingest/${feed}${drill ? '?drill=1' : ''}`, items);
    if (r.status !== 202) throw new Error(`ingest ${feed}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
    const answer = JSON.parse(r.text) as { accepted: number; rejected: { reason: string }[] };
    if (answer.rejected.length > 0) throw new Error(`ingest ${feed}: rejected ${answer.rejected[0]?.reason}`);
    return `${answer.accepted} ${feed} accepted`;
  }

  async function heartbeats(): Promise<void> {
    const t = now();
    const quiet = (key: string) => (silencedUntil.get(key) ?? 0) > t;
    const beats: Promise<unknown>[] = [];
    const beat = (feed: FeedName, key: string, body: Record<string, string>) => {
      if (!mqttClient || !overMqtt.has(key))
        beats.push(call('feed', 'POST', `/ingest/${feed}/heartbeat`, body));
      // Over MQTT only while connected: a sign of life is not queued for later.
      else if (mqttClient.connected)
        beats.push(mqttClient.publishAsync(`wall/feeds/${feed}/heartbeat`, JSON.stringify(body), { qos: 0 }));
    };
    for (const feed of FEED_NAMES) if (!quiet(feed)) beat(feed, feed, {});
    for (const channel of ALARM_CHANNELS)
      if (!quiet('alarms') && !quiet(channel)) beat('alarms', channel, { channel });
    await Promise.allSettled(beats);
  }

  async function storm(step: Extract<ScenarioStep, { do: 'storm' }>): Promise<string> {
    const random = createRandom(step.seed);
    const spots = options.pack.places.filter((p) => p.kind !== 'village');
    const durationMs = (offsetSeconds(step.over) * 1000) / speed;
    const batches = Math.max(1, Math.min(step.count, Math.round(durationMs / 100)));
    let sent = 0;
    const started = now();
    for (let b = 0; b < batches && !stopped; b++) {
      const size = Math.round(((b + 1) * step.count) / batches) - sent;
      const items = Array.from({ length: size }, (_, i) => {
        const channel = random.weighted(CHANNEL_MIX);
        const kind = random.pick(ALARM_KINDS[channel]);
        const place = random.pick(spots);
        const [lon, lat] = offsetMeters(place.lon, place.lat, random.int(-300, 300), random.int(-300, 300));
        const red = random.chance(step.redShare);
        return {
          id: `STORM-${step.seed}-${sent + i + 1}`,
          occurredAt: new Date(now()).toISOString(),
          channel,
          category: kind.category,
          severity: red ? 'red' : random.chance(0.3) ? 'yellow' : 'green',
          lon,
          lat,
          address: place.name,
          text: kind.text,
          state: 'new',
          version: 1,
        };
      });
      await sendFeed('alarms', items, 'http');
      sent += size;
      await sleep(started + ((b + 1) * durationMs) / batches - now());
    }
    return `${sent} alarms in ${Math.round((now() - started) / 100) / 10} s`;
  }

  async function view(step: Extract<ScenarioStep, { do: 'view' }>): Promise<string> {
    const socket = io(options.gatewayUrl, {
      transports: ['websocket'],
      reconnection: false,
      auth: { token: tokens[step.as], wall: step.wall },
    });
    try {
      const answer = await new Promise<{ ok: boolean; reason?: string }>((resolve, reject) => {
        socket.once('connect_error', (err) => reject(err));
        socket.once('view', () =>
          socket
            .timeout(5000)
            .emit(
              'view:set',
              step.patch as never,
              (err: Error | null, a: { ok: boolean; reason?: string }) => (err ? reject(err) : resolve(a)),
            ),
        );
      });
      if (!answer.ok) throw new Error(`view refused: ${answer.reason}`);
      return `wall ${step.wall}: ${JSON.stringify(step.patch)}`;
    } finally {
      socket.close();
    }
  }

  async function runStep(step: ScenarioStep): Promise<string> {
    switch (step.do) {
      case 'feed': {
        const items = (Array.isArray(step.data) ? step.data : [step.data]).map((d) =>
          resolveItem(d, now(), (id) => places.get(id), speed),
        );
        return sendFeed(step.feed, items, step.via);
      }
      case 'silence': {
        silencedUntil.set(step.channel ?? step.feed, now() + (offsetSeconds(step.for) * 1000) / speed);
        return `${step.channel ?? step.feed} silent for ${step.for} (story time)`;
      }
      case 'http': {
        let r = await call(step.as, step.method, step.path, step.body, step.console);
        // An item sent over MQTT may still be on its way through the broker when a compressed
        // story acts on it: a 404 is asked again for up to 2 s.
        for (
          const until = now() + 2000;
          r.status === 404 && step.expect !== 404 && now() < until && !stopped;
        ) {
          await sleep(50);
          r = await call(step.as, step.method, step.path, step.body, step.console);
        }
        if (step.expect !== undefined && r.status !== step.expect)
          throw new Error(
            `${step.method} ${step.path}: HTTP ${r.status}, expected ${step.expect}: ${r.text.slice(0, 200)}`,
          );
        return `${step.method} ${step.path} → ${r.status}`;
      }
      case 'view':
        return view(step);
      case 'storm':
        return storm(step);
      case 'wait':
        return 'waited';
    }
  }

  const done = (async (): Promise<ScenarioReport> => {
    const outcomes: StepOutcome[] = [];
    /** When story time 0 was (moved on by the time a director held the story). */
    let started = now();
    log(`scenario ${scenario.name} (${scenario.title}) at ${speed}x${drill ? ' as a DRILL' : ''}`);
    if (drill) await call('feed', 'POST', '/api/drill', { state: 'start', name: scenario.title });
    await heartbeats();
    const beat = setInterval(() => void heartbeats(), options.heartbeatMs ?? HEARTBEAT_MS);
    try {
      for (const [index, step] of scenario.steps.entries()) {
        await sleep(started + (offsetSeconds(step.at) * 1000) / speed - now());
        if (stopped) break;
        if (step.say) log(`[${step.at}] ${step.say}`);
        let outcome: StepOutcome;
        try {
          outcome = { index, at: step.at, do: step.do, ok: true, detail: await runStep(step) };
        } catch (err) {
          outcome = { index, at: step.at, do: step.do, ok: false, detail: (err as Error).message };
          log(`[${step.at}] step ${index} (${step.do}) failed: ${(err as Error).message}`);
        }
        outcomes.push(outcome);
        if (options.afterStep) {
          const held = now();
          await options.afterStep(outcome, step);
          started += now() - held;
        }
      }
    } finally {
      clearInterval(beat);
      if (drill)
        await call('feed', 'POST', '/api/drill', { state: 'stop', name: scenario.title }).catch(
          () => undefined,
        );
    }
    const failures = outcomes.filter((o) => !o.ok).length;
    log(`scenario ${scenario.name} finished: ${outcomes.length - failures}/${outcomes.length} steps ok`);
    return { name: scenario.name, outcomes, failures };
  })();

  return {
    done,
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      await mqttClient?.endAsync();
    },
  };
}

/**
 * The feeds and alarm channels a scenario sends over MQTT: their heartbeats go the same way.
 * @example mqttSources(story) // Set { 'video-analytics' } (its alarms come from the camera platform's broker)
 */
export function mqttSources(scenario: Scenario): Set<string> {
  const keys = new Set<string>();
  for (const step of scenario.steps) {
    if (step.do !== 'feed' || step.via !== 'mqtt') continue;
    if (step.feed !== 'alarms') {
      keys.add(step.feed);
      continue;
    }
    for (const item of Array.isArray(step.data) ? step.data : [step.data])
      keys.add(typeof item.channel === 'string' ? item.channel : 'alarms');
  }
  return keys;
}
