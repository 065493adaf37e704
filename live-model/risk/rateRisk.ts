/**
 * The risk rule: plain counts in, a three-colour level and its reasons out. Pure and
 * independent of the live model, so the same rule rates a grid live (counts over the last
 * 24 h) and a day's aggregates in the trends (issue 5). docs/risk-rule.md explains it.
 */
import type { RiskCounts, RiskLevel, RiskReason, RiskReasonCode } from '../../protocol/risk';

/** Points each counted item adds to an area's score. */
export const RISK_WEIGHTS = {
  'red-alarms': 3,
  'yellow-alarms': 1,
  'open-red-cases': 3,
  'open-yellow-cases': 1,
  'overdue-cases': 2,
  'repeat-matters': 2,
} as const satisfies Partial<Record<RiskReasonCode, number>>;

const COUNT_OF = {
  'red-alarms': 'redAlarms',
  'yellow-alarms': 'yellowAlarms',
  'open-red-cases': 'openRedCases',
  'open-yellow-cases': 'openYellowCases',
  'overdue-cases': 'overdueCases',
  'repeat-matters': 'repeatMatters',
} as const satisfies Record<keyof typeof RISK_WEIGHTS, keyof RiskCounts>;

/** Score from which an area is yellow, and red; and how many unacknowledged red alarms make it red at once. */
export interface RiskThresholds {
  yellow: number;
  red: number;
  unhandledRed: number;
}

/** How far back alarms and reports count (the thresholds below are set for this window). */
export const RISK_WINDOW_HOURS = 6;
export const RISK_WINDOW_MS = RISK_WINDOW_HOURS * 3_600_000;

/** A grid (网格): a few hundred households. One red alarm nobody took up is enough. */
export const GRID_THRESHOLDS: RiskThresholds = { yellow: 6, red: 15, unhandledRed: 1 };
/** A township or street (乡镇/街道): 10–40 grids, so much more is needed to colour it. */
export const TOWNSHIP_THRESHOLDS: RiskThresholds = { yellow: 60, red: 120, unhandledRed: 3 };

/** Reports of the same matter in one grid from which it is a repeat hotspot (12345 practice). */
export const REPEAT_MIN_REPORTS = 3;

/**
 * Thresholds for counts over another window (e.g. a day's aggregates: `hours = 24`),
 * scaled in proportion to the window; the unacknowledged-red rule is a live rule and stays.
 * @example thresholdsForWindow(GRID_THRESHOLDS, 24) // { yellow: 24, red: 60, unhandledRed: 1 }
 */
export function thresholdsForWindow(base: RiskThresholds, hours: number): RiskThresholds {
  const k = hours / RISK_WINDOW_HOURS;
  return { yellow: base.yellow * k, red: base.red * k, unhandledRed: base.unhandledRed };
}

export interface RiskRating {
  level: RiskLevel;
  points: number;
  /** Strongest first: an unacknowledged red alarm, then by points, then by count. */
  reasons: RiskReason[];
}

export function emptyRiskCounts(): RiskCounts {
  return {
    redAlarms: 0,
    yellowAlarms: 0,
    greenAlarms: 0,
    unhandledRedAlarms: 0,
    openRedCases: 0,
    openYellowCases: 0,
    openGreenCases: 0,
    atRiskCases: 0,
    overdueCases: 0,
    repeatMatters: 0,
  };
}

/**
 * Rates an area from its counts. Red when `thresholds.unhandledRed` red alarms wait
 * unacknowledged, or when the score reaches `thresholds.red`; yellow from
 * `thresholds.yellow`; green below.
 * @example
 * rateRisk({ ...emptyRiskCounts(), redAlarms: 2, overdueCases: 1 }, GRID_THRESHOLDS)
 * // { level: 'yellow', points: 8, reasons: [{ code: 'red-alarms', count: 2, points: 6 }, { code: 'overdue-cases', count: 1, points: 2 }] }
 */
export function rateRisk(counts: RiskCounts, thresholds: RiskThresholds): RiskRating {
  const reasons: RiskReason[] = [];
  let points = 0;
  for (const code of Object.keys(RISK_WEIGHTS) as (keyof typeof RISK_WEIGHTS)[]) {
    const count = counts[COUNT_OF[code]];
    if (count <= 0) continue;
    const p = count * RISK_WEIGHTS[code];
    points += p;
    reasons.push({ code, count, points: p });
  }
  reasons.sort((a, b) => b.points - a.points || b.count - a.count);
  if (counts.unhandledRedAlarms > 0)
    reasons.unshift({ code: 'unhandled-red-alarm', count: counts.unhandledRedAlarms, points: 0 });
  const level: RiskLevel =
    counts.unhandledRedAlarms >= thresholds.unhandledRed || points >= thresholds.red
      ? 'red'
      : points >= thresholds.yellow
        ? 'yellow'
        : 'green';
  return { level, points, reasons };
}
