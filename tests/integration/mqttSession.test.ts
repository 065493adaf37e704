/**
 * MQTT ingest against a private Mosquitto (persistence on): the gateway's persistent session
 * keeps what was published while it was down (stopped or killed), and a message is
 * acknowledged only once it is in the store — so a gateway killed, or whose store refuses,
 * loses nothing the broker accepted, and stores nothing twice.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayProcess, tempDataDir } from '../support/gatewayProcess';
import {
  type AlarmPublisher,
  connectAlarmPublisher,
  mqttHealth,
  notExactlyOnce,
  numbered,
  startMqttGateway,
  storedAlarmCounts,
  waitForAlarms,
} from '../support/mqttFeeds';
import { type PrivateService, serviceAvailable, startPrivateMosquitto } from '../support/privateServices';

const available = serviceAvailable('mosquitto');
const running: GatewayProcess[] = [];
let broker: PrivateService;
let publisher: AlarmPublisher;

beforeAll(async () => {
  if (!available) return;
  broker = await startPrivateMosquitto();
  publisher = await connectAlarmPublisher(broker.url);
});
afterAll(async () => {
  for (const g of running) await g.kill('SIGKILL');
  await publisher?.close();
  await broker?.dispose();
});

/** One client id per test, so each test has its own session at the broker. */
const startGateway = (dataDir: string, clientId: string) =>
  startMqttGateway({ MQTT_URL: broker.url, MQTT_CLIENT_ID: clientId }, { dataDir, running });

describe.skipIf(!available)('MQTT persistent session (private Mosquitto)', { timeout: 120_000 }, () => {
  it('delivers alarms published while the gateway was stopped, or killed, after it restarts — each once', async () => {
    const dataDir = tempDataDir();
    const first = await startGateway(dataDir, 'wall-test-stopped');
    const live = numbered('LIVE', 5);
    await publisher.publish(live);
    await waitForAlarms(first, live);

    expect(await first.kill('SIGTERM')).toBe(0);
    const whileStopped = numbered('STOPPED', 40);
    await publisher.publish(whileStopped);
    const second = await startGateway(dataDir, 'wall-test-stopped');
    await waitForAlarms(second, [...live, ...whileStopped]);

    await second.kill('SIGKILL');
    const whileKilled = numbered('KILLED', 40);
    await publisher.publish(whileKilled);
    const third = await startGateway(dataDir, 'wall-test-stopped');
    const all = [...live, ...whileStopped, ...whileKilled];
    await waitForAlarms(third, all);
    expect((await mqttHealth(third.url)).acked).toBeGreaterThanOrEqual(whileKilled.length);

    await third.kill('SIGTERM');
    expect(notExactlyOnce(all, storedAlarmCounts(dataDir))).toEqual({});
  });

  it('acknowledges only what is stored: a gateway whose store refuses, then is killed, loses nothing', async () => {
    const dataDir = tempDataDir();
    const g = await startGateway(dataDir, 'wall-test-refused');
    const before = await mqttHealth(g.url);
    // Another writer holds the database: every append fails (SQLITE_BUSY after the busy timeout).
    const lock = new Database(join(dataDir, 'wall.db'));
    lock.exec('BEGIN IMMEDIATE');
    const held = numbered('HELD', 5);
    try {
      await publisher.publish(held);
      await expect
        .poll(async () => (await mqttHealth(g.url)).lastError, { timeout: 30_000 })
        .toMatch(/^store refused a message: database is locked/);
      const refused = await mqttHealth(g.url);
      expect(refused.received).toBeGreaterThan(before.received);
      expect(refused.acked).toBe(before.acked);
      await g.kill('SIGKILL');
    } finally {
      lock.exec('ROLLBACK');
      lock.close();
    }
    const again = await startGateway(dataDir, 'wall-test-refused');
    await waitForAlarms(again, held);
    await again.kill('SIGTERM');
    expect(notExactlyOnce(held, storedAlarmCounts(dataDir))).toEqual({});
  });

  it('a gateway killed while alarms stream in has every alarm the broker accepted, once, after its restart', async () => {
    const dataDir = tempDataDir();
    const g = await startGateway(dataDir, 'wall-test-killed');
    const stream = publisher.startStream('FLOW');
    await expect.poll(async () => (await mqttHealth(g.url)).acked, { timeout: 20_000 }).toBeGreaterThan(50);
    await g.kill('SIGKILL');
    // The stream goes on while the gateway is gone: the broker keeps it for the session.
    const queuedFrom = publisher.acked.length;
    await expect.poll(() => publisher.acked.length - queuedFrom).toBeGreaterThan(50);
    await stream.stop();
    const accepted = publisher.acked.filter((id) => id.startsWith('FLOW-'));
    const again = await startGateway(dataDir, 'wall-test-killed');
    await waitForAlarms(again, accepted);
    await again.kill('SIGTERM');
    expect(notExactlyOnce(accepted, storedAlarmCounts(dataDir))).toEqual({});
  });
});
