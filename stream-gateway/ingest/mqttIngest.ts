/**
 * MQTT ingest (docs/mqtt.md): topics `<root>/<feed>` (a JSON object or an array),
 * `<root>/<feed>/heartbeat` and `<root>/<feed>/status` (a feed's last will: "offline"), root
 * `wall/feeds` by default. QoS 1 with a persistent session under a stable client id, so
 * messages published while the gateway is down arrive after it restarts.
 *
 * A message is acknowledged (PUBACK) only after what it carries is durable in the store
 * (createAckAfterStore: messages are stored in batches, then acknowledged in order), so a
 * gateway killed between receiving and storing gets the message again. If the store refuses,
 * the connection is dropped without the acks and the broker redelivers after the reconnect.
 * Malformed messages are acknowledged and counted with a one-line reason.
 * Reconnects back off exponentially with jitter (mqtt.js' own period is fixed, so it is off).
 */
import mqtt from 'mqtt';
import type { FeatureFactory, GatewayFeature, Logger } from '../GatewayContext';
import type { Pipeline } from '../pipeline/createPipeline';
import { createAckAfterStore } from './createAckAfterStore';
import type { HeartbeatHandler } from './createHeartbeatHandler';
import { type BackoffOptions, DEFAULT_BACKOFF, nextReconnectDelay } from './nextReconnectDelay';
import { type MqttMessage, parseMqttMessage } from './parseMqttMessage';

export const DEFAULT_MQTT_TOPIC_ROOT = 'wall/feeds';

export interface MqttIngestOptions {
  url: string;
  /** Stable across restarts: the broker keeps the session (and queued messages) under it. */
  clientId: string;
  topicRoot?: string;
  backoff?: BackoffOptions;
  /** How long start() waits for the first connection before going on without it. */
  startWaitMs?: number;
}

interface MqttSourceDeps {
  options: MqttIngestOptions;
  pipeline: Pipeline;
  heartbeat: HeartbeatHandler;
  onMalformed: (reason: string) => void;
  log: Logger;
  now: () => number;
}

export type MqttState = 'connecting' | 'connected' | 'down' | 'stopped';

/** What /health shows under `features.mqtt`. */
export interface MqttHealth {
  state: MqttState;
  since: string | null;
  url: string;
  clientId: string;
  topics: string;
  lastError: string | null;
  /** Reconnect attempts since the last successful connection. */
  reconnectAttempts: number;
  /**
   * Whether the broker still had this gateway's session at the last connect (null before
   * the first). False after a broker lost its state (a hard kill before its autosave): what
   * was published between its restart and our subscription is gone.
   */
  sessionPresent: boolean | null;
  /** Messages received and not yet stored and acknowledged. */
  unacked: number;
  nextAttemptInMs?: number;
  connects: number;
  received: number;
  acked: number;
  malformed: number;
  lastMalformed: string | null;
  /** Feed items the pipeline rejected (schema), kept in the dead-letter table. */
  rejected: number;
}

/** MQTT ingest as a gateway feature; /health shows its connection under `features.mqtt`. */
export function mqttIngest(options: MqttIngestOptions): FeatureFactory {
  return (ctx) =>
    createMqttSource({
      options,
      pipeline: ctx.pipeline,
      heartbeat: ctx.heartbeat,
      now: ctx.now,
      log: ctx.logger,
      onMalformed: (reason) => {
        ctx.metrics.malformed.inc({ source: 'mqtt' });
        ctx.logger.warn({ reason }, 'malformed mqtt message');
      },
    });
}

/** Safe URL for health and logs: no credentials. */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

function createMqttSource(deps: MqttSourceDeps): GatewayFeature & { health(): MqttHealth } {
  const { options } = deps;
  const root = options.topicRoot ?? DEFAULT_MQTT_TOPIC_ROOT;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  let client: mqtt.MqttClient | null = null;
  let state: MqttState = 'stopped';
  let since: string | null = null;
  let lastError: string | null = null;
  let attempts = 0;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let nextAttemptAt: number | null = null;
  /** Set when the store refused a batch on this connection (the broker redelivers it). */
  let refused = false;
  /** Whether the broker accepted the current connection (CONNACK), and whether this try failed with an error. */
  let sessionUp = false;
  /** Whether the broker still had our session at the last connect (false: what was published meanwhile is gone). */
  let sessionPresent: boolean | null = null;
  let onSubscribed: (() => void) | null = null;
  let attemptFailed = false;
  const counts = { connects: 0, received: 0, acked: 0, malformed: 0, rejected: 0 };
  let lastMalformed: string | null = null;

  const setState = (s: MqttState) => {
    if (s !== state) since = new Date(deps.now()).toISOString();
    state = s;
  };

  function malformed(reason: string): void {
    counts.malformed++;
    lastMalformed = reason;
    deps.onMalformed(reason);
  }

  /** Stores one message's content; resolves once it is durable (or known malformed). */
  async function storeOne(message: Exclude<MqttMessage, { kind: 'items' }>): Promise<void> {
    switch (message.kind) {
      case 'malformed':
        malformed(message.reason);
        return;
      case 'status':
        await deps.heartbeat(message.feed, { status: message.status });
        return;
      case 'heartbeat': {
        const r = await deps.heartbeat(message.feed, message.value);
        if (!r.ok) malformed(`${root}/${message.feed}/heartbeat: ${r.reason}`);
        return;
      }
    }
  }

  /** Stores a batch in order; consecutive items of one feed go into the pipeline together. */
  async function storeBatch(messages: readonly MqttMessage[]): Promise<void> {
    let i = 0;
    while (i < messages.length) {
      const m = messages[i] as MqttMessage;
      if (m.kind !== 'items') {
        await storeOne(m);
        i++;
        continue;
      }
      const items = [...m.items];
      let next = messages[++i];
      while (next?.kind === 'items' && next.feed === m.feed) {
        items.push(...next.items);
        next = messages[++i];
      }
      const r = await deps.pipeline.ingest(m.feed, items);
      counts.rejected += r.rejected.length;
    }
  }

  const acks = createAckAfterStore<MqttMessage>({
    parse: (packet) => {
      counts.received++;
      const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
      return parseMqttMessage(root, packet.topic, payload);
    },
    store: storeBatch,
    stream: () => (client?.connected ? client.stream : null),
    onAcked: (n) => {
      counts.acked += n;
    },
    onRefused: (err) => {
      lastError = `store refused a message: ${err.message}`;
      refused = true;
      deps.log.warn({ err: err.message }, 'mqtt messages not stored (not acknowledged); reconnecting');
    },
  });

  function scheduleReconnect(): void {
    const c = client;
    if (!c || state === 'stopped' || reconnectTimer) return;
    attempts++;
    const delay = nextReconnectDelay(attempts, Math.random, backoff);
    nextAttemptAt = deps.now() + delay;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      nextAttemptAt = null;
      if (state === 'stopped' || client !== c) return;
      setState('connecting');
      c.reconnect();
    }, delay);
    reconnectTimer.unref();
  }

  function connect(): mqtt.MqttClient {
    const c = mqtt.connect(options.url, {
      clientId: options.clientId,
      clean: false,
      // MQTT 3.1.1: the session lives until the broker expires it; PUBACKs are written by hand.
      protocolVersion: 4,
      // Reconnects are ours (backoff with jitter); mqtt.js' own period is fixed.
      reconnectPeriod: 0,
      connectTimeout: 5000,
      keepalive: 15,
    });
    c.handleMessage = acks.handleMessage;
    // Events of a client replaced by a later start() (a cluster role change) are ignored.
    c.on('connect', (ack) => {
      if (client !== c) return;
      sessionUp = true;
      attempts = 0;
      refused = false;
      acks.reset();
      counts.connects++;
      sessionPresent = ack.sessionPresent;
      // Subscribing again is harmless and covers a broker that lost the session; "connected"
      // means subscribed, so a publisher that waits for it loses nothing.
      c.subscribe(`${root}/#`, { qos: 1 }, (err) => {
        if (err) {
          lastError = `subscribe ${root}/#: ${err.message}`;
          return;
        }
        setState('connected');
        onSubscribed?.();
        deps.log.info(
          { url: redactUrl(options.url), clientId: options.clientId, sessionPresent: ack.sessionPresent },
          'mqtt connected',
        );
      });
    });
    c.on('error', (err) => {
      if (client !== c) return;
      lastError = err.message;
      attemptFailed = true;
    });
    c.on('close', () => {
      if (state === 'stopped' || client !== c) return;
      if (sessionUp) {
        if (!refused) lastError = 'connection lost (closed by the broker or the network)';
        deps.log.warn({ url: redactUrl(options.url), reason: lastError }, 'mqtt connection lost');
      } else if (!attemptFailed) lastError = 'connection closed before the broker accepted it';
      sessionUp = false;
      attemptFailed = false;
      setState('down');
      scheduleReconnect();
    });
    return c;
  }

  return {
    name: 'mqtt',
    health: () => ({
      state,
      since,
      url: redactUrl(options.url),
      clientId: options.clientId,
      topics: `${root}/#`,
      lastError,
      reconnectAttempts: attempts,
      sessionPresent,
      unacked: acks.unacked(),
      ...(nextAttemptAt !== null ? { nextAttemptInMs: Math.max(0, nextAttemptAt - deps.now()) } : {}),
      ...counts,
      lastMalformed,
    }),
    async start() {
      setState('connecting');
      const c = connect();
      client = c;
      sessionUp = false;
      await new Promise<void>((resolve) => {
        // Do not hold start-up hostage to a broker that is down: ingest connects when it can.
        const timer = setTimeout(resolve, options.startWaitMs ?? 3000);
        timer.unref();
        onSubscribed = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      onSubscribed = null;
    },
    async stop() {
      setState('stopped');
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = null;
      // Messages still queued are stored and acknowledged before the connection closes;
      // whatever is not acknowledged, the broker sends again next time.
      await acks.idle();
      const c = client;
      client = null;
      await c?.endAsync();
    },
  };
}
