/**
 * A read-through cache in front of any AggregateStore: the series of an (granularity, area,
 * category) is read whole once and then answered from memory, and every write that goes
 * through this wrapper is applied to the cached copy as well — so a year of daily points costs
 * no database read. Bounded: the least recently used series are dropped.
 */
import { parseRowKey } from '../../live-model/aggregates/createAggregateFolder';
import type { AggregateStore, RowDeltas, SeriesQuery } from './AggregateStore';

type Series = Map<string, number[]>;

const seriesKey = (gran: string, area: string, category: string) => `${gran}\u0000${area}\u0000${category}`;
const ALL = { from: '0000', to: '9999' };

export function createCachedAggregateStore(inner: AggregateStore, maxSeries = 300): AggregateStore {
  const cache = new Map<string, Series>();
  let writes = 0;

  const apply = (rows: RowDeltas) => {
    for (const [key, delta] of rows) {
      const k = parseRowKey(key);
      const series = cache.get(seriesKey(k.gran, k.area, k.category));
      if (!series) continue;
      const row = series.get(k.bucket) ?? delta.map(() => 0);
      for (let i = 0; i < row.length; i++) row[i] = (row[i] as number) + (delta[i] ?? 0);
      series.set(k.bucket, row);
    }
  };

  async function load(gran: SeriesQuery['gran'], area: string, category: string): Promise<Series> {
    const key = seriesKey(gran, area, category);
    let series = cache.get(key);
    if (series) {
      cache.delete(key);
      cache.set(key, series);
      return series;
    }
    // A write that lands while the series is read (an async store) would be missing from the copy:
    // then read again, and after a few tries answer without caching.
    for (let attempt = 0; ; attempt++) {
      const before = writes;
      series = await inner.series({ gran, area, category, ...ALL });
      if (writes === before) break;
      if (attempt === 2) return series;
    }
    cache.set(key, series);
    if (cache.size > maxSeries) cache.delete(cache.keys().next().value as string);
    return series;
  }

  return {
    ...inner,
    kind: `${inner.kind}+cache`,
    watermark: () => inner.watermark(),
    loadItems: () => inner.loadItems(),
    async commit(change) {
      writes++;
      await inner.commit(change);
      apply(change.rows);
    },
    async importRows(rows) {
      writes++;
      await inner.importRows(rows);
      apply(rows);
    },
    async series(q) {
      const series = await load(q.gran, q.area, q.category);
      const out: Series = new Map();
      for (const [bucket, row] of series) if (bucket >= q.from && bucket <= q.to) out.set(bucket, [...row]);
      return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
    },
    totalsByArea: (q) => inner.totalsByArea(q),
    totalsByCategory: (q) => inner.totalsByCategory(q),
    async pruneHours(before) {
      writes++;
      await inner.pruneHours(before);
      for (const [key, series] of cache)
        if (key.startsWith('hour\u0000'))
          for (const bucket of [...series.keys()]) if (bucket < before) series.delete(bucket);
    },
    async clearDerived() {
      writes++;
      await inner.clearDerived();
      cache.clear();
    },
    getMeta: (key) => inner.getMeta(key),
    refresh() {
      writes++;
      cache.clear();
    },
    setMeta: (key, value) => inner.setMeta(key, value),
  };
}
