/**
 * MQTT ingest (docs/mqtt.md): topics `<root>/<feed>` (a JSON object or an array),
 * `<root>/<feed>/heartbeat` and `<root>/<feed>/status` (a feed's last will: "offline"), root
 * `wall/feeds` by default. QoS 1 with a persistent session under a stable client id, so
 * messages published while the gateway is down arrive after it restarts.
 *
 * A message is acknowledged (PUBACK) only after what it carries is durable in the store:
 * mqtt.js hands messages to `handleMessage` one at a time and sends the PUBACK when its
 * callback is called. A gateway killed between receiving and storing gets the message again.
 * If the store refuses, the connection is dropped without the ack and the broker redelivers
 * after the reconnect. Malformed messages are acknowledged and counted with a reason.
 * Reconnects back off exponentially with jitter (mqtt.js' own period is fixed, so it is off).
 */
import mqtt from 'mqtt';
import type { FeatureFactory, GatewayFeature, Logger } from '../GatewayContext';
import type { Pipeline } from '../pipeline/createPipeline';
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
  /** Set when the store refused a message: nothing more is handled on this connection. */
  let refusing = false;
  /** Whether the broker accepted the current connection (CONNACK), and whether this try failed with an error. */
  let sessionUp = false;
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

  /** Stores what the message carries; resolves once it is durable (or known malformed). */
  async function store(message: MqttMessage): Promise<void> {
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
      case 'items': {
        const r = await deps.pipeline.ingest(message.feed, message.items);
        counts.rejected += r.rejected.length;
        return;
      }
    }
  }

  function handleMessage(packet: mqtt.IPublishPacket, callback: (err?: Error) => void): void {
    counts.received++;
    if (refusing) {
      callback(new Error('store refused an earlier message on this connection'));
      return;
    }
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    store(parseMqttMessage(root, packet.topic, payload)).then(
      () => {
        if (packet.qos > 0) counts.acked++;
        callback();
      },
      (err: Error) => {
        // Not acknowledged: drop the connection so the broker delivers it again later.
        refusing = true;
        lastError = `store refused a message: ${err.message}`;
        deps.log.warn({ err: err.message, topic: packet.topic }, 'mqtt message not stored; reconnecting');
        callback(err);
        client?.stream.destroy();
      },
    );
  }

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
      // Reconnects are ours (backoff with jitter); mqtt.js' own period is fixed.
      reconnectPeriod: 0,
      connectTimeout: 5000,
      keepalive: 15,
    });
    c.handleMessage = handleMessage;
    c.on('connect', (ack) => {
      sessionUp = true;
      attempts = 0;
      refusing = false;
      counts.connects++;
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
      lastError = err.message;
      attemptFailed = true;
    });
    c.on('close', () => {
      if (state === 'stopped') return;
      if (sessionUp) {
        if (!refusing) lastError = 'connection lost (closed by the broker or the network)';
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
      ...(nextAttemptAt !== null ? { nextAttemptInMs: Math.max(0, nextAttemptAt - deps.now()) } : {}),
      ...counts,
      lastMalformed,
    }),
    async start() {
      setState('connecting');
      const c = connect();
      client = c;
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
      const c = client;
      client = null;
      // Messages still being stored finish (the pipeline drains); their acks go out if the
      // connection is still there, else the broker sends them again next time.
      await c?.endAsync();
    },
  };
}
