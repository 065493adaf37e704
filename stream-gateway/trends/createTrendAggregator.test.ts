/**
 * The aggregator when its store fails a write (PostgreSQL behind a relay that drops every
 * connection): it says `failed`, and at the next batch after the store is back it folds
 * again from the store's watermark — the rows end equal to a fresh fold of the whole log.
 * Several aggregators on one store (a cluster): each batch is counted once, and only the
 * writer (the ingest owner) folds; a new writer continues from the shared watermark.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { createEmptyModel } from '../../live-model/createEmptyModel';
import { alarmInput, T0 } from '../../tests/fixtures/feedItems';
import { postgresReachable, testSchema } from '../../tests/support/postgres';
import { startTcpRelay } from '../../tests/support/tcpRelay';
import { createClusterRoles, ownerWrites } from '../cluster/whileOwner';
import { createPipeline } from '../pipeline/createPipeline';
import type { EventStore } from '../store/EventStore';
import { createPgDatabase } from '../store/pgDatabase';
import { rebuildModel } from '../store/rebuildModel';
import { createSqliteDatabase, createSqliteEventStore } from '../store/sqliteEventStore';
import type { AggregateStore } from './AggregateStore';
import { createCachedAggregateStore } from './createCachedAggregateStore';
import { createTrendAggregator } from './createTrendAggregator';
import { loadPeaceIndexConfig } from './loadPeaceIndexConfig';
import { createPgAggregateStore } from './pgAggregateStore';
import { createSqliteAggregateStore } from './sqliteAggregateStore';

const reachable = await postgresReachable();
const TZ = 'Asia/Shanghai';
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const peace = loadPeaceIndexConfig();
if (!peace.ok) throw new Error(peace.reason);
const classes = peace.config.categoryClasses;
const DAYS = { gran: 'day' as const, from: '2026-11-01', to: '2026-11-30', area: '', category: '' };

/** A pipeline on `store` a minute after T0, and what an aggregator needs besides its AggregateStore. */
function livePipeline(store: EventStore) {
  const now = () => Date.parse(T0) + 60_000;
  const pipeline = createPipeline({
    store,
    initial: { seq: 0, model: createEmptyModel() },
    places: null,
    tz: TZ,
    now,
  });
  return {
    pipeline,
    deps: { pipeline, store, classes, tz: TZ, now, logger: quiet },
  };
}

describe.skipIf(!reachable)('trend aggregator after a failed write', () => {
  it('says failed, then folds again from the watermark once the store is back', async () => {
    const schema = await testSchema();
    const relay = await startTcpRelay(schema.url);
    onTestFinished(() => relay.close());
    const db = createPgDatabase(relay.url, { schema: schema.schema, max: 2 });
    onTestFinished(() => db.close());
    const aggregates = createCachedAggregateStore(await createPgAggregateStore(db));
    const store = createSqliteEventStore(createSqliteDatabase(':memory:'));
    const { pipeline, deps } = livePipeline(store);
    const aggregator = createTrendAggregator({ ...deps, aggregates });
    await aggregator.ready;
    // Read once so that the cache holds the series and must stay right too.
    expect((await aggregates.series(DAYS)).size).toBe(0);

    await pipeline.ingest('alarms', [alarmInput({ id: 'A1' })]);
    await aggregator.settled();
    relay.refuse(true);
    await pipeline.ingest('alarms', [alarmInput({ id: 'A2' }), alarmInput({ id: 'A3', severity: 'yellow' })]);
    await aggregator.settled();
    expect(aggregator.health().state).toBe('failed');

    relay.refuse(false);
    await pipeline.ingest('alarms', [alarmInput({ id: 'A4', severity: 'yellow' })]);
    await aggregator.settled();
    expect(aggregator.health()).toMatchObject({ state: 'ready', seq: pipeline.seq });

    const fresh: AggregateStore = createSqliteAggregateStore(createSqliteDatabase(':memory:'));
    await createTrendAggregator({ ...deps, aggregates: fresh }).ready;
    const expected = await fresh.series(DAYS);
    expect([...expected.values()].map((row) => row[0])).toEqual([4]);
    expect(await aggregates.series(DAYS)).toEqual(expected);
    expect(await (await createPgAggregateStore(schema.database())).series(DAYS)).toEqual(expected);
  });
});

describe('trend aggregators sharing one aggregate store (a cluster on one database)', () => {
  const setup = () => {
    const db = createSqliteDatabase(':memory:');
    const shared = createSqliteAggregateStore(db);
    const store = createSqliteEventStore(db);
    const { pipeline, deps } = livePipeline(store);
    const alarms = async () => [...(await shared.series(DAYS)).values()].map((row) => row[0]);
    return { shared, pipeline, deps, alarms };
  };
  it('counts each batch once when two of them fold it (the watermark compare-and-set)', async () => {
    const { shared, pipeline, deps, alarms } = setup();
    // Each behind a cache of its own, as two processes would be.
    const one = createTrendAggregator({ ...deps, aggregates: createCachedAggregateStore(shared) });
    const two = createTrendAggregator({ ...deps, aggregates: createCachedAggregateStore(shared) });
    await Promise.all([one.ready, two.ready]);
    for (const id of ['A1', 'A2', 'A3']) {
      await pipeline.ingest('alarms', [alarmInput({ id, severity: 'yellow' })]);
      await Promise.all([one.settled(), two.settled()]);
    }
    expect(await alarms()).toEqual([3]);
    expect(await shared.watermark()).toBe(pipeline.seq);
    expect([one.health().state, two.health().state]).toEqual(['ready', 'ready']);
  });

  it('lets only the writer fold; a new writer continues from the shared watermark', async () => {
    const { shared, pipeline, deps, alarms } = setup();
    const [rolesA, rolesB] = [createClusterRoles(), createClusterRoles()];
    rolesA.set('owner');
    const a = createTrendAggregator({
      ...deps,
      aggregates: createCachedAggregateStore(shared),
      writer: ownerWrites(rolesA),
    });
    const b = createTrendAggregator({
      ...deps,
      aggregates: createCachedAggregateStore(shared),
      writer: ownerWrites(rolesB),
    });
    await Promise.all([a.ready, b.ready]);
    await pipeline.ingest('alarms', [alarmInput({ id: 'A1', severity: 'yellow' })]);
    await Promise.all([a.settled(), b.settled()]);
    expect(await alarms()).toEqual([1]);
    expect(b.health().state).toBe('following');
    await expect(b.rebuild()).rejects.toThrow(/another gateway writes/);

    // A handover: a batch committed while nobody folds (the old owner died before folding it).
    rolesA.set('follower');
    await pipeline.ingest('alarms', [alarmInput({ id: 'A2', severity: 'yellow' })]);
    await a.settled();
    expect(await alarms()).toEqual([1]);
    rolesB.set('owner');
    await b.settled();
    expect(await alarms()).toEqual([2]);
    await pipeline.ingest('alarms', [alarmInput({ id: 'A3', severity: 'yellow' })]);
    await Promise.all([a.settled(), b.settled()]);
    expect(await alarms()).toEqual([3]);
    expect([a.health().state, b.health()]).toEqual(['following', { state: 'ready', seq: 3, items: 3 }]);
  });

  it('folds from the log what the pipeline skipped when it continued from the shared log', async () => {
    const { shared, pipeline, deps, alarms } = setup();
    const aggregator = createTrendAggregator({ ...deps, aggregates: createCachedAggregateStore(shared) });
    await aggregator.ready;
    await pipeline.ingest('alarms', [alarmInput({ id: 'A1', severity: 'yellow' })]);
    // A stalled owner's write lands in the shared log; this pipeline continues from the log.
    const stalled = livePipeline(deps.store).pipeline;
    await stalled.follow({ seq: pipeline.seq, model: pipeline.model });
    await stalled.ingest('alarms', [alarmInput({ id: 'A2', severity: 'yellow' })]);
    await pipeline.follow(await rebuildModel(deps.store));
    await pipeline.ingest('alarms', [alarmInput({ id: 'A3', severity: 'yellow' })]);
    await aggregator.settled();
    expect(await alarms()).toEqual([3]);
    expect(aggregator.health()).toMatchObject({ state: 'ready', seq: 3 });
  });
});
