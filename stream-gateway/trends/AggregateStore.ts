/**
 * Where the trend aggregates live. SQLite is the embedded default; a PostgreSQL
 * implementation only has to pass the same contract tests (aggregateStoreContract.ts).
 *
 * Rows are keyed by granularity (`day`/`hour`), bucket label in TZ (`2026-11-24`,
 * `2026-11-24T20`), area (`''` district, `t:<township>`, `g:<grid>`) and category (`''`
 * all); values are in MEASURES order. Two sources add up: rows derived from the log
 * (rebuildable) and rows imported as history that the log does not hold.
 */
import type { ItemState } from '../../live-model/aggregates/createAggregateFolder';

export type RowDeltas = ReadonlyMap<string, readonly number[]>;

export interface DerivedChange {
  /** Row key (rowKeyOf) → deltas to add. */
  rows: RowDeltas;
  /** Items whose contribution changed: their new state. */
  items: ReadonlyMap<string, ItemState>;
  /** Items to forget (idle long enough). */
  forget: readonly string[];
  /** The log position these changes bring the aggregates to. */
  seq: number;
  /**
   * The watermark these changes were folded from. When given, the commit is a compare-and-set:
   * if the stored watermark is not this (another writer moved it, e.g. a new cluster owner on a
   * shared store), nothing is written and the commit rejects with WatermarkMovedError.
   */
  from?: number;
}

/** A commit refused because the stored watermark is not the one its changes were folded from. */
export class WatermarkMovedError extends Error {
  constructor(
    readonly expected: number,
    readonly found: number,
  ) {
    super(`trend aggregates moved on elsewhere (watermark ${found}, expected ${expected}): commit refused`);
    this.name = 'WatermarkMovedError';
  }
}

export interface SeriesQuery {
  gran: 'day' | 'hour';
  /** First and last bucket labels, inclusive. */
  from: string;
  to: string;
  area: string;
  category: string;
}

export interface AggregateStore {
  readonly kind: string;
  /** The last log seq folded into the derived rows (0 when none). */
  watermark(): Promise<number>;
  /** Item states saved with the derived rows (to go on folding after a restart). */
  loadItems(): Promise<[string, ItemState][]>;
  /** Adds derived row deltas, saves item states and moves the watermark, all or nothing (see `from`). */
  commit(change: DerivedChange): Promise<void>;
  /** Adds imported history rows (not in the log; a rebuild keeps them). */
  importRows(rows: RowDeltas): Promise<void>;
  /** Per bucket: the sum over both sources for one area and category. */
  series(q: SeriesQuery): Promise<Map<string, number[]>>;
  /** Per area of a level (`t:` or `g:`): totals over [from, to] (all categories). */
  totalsByArea(
    q: Omit<SeriesQuery, 'area' | 'category'> & { level: 't:' | 'g:' },
  ): Promise<Map<string, number[]>>;
  /** Per category: totals over [from, to] for one area (the district or a township). */
  totalsByCategory(q: Omit<SeriesQuery, 'category'>): Promise<Map<string, number[]>>;
  /** Drops hour rows before a bucket label (hours are kept for recent days only). */
  pruneHours(beforeBucket: string): Promise<void>;
  /** Forgets everything derived from the log (rows, items, watermark); imported rows stay. */
  clearDerived(): Promise<void>;
  getMeta(key: string): Promise<string | null>;
  /** Drops what is held in memory (another process may have written): the cached store. */
  refresh?(): void;
  setMeta(key: string, value: string): Promise<void>;
}
