import { describe, expect, it } from 'vitest';
import type { RiskCounts } from '../../protocol/risk';
import {
  emptyRiskCounts,
  GRID_THRESHOLDS,
  rateRisk,
  TOWNSHIP_THRESHOLDS,
  thresholdsForWindow,
} from './rateRisk';

const counts = (over: Partial<RiskCounts>): RiskCounts => ({ ...emptyRiskCounts(), ...over });

// Hand-computed with the documented rule (docs/risk-rule.md): weights red alarm 3, yellow
// alarm 1, open red case 3, open yellow case 1, overdue case 2, repeat matter 2; a grid is
// yellow from 6 points, red from 15 or with 1 unacknowledged red alarm; a township 60 / 120 / 3.
describe('rateRisk', () => {
  it('an area with nothing counted is green with no reasons', () => {
    expect(rateRisk(emptyRiskCounts(), GRID_THRESHOLDS)).toEqual({ level: 'green', points: 0, reasons: [] });
  });

  it('green alarms, green cases and at-risk cases are shown but add no points', () => {
    expect(rateRisk(counts({ greenAlarms: 12, openGreenCases: 4, atRiskCases: 2 }), GRID_THRESHOLDS)).toEqual(
      {
        level: 'green',
        points: 0,
        reasons: [],
      },
    );
  });

  it('2 red alarms + 1 overdue case = 3·2 + 2·1 = 8 points: a yellow grid (6 ≤ 8 < 15)', () => {
    expect(rateRisk(counts({ redAlarms: 2, overdueCases: 1 }), GRID_THRESHOLDS)).toEqual({
      level: 'yellow',
      points: 8,
      reasons: [
        { code: 'red-alarms', count: 2, points: 6 },
        { code: 'overdue-cases', count: 1, points: 2 },
      ],
    });
  });

  it('5 red alarms = 15 points: a red grid, but a green township (15 < 60)', () => {
    expect(rateRisk(counts({ redAlarms: 5 }), GRID_THRESHOLDS)).toMatchObject({ level: 'red', points: 15 });
    expect(rateRisk(counts({ redAlarms: 5 }), TOWNSHIP_THRESHOLDS)).toMatchObject({
      level: 'green',
      points: 15,
    });
  });

  it('one red alarm nobody acknowledged makes a grid red at once, and says so first', () => {
    const c = counts({ redAlarms: 1, unhandledRedAlarms: 1, yellowAlarms: 4 });
    const grid = rateRisk(c, GRID_THRESHOLDS);
    expect(grid).toMatchObject({ level: 'red', points: 7 });
    expect(grid.reasons.map((x) => x.code)).toEqual(['unhandled-red-alarm', 'yellow-alarms', 'red-alarms']);
    // A township needs 3 of them: with one it is rated on its 7 points.
    expect(rateRisk(c, TOWNSHIP_THRESHOLDS).level).toBe('green');
    expect(rateRisk(counts({ redAlarms: 3, unhandledRedAlarms: 3 }), TOWNSHIP_THRESHOLDS).level).toBe('red');
  });

  it('4 yellow alarms (4 points) stay green; one repeat matter more (4 + 2 = 6) turns the grid yellow', () => {
    expect(rateRisk(counts({ yellowAlarms: 4 }), GRID_THRESHOLDS).level).toBe('green');
    const r = rateRisk(counts({ yellowAlarms: 4, repeatMatters: 1 }), GRID_THRESHOLDS);
    expect(r).toMatchObject({ level: 'yellow', points: 6 });
    expect(r.reasons).toEqual([
      { code: 'yellow-alarms', count: 4, points: 4 },
      { code: 'repeat-matters', count: 1, points: 2 },
    ]);
  });

  it('cases count by their agreed grade: 4 open red + 3 open yellow cases = 15 points, a red grid', () => {
    expect(rateRisk(counts({ openRedCases: 4, openYellowCases: 3 }), GRID_THRESHOLDS)).toMatchObject({
      level: 'red',
      points: 15,
    });
  });

  it('equal points are ordered by count, then by the order of the weights table', () => {
    const r = rateRisk(counts({ redAlarms: 1, openRedCases: 1, yellowAlarms: 3 }), GRID_THRESHOLDS);
    expect(r.reasons.map((x) => x.code)).toEqual(['yellow-alarms', 'red-alarms', 'open-red-cases']);
    expect(r).toMatchObject({ level: 'yellow', points: 9 });
  });

  it('rates daily aggregates with thresholds scaled to the window (24 h = 4 × 6 h)', () => {
    const day = thresholdsForWindow(GRID_THRESHOLDS, 24);
    expect(day).toEqual({ yellow: 24, red: 60, unhandledRed: 1 });
    expect(rateRisk(counts({ redAlarms: 5 }), day).level).toBe('green');
    expect(rateRisk(counts({ redAlarms: 20 }), day).level).toBe('red');
  });
});
