import { describe, expect, it } from 'vitest';
import type { LiveModel } from '../../protocol/liveModel';
import type { Envelope } from '../../protocol/log';
import { T0 } from '../../tests/fixtures/feedItems';
import { rebuildModel } from './rebuildModel';
import { createSqliteDatabase, createSqliteEventStore } from './sqliteEventStore';

describe('rebuildModel', () => {
  it('starts from a snapshot saved before the video collections existed, and replays onto it', async () => {
    const store = createSqliteEventStore(createSqliteDatabase(':memory:'));
    const { takeovers: _t, pins: _p, ...old } = (await rebuildModel(store)).model;
    await store.saveSnapshot({ seq: 0, model: old as LiveModel });
    const pin = {
      id: 'hall-1/video/0',
      wall: 'hall-1',
      panel: 'video',
      slot: 0,
      cameraId: 'C',
      by: 'duty',
      at: T0,
    };
    const event: Envelope = { seq: 1, kind: 'video', at: T0, drill: false, data: { op: 'pin', pin } };
    await store.append([event]);
    const { model, seq } = await rebuildModel(store);
    expect(seq).toBe(1);
    expect(model.pins).toEqual({ 'hall-1/video/0': pin });
    expect(model.takeovers).toEqual({});
    await store.close();
  });
});
