/**
 * Whether an area's figures over a period make it red, yellow or green, and why — for the
 * "which grids turned red this week" ranking. A seam: the map's risk rule (live-model/risk/,
 * issue 3) is the one the wall should use for grids once it lands; until then this counts
 * red alarms, overdue cases and repeat calls, per week. Pure.
 */
import type { Counts } from '../../protocol/trends';

export type RiskLevel = 'red' | 'yellow' | 'green';
export type RiskMeasure = 'redAlarms' | 'breached' | 'repeatCases';

/** Counts per 7 days at which an area turns yellow / red. */
export const AREA_RISK_RULE: Record<RiskMeasure, { yellow: number; red: number }> = {
  redAlarms: { yellow: 2, red: 4 },
  breached: { yellow: 1, red: 2 },
  repeatCases: { yellow: 2, red: 4 },
};

export interface AreaRisk {
  level: RiskLevel;
  /** The measures that reached a threshold, worst first. */
  reasons: { measure: RiskMeasure; count: number; level: RiskLevel }[];
}

/**
 * @example judgeAreaRisk({ ...counts, redAlarms: 5 }, 7) // { level: 'red', reasons: [{ measure: 'redAlarms', count: 5, level: 'red' }] }
 */
export function judgeAreaRisk(counts: Counts, days: number, rule = AREA_RISK_RULE): AreaRisk {
  const scale = Math.max(days, 1) / 7;
  const reasons: AreaRisk['reasons'] = [];
  for (const measure of Object.keys(rule) as RiskMeasure[]) {
    const count = counts[measure];
    const t = rule[measure];
    // One red alarm on one day makes a grid yellow, not red: red needs at least two.
    const level: RiskLevel =
      count >= Math.max(2, Math.round(t.red * scale))
        ? 'red'
        : count >= Math.max(1, Math.round(t.yellow * scale))
          ? 'yellow'
          : 'green';
    if (level !== 'green') reasons.push({ measure, count, level });
  }
  reasons.sort((a, b) => (a.level === b.level ? b.count - a.count : a.level === 'red' ? -1 : 1));
  const level = reasons.some((r) => r.level === 'red') ? 'red' : reasons.length > 0 ? 'yellow' : 'green';
  return { level, reasons };
}
