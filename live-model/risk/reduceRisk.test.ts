import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LiveModel } from '../../protocol/liveModel';
import type { Envelope } from '../../protocol/log';
import { alarmRecord, caseRecord, envelope, minutesAfter, T0 } from '../../tests/fixtures/feedItems';
import { decideAlarmAction } from '../alarmHandling';
import { createEmptyModel } from '../createEmptyModel';
import { createModelWriter } from '../modelWriter';
import { reduceLiveModel } from '../reduceLiveModel';
import { recomputeRisk, riskClockOf } from './reduceRisk';

const G = '510503001-07';
const T = '510503001';
const place = { gridId: G, townshipId: T };
const reduce = (model: LiveModel, events: Envelope[]) => reduceLiveModel(model, events).model;

describe('risk in the live model', () => {
  it('a new red alarm turns its grid red; acknowledged, its 3 points leave the grid green', () => {
    const m1 = reduce(createEmptyModel(), [envelope('alarm', alarmRecord({ ...place }))]);
    expect(m1.risk[`grid:${G}`]).toMatchObject({
      kind: 'grid',
      areaId: G,
      level: 'red',
      points: 3,
      reasons: [
        { code: 'unhandled-red-alarm', count: 1, points: 0 },
        { code: 'red-alarms', count: 1, points: 3 },
      ],
    });
    expect(m1.risk[`township:${T}`]).toMatchObject({ level: 'green', points: 3 });
    const { model: m2, changes } = reduceLiveModel(m1, [
      envelope('alarm', alarmRecord({ ...place, version: 2, state: 'acknowledged' }), minutesAfter(T0, 0.5)),
    ]);
    expect(m2.risk[`grid:${G}`]).toMatchObject({ level: 'green', points: 3 });
    expect(m2.risk[`grid:${G}`]?.counts).toMatchObject({ redAlarms: 1, unhandledRedAlarms: 0 });
    expect(changes.filter((c) => c.collection === 'risk').map((c) => c.id)).toEqual([
      `grid:${G}`,
      `township:${T}`,
    ]);
  });

  it('an acknowledgement at a console lifts the unacknowledged-red rule too (any writer moves the risk)', () => {
    const m1 = reduce(createEmptyModel(), [envelope('alarm', alarmRecord({ ...place }))]);
    const decision = decideAlarmAction(
      m1.alarms['ALM-1'],
      { action: 'acknowledge', expectedRevision: 0 },
      { id: 'user:zhang', name: '张三', role: 'officer', console: 'desk-1' },
    );
    expect(decision.ok).toBe(true);
    const data = (decision as { data: Envelope<'alarm-action'>['data'] }).data;
    const m2 = reduce(m1, [envelope('alarm-action', data, minutesAfter(T0, 0.5))]);
    expect(m2.risk[`grid:${G}`]).toMatchObject({
      level: 'green',
      counts: { redAlarms: 1, unhandledRedAlarms: 0 },
    });
  });

  it('an alarm text change that does not move the counts leaves the risk records as they were', () => {
    const m1 = reduce(createEmptyModel(), [envelope('alarm', alarmRecord({ ...place }))]);
    const m2 = reduce(m1, [envelope('alarm', alarmRecord({ ...place, version: 2, text: '补充说明' }))]);
    expect(m2.risk).toBe(m1.risk);
  });

  it('the window moves on a tick: an alarm older than 6 h no longer counts (the record goes)', () => {
    const m1 = reduce(createEmptyModel(), [envelope('alarm', alarmRecord({ ...place }))]);
    const still = reduceLiveModel(m1, [envelope('tick', {}, minutesAfter(T0, 5 * 60 + 59))]);
    expect(still.model.risk[`grid:${G}`]?.level).toBe('red');
    const gone = reduceLiveModel(still.model, [envelope('tick', {}, minutesAfter(T0, 6 * 60))]);
    // The unacknowledged alarm stays in the model (a week), but not in the 6 h risk window.
    expect(gone.model.alarms['ALM-1']).toBeDefined();
    expect(gone.model.risk).toEqual({});
    expect(gone.changes).toContainEqual({ collection: 'risk', id: `grid:${G}`, value: null });
  });

  it('a case passing its deadline counts as overdue from the next minute of the clock', () => {
    const c = caseRecord({ ...place, risk: 'green' });
    const m1 = reduce(createEmptyModel(), [envelope('case', c)]);
    expect(m1.risk[`grid:${G}`]?.counts).toMatchObject({ openGreenCases: 1, overdueCases: 0 });
    const m2 = reduce(m1, [envelope('tick', {}, minutesAfter(T0, 121))]);
    expect(m2.risk[`grid:${G}`]).toMatchObject({ level: 'green', points: 2 });
    expect(m2.risk[`grid:${G}`]?.counts.overdueCases).toBe(1);
  });

  it('3 reports of the same matter in one grid make a repeat hotspot, counted in its township too', () => {
    const events = [1, 2, 3].map((n) =>
      envelope(
        'alarm',
        alarmRecord({
          ...place,
          id: `N-${n}`,
          severity: 'green',
          category: '噪音扰民',
          channel: 'hotline-12345',
        }),
        minutesAfter(T0, n),
      ),
    );
    const two = reduce(createEmptyModel(), events.slice(0, 2));
    expect(two.risk[`grid:${G}`]?.counts.repeatMatters).toBe(0);
    const three = reduce(two, events.slice(2));
    expect(three.risk[`grid:${G}`]).toMatchObject({ matters: { 噪音扰民: 3 }, level: 'green', points: 2 });
    expect(three.risk[`grid:${G}`]?.reasons).toEqual([{ code: 'repeat-matters', count: 1, points: 2 }]);
    expect(three.risk[`grid:${G}`]?.counts.repeatMatters).toBe(1);
    expect(three.risk[`township:${T}`]?.counts.repeatMatters).toBe(1);
    expect(three.risk[`township:${T}`]?.matters).toEqual({ [`${G}|噪音扰民`]: 3 });
  });

  it('repeats count only reports from people (12345, 110, snapshots, dispute codes), not camera analytics', () => {
    const events = [1, 2, 3].map((n) =>
      envelope('alarm', alarmRecord({ ...place, id: `V-${n}`, severity: 'green', category: '车辆违停' })),
    );
    const m = reduce(createEmptyModel(), events);
    expect(m.risk[`grid:${G}`]).toMatchObject({ matters: {}, counts: { greenAlarms: 3, repeatMatters: 0 } });
  });

  it('an item without grid or township adds no risk record', () => {
    expect(reduce(createEmptyModel(), [envelope('alarm', alarmRecord())]).risk).toEqual({});
  });

  it('[property] the records kept step by step equal a full recount, however the events were batched', () => {
    const grids = ['A-1', 'A-2', 'B-1'];
    const event = fc.oneof(
      fc
        .record({
          id: fc.constantFrom('a1', 'a2', 'a3', 'a4'),
          version: fc.integer({ min: 1, max: 6 }),
          minute: fc.integer({ min: 0, max: 3000 }),
          grid: fc.constantFrom(...grids),
          severity: fc.constantFrom('red', 'yellow', 'green' as const),
          state: fc.constantFrom('new', 'acknowledged', 'closed' as const),
          category: fc.constantFrom('噪音扰民', '盗窃'),
          channel: fc.constantFrom('hotline-12345', 'video-analytics' as const),
        })
        .map(({ id, version, minute, grid, ...rest }) =>
          envelope(
            'alarm',
            alarmRecord({
              id,
              version,
              gridId: grid,
              townshipId: grid.slice(0, 1),
              occurredAt: minutesAfter(T0, minute - 60),
              ...rest,
            }),
            minutesAfter(T0, minute),
          ),
        ),
      fc
        .record({
          id: fc.constantFrom('c1', 'c2'),
          version: fc.integer({ min: 1, max: 6 }),
          minute: fc.integer({ min: 0, max: 3000 }),
          grid: fc.constantFrom(...grids),
          status: fc.constantFrom('received', 'triaged', 'resolved' as const),
          risk: fc.constantFrom('red', 'yellow', 'green' as const),
        })
        .map(({ id, version, minute, grid, ...rest }) =>
          envelope(
            'case',
            caseRecord({
              id,
              version,
              gridId: grid,
              townshipId: grid.slice(0, 1),
              receivedAt: minutesAfter(T0, minute - 90),
              firstResponseDue: minutesAfter(T0, minute + 30),
              feedbackDue: minutesAfter(T0, minute + 48 * 60),
              ...rest,
            }),
            minutesAfter(T0, minute),
          ),
        ),
      fc.integer({ min: 0, max: 6000 }).map((minute) => envelope('tick', {}, minutesAfter(T0, minute))),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events: Envelope[]) => {
        const batch = reduce(createEmptyModel(), events);
        const single = events.reduce((m, e) => reduce(m, [e]), createEmptyModel());
        expect(single).toEqual(batch);
        const w = createModelWriter(batch);
        const clock = riskClockOf(batch.asOf);
        if (clock !== null) recomputeRisk(w, clock);
        expect(w.finish().changes).toEqual([]);
      }),
    );
  });
});
