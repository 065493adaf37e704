import { describe, expect, it } from 'vitest';
import { createEmptyModel } from '../../live-model/createEmptyModel';
import type { Envelope } from '../../protocol/log';
import { alarmRecord } from '../../tests/fixtures/feedItems';
import { createSqliteDatabase, createSqliteEventStore } from './sqliteEventStore';

const day = (d: number) => `2026-01-${String(d).padStart(2, '0')}T00:00:00.000Z`;
/** Ten alarms, one a day from 1 January. */
const log: Envelope[] = Array.from({ length: 10 }, (_, i) => ({
  seq: i + 1,
  kind: 'alarm',
  at: day(i + 1),
  drill: false,
  data: alarmRecord({ id: `A${i + 1}` }),
}));

async function storeWithLog(snapshotSeq: number | null) {
  const store = createSqliteEventStore(createSqliteDatabase(':memory:'));
  await store.append(log);
  if (snapshotSeq !== null) await store.saveSnapshot({ seq: snapshotSeq, model: createEmptyModel() });
  await store.appendRejected([
    { at: day(2), feed: 'alarms', reason: 'old', payload: '{}' },
    { at: day(9), feed: 'alarms', reason: 'new', payload: '{}' },
  ]);
  return store;
}

describe('sqliteEventStore.compact', () => {
  it('deletes the prefix logged before the cut-off and the older rejected entries', async () => {
    const store = await storeWithLog(10);
    const result = await store.compact?.({ before: day(6), maxSeq: 10 });
    expect(result).toEqual({ events: 5, rejected: 1, firstSeq: 6 });
    expect((await store.read(0, 100)).map((e) => e.seq)).toEqual([6, 7, 8, 9, 10]);
    expect((await store.readRejected(10)).map((r) => r.reason)).toEqual(['new']);
    expect(await store.lastSeq()).toBe(10);
  });

  it('never deletes past the latest snapshot or past what the readers folded', async () => {
    const behindSnapshot = await storeWithLog(3);
    expect(await behindSnapshot.compact?.({ before: day(9), maxSeq: 10 })).toMatchObject({ events: 3 });
    const behindReaders = await storeWithLog(10);
    expect(await behindReaders.compact?.({ before: day(9), maxSeq: 2 })).toMatchObject({ events: 2 });
    const noSnapshot = await storeWithLog(null);
    expect(await noSnapshot.compact?.({ before: day(9), maxSeq: 10 })).toMatchObject({
      events: 0,
      firstSeq: 1,
    });
  });
});
