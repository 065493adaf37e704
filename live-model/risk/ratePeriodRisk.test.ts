import { describe, expect, it } from 'vitest';
import { emptyCounts } from '../aggregates/emptyCounts';
import { periodThresholds, ratePeriodRisk } from './ratePeriodRisk';

describe('ratePeriodRisk', () => {
  it('rates a week of aggregates with the map rule’s weights and reasons', () => {
    // 5 red alarms × 3 + 1 breached case × 2 = 17 points ≥ 12: red
    expect(ratePeriodRisk({ ...emptyCounts(), redAlarms: 5, breached: 1 }, 7)).toEqual({
      level: 'red',
      points: 17,
      reasons: [
        { code: 'red-alarms', count: 5, points: 15 },
        { code: 'overdue-cases', count: 1, points: 2 },
      ],
    });
    expect(ratePeriodRisk({ ...emptyCounts(), repeatCases: 3 }, 7)).toMatchObject({
      level: 'yellow',
      points: 6,
    });
    expect(ratePeriodRisk(emptyCounts(), 7)).toEqual({ level: 'green', points: 0, reasons: [] });
  });

  it('scales the thresholds with the length of the period, with floors for short ones', () => {
    expect(periodThresholds(28)).toMatchObject({ yellow: 12, red: 48 });
    expect(periodThresholds(1)).toMatchObject({ yellow: 3, red: 6 });
    // 4 red alarms in 28 days is yellow; in one day it is red; one red alarm in a day is yellow
    expect(ratePeriodRisk({ ...emptyCounts(), redAlarms: 4 }, 28).level).toBe('yellow');
    expect(ratePeriodRisk({ ...emptyCounts(), redAlarms: 4 }, 1).level).toBe('red');
    expect(ratePeriodRisk({ ...emptyCounts(), redAlarms: 1 }, 1).level).toBe('yellow');
  });

  it('never holds a past period red for an unacknowledged alarm (a live rule)', () => {
    expect(periodThresholds(7).unhandledRed).toBe(Number.POSITIVE_INFINITY);
  });
});
