import { describe, expect, it } from 'vitest';
import { createSlotTable, toRowRanges } from './createSlotTable';

describe('toRowRanges', () => {
  it('sorts rows and merges those closer than the gap', () => {
    expect(toRowRanges([40, 3, 1, 2, 90], 4)).toEqual([
      { startRow: 1, endRow: 4 },
      { startRow: 40, endRow: 41 },
      { startRow: 90, endRow: 91 },
    ]);
    expect(toRowRanges([10, 12], 4)).toEqual([{ startRow: 10, endRow: 13 }]);
    expect(toRowRanges([])).toEqual([]);
  });

  it('merges across the smallest gaps when there would be too many ranges', () => {
    expect(toRowRanges([0, 10, 12, 100, 103, 1000], 1, 3)).toEqual([
      { startRow: 0, endRow: 13 },
      { startRow: 100, endRow: 104 },
      { startRow: 1000, endRow: 1001 },
    ]);
  });
});

describe('createSlotTable', () => {
  it('gives each id a stable row and reports only changed rows between commits', () => {
    const t = createSlotTable<string>();
    for (let i = 0; i < 100; i++) t.upsert(`a${i}`, `v${i}`);
    expect(t.commit()).toBe(true);
    const first = t.data;
    expect(first.length).toBe(100);
    expect(t.slotOf('a42')).toBe(42);

    t.upsert('a42', 'changed');
    t.commit();
    expect(t.data).not.toBe(first);
    expect(t.data.rows[42]).toBe('changed');
    expect(t.diff(t.data, first)).toEqual([{ startRow: 42, endRow: 43 }]);
  });

  it('returns the same data object when nothing changed', () => {
    const t = createSlotTable<number>();
    t.upsert('x', 1);
    t.commit();
    const d = t.data;
    expect(t.commit()).toBe(false);
    expect(t.data).toBe(d);
  });

  it('reuses a freed row for the next new item, so the table does not grow', () => {
    const t = createSlotTable<number>();
    t.upsert('a', 1);
    t.upsert('b', 2);
    t.commit();
    t.remove('a');
    t.upsert('c', 3);
    t.commit();
    expect(t.slotOf('c')).toBe(0);
    expect(t.data.length).toBe(2);
    expect(t.size).toBe(2);
    expect(t.get('a')).toBeUndefined();
  });

  it('a removed row stays empty (null) until reused, and is reported as changed', () => {
    const t = createSlotTable<number>();
    t.upsert('a', 1);
    t.upsert('b', 2);
    t.commit();
    const before = t.data;
    t.remove('b');
    t.commit();
    expect(t.data.rows[1]).toBeNull();
    expect(t.diff(t.data, before)).toEqual([{ startRow: 1, endRow: 2 }]);
  });

  it('unions the rows of several commits when the layer skipped some', () => {
    const t = createSlotTable<number>();
    for (let i = 0; i < 200; i++) t.upsert(`i${i}`, i);
    t.commit();
    const seen = t.data;
    t.upsert('i5', -5);
    t.commit();
    t.upsert('i150', -150);
    t.upsert('new', 1);
    t.commit();
    expect(t.diff(t.data, seen)).toEqual([
      { startRow: 5, endRow: 6 },
      { startRow: 150, endRow: 151 },
      { startRow: 200, endRow: 201 },
    ]);
  });

  it('asks for a full update after touchAll, after a clear, or when the history is too old', () => {
    const t = createSlotTable<number>();
    t.upsert('a', 1);
    t.commit();
    const v1 = t.data;
    t.touchAll();
    t.commit();
    expect(t.diff(t.data, v1)).toBeUndefined();
    const v2 = t.data;
    for (let i = 0; i < 40; i++) {
      t.upsert('a', i);
      t.commit();
    }
    expect(t.diff(t.data, v2)).toBeUndefined();
    const v3 = t.data;
    t.clear();
    expect(t.diff(t.data, v3)).toBeUndefined();
    expect(t.data.length).toBe(0);
  });
});
