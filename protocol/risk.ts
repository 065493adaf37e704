/**
 * The three-colour risk of a grid or township as the live model carries it (collection
 * `risk`, ids `grid:<gridId>` and `township:<townshipId>`). The rule that turns counts
 * into a level lives in live-model/risk/ and is documented in docs/risk-rule.md.
 */
import type { Severity } from './schemas';

/** What the rule counts for one area: plain numbers, so daily aggregates can be rated too. */
export interface RiskCounts {
  /** Alarms reported in the window, by severity, whatever their handling state. */
  redAlarms: number;
  yellowAlarms: number;
  greenAlarms: number;
  /** Red alarms in the window that nobody has acknowledged yet. */
  unhandledRedAlarms: number;
  /** Open cases (not resolved/closed/visited) by their agreed risk grade. */
  openRedCases: number;
  openYellowCases: number;
  openGreenCases: number;
  /** Open cases that used 75 % of their current deadline, and those past it. */
  atRiskCases: number;
  overdueCases: number;
  /** Matters (same category in the same grid) reported 3 or more times in the window. */
  repeatMatters: number;
}

export const RISK_COUNT_KEYS = [
  'redAlarms',
  'yellowAlarms',
  'greenAlarms',
  'unhandledRedAlarms',
  'openRedCases',
  'openYellowCases',
  'openGreenCases',
  'atRiskCases',
  'overdueCases',
  'repeatMatters',
] as const satisfies readonly (keyof RiskCounts)[];

/** Why an area has its level; `points` is the share of the score this reason adds. */
export const RISK_REASON_CODES = [
  'unhandled-red-alarm',
  'red-alarms',
  'yellow-alarms',
  'open-red-cases',
  'open-yellow-cases',
  'overdue-cases',
  'repeat-matters',
] as const;
export type RiskReasonCode = (typeof RISK_REASON_CODES)[number];

export interface RiskReason {
  code: RiskReasonCode;
  count: number;
  points: number;
}

export type RiskLevel = Severity;
export type RiskAreaKind = 'grid' | 'township';

export interface AreaRisk {
  /** `grid:<gridId>` or `township:<townshipId>`. */
  id: string;
  kind: RiskAreaKind;
  /** The grid or township id from the region pack (a grid's township is in the pack). */
  areaId: string;
  level: RiskLevel;
  points: number;
  counts: RiskCounts;
  /** Strongest reason first. */
  reasons: RiskReason[];
  /**
   * Reports per matter in the window: keyed by category in a grid (repeat hotspots), by
   * `<gridId>|<category>` in a township (so its repeat count is the sum over its grids).
   */
  matters: Record<string, number>;
}
