/**
 * The one risk rule (rateRisk) applied to a period's daily aggregates — for "which grids
 * turned red this week, and why" on the wall and in the reports. Aggregates count what a
 * period saw, not what is open now, so three of the rule's inputs exist for a period: red
 * alarms, cases that broke a deadline (`breached` → overdue) and repeat calls (`repeatCases`
 * → repeated matters). Same weights and reasons as the live map; thresholds per week of
 * counts (docs/risk-rule.md §5). Pure.
 */
import type { RiskCounts } from '../../protocol/risk';
import type { Counts } from '../../protocol/trends';
import { emptyRiskCounts, type RiskRating, type RiskThresholds, rateRisk } from './rateRisk';

/** Points per 7 days from which a grid is yellow (one red alarm) and red (four red alarms). */
export const PERIOD_GRID_THRESHOLDS_PER_WEEK = { yellow: 3, red: 12 } as const;

/**
 * Thresholds for a period of `days`, in proportion to a week, never below one red alarm for
 * yellow and two for red (one red alarm on one day makes a grid yellow, not red).
 * @example periodThresholds(7) // { yellow: 3, red: 12, unhandledRed: Infinity }
 */
export function periodThresholds(days: number): RiskThresholds {
  const k = Math.max(days, 1) / 7;
  return {
    yellow: Math.max(3, PERIOD_GRID_THRESHOLDS_PER_WEEK.yellow * k),
    red: Math.max(6, PERIOD_GRID_THRESHOLDS_PER_WEEK.red * k),
    // Whether a red alarm still waits is a live question; a past period has no such count.
    unhandledRed: Number.POSITIVE_INFINITY,
  };
}

/** What a period's aggregates say for the rule's inputs. */
export function periodRiskCounts(counts: Counts): RiskCounts {
  return {
    ...emptyRiskCounts(),
    redAlarms: counts.redAlarms,
    overdueCases: counts.breached,
    repeatMatters: counts.repeatCases,
  };
}

/**
 * @example ratePeriodRisk({ ...counts, redAlarms: 5 }, 7) // { level: 'red', points: 15, reasons: [{ code: 'red-alarms', count: 5, points: 15 }] }
 */
export function ratePeriodRisk(counts: Counts, days: number): RiskRating {
  return rateRisk(periodRiskCounts(counts), periodThresholds(days));
}
