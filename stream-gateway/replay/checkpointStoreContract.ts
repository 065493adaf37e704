/**
 * The behaviour every CheckpointStore must have, one suite run against each implementation
 * (checkpointStore.sqlite.test.ts, checkpointStore.postgres.test.ts). `place` gives a fresh
 * place; `open` may be called again on it (a restart, after a flush).
 */
import { describe, expect, it } from 'vitest';
import { createEmptyModel } from '../../live-model/createEmptyModel';
import type { CheckpointStore } from './sqliteCheckpointStore';

export interface CheckpointPlace {
  open(): Promise<CheckpointStore>;
}

const model = (seq: number) => ({ ...createEmptyModel(), generatedAt: `seq ${seq}` });

export function describeCheckpointStore(name: string, place: () => Promise<CheckpointPlace>): void {
  describe(`CheckpointStore contract: ${name}`, () => {
    it('answers the checkpoint at or before a day and the seq after it', async () => {
      const s = await (await place()).open();
      expect(s.atOrBefore('2026-11-24')).toBeNull();
      s.save({ day: '2026-11-22', seq: 10, model: model(10) });
      s.save({ day: '2026-11-24', seq: 30, model: model(30) });
      expect(s.atOrBefore('2026-11-23')).toEqual({ day: '2026-11-22', seq: 10, model: model(10) });
      expect(s.atOrBefore('2026-11-24')?.seq).toBe(30);
      expect(s.atOrBefore('2026-11-21')).toBeNull();
      expect(s.seqAfter('2026-11-22')).toBe(30);
      expect(s.seqAfter('2026-11-24')).toBeNull();
      expect(s.days()).toEqual(['2026-11-22', '2026-11-24']);
    });

    it('keeps an existing checkpoint unless asked to replace it, and prunes old days', async () => {
      const s = await (await place()).open();
      s.save({ day: '2026-11-22', seq: 10, model: model(10) });
      s.save({ day: '2026-11-22', seq: 11, model: model(11) }, { replace: false });
      expect(s.atOrBefore('2026-11-22')?.seq).toBe(10);
      s.save({ day: '2026-11-22', seq: 12, model: model(12) }, { replace: true });
      expect(s.atOrBefore('2026-11-22')?.seq).toBe(12);
      s.save({ day: '2026-11-23', seq: 20, model: model(20) });
      s.prune('2026-11-23');
      expect(s.days()).toEqual(['2026-11-23']);
    });

    it('opens again with what it had after a flush', async () => {
      const where = await place();
      const first = await where.open();
      first.save({ day: '2026-11-22', seq: 10, model: model(10) });
      first.save({ day: '2026-11-23', seq: 20, model: model(20) });
      first.prune('2026-11-23');
      first.save({ day: '2026-11-24', seq: 30, model: model(30) });
      await first.flush();
      const again = await where.open();
      expect(again.days()).toEqual(['2026-11-23', '2026-11-24']);
      expect(again.atOrBefore('2026-11-24')).toEqual({ day: '2026-11-24', seq: 30, model: model(30) });
    });
  });
}
