/**
 * Fault: the cluster's Redis (a private one on a free port) is killed under load. Both
 * gateways say so on /health, keep their screens connected and served — the owner goes on
 * ingesting and publishing to its own screens — and once Redis is back the cluster recovers
 * by itself: the follower takes the owner's snapshot and its screens reach the owner's seq.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { alarmInput } from '../fixtures/feedItems';
import {
  type ClusterGateway,
  startOwnerAndFollower,
  testPrefix,
  untilCluster,
} from '../support/clusterGateways';
import { type PrivateService, serviceAvailable, startPrivateRedis } from '../support/privateServices';
import { followModel, getJson, type ModelFollower, postJson } from '../support/socketWaits';

const available = serviceAvailable('redis');
const running: ClusterGateway[] = [];
const clients: ModelFollower[] = [];
let redis: PrivateService | null = null;
let loading = true;
afterAll(async () => {
  loading = false;
  for (const c of clients) c.close();
  for (const g of running) await g.kill('SIGKILL');
  await redis?.dispose();
});

const alarmsOf = (s: ModelFollower) => Object.keys(s.model()?.alarms ?? {}).length;

describe.skipIf(!available)('cluster: Redis stopped under load', () => {
  it('reports Redis down, keeps serving the walls, recovers and resyncs without a restart', async () => {
    redis = await startPrivateRedis();
    const prefix = testPrefix();
    const [a, b] = await startOwnerAndFollower(['gw-a', 'gw-b'], redis.url, prefix, running);
    const onA = followModel(a.url);
    const onB = followModel(b.url);
    clients.push(onA, onB);

    // A steady feed into the owner: ten alarms every 20 ms (a pace, not a wait for anything).
    let sent = 0;
    let accepted = 0;
    const load = (async () => {
      while (loading) {
        const batch = Array.from({ length: 10 }, (_, i) =>
          alarmInput({ id: `RF-${sent + i}`, severity: 'yellow' }),
        );
        sent += 10;
        // A refused or failed post is simply not counted (accepted says what the owner took).
        const r = await postJson(`${a.url}ingest/alarms`, batch).catch(() => ({ status: 0, body: {} }));
        if (r.status === 202) accepted += r.body.accepted as number;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await onB.until((m) => Object.keys(m.alarms).length >= 100, 'the follower screen to see 100 alarms');

    const resyncsBefore = (await b.cluster()).resyncs as number;
    await redis.stop(true);
    await untilCluster(a, { redis: 'down', role: 'owner' });
    await untilCluster(b, { redis: 'down', role: 'follower' });
    expect((await getJson(`${b.url}health`, null)).body.status).toBe('degraded');
    // The owner still ingests and publishes to its own screens; the follower's screens keep
    // their connection and what they had.
    const heldByB = alarmsOf(onB);
    const atStop = alarmsOf(onA);
    await onA.until((m) => Object.keys(m.alarms).length >= atStop + 100, 'the owner screen to go on');
    expect(onB.socket.connected).toBe(true);
    expect(alarmsOf(onB)).toBeGreaterThanOrEqual(heldByB);

    await redis.start();
    await untilCluster(a, { redis: 'up', role: 'owner' });
    await untilCluster(b, { redis: 'up', role: 'follower', owner: { id: 'gw-a' } });
    const resumed = alarmsOf(onA);
    await onB.until((m) => Object.keys(m.alarms).length > resumed, 'the follower to pass the outage');
    loading = false;
    await load;

    const owner = (await getJson(`${a.url}api/live`)).body;
    expect(Object.keys(owner.model.alarms)).toHaveLength(accepted);
    for (const s of [onA, onB])
      await s.until((_m, seq) => seq >= owner.seq, `a screen at the owner's seq ${owner.seq}`);
    expect(onB.model()).toEqual(onA.model());
    expect(alarmsOf(onB)).toBe(accepted);
    // The deltas published during the outage never reached the stream: the follower saw the gap.
    expect((await b.cluster()).resyncs).toBeGreaterThan(resyncsBefore);
  }, 120_000);
});
