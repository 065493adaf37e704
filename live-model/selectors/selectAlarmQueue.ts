import type { AlarmRecord, LiveModel } from '../../protocol/liveModel';

const SEVERITY_RANK = { red: 0, yellow: 1, green: 2 } as const;
const STATE_RANK = { new: 0, acknowledged: 1, dispatched: 2, closed: 3 } as const;

/**
 * Alarms in the order a duty officer works them: unhandled first, red before yellow before
 * green, newest first; at most `limit`, plus how many were left out.
 */
export function selectAlarmQueue(model: LiveModel, limit: number): { alarms: AlarmRecord[]; hidden: number } {
  const all = Object.values(model.alarms).filter((a) => a.state !== 'closed');
  all.sort(
    (a, b) =>
      STATE_RANK[a.state] - STATE_RANK[b.state] ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : 0) ||
      (a.id < b.id ? -1 : 1),
  );
  return { alarms: all.slice(0, limit), hidden: Math.max(0, all.length - limit) };
}
