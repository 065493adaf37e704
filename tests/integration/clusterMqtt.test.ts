/**
 * MQTT ingest in a cluster: only the ingest owner subscribes (one client id, one persistent
 * session for the whole cluster); a follower says standby. When the owner dies, the new
 * owner takes the session over, and what was published in between arrives.
 */
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { alarmInput } from '../fixtures/feedItems';
import {
  type ClusterGateway,
  SHARED_REDIS_URL,
  sharedRedisReachable,
  startOwnerAndFollower,
  testPrefix,
  untilCluster,
} from '../support/clusterGateways';
import { type PrivateService, serviceAvailable, startPrivateMosquitto } from '../support/privateServices';
import { followModel, getJson, type ModelFollower } from '../support/socketWaits';

const available = (await sharedRedisReachable()) && serviceAvailable('mosquitto');
const running: ClusterGateway[] = [];
const clients: ModelFollower[] = [];
let broker: PrivateService | null = null;
afterAll(async () => {
  for (const c of clients) c.close();
  for (const g of running) await g.kill('SIGKILL');
  await broker?.dispose();
});

const mqttOf = async (g: ClusterGateway) => (await getJson(`${g.url}health`, null)).body.features.mqtt;

describe.skipIf(!available)('cluster: MQTT ingest follows the lease', () => {
  it('only the owner subscribes; after a takeover the new owner gets what was published meanwhile', async () => {
    broker = await startPrivateMosquitto();
    const prefix = testPrefix();
    const env = { MQTT_URL: broker.url };
    const [a, b] = await startOwnerAndFollower(['mq-a', 'mq-b'], SHARED_REDIS_URL, prefix, running, env);
    await expect.poll(() => mqttOf(a), { timeout: 15_000 }).toMatchObject({ state: 'connected' });
    expect(await mqttOf(b)).toMatchObject({ state: 'standby' });

    const feed = await mqtt.connectAsync(broker.url, { clientId: `feed-${prefix}` });
    try {
      const onB = followModel(b.url);
      clients.push(onB);
      await feed.publishAsync('wall/feeds/alarms', JSON.stringify(alarmInput({ id: 'MQ-1' })), { qos: 1 });
      await onB.until((m) => m.alarms['MQ-1'] !== undefined, 'the first MQTT alarm, through the owner');

      await a.kill('SIGKILL');
      // Published while nobody owns ingest: the broker keeps it in the cluster's session.
      await feed.publishAsync('wall/feeds/alarms', JSON.stringify(alarmInput({ id: 'MQ-2' })), { qos: 1 });
      await untilCluster(b, { role: 'owner', takeovers: 1 }, 20_000);
      await onB.until((m) => m.alarms['MQ-2'] !== undefined, 'the alarm published during the handover');
      await expect.poll(() => mqttOf(b), { timeout: 15_000 }).toMatchObject({ state: 'connected' });
    } finally {
      await feed.endAsync();
    }
  }, 90_000);
});
