/**
 * The aggregator when its store fails a write (PostgreSQL behind a relay that drops every
 * connection): it says `failed`, and at the next batch after the store is back it folds
 * again from the store's watermark — the rows end equal to a fresh fold of the whole log.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { createEmptyModel } from '../../live-model/createEmptyModel';
import { alarmInput, T0 } from '../../tests/fixtures/feedItems';
import { postgresReachable, testSchema } from '../../tests/support/postgres';
import { startTcpRelay } from '../../tests/support/tcpRelay';
import { createPipeline } from '../pipeline/createPipeline';
import { createPgDatabase } from '../store/pgDatabase';
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
const DAYS = { gran: 'day' as const, from: '2026-11-01', to: '2026-11-30', area: '', category: '' };

describe.skipIf(!reachable)('trend aggregator after a failed write', () => {
  it('says failed, then folds again from the watermark once the store is back', async () => {
    const schema = await testSchema();
    const relay = await startTcpRelay(schema.url);
    onTestFinished(() => relay.close());
    const db = createPgDatabase(relay.url, { schema: schema.schema, max: 2 });
    onTestFinished(() => db.close());
    const aggregates = createCachedAggregateStore(await createPgAggregateStore(db));
    const store = createSqliteEventStore(createSqliteDatabase(':memory:'));
    const now = () => Date.parse(T0) + 60_000;
    const pipeline = createPipeline({
      store,
      initial: { seq: 0, model: createEmptyModel() },
      places: null,
      tz: TZ,
      now,
    });
    const deps = { pipeline, store, classes: peace.config.categoryClasses, tz: TZ, now, logger: quiet };
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
