/**
 * A cluster on one PostgreSQL (docs/topology.md, docs/storage.md): two gateway processes on
 * the machine's Redis (a key prefix of their own) and one fresh schema. Only the ingest owner
 * folds the shared trend aggregates; a follower that restarts while the owner ingests, and a
 * follower that takes over from a SIGKILLed owner, never count an alarm twice or lose one:
 * the trend figures on every gateway equal what was accepted.
 */
import { setTimeout as pause } from 'node:timers/promises';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { alarmInput } from '../fixtures/feedItems';
import {
  type ClusterGateway,
  SHARED_REDIS_URL,
  sharedRedisReachable,
  startClusterGateway,
  startOwnerAndFollower,
  testPrefix,
  untilCluster,
} from '../support/clusterGateways';
import { freshSchema, postgresReachable } from '../support/postgres';
import { getJson, postJson } from '../support/socketWaits';

const reachable = (await sharedRedisReachable()) && (await postgresReachable());
const running: ClusterGateway[] = [];
afterAll(async () => {
  for (const g of running) await g.kill('SIGKILL');
});

/** Alarms and red alarms accepted so far (every fifth alarm is red). */
const accepted = { alarms: 0, redAlarms: 0 };
let next = 0;
async function ingest(g: ClusterGateway, n: number): Promise<void> {
  const batch = Array.from({ length: n }, (_, i) => {
    const k = next + i;
    return alarmInput({
      id: `CPG-${k}`,
      occurredAt: new Date().toISOString(),
      severity: k % 5 === 0 ? 'red' : 'yellow',
    });
  });
  next += n;
  const answer = await postJson(`${g.url}ingest/alarms`, batch);
  expect(answer).toMatchObject({ status: 202, body: { accepted: n } });
  accepted.alarms += n;
  accepted.redAlarms += batch.filter((a) => a.severity === 'red').length;
}

/** The daily trend figures a gateway answers (a follower forwards /api/* to the owner), summed. */
const counts = async (g: ClusterGateway) => {
  // Today, whatever the gateway's TZ, even if the test runs across its midnight.
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const r = await getJson(`${g.url}api/trends?from=${day(-1)}&to=${day(1)}`);
  const sum = { alarms: 0, redAlarms: 0 };
  for (const p of (r.body.points ?? []) as { counts: typeof sum }[]) {
    sum.alarms += p.counts.alarms;
    sum.redAlarms += p.counts.redAlarms;
  }
  return sum;
};
const untilCounted = (g: ClusterGateway) =>
  expect.poll(() => counts(g), { timeout: 15_000, interval: 200 }).toEqual({ ...accepted });
const trendsState = async (g: ClusterGateway) => (await getJson(`${g.url}health`)).body.features.trends.state;

describe.skipIf(!reachable)('a cluster on one PostgreSQL: the shared trend aggregates', () => {
  it('are folded by the owner only: no alarm counted twice across a follower restart under load and a takeover', async () => {
    const schema = await freshSchema();
    onTestFinished(() => schema.drop());
    const prefix = testPrefix();
    const env = { DATABASE_URL: schema.url };
    const [a, b] = await startOwnerAndFollower(['cpg-a', 'cpg-b'], SHARED_REDIS_URL, prefix, running, env);

    for (let i = 0; i < 5; i++) await ingest(a, 20);
    await untilCounted(a);
    await untilCounted(b);
    expect(await trendsState(a)).toBe('ready');
    expect(await trendsState(b)).toBe('following');

    // The follower restarts while the owner goes on ingesting: before, its start-up catch-up
    // folded the log into the shared aggregates too (or cleared them, being behind).
    await b.kill('SIGTERM');
    let loading = true;
    const load = (async () => {
      // A steady feed (about 100 alarms/s), not a flood: the machine is shared.
      while (loading) await Promise.all([ingest(a, 10), pause(100)]);
    })();
    const b2 = await startClusterGateway('cpg-b', SHARED_REDIS_URL, prefix, env);
    running.push(b2);
    await untilCluster(b2, { role: 'follower', owner: { id: 'cpg-a' }, resyncing: false });
    await ingest(a, 10);
    loading = false;
    await load;
    await untilCounted(a);
    await untilCounted(b2);
    expect(await trendsState(b2)).toBe('following');

    // The owner dies right after a batch was accepted (its fold may not have landed): the
    // follower takes over, continues from the shared watermark and folds the rest once.
    await ingest(a, 20);
    await a.kill('SIGKILL');
    await untilCluster(b2, { role: 'owner', owner: { id: 'cpg-b' }, takeovers: 1 }, 20_000);
    await untilCounted(b2);
    await ingest(b2, 20);
    await untilCounted(b2);
    expect(await trendsState(b2)).toBe('ready');

    // The old owner comes back as a follower: it reads the same figures and writes none.
    const a2 = await startClusterGateway('cpg-a', SHARED_REDIS_URL, prefix, env);
    running.push(a2);
    await untilCluster(a2, { role: 'follower', owner: { id: 'cpg-b' }, resyncing: false });
    await ingest(a2, 10); // forwarded to the owner
    await untilCounted(a2);
    await untilCounted(b2);
    expect(await trendsState(a2)).toBe('following');
    expect(accepted.alarms).toBeGreaterThan(180);
  }, 90_000);
});
