import { describe, expect, it } from 'vitest';
import type { LiveModel } from '../../protocol/liveModel';
import type { Takeover } from '../../protocol/video';
import { alarmRecord, cameraRecord, envelope, minutesAfter, T0 } from '../../tests/fixtures/feedItems';
import { createEmptyModel } from '../createEmptyModel';
import { reduceLiveModel } from '../reduceLiveModel';
import { DEFAULT_TAKEOVER_RULES, planTakeovers } from './planTakeovers';

const CAM = cameraRecord();
const NOW = Date.parse(minutesAfter(T0, 1));

function model(over: Partial<LiveModel> = {}): LiveModel {
  return { ...createEmptyModel(), cameras: { [CAM.id]: CAM }, ...over };
}

function takeover(over: Partial<Takeover> = {}): Takeover {
  return {
    id: 'alarm:ALM-1',
    alarmId: 'ALM-1',
    cameraId: CAM.id,
    severity: 'red',
    category: '人员聚集',
    alarmAt: T0,
    reason: 'covers',
    distanceM: 5,
    startedAt: T0,
    until: minutesAfter(T0, 15),
    ...over,
  };
}

describe('planTakeovers', () => {
  it('a new red alarm near a camera takes it over until its hold time', () => {
    const m = model({ alarms: { 'ALM-1': alarmRecord() } });
    const events = planTakeovers(m, NOW);
    expect(events).toEqual([
      {
        op: 'takeover',
        takeover: {
          id: 'alarm:ALM-1',
          alarmId: 'ALM-1',
          cameraId: CAM.id,
          severity: 'red',
          category: '人员聚集',
          alarmAt: T0,
          reason: 'covers',
          distanceM: 50,
          startedAt: new Date(NOW).toISOString(),
          until: minutesAfter(T0, 15),
        },
      },
    ]);
  });

  it('green alarms, handled alarms and alarms past their hold time take nothing', () => {
    const m = model({
      alarms: {
        G: alarmRecord({ id: 'G', severity: 'green' }),
        ACK: alarmRecord({ id: 'ACK', state: 'acknowledged' }),
        OLD: alarmRecord({ id: 'OLD', severity: 'yellow', occurredAt: minutesAfter(T0, -10) }),
      },
    });
    expect(planTakeovers(m, NOW)).toEqual([]);
  });

  it('an alarm replayed late (received now, occurred long ago) takes nothing', () => {
    const m = model({
      alarms: { A: alarmRecord({ id: 'A', occurredAt: minutesAfter(T0, -60), receivedAt: T0 }) },
    });
    expect(planTakeovers(m, NOW)).toEqual([]);
  });

  it('considers only the candidate alarms for new takeovers', () => {
    const m = model({ alarms: { 'ALM-1': alarmRecord(), 'ALM-2': alarmRecord({ id: 'ALM-2' }) } });
    expect(
      planTakeovers(m, NOW, DEFAULT_TAKEOVER_RULES, ['ALM-2']).map(
        (e) => e.op === 'takeover' && e.takeover.alarmId,
      ),
    ).toEqual(['ALM-2']);
  });

  it('does not take again what it already took', () => {
    const m = model({ alarms: { 'ALM-1': alarmRecord() }, takeovers: { 'alarm:ALM-1': takeover() } });
    expect(planTakeovers(m, NOW)).toEqual([]);
  });

  it('reverts on acknowledgement, dispatch, close, timeout and when the alarm leaves', () => {
    const m = model({
      alarms: {
        A: alarmRecord({ id: 'A', state: 'acknowledged' }),
        D: alarmRecord({ id: 'D', state: 'dispatched' }),
        C: alarmRecord({ id: 'C', state: 'closed' }),
        T: alarmRecord({ id: 'T' }),
      },
      takeovers: {
        'alarm:A': takeover({ id: 'alarm:A', alarmId: 'A' }),
        'alarm:D': takeover({ id: 'alarm:D', alarmId: 'D' }),
        'alarm:C': takeover({ id: 'alarm:C', alarmId: 'C' }),
        'alarm:T': takeover({ id: 'alarm:T', alarmId: 'T', until: minutesAfter(T0, 1) }),
        'alarm:GONE': takeover({ id: 'alarm:GONE', alarmId: 'GONE' }),
      },
    });
    expect(planTakeovers(m, NOW)).toEqual([
      { op: 'revert', id: 'alarm:A', reason: 'acknowledged' },
      { op: 'revert', id: 'alarm:D', reason: 'dispatched' },
      { op: 'revert', id: 'alarm:C', reason: 'closed' },
      { op: 'revert', id: 'alarm:T', reason: 'timeout' },
      { op: 'revert', id: 'alarm:GONE', reason: 'alarm-gone' },
    ]);
  });

  it('a timed-out takeover is not taken again by the same plan', () => {
    const m = model({
      alarms: { T: alarmRecord({ id: 'T' }) },
      takeovers: { 'alarm:T': takeover({ id: 'alarm:T', alarmId: 'T', until: minutesAfter(T0, 1) }) },
    });
    expect(planTakeovers(m, NOW).map((e) => e.op)).toEqual(['revert']);
  });

  it('a yellow alarm raised to red keeps its camera and gets the red hold time', () => {
    const m = model({
      alarms: { 'ALM-1': alarmRecord({ severity: 'red' }) },
      takeovers: { 'alarm:ALM-1': takeover({ severity: 'yellow', until: minutesAfter(T0, 5) }) },
    });
    expect(planTakeovers(m, NOW)).toEqual([
      { op: 'takeover', takeover: takeover({ severity: 'red', until: minutesAfter(T0, 15) }) },
    ]);
  });

  it('after a restart (model rebuilt from the log) reverts what fell due while it was down', () => {
    const alarm = alarmRecord();
    const start = planTakeovers(model({ alarms: { 'ALM-1': alarm } }), NOW);
    const rebuilt = reduceLiveModel(model(), [
      envelope('alarm', alarm),
      ...start.map((data) => envelope('video', data)),
    ]).model;
    expect(Object.keys(rebuilt.takeovers)).toEqual(['alarm:ALM-1']);
    const later = Date.parse(minutesAfter(T0, 20));
    const due = planTakeovers(rebuilt, later);
    expect(due).toEqual([{ op: 'revert', id: 'alarm:ALM-1', reason: 'timeout' }]);
    const after = reduceLiveModel(
      rebuilt,
      due.map((data) => envelope('video', data)),
    ).model;
    expect(after.takeovers).toEqual({});
    expect(planTakeovers(after, later)).toEqual([]);
  });
});

describe('the video updater', () => {
  it('pins and unpins tiles; an unknown revert or unpin changes nothing', () => {
    const pin = {
      id: 'hall-1/video/3',
      wall: 'hall-1',
      panel: 'video',
      slot: 3,
      cameraId: CAM.id,
      by: 'duty',
      at: T0,
    };
    const m1 = reduceLiveModel(model(), [envelope('video', { op: 'pin', pin })]);
    expect(m1.model.pins).toEqual({ 'hall-1/video/3': pin });
    const same = reduceLiveModel(m1.model, [
      envelope('video', { op: 'revert', id: 'alarm:none', reason: 'timeout' }),
      envelope('video', { op: 'unpin', id: 'hall-1/video/9', by: 'duty' }),
    ]);
    expect(same.model).toBe(m1.model);
    expect(same.changes).toEqual([]);
    const m2 = reduceLiveModel(m1.model, [
      envelope('video', { op: 'unpin', id: 'hall-1/video/3', by: 'duty' }),
    ]);
    expect(m2.model.pins).toEqual({});
    expect(m2.changes).toEqual([{ collection: 'pins', id: 'hall-1/video/3', value: null }]);
  });
});
