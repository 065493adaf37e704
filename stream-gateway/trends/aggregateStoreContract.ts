/**
 * The behaviour every AggregateStore must have, as a test suite to run against each
 * implementation (sqliteAggregateStore.test.ts, pgAggregateStore.test.ts): `describeAggregateStore('pg', make)`.
 */
import { describe, expect, it } from 'vitest';
import { rowKeyOf } from '../../live-model/aggregates/createAggregateFolder';
import { MEASURES } from '../../protocol/trends';
import { type AggregateStore, WatermarkMovedError } from './AggregateStore';

const row = (values: Record<number, number>) => MEASURES.map((_, i) => values[i] ?? 0);
const day = (bucket: string, area = '', category = '') => rowKeyOf({ gran: 'day', bucket, area, category });
const hour = (bucket: string, area = '') => rowKeyOf({ gran: 'hour', bucket, area, category: '' });
const state = { lastMs: 1, contribution: { townshipId: null, gridId: null, category: 'x', entries: [] } };

export function describeAggregateStore(name: string, make: () => Promise<AggregateStore>): void {
  describe(`AggregateStore contract: ${name}`, () => {
    it('refuses a commit folded from another watermark (compare-and-set), writing nothing', async () => {
      const s = await make();
      const change = (seq: number, from: number) => ({
        rows: new Map([[day('2026-11-24'), row({ 0: 1 })]]),
        items: new Map([[`alarm:${seq}`, state]]),
        forget: [],
        seq,
        from,
      });
      await s.commit(change(5, 0));
      // A second writer that folded the same events from 0: refused, nothing counted twice.
      await expect(s.commit(change(5, 0))).rejects.toBeInstanceOf(WatermarkMovedError);
      await expect(s.commit(change(9, 3))).rejects.toThrow(/watermark 5, expected 3/);
      await s.commit(change(9, 5));
      expect(await s.watermark()).toBe(9);
      expect((await s.loadItems()).map(([k]) => k).sort()).toEqual(['alarm:5', 'alarm:9']);
      const series = await s.series({
        gran: 'day',
        from: '2026-11-24',
        to: '2026-11-24',
        area: '',
        category: '',
      });
      expect(series.get('2026-11-24')?.[0]).toBe(2);
      await s.clearDerived();
      await s.commit(change(3, 0));
      expect(await s.watermark()).toBe(3);
    });

    it('adds derived deltas, keeps item states and the watermark together', async () => {
      const s = await make();
      expect(await s.watermark()).toBe(0);
      await s.commit({
        rows: new Map([[day('2026-11-24'), row({ 0: 2, 1: 1 })]]),
        items: new Map([['alarm:A', state]]),
        forget: [],
        seq: 7,
      });
      await s.commit({
        rows: new Map([[day('2026-11-24'), row({ 0: 1 })]]),
        items: new Map(),
        forget: ['alarm:A'],
        seq: 9,
      });
      expect(await s.watermark()).toBe(9);
      expect(await s.loadItems()).toEqual([]);
      const series = await s.series({
        gran: 'day',
        from: '2026-11-01',
        to: '2026-11-30',
        area: '',
        category: '',
      });
      expect([...series.keys()]).toEqual(['2026-11-24']);
      expect(series.get('2026-11-24')?.slice(0, 2)).toEqual([3, 1]);
    });

    it('sums imported and derived rows; clearing derived rows keeps the imported ones', async () => {
      const s = await make();
      await s.importRows(
        new Map([
          [day('2026-11-23'), row({ 0: 5 })],
          [day('2026-11-24'), row({ 0: 5 })],
        ]),
      );
      await s.commit({
        rows: new Map([[day('2026-11-24'), row({ 0: 1 })]]),
        items: new Map([['case:C', state]]),
        forget: [],
        seq: 3,
      });
      const q = { gran: 'day' as const, from: '2026-11-23', to: '2026-11-24', area: '', category: '' };
      expect([...(await s.series(q)).values()].map((r) => r[0])).toEqual([5, 6]);
      await s.clearDerived();
      expect([...(await s.series(q)).values()].map((r) => r[0])).toEqual([5, 5]);
      expect(await s.watermark()).toBe(0);
      expect(await s.loadItems()).toEqual([]);
    });

    it('answers totals by area of one level and by category, within the range', async () => {
      const s = await make();
      await s.commit({
        rows: new Map([
          [day('2026-11-24', 't:1'), row({ 0: 2 })],
          [day('2026-11-25', 't:1'), row({ 0: 3 })],
          [day('2026-11-24', 't:2'), row({ 0: 4 })],
          [day('2026-11-24', 'g:1-01'), row({ 0: 9 })],
          [day('2026-11-24', 't:1', '盗窃'), row({ 0: 1 })],
          [day('2026-11-24', 't:1', '噪音扰民'), row({ 0: 1 })],
          [day('2026-11-26', 't:1', '噪音扰民'), row({ 0: 1 })],
          [day('2026-11-24', '', '盗窃'), row({ 0: 1 })],
        ]),
        items: new Map(),
        forget: [],
        seq: 1,
      });
      const areas = await s.totalsByArea({ gran: 'day', from: '2026-11-24', to: '2026-11-25', level: 't:' });
      expect(new Map([...areas].map(([k, r]) => [k, r[0]]))).toEqual(
        new Map([
          ['t:1', 5],
          ['t:2', 4],
        ]),
      );
      const grids = await s.totalsByArea({ gran: 'day', from: '2026-11-24', to: '2026-11-24', level: 'g:' });
      expect([...grids.keys()]).toEqual(['g:1-01']);
      const cats = await s.totalsByCategory({
        gran: 'day',
        from: '2026-11-24',
        to: '2026-11-25',
        area: 't:1',
      });
      expect(new Map([...cats].map(([k, r]) => [k, r[0]]))).toEqual(
        new Map([
          ['盗窃', 1],
          ['噪音扰民', 1],
        ]),
      );
    });

    it('answers reads between writes with every write in', async () => {
      const s = await make();
      const q = { gran: 'day' as const, from: '2026-11-01', to: '2026-11-30', area: 't:1', category: '' };
      expect((await s.series(q)).size).toBe(0);
      await s.commit({
        rows: new Map([[day('2026-11-24', 't:1'), row({ 0: 1 })]]),
        items: new Map(),
        forget: [],
        seq: 1,
      });
      expect((await s.series(q)).get('2026-11-24')?.[0]).toBe(1);
      await s.importRows(new Map([[day('2026-11-24', 't:1'), row({ 0: 2 })]]));
      await s.commit({
        rows: new Map([[day('2026-11-25', 't:1'), row({ 0: 4 })]]),
        items: new Map(),
        forget: [],
        seq: 2,
      });
      const again = await s.series(q);
      expect([...again].map(([b, r]) => [b, r[0]])).toEqual([
        ['2026-11-24', 3],
        ['2026-11-25', 4],
      ]);
      // what a caller does with an answer never changes the next one
      (again.get('2026-11-24') as number[])[0] = 99;
      expect((await s.series(q)).get('2026-11-24')?.[0]).toBe(3);
    });

    it('prunes old hours and keeps metadata', async () => {
      const s = await make();
      await s.commit({
        rows: new Map([
          [hour('2026-11-20T10'), row({ 0: 1 })],
          [hour('2026-11-24T10'), row({ 0: 1 })],
        ]),
        items: new Map(),
        forget: [],
        seq: 1,
      });
      const all = { gran: 'hour' as const, from: '2026-11-01', to: '2026-11-30', area: '', category: '' };
      expect((await s.series(all)).size).toBe(2);
      await s.pruneHours('2026-11-21');
      const q = { gran: 'hour' as const, from: '2026-11-01', to: '2026-11-30', area: '', category: '' };
      expect([...(await s.series(q)).keys()]).toEqual(['2026-11-24T10']);
      expect(await s.getMeta('backfill')).toBeNull();
      await s.setMeta('backfill', '{"done":true}');
      expect(await s.getMeta('backfill')).toBe('{"done":true}');
    });
  });
}
