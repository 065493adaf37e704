/**
 * The broker dies under load (a private Mosquitto, SIGKILL) and comes back: /health says MQTT
 * is down and why, the walls keep their model and their connection, the gateway reconnects by
 * itself (same process, backoff), and stores every alarm it received exactly once; across an
 * orderly broker restart, every alarm the broker acknowledged to the publisher is stored once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayProcess, tempDataDir } from '../support/gatewayProcess';
import {
  type AlarmPublisher,
  connectAlarmPublisher,
  mqttHealth,
  notExactlyOnce,
  startMqttGateway,
  storedAlarmCounts,
} from '../support/mqttFeeds';
import { type PrivateService, serviceAvailable, startPrivateMosquitto } from '../support/privateServices';
import { followModel, getJson } from '../support/socketWaits';

const available = serviceAvailable('mosquitto');
let broker: PrivateService;
let publisher: AlarmPublisher | null = null;
let gateway: GatewayProcess | null = null;

beforeAll(async () => {
  if (available) broker = await startPrivateMosquitto();
});
afterAll(async () => {
  await gateway?.kill('SIGKILL');
  await publisher?.close();
  await broker?.dispose();
});

describe.skipIf(!available)('MQTT broker restart under load (private Mosquitto)', () => {
  it('reports the outage, keeps the walls, reconnects by itself; stores what it got once, and all that was acknowledged across an orderly restart', {
    timeout: 120_000,
  }, async () => {
    const dataDir = tempDataDir();
    const g = await startMqttGateway(
      { MQTT_URL: broker.url, MQTT_CLIENT_ID: 'wall-test-broker-restart' },
      { dataDir },
    );
    gateway = g;
    const wall = followModel(g.url);
    const pub = await connectAlarmPublisher(broker.url);
    publisher = pub;
    const stream = pub.startStream('LOAD');
    const alarmCount = () => Object.keys(wall.model()?.alarms ?? {}).length;
    await wall.until((m) => Object.keys(m.alarms).length >= 100, '100 alarms over MQTT', 30_000);

    await broker.stop(true);
    const ackedAtKill = pub.acked.length;
    await expect.poll(async () => (await mqttHealth(g.url)).state).toBe('down');
    const down = await mqttHealth(g.url);
    expect(down.gatewayStatus).toBe('degraded');
    expect(down.lastError).toMatch(/connection lost|ECONNREFUSED/);
    await expect.poll(async () => (await mqttHealth(g.url)).reconnectAttempts).toBeGreaterThanOrEqual(2);
    expect((await mqttHealth(g.url)).lastError).toMatch(/ECONNREFUSED/);
    // The walls keep what they have, and stay connected to the gateway.
    const keptAlarms = alarmCount();
    expect(keptAlarms).toBeGreaterThanOrEqual(100);
    expect(wall.socket.connected).toBe(true);
    const live = await getJson(`${g.url}api/live`);
    expect(Object.keys(live.body.model.alarms).length).toBe(keptAlarms);

    await broker.start();
    await expect.poll(async () => (await mqttHealth(g.url)).state, { timeout: 45_000 }).toBe('connected');
    const back = await mqttHealth(g.url);
    expect(back.connects).toBe(2);
    expect(back.reconnectAttempts).toBe(0);
    expect(back.gatewayStatus).toBe('ok');
    expect(g.child.exitCode).toBeNull();

    // A hard-killed Mosquitto may also lose the gateway's session (killed before its autosave
    // held it): the gateway subscribes again at once, and what was published between the
    // broker's restart and that subscription is the broker's loss as well (docs/mqtt.md).
    const ackedAtResubscribe = pub.acked.length;
    const brokerLossUpTo = back.sessionPresent ? ackedAtKill : ackedAtResubscribe;

    // The publisher carries on through the outage (mqtt.js sends what was in flight again).
    const ackedAtRestart = pub.acked.length;
    await expect.poll(() => pub.acked.length, { timeout: 30_000 }).toBeGreaterThan(ackedAtRestart + 100);

    // A hard-killed Mosquitto loses what it acknowledged since its last autosave (the broker's
    // own guarantee, docs/mqtt.md). A broker that stops in order keeps all of it: from here
    // on, every alarm the publisher got a PUBACK for must reach the store, once.
    const orderlyFrom = pub.acked.length;
    await broker.stop();
    await expect.poll(async () => (await mqttHealth(g.url)).state).toBe('down');
    await broker.start();
    await expect.poll(async () => (await mqttHealth(g.url)).state, { timeout: 45_000 }).toBe('connected');
    const ackedAtSecondRestart = pub.acked.length;
    await expect
      .poll(() => pub.acked.length, { timeout: 30_000 })
      .toBeGreaterThan(ackedAtSecondRestart + 100);
    await stream.stop();
    // Acknowledged before the kill (or before the resubscription, when the broker lost the
    // session) but never delivered to the gateway: the broker's loss.
    const lostByBroker = new Set(
      pub.acked.slice(0, brokerLossUpTo).filter((id) => live.body.model.alarms[id] === undefined),
    );
    const mustHave = pub.acked.filter((id) => !lostByBroker.has(id));
    const fromOrderlyStop = pub.acked.slice(orderlyFrom);
    await wall.until(
      (m) => mustHave.every((id) => m.alarms[id] !== undefined),
      'every alarm the gateway had, and every one acknowledged after the hard kill',
      30_000,
    );
    expect(wall.socket.connected).toBe(true);
    expect(wall.gaps).toBe(0);
    expect((await mqttHealth(g.url)).connects).toBe(3);
    await g.kill('SIGTERM');
    wall.close();
    const stored = storedAlarmCounts(dataDir);
    expect(notExactlyOnce(mustHave, stored)).toEqual({});
    expect(notExactlyOnce(fromOrderlyStop, stored)).toEqual({});
    // Nothing twice, whatever the broker redelivered after its restarts.
    expect([...stored.values()].filter((n) => n > 1)).toEqual([]);
  });
});
