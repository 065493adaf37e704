import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AlarmCommand } from '../protocol/alarmActions';
import type { Actor, AlarmRecord, LiveModel } from '../protocol/liveModel';
import type { Envelope } from '../protocol/log';
import type { AlarmState } from '../protocol/schemas';
import { alarmRecord, minutesAfter, T0 } from '../tests/fixtures/feedItems';
import { decideAlarmAction, describeConflict, furthestState, handlingState } from './alarmHandling';
import { createEmptyModel } from './createEmptyModel';
import { reduceLiveModel } from './reduceLiveModel';

const zhang: Actor = { id: 'user:zhang', name: '张三', role: 'officer', console: 'desk-1' };
const li: Actor = { id: 'user:li', name: '李四', role: 'officer', console: 'desk-2' };

let seq = 0;
function source(over: Partial<AlarmRecord>, minute: number): Envelope {
  return { seq: ++seq, kind: 'alarm', at: minutesAfter(T0, minute), drill: false, data: alarmRecord(over) };
}

/** Decides a command against the model and, when allowed, logs and applies it. */
function act(model: LiveModel, command: AlarmCommand, actor: Actor, minute: number) {
  const decision = decideAlarmAction(model.alarms['ALM-1'], command, actor);
  if (!decision.ok) return { model, decision };
  const e: Envelope = {
    seq: ++seq,
    kind: 'alarm-action',
    at: minutesAfter(T0, minute),
    drill: false,
    data: decision.data,
  };
  return { model: reduceLiveModel(model, [e]).model, decision, event: e };
}

const base = () => reduceLiveModel(createEmptyModel(), [source({ severity: 'yellow' }, 0)]).model;

describe('alarm handling', () => {
  it('[H5] the second officer to acknowledge learns who was first and when', () => {
    const first = act(base(), { action: 'acknowledge', expectedRevision: 0 }, zhang, 1);
    expect(first.decision.ok).toBe(true);
    expect(first.model.alarms['ALM-1']).toMatchObject({
      state: 'acknowledged',
      stateSince: minutesAfter(T0, 1),
      handling: { revision: 1, acknowledged: { by: zhang, at: minutesAfter(T0, 1) } },
    });
    const second = act(first.model, { action: 'acknowledge', expectedRevision: 0 }, li, 1);
    expect(second.decision).toEqual({
      ok: false,
      conflict: { code: 'already-acknowledged', by: zhang, at: minutesAfter(T0, 1) },
    });
    expect(second.model).toBe(first.model);
    if (second.decision.ok) throw new Error('unreachable');
    expect(describeConflict(second.decision.conflict)).toBe(
      `already acknowledged by 张三 (officer, desk-1) at ${minutesAfter(T0, 1)}`,
    );
  });

  it('[H2] an action based on an older revision is refused as changed, naming the newer step', () => {
    const m1 = act(base(), { action: 'assign', expectedRevision: 0, unit: '安富派出所' }, zhang, 2).model;
    const late = act(m1, { action: 'escalate', expectedRevision: 0 }, li, 3);
    expect(late.decision).toEqual({
      ok: false,
      conflict: {
        code: 'changed',
        by: zhang,
        at: minutesAfter(T0, 2),
        action: 'assign',
        unit: '安富派出所',
      },
    });
    const retried = act(m1, { action: 'escalate', expectedRevision: 1 }, li, 3);
    expect(retried.model.alarms['ALM-1']?.handling?.revision).toBe(2);
  });

  it('[H2] a command that names no revision (a script) gets only the action checks', () => {
    const m1 = act(base(), { action: 'assign', unit: '安富派出所' }, zhang, 1).model;
    expect(m1.alarms['ALM-1']?.handling?.revision).toBe(1);
    expect(act(m1, { action: 'acknowledge' }, li, 2).decision).toMatchObject({
      ok: false,
      conflict: { code: 'already-acknowledged', by: zhang },
    });
    expect(act(m1, { action: 'escalate' }, li, 2).decision.ok).toBe(true);
  });

  it('[H6] assigning a new alarm acknowledges it too, and dispatches it', () => {
    const m = act(base(), { action: 'assign', expectedRevision: 0, unit: '安富派出所' }, zhang, 2).model;
    expect(m.alarms['ALM-1']).toMatchObject({
      state: 'dispatched',
      assignedTo: '安富派出所',
      handling: { acknowledged: { by: zhang }, assigned: { by: zhang, unit: '安富派出所' } },
    });
  });

  it('[H4] escalation makes the alarm red for good and remembers the severity before', () => {
    const m1 = act(
      base(),
      { action: 'escalate', expectedRevision: 0, reason: '现场人数上升' },
      zhang,
      1,
    ).model;
    expect(m1.alarms['ALM-1']).toMatchObject({
      severity: 'red',
      handling: { escalated: { to: 'leader', from: 'yellow', reason: '现场人数上升' } },
    });
    const m2 = reduceLiveModel(m1, [
      source({ version: 2, severity: 'green', state: 'acknowledged' }, 2),
    ]).model;
    expect(m2.alarms['ALM-1']?.severity).toBe('red');
    expect(act(m2, { action: 'escalate', expectedRevision: 1 }, li, 3).decision).toMatchObject({
      ok: false,
      conflict: { code: 'already-escalated', by: zhang },
    });
  });

  it('[H3] a source update neither moves the state back nor drops what the officers did', () => {
    const m1 = act(base(), { action: 'assign', expectedRevision: 0, unit: '安富派出所' }, zhang, 1).model;
    const m2 = reduceLiveModel(m1, [
      source({ version: 2, state: 'acknowledged', text: '来源系统补充：现场已有民警' }, 2),
    ]).model;
    expect(m2.alarms['ALM-1']).toMatchObject({
      version: 2,
      state: 'dispatched',
      assignedTo: '安富派出所',
      text: '来源系统补充：现场已有民警',
      stateSince: minutesAfter(T0, 1),
      handling: { revision: 1, assigned: { unit: '安富派出所' } },
    });
  });

  it('[H5] an alarm its source closed refuses every action, naming the source system', () => {
    const m = reduceLiveModel(base(), [source({ version: 4, state: 'closed' }, 30)]).model;
    expect(act(m, { action: 'acknowledge', expectedRevision: 0 }, zhang, 31).decision).toEqual({
      ok: false,
      conflict: {
        code: 'already-closed',
        by: null,
        at: minutesAfter(T0, 30),
        source: 'video-analytics',
      },
    });
  });

  it('[H5] acknowledging what the source acknowledged says so; assigning the same unit twice is refused', () => {
    const m = reduceLiveModel(base(), [source({ version: 2, state: 'acknowledged' }, 5)]).model;
    expect(act(m, { action: 'acknowledge', expectedRevision: 0 }, zhang, 6).decision).toMatchObject({
      ok: false,
      conflict: { code: 'already-acknowledged', by: null, source: 'video-analytics' },
    });
    const m2 = act(m, { action: 'assign', expectedRevision: 0, unit: '司法所' }, zhang, 6).model;
    expect(act(m2, { action: 'assign', expectedRevision: 1, unit: '司法所' }, li, 7).decision).toMatchObject({
      ok: false,
      conflict: { code: 'already-assigned', by: zhang, unit: '司法所' },
    });
    const reassigned = act(m2, { action: 'assign', expectedRevision: 1, unit: '安富派出所' }, li, 7).model;
    expect(reassigned.alarms['ALM-1']?.assignedTo).toBe('安富派出所');
  });

  it('[H1] an older source version after an operator action changes nothing', () => {
    const m1 = reduceLiveModel(base(), [
      source({ version: 3, state: 'dispatched', assignedTo: '司法所' }, 3),
    ]).model;
    const m2 = act(m1, { action: 'close', expectedRevision: 0, note: '已处置完毕' }, zhang, 4).model;
    const after = reduceLiveModel(m2, [source({ version: 2, state: 'acknowledged' }, 5)]);
    expect(after.model).toBe(m2);
    expect(after.changes).toEqual([]);
  });

  it('refuses an unknown alarm as not-found', () => {
    expect(decideAlarmAction(undefined, { action: 'acknowledge', expectedRevision: 0 }, zhang)).toEqual({
      ok: false,
      conflict: { code: 'not-found', by: null, at: null },
    });
  });

  const RANK: Record<AlarmState, number> = { new: 0, acknowledged: 1, dispatched: 2, closed: 3 };
  const SOURCE_STATES: AlarmState[] = ['new', 'acknowledged', 'dispatched', 'closed'];
  const commandArb = fc.oneof(
    fc.constant({ action: 'acknowledge' as const }),
    fc.constantFrom('派出所', '司法所').map((unit) => ({ action: 'assign' as const, unit })),
    fc.constant({ action: 'escalate' as const }),
    fc.constant({ action: 'close' as const, note: '处置完毕' }),
  );
  const stepArb = fc.oneof(
    fc.integer({ min: 1, max: 4 }).map((version) => ({ kind: 'source' as const, version })),
    fc.record({ kind: fc.constant('op' as const), command: commandArb, stale: fc.boolean() }),
  );

  it('[H1][H2][H3] any interleaving: state never goes back, source fields follow the newest version, replay is identical', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 14 }), (steps) => {
        const logged: Envelope[] = [source({ version: 1 }, 0)];
        let model = reduceLiveModel(createEmptyModel(), logged).model;
        let applied = 0;
        let maxVersion = 1;
        steps.forEach((step, i) => {
          const before = model.alarms['ALM-1'] as AlarmRecord;
          if (step.kind === 'source') {
            const e = source(
              { version: step.version, state: SOURCE_STATES[step.version - 1], text: `v${step.version}` },
              i + 1,
            );
            logged.push(e);
            model = reduceLiveModel(model, [e]).model;
            maxVersion = Math.max(maxVersion, step.version);
          } else {
            const revision = before.handling?.revision ?? 0;
            const command = {
              ...step.command,
              expectedRevision: step.stale ? Math.max(0, revision - 1) : revision,
            } as AlarmCommand;
            const r = act(model, command, i % 2 ? zhang : li, i + 1);
            if (r.event) {
              logged.push(r.event);
              applied++;
            }
            model = r.model;
          }
          const after = model.alarms['ALM-1'] as AlarmRecord;
          expect(RANK[after.state]).toBeGreaterThanOrEqual(RANK[before.state]);
        });
        const final = model.alarms['ALM-1'] as AlarmRecord;
        expect(final.version).toBe(maxVersion);
        expect(final.text).toBe(maxVersion === 1 ? alarmRecord().text : `v${maxVersion}`);
        expect(final.handling?.revision ?? 0).toBe(applied);
        expect(final.state).toBe(
          furthestState(SOURCE_STATES[maxVersion - 1] as AlarmState, handlingState(final.handling)),
        );
        expect(reduceLiveModel(createEmptyModel(), logged).model.alarms).toEqual(model.alarms);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
