import { describe, expect, it } from 'vitest';
import { createEmptyModel } from '../../../live-model/createEmptyModel';
import { alarmRecord } from '../../../tests/fixtures/feedItems';
import { createLiveModelStore, type ReplayState } from './createLiveModelStore';

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
