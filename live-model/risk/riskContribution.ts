/**
 * What one alarm or case adds to the risk counts of its grid and township at a given clock.
 * The reducer adds an item's contribution when it arrives and subtracts the old one when it
 * changes or leaves, so the risk collection always equals the rule applied to the whole
 * model at the risk clock (see reduceRisk.ts).
 */
import type { AlarmRecord, CaseRecord } from '../../protocol/liveModel';
import type { RiskCounts } from '../../protocol/risk';
import { type AlarmChannel, CASE_DONE_STATUSES, type Severity } from '../../protocol/schemas';
import { selectCaseDeadline } from '../selectors/selectCaseDeadline';
import { RISK_WINDOW_MS } from './rateRisk';

export type CountKey = keyof RiskCounts;

export interface RiskContribution {
  gridId: string | null;
  townshipId: string | null;
  /** Counts this item adds (repeat matters excepted: they follow from `matter`). */
  counts: readonly CountKey[];
  /** The matter (category) when the item is a report inside the window. */
  matter: string | null;
}

/**
 * Channels through which people report matters (complaints, calls, snapshots, dispute codes):
 * their repeats mark a hotspot. Camera analytics and sensors repeat by nature and do not.
 */
export const REPORT_CHANNELS: ReadonlySet<AlarmChannel> = new Set<AlarmChannel>([
  'hotline-12345',
  'police-110',
  'wechat-snapshot',
  'qr-report',
]);

// Shared, frozen count lists: a recount over a large model allocates nothing per item for them.
const ALARM_COUNTS = {
  red: Object.freeze(['redAlarms']),
  yellow: Object.freeze(['yellowAlarms']),
  green: Object.freeze(['greenAlarms']),
} as const satisfies Record<Severity, readonly CountKey[]>;
const UNHANDLED_RED_COUNTS: readonly CountKey[] = Object.freeze(['redAlarms', 'unhandledRedAlarms']);
const CASE_RISK_COUNT = { red: 'openRedCases', yellow: 'openYellowCases', green: 'openGreenCases' } as const;
type CaseClock = 'none' | 'atRiskCases' | 'overdueCases';
const CASE_COUNTS = Object.fromEntries(
  (['red', 'yellow', 'green'] as const).flatMap((risk) =>
    (['none', 'atRiskCases', 'overdueCases'] as const).map((clock) => [
      `${risk}/${clock}`,
      Object.freeze(clock === 'none' ? [CASE_RISK_COUNT[risk]] : [CASE_RISK_COUNT[risk], clock]),
    ]),
  ),
) as Record<`${Severity}/${CaseClock}`, readonly CountKey[]>;
const NO_COUNTS: readonly CountKey[] = Object.freeze([]);

/**
 * An alarm counts while it occurred within the window before `clockMs`, whatever its state;
 * one from a reporting channel is also a report of its matter (its category).
 * @example alarmContribution(alarm, Date.parse(alarm.occurredAt)) // { counts: ['redAlarms', 'unhandledRedAlarms'], matter: null, … }
 */
export function alarmContribution(alarm: AlarmRecord, clockMs: number): RiskContribution | null {
  const gridId = alarm.gridId ?? null;
  const townshipId = alarm.townshipId ?? null;
  if (gridId === null && townshipId === null) return null;
  if (!(Date.parse(alarm.occurredAt) > clockMs - RISK_WINDOW_MS)) return null;
  const counts =
    alarm.severity === 'red' && alarm.state === 'new' ? UNHANDLED_RED_COUNTS : ALARM_COUNTS[alarm.severity];
  return { gridId, townshipId, counts, matter: REPORT_CHANNELS.has(alarm.channel) ? alarm.category : null };
}

/**
 * A case counts while it is open (by its risk grade and its deadline clock at `clockMs`);
 * a case received within the window is also a report of its matter.
 * @example caseContribution(c, Date.parse(c.feedbackDue) + 1) // counts include 'overdueCases'
 */
export function caseContribution(c: CaseRecord, clockMs: number): RiskContribution | null {
  const gridId = c.gridId ?? null;
  const townshipId = c.townshipId ?? null;
  if (gridId === null && townshipId === null) return null;
  const open = !CASE_DONE_STATUSES.includes(c.status);
  const recent = Date.parse(c.receivedAt) > clockMs - RISK_WINDOW_MS;
  if (!open && !recent) return null;
  let counts = NO_COUNTS;
  if (open) {
    const sla = selectCaseDeadline(c, clockMs).state;
    const clock: CaseClock =
      sla === 'breached' || c.status === 'overdue'
        ? 'overdueCases'
        : sla === 'at-risk'
          ? 'atRiskCases'
          : 'none';
    counts = CASE_COUNTS[`${c.risk}/${clock}`];
  }
  return { gridId, townshipId, counts, matter: recent ? c.category : null };
}
