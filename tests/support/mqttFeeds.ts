/**
 * MQTT feed helpers for the broker fault tests: a publisher of numbered alarms that records
 * which ones the broker acknowledged (PUBACK), the gateway's `features.mqtt` health, and the
 * alarms in a gateway's store (read from its SQLite file, counting duplicates).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import mqtt from 'mqtt';
import { expect } from 'vitest';
import type { MqttHealth } from '../../stream-gateway/ingest/mqttIngest';
import { alarmInput } from '../fixtures/feedItems';
import { type GatewayProcess, startGatewayProcess } from './gatewayProcess';
import { followModel, getJson } from './socketWaits';

export interface AlarmPublisher {
  client: mqtt.MqttClient;
  /** Alarm ids the broker acknowledged, in order. */
  acked: string[];
  /** Publishes one alarm per id with QoS 1; resolves when the broker acknowledged them all. */
  publish(ids: readonly string[]): Promise<void>;
  /** Publishes numbered alarms one after another (paced) until `stop`, each acked before the next. */
  startStream(prefix: string, perSecond?: number): { stop(): Promise<number> };
  close(): Promise<void>;
}

/** A publisher with its own (fast, fixed) reconnects, as a feed's system would have. */
export async function connectAlarmPublisher(url: string, topicRoot = 'wall/feeds'): Promise<AlarmPublisher> {
  const client = await mqtt.connectAsync(url, {
    clientId: `wall-test-publisher-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    reconnectPeriod: 200,
    connectTimeout: 2000,
  });
  client.on('error', () => undefined);
  const acked: string[] = [];
  const send = async (id: string) => {
    await client.publishAsync(`${topicRoot}/alarms`, JSON.stringify(alarmInput({ id, severity: 'yellow' })), {
      qos: 1,
    });
    acked.push(id);
  };
  return {
    client,
    acked,
    async publish(ids) {
      await Promise.all(ids.map(send));
    },
    startStream(prefix, perSecond = 300) {
      let running = true;
      let n = 0;
      const loop = (async () => {
        while (running) {
          n++;
          // A publish waits while the broker is down; mqtt.js sends it again after the reconnect.
          await send(`${prefix}-${n}`).catch(() => undefined);
          // A steady feed, not a flood: the load generator's pace, not a wait for anything.
          await new Promise((r) => setTimeout(r, 1000 / perSecond));
        }
      })();
      return {
        async stop() {
          running = false;
          await loop;
          return n;
        },
      };
    },
    close: () => client.endAsync(true),
  };
}

/** The gateway's MQTT ingest health. */
export async function mqttHealth(gatewayUrl: string): Promise<MqttHealth & { gatewayStatus: string }> {
  const body = (await getJson(`${gatewayUrl}health`, null)).body as {
    status: string;
    features: { mqtt: MqttHealth };
  };
  return { ...body.features.mqtt, gatewayStatus: body.status };
}

/** Alarm ids in the store with how many log events each has (1 = exactly once). */
export function storedAlarmCounts(dataDir: string): Map<string, number> {
  const db = new Database(join(dataDir, 'wall.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare<[], { id: string; n: number }>(
        "SELECT json_extract(data, '$.id') AS id, COUNT(*) AS n FROM events WHERE kind = 'alarm' GROUP BY id",
      )
      .all();
    return new Map(rows.map((r) => [r.id, r.n]));
  } finally {
    db.close();
  }
}

/** Ids that are not stored exactly once (missing → 0, duplicated → n). */
export function notExactlyOnce(ids: readonly string[], stored: Map<string, number>): Record<string, number> {
  return Object.fromEntries(ids.map((id) => [id, stored.get(id) ?? 0]).filter(([, n]) => n !== 1));
}

export const numbered = (prefix: string, count: number, from = 1): string[] =>
  Array.from({ length: count }, (_, i) => `${prefix}-${from + i}`);

/** Starts the gateway process with MQTT settings and waits until it is subscribed. */
export async function startMqttGateway(
  env: Record<string, string>,
  options: { dataDir?: string; running?: GatewayProcess[] } = {},
): Promise<GatewayProcess> {
  const g = await startGatewayProcess({ env, ...(options.dataDir ? { dataDir: options.dataDir } : {}) });
  options.running?.push(g);
  await expect.poll(async () => (await mqttHealth(g.url)).state, { timeout: 20_000 }).toBe('connected');
  return g;
}

/** Waits, on a real wall socket, until every id is in the live model. */
export async function waitForAlarms(
  g: GatewayProcess,
  ids: readonly string[],
  timeoutMs = 30_000,
): Promise<void> {
  const wall = followModel(g.url);
  try {
    await wall.until((m) => ids.every((id) => m.alarms[id] !== undefined), `${ids.length} alarms`, timeoutMs);
  } finally {
    wall.close();
  }
}
