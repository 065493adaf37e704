/**
 * Operator actions on alarms and how they order against the alarm's source system. Pure:
 * time comes in as the log time. The rules (cited by the tests as [H1]…):
 *
 * - [H1] Source fields are versioned by the source's `version`; an older or equal version
 *   never overwrites a newer one (isNewerVersion), whatever the console did.
 * - [H2] Operator actions are versioned by `handling.revision` (one per action). A command
 *   names the revision its console saw; a different one is refused as `changed`. (A script
 *   that names none gets only the [H5] checks.)
 * - [H3] The state shown is the furthest of the source's state and the operators' state
 *   (new → acknowledged → dispatched → closed): neither side can move it back.
 * - [H4] An escalation keeps the alarm red and an operator's assignment keeps its unit,
 *   whatever later source versions say; the source's other fields follow the source.
 * - [H5] Acting on a closed alarm, acknowledging an acknowledged one, escalating twice or
 *   assigning the same unit again is refused with who did it first and when (an officer,
 *   or the source system).
 * - [H6] Assign, escalate and close on a new alarm acknowledge it too (by the same officer).
 */
import type { ActionConflict, AlarmActionName, AlarmCommand } from '../protocol/alarmActions';
import type { Actor, AlarmHandling, AlarmRecord, HandlingStep } from '../protocol/liveModel';
import type { AlarmActionData } from '../protocol/log';
import type { AlarmState } from '../protocol/schemas';

const STATE_ORDER: Record<AlarmState, number> = { new: 0, acknowledged: 1, dispatched: 2, closed: 3 };

/** The later of two states in the alarm life cycle. */
export function furthestState(a: AlarmState, b: AlarmState): AlarmState {
  return STATE_ORDER[a] >= STATE_ORDER[b] ? a : b;
}

/** The state the operators' steps alone have brought an alarm to. */
export function handlingState(h: AlarmHandling | undefined): AlarmState {
  if (!h) return 'new';
  if (h.closed) return 'closed';
  if (h.assigned) return 'dispatched';
  if (h.acknowledged) return 'acknowledged';
  return 'new';
}

/**
 * A newer source version of an alarm, merged with what the operators did ([H3], [H4]).
 * The caller has already checked that `incoming` is newer ([H1]).
 * @example mergeSourceUpdate({ ...alarm, version: 2, state: 'acknowledged' }, existing, at)
 */
export function mergeSourceUpdate(
  incoming: AlarmRecord,
  existing: AlarmRecord | undefined,
  at: string,
): AlarmRecord {
  const h = existing?.handling;
  const next: AlarmRecord = { ...incoming };
  delete next.handling;
  delete next.stateSince;
  if (h) {
    next.handling = h;
    next.state = furthestState(incoming.state, handlingState(h));
    if (h.escalated) next.severity = 'red';
    if (h.assigned) next.assignedTo = h.assigned.unit;
  }
  next.stateSince = existing && existing.state === next.state ? (existing.stateSince ?? at) : at;
  return next;
}

const STEP_ORDER: readonly AlarmActionName[] = ['acknowledge', 'assign', 'escalate', 'close'];
const STEP_OF: Record<AlarmActionName, keyof Omit<AlarmHandling, 'revision'>> = {
  acknowledge: 'acknowledged',
  assign: 'assigned',
  escalate: 'escalated',
  close: 'closed',
};

/** The operators' most recent step (ties go to the later step of the life cycle). */
export function lastStep(h: AlarmHandling | undefined): (HandlingStep & { action: AlarmActionName }) | null {
  if (!h) return null;
  let best: (HandlingStep & { action: AlarmActionName }) | null = null;
  for (const action of STEP_ORDER) {
    const step = h[STEP_OF[action]];
    if (step && (!best || step.at >= best.at)) best = { by: step.by, at: step.at, action };
  }
  return best;
}

export type AlarmDecision = { ok: true; data: AlarmActionData } | { ok: false; conflict: ActionConflict };

function bySource(alarm: AlarmRecord, code: ActionConflict['code']): ActionConflict {
  return { code, by: null, at: alarm.stateSince ?? null, source: alarm.channel };
}

/**
 * Whether a console's command may be applied to the alarm as it is now ([H2], [H5]); if so,
 * the data of the `alarm-action` event to log. Free text is expected already masked.
 * @example decideAlarmAction(alarm, { action: 'acknowledge', expectedRevision: 0 }, actor)
 */
export function decideAlarmAction(
  alarm: AlarmRecord | undefined,
  command: AlarmCommand,
  actor: Actor,
  alarmId: string = alarm?.id ?? '',
): AlarmDecision {
  if (!alarm) return { ok: false, conflict: { code: 'not-found', by: null, at: null } };
  const h = alarm.handling;
  if (alarm.state === 'closed') {
    const c = h?.closed;
    return {
      ok: false,
      conflict: c ? { code: 'already-closed', by: c.by, at: c.at } : bySource(alarm, 'already-closed'),
    };
  }
  if (command.action === 'acknowledge' && alarm.state !== 'new') {
    const a = h?.acknowledged;
    return {
      ok: false,
      conflict: a
        ? { code: 'already-acknowledged', by: a.by, at: a.at }
        : bySource(alarm, 'already-acknowledged'),
    };
  }
  if (command.action === 'assign' && h?.assigned && h.assigned.unit === command.unit) {
    const a = h.assigned;
    return { ok: false, conflict: { code: 'already-assigned', by: a.by, at: a.at, unit: a.unit } };
  }
  if (command.action === 'escalate' && h?.escalated) {
    const e = h.escalated;
    return { ok: false, conflict: { code: 'already-escalated', by: e.by, at: e.at } };
  }
  const revision = h?.revision ?? 0;
  if (command.expectedRevision !== undefined && command.expectedRevision !== revision) {
    const last = lastStep(h);
    return {
      ok: false,
      conflict: {
        code: 'changed',
        by: last?.by ?? null,
        at: last?.at ?? null,
        ...(last ? { action: last.action } : {}),
        ...(last?.action === 'assign' && h?.assigned ? { unit: h.assigned.unit } : {}),
      },
    };
  }
  const { expectedRevision: _seen, ...rest } = command;
  return { ok: true, data: { ...rest, alarmId, actor, revision: revision + 1 } };
}

/**
 * Applies a logged operator action to the alarm ([H3], [H4], [H6]); returns the same
 * object when the action no longer applies (an old revision on replay).
 * @example applyAlarmAction(alarm, { alarmId, action: 'acknowledge', actor, revision: 1 }, at)
 */
export function applyAlarmAction(alarm: AlarmRecord, data: AlarmActionData, at: string): AlarmRecord {
  const prev = alarm.handling ?? { revision: 0 };
  if (data.revision <= prev.revision) return alarm;
  const step: HandlingStep = { by: data.actor, at };
  const h: AlarmHandling = { ...prev, revision: data.revision };
  const next: AlarmRecord = { ...alarm, handling: h };
  if (!h.acknowledged && (data.action === 'acknowledge' || alarm.state === 'new')) h.acknowledged = step;
  let state = furthestState(alarm.state, 'acknowledged');
  switch (data.action) {
    case 'assign':
      h.assigned = { ...step, unit: data.unit };
      next.assignedTo = data.unit;
      state = furthestState(state, 'dispatched');
      break;
    case 'escalate':
      h.escalated = {
        ...step,
        to: 'leader',
        from: alarm.handling?.escalated?.from ?? alarm.severity,
        ...(data.reason ? { reason: data.reason } : {}),
      };
      next.severity = 'red';
      break;
    case 'close':
      h.closed = { ...step, note: data.note };
      state = 'closed';
      break;
    case 'acknowledge':
      break;
  }
  next.state = state;
  if (state !== alarm.state) next.stateSince = at;
  return next;
}

/**
 * The conflict as one English line for API answers and logs (the console words it in the
 * screen's language from the same fields).
 * @example describeConflict({ code: 'already-acknowledged', by: { name: '张三', … }, at }) // 'already acknowledged by 张三 (officer) at 2026-…'
 */
export function describeConflict(c: ActionConflict): string {
  const who = c.by ? `${c.by.name} (${c.by.role}${c.by.console ? `, ${c.by.console}` : ''})` : null;
  const by = who ? `by ${who}` : c.source ? `by its source system (${c.source})` : '';
  const when = c.at ? `at ${c.at}` : '';
  const tail = [by, when].filter(Boolean).join(' ');
  switch (c.code) {
    case 'not-found':
      return 'no such alarm in the live picture (closed long ago, or a wrong id)';
    case 'already-acknowledged':
      return `already acknowledged ${tail}`.trim();
    case 'already-assigned':
      return `already assigned to ${c.unit ?? '?'} ${tail}`.trim();
    case 'already-escalated':
      return `already escalated ${tail}`.trim();
    case 'already-closed':
      return `already closed ${tail}`.trim();
    case 'changed':
      return `changed since you looked: ${c.action ?? 'updated'}${c.unit ? ` to ${c.unit}` : ''} ${tail}; look again and retry`.trim();
  }
}
