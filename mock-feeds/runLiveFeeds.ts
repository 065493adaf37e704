/**
 * The simulated district, live: sends the camera catalogue, the recent past (open cases of
 * the last day and a half, alarms of the last hours) and then events as their time comes,
 * plus heartbeats from every feed and channel. Video-analytics alarms travel over MQTT
 * when a broker is configured, the rest over HTTP — both public ingest paths.
 */
import mqtt from 'mqtt';
import type { RegionPack } from '../live-model/region/types';
import { ALARM_CHANNELS, type CameraStatus, type FeedLine, type FeedName } from '../protocol/schemas';
import { createIngestClient } from './sendToGateway';
import {
  DEFAULT_SIMULATION,
  type SimulationOptions,
  simulateDistrict,
  withoutPlace,
} from './simulateDistrict';

const HOUR = 3_600_000;
const BATCH = 250;
const HEARTBEAT_MS = 10_000;

export interface LiveFeedsOptions {
  pack: RegionPack;
  gatewayUrl: string;
  mqttUrl: string | null;
  /** The gateway's MQTT_TOPIC_ROOT (default wall/feeds). */
  mqttTopicRoot?: string;
  seed: number;
  alarmsPerMinute: number;
  tz: string;
  token?: string;
  log: (msg: string) => void;
  now?: () => number;
  /**
   * How much recent history to send at start (cases; alarms only for the last 6 h). By
   * default 72 h at up to 10 alarms a minute and proportionally less above (at least 30
   * minutes), so an accelerated district (soak, benchmarks) starts in seconds, not minutes.
   */
  backlogHours?: number;
  /**
   * Continue a simulation that began earlier (the backfilled history): regenerate it from
   * `startMs` and send only what comes after `resumeAfterMs` (the rest is already in the log).
   */
  resume?: { startMs: number; resumeAfterMs: number };
  /** Extra simulation options (the district's day-to-day rhythm). */
  simulation?: Partial<SimulationOptions>;
  /** Told of every camera record sent (the platform's media server follows camera status). */
  onCamera?: (camera: { id: string; status: CameraStatus }) => void;
}

export function runLiveFeeds(options: LiveFeedsOptions): { stop(): Promise<void>; ready: Promise<void> } {
  const now = options.now ?? Date.now;
  const client = createIngestClient(options.gatewayUrl, options.token);
  const backlogHours =
    options.backlogHours ?? Math.min(72, Math.max(0.5, (72 * 10) / Math.max(1, options.alarmsPerMinute)));
  const startMs = options.resume?.startMs ?? now() - backlogHours * HOUR;
  const resumeAfterMs = options.resume?.resumeAfterMs ?? Number.NEGATIVE_INFINITY;
  const { cameras, events } = simulateDistrict(options.pack, {
    ...DEFAULT_SIMULATION,
    ...options.simulation,
    tz: options.tz,
    seed: options.seed,
    startMs,
    alarmsPerHour: options.alarmsPerMinute * 60,
  });
  const topicRoot = options.mqttTopicRoot ?? 'wall/feeds';
  const mqttClient = options.mqttUrl
    ? mqtt.connect(options.mqttUrl, { clientId: `mock-feeds-${options.seed}`, reconnectPeriod: 1000 })
    : null;
  mqttClient?.on('error', () => undefined);
  let stopped = false;
  let pending: IteratorResult<{ atMs: number; line: FeedLine }> | null = null;
  const queue: FeedLine[] = [];

  const sendBatch = async (lines: readonly FeedLine[]) => {
    const byFeed = new Map<FeedName, unknown[]>();
    for (const line of lines) {
      if (line.feed === 'cameras') options.onCamera?.({ id: line.data.id, status: line.data.status });
      if (line.feed === 'alarms' && line.data.channel === 'video-analytics' && mqttClient?.connected) {
        mqttClient.publish(`${topicRoot}/alarms`, JSON.stringify(line.data), { qos: 1 });
        continue;
      }
      const list = byFeed.get(line.feed) ?? [];
      list.push(line.data);
      byFeed.set(line.feed, list);
    }
    for (const [feed, items] of byFeed)
      for (let i = 0; i < items.length; i += BATCH) await client.post(feed, items.slice(i, i + BATCH));
  };

  /**
   * Events due by `until`; what the log already has (before `resumeAfterMs`) and alarms older
   * than 6 h (history, not the live picture) are skipped. Yields to the event loop now and
   * then: regenerating days of simulation must not stall the gateway in the same process.
   */
  const takeDue = async (until: number): Promise<FeedLine[]> => {
    const out: FeedLine[] = [];
    const alarmCutoff = now() - 6 * HOUR;
    let n = 0;
    for (;;) {
      pending ??= events.next();
      if (pending.done || pending.value.atMs > until) break;
      const { line, atMs } = pending.value;
      pending = null;
      if (++n % 20_000 === 0) await new Promise((r) => setImmediate(r));
      if (atMs <= resumeAfterMs) continue;
      if (line.feed === 'alarms' && atMs < alarmCutoff) continue;
      out.push(line);
    }
    return out;
  };

  const heartbeats = async () => {
    await Promise.all([
      client.heartbeat('cameras'),
      client.heartbeat('cases'),
      client.heartbeat('alarms'),
      ...ALARM_CHANNELS.map((channel) =>
        channel === 'video-analytics' && mqttClient
          ? Promise.resolve(
              mqttClient.connected
                ? void mqttClient.publish(`${topicRoot}/alarms/heartbeat`, JSON.stringify({ channel }), {
                    qos: 1,
                  })
                : undefined,
            )
          : client.heartbeat('alarms', { channel }),
      ),
    ]);
  };

  let beatTimer: NodeJS.Timeout | null = null;
  let loopTimer: NodeJS.Timeout | null = null;
  const ready = (async () => {
    await sendBatch(cameras.map((c) => ({ feed: 'cameras', data: withoutPlace(c) }) as FeedLine));
    const backlog = await takeDue(now());
    await sendBatch(backlog);
    options.log(
      `mock-feeds: ${cameras.length} cameras and ${backlog.length} recent events sent; live at ${options.alarmsPerMinute} alarms/min`,
    );
    await heartbeats().catch(() => undefined);
    beatTimer = setInterval(() => void heartbeats().catch(() => undefined), HEARTBEAT_MS);
    const loop = async () => {
      if (stopped) return;
      queue.push(...(await takeDue(now())));
      if (queue.length > 0) {
        const batch = queue.splice(0, queue.length);
        try {
          await sendBatch(batch);
        } catch {
          // The gateway is away (restarting?): keep the lines and try again, bounded.
          queue.unshift(...batch.slice(-10_000));
        }
      }
      if (!stopped) loopTimer = setTimeout(() => void loop(), 250);
    };
    await loop();
  })().catch((err: Error) => options.log(`mock-feeds stopped: ${err.message}`));

  return {
    ready,
    async stop() {
      stopped = true;
      if (beatTimer) clearInterval(beatTimer);
      if (loopTimer) clearTimeout(loopTimer);
      await mqttClient?.endAsync();
    },
  };
}
