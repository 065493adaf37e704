import type { CaseRecord } from '../../protocol/liveModel';
import { CASE_DONE_STATUSES } from '../../protocol/schemas';

export type SlaState = 'done' | 'ok' | 'at-risk' | 'breached';

export interface CaseDeadline {
  /** Which clock runs: the 2 h first response, then the 48 h feedback. */
  clock: 'first-response' | 'feedback' | 'none';
  due: string | null;
  /** Share of the deadline used up (0 at intake, 1 at the deadline, above 1 when breached). */
  used: number;
  remainingMs: number;
  state: SlaState;
}

/** Share of a deadline from which a case counts as at risk. */
export const AT_RISK_SHARE = 0.75;

/**
 * The SLA clock of a case at `nowMs` (Qujing's rule: first response within 2 h, feedback
 * within 48 h).
 * @example selectCaseDeadline(c, Date.parse(c.receivedAt) + 90 * 60_000) // { clock: 'first-response', used: 0.75, state: 'at-risk', … }
 */
export function selectCaseDeadline(c: CaseRecord, nowMs: number): CaseDeadline {
  if (CASE_DONE_STATUSES.includes(c.status))
    return { clock: 'none', due: null, used: 0, remainingMs: 0, state: 'done' };
  const clock = c.firstRespondedAt ? 'feedback' : 'first-response';
  const due = clock === 'feedback' ? c.feedbackDue : c.firstResponseDue;
  const start = Date.parse(c.receivedAt);
  const dueMs = Date.parse(due);
  const span = Math.max(dueMs - start, 1);
  const used = (nowMs - start) / span;
  const remainingMs = dueMs - nowMs;
  const state: SlaState = remainingMs < 0 ? 'breached' : used >= AT_RISK_SHARE ? 'at-risk' : 'ok';
  return { clock, due, used, remainingMs, state };
}
