/**
 * The behaviour every EventStore must have, as one test suite run against each
 * implementation (eventStore.sqlite.test.ts, eventStore.postgres.test.ts). `place` gives a
 * fresh, empty place to keep a log in; `open` may be called more than once on it (a restart).
 */
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../protocol/log';
import type { EventStore } from './EventStore';

export interface StorePlace {
  open(): Promise<EventStore>;
}

const AT = '2026-11-24T12:00:00.000Z';
const tick = (seq: number, drill = false) => ({ seq, kind: 'tick', at: AT, drill, data: {} }) as Envelope;
const note = (seq: number, text: string) =>
  ({
    seq,
    kind: 'alarm',
    at: AT,
    drill: false,
    data: { id: `A${seq}`, title: text, n: [1, 2.5] },
  }) as unknown as Envelope;

export function describeEventStore(name: string, place: () => Promise<StorePlace>): void {
  describe(`EventStore contract: ${name}`, () => {
    it('starts empty', async () => {
      const s = await (await place()).open();
      expect(await s.lastSeq()).toBe(0);
      expect(await s.read(1, 10)).toEqual([]);
      expect(await s.loadSnapshot()).toBeNull();
      expect(await s.readRejected(10)).toEqual([]);
    });

    it('appends batches and reads them back in seq order, from a seq, at most a limit', async () => {
      const s = await (await place()).open();
      await s.append([note(1, '河道落水 \u0000 "quoted"'), tick(2, true)]);
      await s.append([tick(3), note(4, 'second')]);
      await s.append([]);
      expect(await s.lastSeq()).toBe(4);
      expect(await s.read(1, 100)).toEqual([
        note(1, '河道落水 \u0000 "quoted"'),
        tick(2, true),
        tick(3),
        note(4, 'second'),
      ]);
      expect((await s.read(2, 2)).map((e) => e.seq)).toEqual([2, 3]);
      expect(await s.read(5, 10)).toEqual([]);
    });

    it('refuses a seq it already has, and the whole batch with it', async () => {
      const s = await (await place()).open();
      await s.append([tick(1), tick(2)]);
      await expect(s.append([tick(3), note(2, 'overwrite')])).rejects.toThrow();
      expect(await s.lastSeq()).toBe(2);
      expect(await s.read(1, 10)).toEqual([tick(1), tick(2)]);
      await s.append([tick(3)]);
      expect(await s.lastSeq()).toBe(3);
    });

    it('keeps the latest snapshot', async () => {
      const s = await (await place()).open();
      const model = (seq: number) => ({ seq, text: '模型' }) as never;
      await s.saveSnapshot({ seq: 10, model: model(10) });
      await s.saveSnapshot({ seq: 20, model: model(20) });
      expect(await s.loadSnapshot()).toEqual({ seq: 20, model: model(20) });
      await s.saveSnapshot({ seq: 20, model: model(21) });
      expect(await s.loadSnapshot()).toEqual({ seq: 20, model: model(21) });
    });

    it('keeps rejected items, newest first', async () => {
      const s = await (await place()).open();
      const r = (i: number) => ({ at: AT, feed: 'alarms', reason: `bad ${i}`, payload: `{"i":${i}}` });
      await s.appendRejected([r(1), r(2)]);
      await s.appendRejected([r(3)]);
      await s.appendRejected([]);
      expect(await s.readRejected(2)).toEqual([r(3), r(2)]);
    });

    it('opens again with everything it had (migrations run once) and goes on appending', async () => {
      const where = await place();
      const first = await where.open();
      await first.append([tick(1), tick(2)]);
      await first.saveSnapshot({ seq: 2, model: { seq: 2 } as never });
      await first.close();
      const again = await where.open();
      expect(await again.lastSeq()).toBe(2);
      expect(await again.loadSnapshot()).toEqual({ seq: 2, model: { seq: 2 } });
      await again.append([tick(3)]);
      expect((await again.read(1, 10)).map((e) => e.seq)).toEqual([1, 2, 3]);
      await again.close();
      const third = await where.open();
      expect(await third.lastSeq()).toBe(3);
    });
  });
}
