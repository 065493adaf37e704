/**
 * Stable row slots for a deck.gl layer fed incrementally. Each item id keeps its row for as
 * long as it lives (a freed row is reused by the next new item), and every commit records
 * which rows changed. The layer gets a new small `data` object per commit and a `_dataDiff`
 * that returns those rows, so deck.gl recomputes and uploads only the changed rows of each
 * attribute instead of all 100,000.
 */

/** What a layer receives as `data`: not iterable, so accessors read `rows[index]`. */
export interface SlotData<R> {
  readonly length: number;
  readonly rows: readonly (R | null)[];
  readonly version: number;
}

export interface RowRange {
  startRow: number;
  endRow: number;
}

export interface SlotTable<R> {
  /** The data of the last commit (the same object until the next commit with changes). */
  readonly data: SlotData<R>;
  /** Live items (rows in use). */
  readonly size: number;
  slotOf(id: string): number | undefined;
  get(id: string): R | undefined;
  upsert(id: string, row: R): void;
  remove(id: string): void;
  /** Every row must be recomputed (e.g. ages moved on): the next diff is a full update. */
  touchAll(): void;
  /** Publishes the pending changes as a new `data` object; false when there were none. */
  commit(): boolean;
  /** deck.gl `_dataDiff`: the rows that changed between two data objects, or undefined for all. */
  diff(next: SlotData<R>, previous: SlotData<R> | null | undefined): RowRange[] | undefined;
  clear(): void;
}

/**
 * Rows closer than this are sent as one range: each range costs deck.gl a buffer write per
 * attribute (≈ 9 for an icon layer), each extra row a few accessor calls. Measured with the
 * benchmark: gaps of 16–64 cost the same; capping the number of ranges hard (say 24) is 3×
 * worse, as deck.gl then recomputes whole spans between scattered changes.
 */
const MERGE_GAP = 32;
/** A bound on the ranges per update (deck.gl merges range lists in quadratic time). */
const MAX_RANGES = 512;
/** How many commits of row ranges are kept for a layer that skipped a frame. */
const HISTORY = 32;

/** Sorted, merged row ranges from a set of row numbers. */
export function toRowRanges(
  rows: Iterable<number>,
  mergeGap = MERGE_GAP,
  maxRanges = MAX_RANGES,
): RowRange[] {
  const sorted = [...rows].sort((a, b) => a - b);
  let ranges: RowRange[] = [];
  for (const row of sorted) {
    const last = ranges.at(-1);
    if (last && row < last.endRow + mergeGap) last.endRow = Math.max(last.endRow, row + 1);
    else ranges.push({ startRow: row, endRow: row + 1 });
  }
  if (ranges.length > maxRanges) {
    // Merge across the smallest gaps until few enough remain.
    const gaps = ranges
      .slice(1)
      .map((r, i) => ({ i, gap: r.startRow - (ranges[i] as RowRange).endRow }))
      .sort((a, b) => a.gap - b.gap || a.i - b.i);
    const join = new Set(gaps.slice(0, ranges.length - maxRanges).map((g) => g.i));
    const merged: RowRange[] = [];
    ranges.forEach((r, i) => {
      const last = merged.at(-1);
      if (last && join.has(i - 1)) last.endRow = r.endRow;
      else merged.push({ ...r });
    });
    ranges = merged;
  }
  return ranges;
}

/**
 * @example
 * const t = createSlotTable<Row>();
 * t.upsert('ALM-1', row); t.commit();
 * new IconLayer({ data: t.data, _dataDiff: t.diff, getPosition: (_, { index, data }) => data.rows[index].position });
 */
export function createSlotTable<R>(): SlotTable<R> {
  const slots = new Map<string, number>();
  let rows: (R | null)[] = [];
  const free: number[] = [];
  let dirty = new Set<number>();
  let all = false;
  let version = 0;
  let data: SlotData<R> = { length: 0, rows, version };
  /** Row sets per committed version; `null` means everything changed. */
  const history = new Map<number, number[] | null>();

  const table: SlotTable<R> = {
    get data() {
      return data;
    },
    get size() {
      return slots.size;
    },
    slotOf: (id) => slots.get(id),
    get(id) {
      const slot = slots.get(id);
      return slot === undefined ? undefined : (rows[slot] ?? undefined);
    },
    upsert(id, row) {
      let slot = slots.get(id);
      if (slot === undefined) {
        slot = free.pop() ?? rows.length;
        slots.set(id, slot);
      }
      rows[slot] = row;
      dirty.add(slot);
    },
    remove(id) {
      const slot = slots.get(id);
      if (slot === undefined) return;
      slots.delete(id);
      rows[slot] = null;
      free.push(slot);
      dirty.add(slot);
    },
    touchAll() {
      all = true;
    },
    commit() {
      if (!all && dirty.size === 0) return false;
      version++;
      history.set(version, all ? null : [...dirty]);
      history.delete(version - HISTORY);
      dirty = new Set();
      all = false;
      data = { length: rows.length, rows, version };
      return true;
    },
    diff(next, previous) {
      if (!previous || previous.rows !== next.rows || previous.version >= next.version) return undefined;
      const changed = new Set<number>();
      for (let v = previous.version + 1; v <= next.version; v++) {
        const set = history.get(v);
        if (set === undefined || set === null) return undefined;
        for (const row of set) changed.add(row);
      }
      return toRowRanges(changed);
    },
    clear() {
      slots.clear();
      rows = [];
      free.length = 0;
      dirty = new Set();
      all = false;
      history.clear();
      version++;
      data = { length: 0, rows, version };
    },
  };
  return table;
}
