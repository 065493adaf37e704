import { describe, expect, it } from 'vitest';
import { createStorageMonitor, StorageRefusal } from './createStorageMonitor';
import { createSqliteDatabase, createSqliteEventStore } from './sqliteEventStore';

const MB = 1024 * 1024;

function monitorWith(free: { mb: number }, t = { ms: 0 }) {
  const refused: string[] = [];
  const monitor = createStorageMonitor({
    dir: '/data',
    minFreeMb: 100,
    holdMs: 1000,
    now: () => t.ms,
    freeBytes: async () => free.mb * MB,
    onRefused: (r) => refused.push(r),
  });
  return { monitor, refused };
}

describe('createStorageMonitor', () => {
  it('refuses below the threshold and clears when space comes back', async () => {
    const free = { mb: 50 };
    const { monitor, refused } = monitorWith(free);
    const seen: (string | null)[] = [];
    monitor.onChange((a) => seen.push(a?.state ?? null));
    expect(await monitor.check()).toBe(true);
    expect(() => monitor.admit()).toThrow(StorageRefusal);
    expect(refused).toEqual([
      'storage low: 50 MB free for /data, below STORAGE_MIN_FREE_MB=100; new events are refused until space is freed',
    ]);
    expect(monitor.health()).toMatchObject({ state: 'down', freeMb: 50, minFreeMb: 100 });
    expect(await monitor.check()).toBe(false);
    free.mb = 500;
    expect(await monitor.check()).toBe(true);
    expect(() => monitor.admit()).not.toThrow();
    expect(seen).toEqual(['low', null]);
  });

  it('turns a real SQLITE_FULL into a refusal, holds it, and clears on the next good write', async () => {
    const t = { ms: 0 };
    const { monitor } = monitorWith({ mb: 500 }, t);
    await monitor.check();
    const db = createSqliteDatabase(':memory:');
    const store = monitor.watch(createSqliteEventStore(db));
    const big = (i: number) => ({ at: 'x', feed: 'alarms', reason: 'r', payload: 'p'.repeat(8000 + i) });
    db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + 2}`);
    const failure = await store.appendRejected([big(1), big(2), big(3)]).catch((e: Error) => e);
    expect(failure).toBeInstanceOf(StorageRefusal);
    expect((failure as Error).message).toMatch(
      /^storage full: the store refused a write \(database or disk is full\)/,
    );
    expect(monitor.alarm()?.state).toBe('full');
    expect(() => monitor.admit()).toThrow(StorageRefusal);
    t.ms = 1500;
    expect(() => monitor.admit()).not.toThrow();
    db.pragma('max_page_count = 1000000');
    await store.appendRejected([big(4)]);
    expect(monitor.alarm()).toBeNull();
    expect((await store.readRejected(10)).length).toBe(1);
  });
});
