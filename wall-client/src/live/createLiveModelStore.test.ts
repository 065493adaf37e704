import { describe, expect, it } from 'vitest';
import { createEmptyModel } from '../../../live-model/createEmptyModel';
import type { LiveModel } from '../../../protocol/liveModel';
import { alarmRecord, T0 } from '../../../tests/fixtures/feedItems';
import { createLiveModelStore, type ModelUpdate, type ReplayState } from './createLiveModelStore';

const snapshot = {
  seq: 5,
  serverTime: new Date(0).toISOString(),
  tz: 'Asia/Shanghai',
  region: 'naxi',
  model: createEmptyModel(),
};

describe('the screen store during a replay', () => {
  it('shows the replayed model while live deltas keep updating the live one, and goes back', () => {
    const store = createLiveModelStore({ now: () => 0 });
    store.applySnapshot(snapshot);
    const replayed = { ...createEmptyModel(), alarms: { OLD: alarmRecord({ id: 'OLD' }) } };
    const replay: ReplayState = {
      day: '2026-11-24',
      speed: 60,
      at: 1,
      status: 'playing',
      progress: 0.1,
      model: replayed,
    };
    store.setReplay(replay);
    expect(store.getState().model).toBe(replayed);

    const verdict = store.applyDelta({
      fromSeq: 6,
      seq: 6,
      asOf: null,
      changes: [{ collection: 'alarms', id: 'NEW', value: alarmRecord({ id: 'NEW' }) }],
    });
    expect(verdict).toBe('applied');
    expect(store.getState().model).toBe(replayed);
    expect(Object.keys(store.getState().liveModel?.alarms ?? {})).toEqual(['NEW']);

    store.setReplay(null);
    expect(Object.keys(store.getState().model?.alarms ?? {})).toEqual(['NEW']);
  });
});

const snapshotOf = (model: LiveModel, seq = 1) => ({
  seq,
  serverTime: T0,
  tz: 'Asia/Shanghai',
  region: 'naxi',
  model,
});

describe('createLiveModelStore: model updates for incremental views', () => {
  it('tells a snapshot as a whole model and each applied delta with its changes', () => {
    const store = createLiveModelStore({ now: () => 0 });
    const seen: ModelUpdate[] = [];
    store.onModelUpdate((u) => seen.push(u));
    store.applySnapshot(snapshotOf(createEmptyModel()));
    const alarm = alarmRecord();
    const changes = [{ collection: 'alarms' as const, id: alarm.id, value: alarm }];
    expect(store.applyDelta({ fromSeq: 2, seq: 2, asOf: T0, changes })).toBe('applied');
    expect(seen.map((u) => u.kind)).toEqual(['snapshot', 'delta']);
    expect(seen[1]).toEqual({ kind: 'delta', model: store.getState().model, changes });
    expect(store.getState().model?.alarms[alarm.id]).toEqual(alarm);
  });

  it('during a replay tells each replayed model, not the live deltas, and the live model when it ends', () => {
    const store = createLiveModelStore({ now: () => 0 });
    const seen: ModelUpdate[] = [];
    store.onModelUpdate((u) => seen.push(u));
    store.applySnapshot(snapshotOf(createEmptyModel(), 5));
    const replayed = { ...createEmptyModel(), alarms: { OLD: alarmRecord({ id: 'OLD' }) } };
    const replay: ReplayState = {
      day: '2026-11-24',
      speed: 60,
      at: 1,
      status: 'playing',
      progress: 0,
      model: replayed,
    };
    store.setReplay(replay);
    store.applyDelta({ fromSeq: 6, seq: 6, asOf: T0, changes: [] });
    store.setReplay(null);
    expect(seen.map((u) => u.kind)).toEqual(['snapshot', 'snapshot', 'snapshot']);
    expect(seen[1]?.model).toBe(replayed);
    expect(seen[2]?.model).toBe(store.getState().liveModel);
  });

  it('says nothing for a stale delta or a gap, and stops telling once unsubscribed', () => {
    const store = createLiveModelStore({ now: () => 0 });
    const seen: ModelUpdate[] = [];
    const off = store.onModelUpdate((u) => seen.push(u));
    store.applySnapshot(snapshotOf(createEmptyModel(), 5));
    expect(store.applyDelta({ fromSeq: 3, seq: 4, asOf: T0, changes: [] })).toBe('stale');
    expect(store.applyDelta({ fromSeq: 9, seq: 9, asOf: T0, changes: [] })).toBe('gap');
    off();
    store.applySnapshot(snapshotOf(createEmptyModel(), 9));
    expect(seen.map((u) => u.kind)).toEqual(['snapshot']);
  });
});
