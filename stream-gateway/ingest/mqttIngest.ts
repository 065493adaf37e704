/**
 * MQTT ingest: topics `wall/feeds/<feed>` (a JSON object or array), `wall/feeds/<feed>/heartbeat`
 * and `wall/feeds/<feed>/status` (a feed's last will: "offline"). QoS 1 with a persistent
 * session, so messages published while the gateway was down arrive after it restarts.
 * Messages that arrive together are ingested as one batch.
 */
import mqtt from 'mqtt';
import { FEED_NAMES, type FeedName } from '../../protocol/schemas';
import type { FeatureFactory, GatewayFeature, Logger } from '../GatewayContext';
import type { Pipeline } from '../pipeline/createPipeline';
import type { HeartbeatHandler } from './createHeartbeatHandler';

export const MQTT_TOPIC_ROOT = 'wall/feeds';

export interface MqttIngestOptions {
  url: string;
  clientId: string;
}

interface MqttSourceDeps extends MqttIngestOptions {
  pipeline: Pipeline;
  heartbeat: HeartbeatHandler;
  onMalformed: (reason: string) => void;
  log: Logger;
  now: () => number;
}

/** MQTT ingest as a gateway feature; /health shows its connection under `features.mqtt`. */
export function mqttIngest(options: MqttIngestOptions): FeatureFactory {
  return (ctx) =>
    createMqttSource({
      ...options,
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

function createMqttSource(deps: MqttSourceDeps): GatewayFeature {
  let client: mqtt.MqttClient | null = null;
  let state: 'connected' | 'connecting' | 'down' | 'stopped' = 'stopped';
  let since: string | null = null;
  let detail: string | undefined;
  const pending = new Map<FeedName, unknown[]>();
  let scheduled = false;

  const setState = (s: typeof state, d?: string) => {
    if (s !== state) since = new Date(deps.now()).toISOString();
    state = s;
    detail = d;
  };

  function flush(): void {
    scheduled = false;
    for (const [feed, items] of pending) {
      pending.delete(feed);
      void deps.pipeline
        .ingest(feed, items)
        .catch((err: Error) => deps.log.warn({ err: err.message, feed }, 'mqtt batch not stored'));
    }
  }

  function onMessage(topic: string, payload: Buffer): void {
    const parts = topic.split('/');
    const feed = parts[2] as FeedName;
    if (parts[0] !== 'wall' || parts[1] !== 'feeds' || !FEED_NAMES.includes(feed)) return;
    const sub = parts[3];
    const text = payload.toString('utf8');
    if (sub === 'status') {
      const status = text.trim().toLowerCase() === 'offline' ? 'offline' : 'alive';
      void deps.heartbeat(feed, { status });
      return;
    }
    let value: unknown;
    try {
      value = text.trim() === '' ? {} : JSON.parse(text);
    } catch (err) {
      deps.onMalformed(`mqtt ${topic}: malformed JSON: ${(err as Error).message.split('\n')[0]}`);
      return;
    }
    if (sub === 'heartbeat') {
      void deps.heartbeat(feed, value);
      return;
    }
    if (sub !== undefined) return;
    const list = pending.get(feed) ?? [];
    if (Array.isArray(value)) list.push(...value);
    else list.push(value);
    pending.set(feed, list);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  }

  return {
    name: 'mqtt',
    health: () => ({ state, since, ...(detail ? { detail } : {}) }),
    async start() {
      setState('connecting');
      client = mqtt.connect(deps.url, {
        clientId: deps.clientId,
        clean: false,
        reconnectPeriod: 1000,
        connectTimeout: 5000,
        resubscribe: true,
      });
      client.on('message', onMessage);
      client.on('connect', (ack) => {
        setState('connected');
        deps.log.info({ url: deps.url, sessionPresent: ack.sessionPresent }, 'mqtt connected');
        if (!ack.sessionPresent) client?.subscribe(`${MQTT_TOPIC_ROOT}/#`, { qos: 1 });
      });
      client.on('reconnect', () => setState('connecting', 'reconnecting'));
      client.on('offline', () => setState('down', 'broker unreachable'));
      client.on('error', (err) => setState('down', err.message));
      await new Promise<void>((resolve) => {
        const done = () => resolve();
        client?.once('connect', done);
        // Do not hold start-up hostage to a broker that is down: ingest connects when it can.
        setTimeout(done, 3000).unref();
      });
    },
    async stop() {
      setState('stopped');
      flush();
      await client?.endAsync();
      client = null;
    },
  };
}
