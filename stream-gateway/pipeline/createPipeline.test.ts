/**
 * Group commit with a real SQLite store (held back where a test needs the append in flight):
 * requests that queue up while a batch is stored go in as one batch, each caller learns its
 * own result only once that batch is durable, a refused batch takes nothing of any of them,
 * and calls keep their order around other work.
 */
import { describe, expect, it } from 'vitest';
import { createEmptyModel } from '../../live-model/createEmptyModel';
import type { Envelope } from '../../protocol/log';
import { alarmInput, caseInput } from '../../tests/fixtures/feedItems';
import type { EventStore } from '../store/EventStore';
import { createSqliteDatabase, createSqliteEventStore } from '../store/sqliteEventStore';
import { type CommittedBatch, createPipeline, WriteRefusedError } from './createPipeline';

/** The real store, whose appends wait until the test lets them through (or fail when told). */
function heldStore() {
  const store = createSqliteEventStore(createSqliteDatabase(':memory:'));
  const appends: Envelope[][] = [];
  let release: (() => void) | null = null;
  let gate: Promise<void> | null = null;
  let refuse = false;
  const held: EventStore = {
    ...store,
    async append(events) {
      appends.push([...events]);
      if (gate) await gate;
      if (refuse) throw new Error('disk full');
      await store.append(events);
    },
  };
  return {
    store: held,
    appends,
    hold() {
      gate = new Promise((r) => {
        release = r;
      });
    },
    release(options: { refuse?: boolean } = {}) {
      refuse = options.refuse === true;
      gate = null;
      release?.();
    },
    read: () => store.read(1, 1000),
  };
}

function pipelineOn(store: EventStore) {
  const pipeline = createPipeline({
    store,
    initial: { seq: 0, model: createEmptyModel() },
    places: null,
    tz: 'Asia/Shanghai',
    now: () => Date.parse('2026-11-24T12:05:00.000Z'),
  });
  const batches: CommittedBatch[] = [];
  pipeline.onCommit((b) => batches.push(b));
  return { pipeline, batches };
}

/** A pipeline whose first batch (alarm A-1) is being stored, held there until `s.release()`. */
async function firstBatchInFlight() {
  const s = heldStore();
  const { pipeline } = pipelineOn(s.store);
  s.hold();
  const first = pipeline.ingest('alarms', [alarmInput({ id: 'A-1' })]);
  await expect.poll(() => s.appends.length).toBe(1);
  return { s, pipeline, first };
}

describe('createPipeline group commit', () => {
  it('takes requests queued during a store append as one batch, each resolving with its own result once durable', async () => {
    const s = heldStore();
    const { pipeline, batches } = pipelineOn(s.store);
    s.hold();
    const first = pipeline.ingest('alarms', [alarmInput({ id: 'A-1', severity: 'yellow' })]);
    await expect.poll(() => s.appends.length).toBe(1);
    // The first batch is being stored: these three wait, and go in together.
    const settled: string[] = [];
    const second = pipeline.ingest('alarms', [alarmInput({ id: 'A-2' }), { id: 'bad' }]);
    const third = pipeline.ingest('cases', [caseInput({ id: 'C-1' })]);
    const fourth = pipeline.ingest('alarms', [alarmInput({ id: 'A-1', severity: 'yellow' })]);
    for (const [name, p] of [
      ['second', second],
      ['third', third],
    ] as const)
      void p.then(() => settled.push(name));
    await Promise.resolve();
    expect(settled).toEqual([]);
    expect(s.appends).toHaveLength(1);
    s.release();
    const results = await Promise.all([first, second, third, fourth]);
    expect(results.map((r) => [r.accepted, r.duplicates, r.rejected.map((x) => x.index)])).toEqual([
      [1, 0, []],
      [1, 0, [1]],
      [1, 0, []],
      [0, 1, []],
    ]);
    expect(s.appends.map((a) => a.map((e) => e.seq))).toEqual([[1], [2, 3]]);
    expect(batches.map((b) => [b.fromSeq, b.seq, b.urgent])).toEqual([
      [1, 1, false],
      [2, 3, true],
    ]);
    expect((await s.read()).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(Object.keys(pipeline.model.alarms).sort()).toEqual(['A-1', 'A-2']);
    expect(Object.keys(pipeline.model.cases)).toEqual(['C-1']);
  });

  it('refuses every request of a batch the store refuses, and keeps the model as the log', async () => {
    const s = heldStore();
    const { pipeline, batches } = pipelineOn(s.store);
    await pipeline.ingest('alarms', [alarmInput({ id: 'A-1' })]);
    s.hold();
    const blocker = pipeline.ingest('alarms', [alarmInput({ id: 'A-2' })]);
    await expect.poll(() => s.appends.length).toBe(2);
    const a = pipeline.ingest('alarms', [alarmInput({ id: 'A-3' })]);
    const b = pipeline.ingest('cases', [caseInput({ id: 'C-1' })]);
    s.release({ refuse: true });
    await expect(blocker).rejects.toThrow('disk full');
    await expect(a).rejects.toThrow('disk full');
    await expect(b).rejects.toThrow('disk full');
    expect(pipeline.seq).toBe(1);
    expect(Object.keys(pipeline.model.alarms)).toEqual(['A-1']);
    expect(batches).toHaveLength(1);
    s.release();
    expect(await pipeline.ingest('alarms', [alarmInput({ id: 'A-4' })])).toMatchObject({ accepted: 1 });
    expect((await s.read()).map((e) => e.seq)).toEqual([1, 2]);
  });

  it('keeps call order around other work: an ingest after a system append is not pulled ahead of it', async () => {
    const { s, pipeline, first: a } = await firstBatchInFlight();
    const b = pipeline.ingest('alarms', [alarmInput({ id: 'A-2' })]);
    const tick = pipeline.appendSystem([
      { kind: 'tick', at: '2026-11-24T12:05:00.000Z', drill: false, data: {} },
    ]);
    const c = pipeline.ingest('alarms', [alarmInput({ id: 'A-3' })]);
    s.release();
    await Promise.all([a, b, tick, c]);
    expect((await s.read()).map((e) => [e.seq, e.kind, (e.data as { id?: string }).id])).toEqual([
      [1, 'alarm', 'A-1'],
      [2, 'alarm', 'A-2'],
      [3, 'tick', undefined],
      [4, 'alarm', 'A-3'],
    ]);
  });

  it('refuses a whole group at its turn when the gateway stopped owning ingest meanwhile', async () => {
    const { s, pipeline, first: a } = await firstBatchInFlight();
    const b = pipeline.ingest('alarms', [alarmInput({ id: 'A-2' })]);
    const c = pipeline.ingest('cases', [caseInput({ id: 'C-1' })]);
    pipeline.setRefusal('a follower: another gateway owns ingest');
    s.release();
    expect(await a).toMatchObject({ accepted: 1 });
    await expect(b).rejects.toBeInstanceOf(WriteRefusedError);
    await expect(c).rejects.toThrow('another gateway owns ingest');
    expect(pipeline.seq).toBe(1);
  });
});
