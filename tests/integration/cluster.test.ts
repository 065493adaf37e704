/**
 * Two gateway processes behind the machine's Redis (a key prefix of their own): one owns
 * ingest, the other follows. Screens on either gateway receive the same deltas in the same
 * seq order with nothing missing, ingest sent to the follower reaches the owner, and a focus
 * set on one gateway's screen reaches the same wall's screen on the other (docs/topology.md).
 */

import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import type { WallView } from '../../protocol/wallView';
import { createPgDatabase } from '../../stream-gateway/store/pgDatabase';
import { createPgEventStore } from '../../stream-gateway/store/pgEventStore';
import { alarmInput, alarmRecord } from '../fixtures/feedItems';
import {
  type ClusterGateway,
  SHARED_REDIS_URL,
  sharedRedisReachable,
  startClusterGateway,
  startOwnerAndFollower,
  testPrefix,
  untilCluster,
} from '../support/clusterGateways';
import { TEST_ADMIN_TOKEN } from '../support/gatewayProcess';
import { freshSchema, postgresReachable } from '../support/postgres';
import { followModel, getJson, type ModelFollower, postJson } from '../support/socketWaits';

const reachable = await sharedRedisReachable();
const withPostgres = reachable && (await postgresReachable());
const running: ClusterGateway[] = [];
const clients: ModelFollower[] = [];
afterAll(async () => {
  for (const c of clients) c.close();
  for (const g of running) await g.kill('SIGKILL');
});

const alarmBatch = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) =>
    alarmInput({ id: `CL-${from + i}`, severity: (from + i) % 7 === 0 ? 'red' : 'yellow' }),
  );

describe.skipIf(!reachable)('several gateways behind one Redis', () => {
  it('every screen on every gateway gets the same deltas in seq order; a focus crosses gateways', async () => {
    const prefix = testPrefix();
    const [a, b] = await startOwnerAndFollower(['gw-a', 'gw-b'], SHARED_REDIS_URL, prefix, running);

    const screen = (g: ClusterGateway, name: string) => {
      const c = followModel(g.url, { token: TEST_ADMIN_TOKEN, wall: 'hall-1', screen: name });
      clients.push(c);
      return c;
    };
    const screens = [screen(a, 'left'), screen(a, 'centre'), screen(b, 'right'), screen(b, 'left')];
    await Promise.all(screens.map((s) => s.until(() => true, 'the first snapshot')));

    // 300 alarms at the owner, 100 at the follower (forwarded to the owner), in small batches.
    const answers = [];
    for (let i = 0; i < 300; i += 20)
      answers.push(await postJson(`${a.url}ingest/alarms`, alarmBatch(i, 20)));
    for (let i = 300; i < 400; i += 20)
      answers.push(await postJson(`${b.url}ingest/alarms`, alarmBatch(i, 20)));
    expect(answers.map((r) => [r.status, r.body.accepted])).toEqual(answers.map(() => [202, 20]));

    const ownerSeq = (await getJson(`${a.url}api/live`)).body.seq as number;
    await Promise.all(
      screens.map((s) =>
        s.until((m, seq) => seq >= ownerSeq && Object.keys(m.alarms).length === 400, '400 alarms'),
      ),
    );
    for (const s of screens) expect(s.gaps).toBe(0);
    // From the latest first snapshot on, every screen saw the very same deltas, in seq order.
    const since = Math.max(...screens.map((s) => s.snapshots[0]?.seq ?? 0));
    const after = (s: ModelFollower) => s.deltas.filter((d) => d.fromSeq > since);
    const reference = after(screens[0] as ModelFollower);
    expect(reference.length).toBeGreaterThan(1);
    const seqs = reference.map((d) => d.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    for (const s of screens.slice(1)) expect(after(s)).toEqual(reference);
    const models = screens.map((s) => s.model());
    for (const m of models.slice(1)) expect(m).toEqual(models[0]);
    expect(Object.keys(models[0]?.alarms ?? {})).toHaveLength(400);

    // A focus set on a screen of gateway A reaches the same wall's screen on gateway B.
    const onB = new Promise<WallView>((resolve) =>
      screens[2]?.socket.on('view', (v) => {
        if (v.focus?.id === 'CL-7') resolve(v);
      }),
    );
    const set = await screens[0]?.socket
      .timeout(5000)
      .emitWithAck('view:set', { focus: { kind: 'alarm', id: 'CL-7' } });
    expect(set).toMatchObject({ ok: true });
    expect((await onB).focus).toMatchObject({ kind: 'alarm', id: 'CL-7' });
    // …and gateway B remembers it for a screen that joins later.
    const late = screen(b, 'centre');
    const first = await new Promise<WallView>((resolve) => late.socket.once('view', resolve));
    expect(first.focus).toMatchObject({ kind: 'alarm', id: 'CL-7' });

    // A wall token issued through the follower (the request goes to the owner, the token lives
    // there) opens a screen on the follower: it asks the owner who the token is.
    const issued = await postJson(`${b.url}api/tokens`, {
      role: 'wall',
      label: 'hall-1 screens',
      wall: 'hall-1',
    });
    expect(issued.status).toBe(201);
    const walled = followModel(b.url, { token: issued.body.token as string, screen: 'left' });
    clients.push(walled);
    const itsView = await new Promise<WallView>((resolve) => walled.socket.once('view', resolve));
    expect(itsView.wall).toBe('hall-1');
    await walled.until(
      (m) => Object.keys(m.alarms).length === 400,
      'the model, on a token only the owner knows',
    );
    const stranger = followModel(b.url, { token: 'not-a-token-of-this-cluster' });
    clients.push(stranger);
    const refused = await new Promise<Error>((resolve) => stranger.socket.once('connect_error', resolve));
    expect(refused.message).toMatch(/^unauthorized/);

    const health = await b.cluster();
    expect(health).toMatchObject({ role: 'follower', owner: { id: 'gw-a' } });
    expect(health.relayed).toBeGreaterThan(1);

    // Something else writes garbage into the stream: the follower skips it, counts it, stays up.
    const redis = new Redis(SHARED_REDIS_URL);
    try {
      await redis.xadd(`${prefix}:deltas`, '*', 'e', '1', 'd', '{"not":"a delta"}');
      await untilCluster(b, { role: 'follower', malformed: 1 });
      expect((await getJson(`${b.url}health`, null)).status).toBe(200);
    } finally {
      await redis.quit();
    }
  }, 90_000);

  it('a follower takes over when the owner dies, continues the seq, and a new gateway follows it', async () => {
    const prefix = testPrefix();
    const [a, b] = await startOwnerAndFollower(['gw-a', 'gw-b'], SHARED_REDIS_URL, prefix, running);
    const onB = followModel(b.url);
    clients.push(onB);
    const first = await postJson(`${a.url}ingest/alarms`, alarmBatch(1000, 50));
    expect(first.body.accepted).toBe(50);
    await onB.until((m) => Object.keys(m.alarms).length === 50, '50 alarms on the follower');
    const before = onB.seq() as number;

    await a.kill('SIGKILL');
    await untilCluster(b, { role: 'owner', owner: { id: 'gw-b' }, takeovers: 1 }, 20_000);
    const second = await postJson(`${b.url}ingest/alarms`, alarmBatch(2000, 50));
    expect(second.body.accepted).toBe(50);
    await onB.until((m) => Object.keys(m.alarms).length === 100, '100 alarms after the takeover');
    // The screen went on from where it was: later seqs, no gap, no new snapshot.
    expect(onB.seq()).toBeGreaterThan(before);
    expect(onB.gaps).toBe(0);
    expect(onB.snapshots).toHaveLength(1);

    const c = await startClusterGateway('gw-c', SHARED_REDIS_URL, prefix);
    running.push(c);
    await untilCluster(c, { role: 'follower', owner: { id: 'gw-b' }, resyncing: false });
    const onC = followModel(c.url);
    clients.push(onC);
    await onC.until((m) => Object.keys(m.alarms).length === 100, 'the new gateway to show all 100');
  }, 90_000);

  it.skipIf(!withPostgres)(
    'with a shared PostgreSQL store the new owner continues from the log: nothing accepted is lost',
    async () => {
      const schema = await freshSchema();
      onTestFinished(() => schema.drop());
      const prefix = testPrefix();
      const env = { DATABASE_URL: schema.url };
      const [a, b] = await startOwnerAndFollower(['pg-a', 'pg-b'], SHARED_REDIS_URL, prefix, running, env);
      const onB = followModel(b.url);
      clients.push(onB);
      await onB.until(() => true, 'the first snapshot');

      // Yellow alarms wait for the coalescing window: the owner dies before it publishes them.
      const batch = Array.from({ length: 30 }, (_, i) => alarmInput({ id: `PG-${i}`, severity: 'yellow' }));
      const answer = await postJson(`${a.url}ingest/alarms`, batch);
      await a.kill('SIGKILL');
      expect(answer.body.accepted).toBe(30);
      await untilCluster(b, { role: 'owner', owner: { id: 'pg-b' }, takeovers: 1 }, 20_000);
      await onB.until((m) => Object.keys(m.alarms).length === 30, 'every accepted alarm after the takeover');
      const more = await postJson(
        `${b.url}ingest/alarms`,
        alarmInput({ id: 'PG-after', severity: 'yellow' }),
      );
      expect(more.body.accepted).toBe(1);
      await onB.until((m) => m.alarms['PG-after'] !== undefined, 'ingest on the new owner');
      expect(Object.keys(onB.model()?.alarms ?? {})).toHaveLength(31);

      // An owner that stalled past its lease writes once more into the shared log: the lease
      // holder continues from the log at its next renewal instead of colliding on that seq.
      const db = createPgDatabase(schema.url);
      try {
        const stalled = await createPgEventStore(db);
        const seq = (await stalled.lastSeq()) + 1;
        const data = alarmRecord({ id: 'PG-stalled', severity: 'yellow' });
        await stalled.append([{ seq, kind: 'alarm', at: new Date().toISOString(), drill: false, data }]);
      } finally {
        await db.close();
      }
      await onB.until((m) => m.alarms['PG-stalled'] !== undefined, 'the stalled write, from the shared log');
      const next = await postJson(`${b.url}ingest/alarms`, alarmInput({ id: 'PG-next', severity: 'yellow' }));
      expect(next).toMatchObject({ status: 202, body: { accepted: 1 } });
      await onB.until((m) => m.alarms['PG-next'] !== undefined, 'ingest going on after it');
    },
    90_000,
  );
});
