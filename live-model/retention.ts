import type { AlarmRecord, CaseRecord } from '../protocol/liveModel';
import { CASE_DONE_STATUSES } from '../protocol/schemas';

const HOUR = 3_600_000;

/** How long items stay in the live model; history lives in the store and the trends API. */
export const RETENTION = {
  /** Handled alarms leave a day after they occurred. */
  handledAlarmHours: 24,
  /** Alarms nobody acknowledged stay a week so that they cannot silently vanish. */
  unhandledAlarmHours: 168,
  /** Finished cases leave three days after they were resolved. */
  doneCaseHours: 72,
} as const;

export function isAlarmExpired(alarm: AlarmRecord, nowMs: number): boolean {
  const age = nowMs - Date.parse(alarm.occurredAt);
  const limit = alarm.state === 'new' ? RETENTION.unhandledAlarmHours : RETENTION.handledAlarmHours;
  return age > limit * HOUR;
}

export function isCaseExpired(c: CaseRecord, nowMs: number): boolean {
  if (!CASE_DONE_STATUSES.includes(c.status)) return false;
  const doneAt = Date.parse(c.resolvedAt ?? c.feedbackDue);
  return nowMs - doneAt > RETENTION.doneCaseHours * HOUR;
}
