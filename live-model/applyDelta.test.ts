import { describe, expect, it } from 'vitest';
import { alarmRecord, T0 } from '../tests/fixtures/feedItems';
import { applyDelta, classifyDelta } from './applyDelta';
import { createEmptyModel, upgradeModel } from './createEmptyModel';

describe('classifyDelta', () => {
  it('applies a delta that continues the position', () =>
    expect(classifyDelta(10, { fromSeq: 11, seq: 14 })).toBe('apply'));
  it('applies a delta that overlaps the position (snapshot taken between flushes)', () =>
    expect(classifyDelta(12, { fromSeq: 11, seq: 14 })).toBe('apply'));
  it('ignores a delta with nothing new', () =>
    expect(classifyDelta(14, { fromSeq: 11, seq: 14 })).toBe('stale'));
  it('reports a gap when something was missed', () =>
    expect(classifyDelta(10, { fromSeq: 12, seq: 14 })).toBe('gap'));
});

describe('applyDelta', () => {
  it('puts and removes items without touching other tables', () => {
    const base = createEmptyModel();
    const alarm = alarmRecord();
    const next = applyDelta(base, {
      asOf: T0,
      changes: [{ collection: 'alarms', id: alarm.id, value: alarm }],
    });
    expect(next.alarms[alarm.id]).toEqual(alarm);
    expect(next.cases).toBe(base.cases);
    expect(base.alarms).toEqual({});
    const removed = applyDelta(next, {
      asOf: T0,
      changes: [{ collection: 'alarms', id: alarm.id, value: null }],
    });
    expect(removed.alarms).toEqual({});
  });

  it('returns the same model for an empty delta at the same time', () => {
    const base = createEmptyModel();
    expect(applyDelta(base, { asOf: null, changes: [] })).toBe(base);
  });
});

describe('upgradeModel', () => {
  it('fills collections an older snapshot did not have', () => {
    const old = { asOf: null, cameras: {}, alarms: {}, cases: {}, channels: {} } as never;
    expect(upgradeModel(old).drill).toEqual({});
    expect(upgradeModel(old).feeds.alarms.state).toBe('unknown');
  });
});
