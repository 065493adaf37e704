import { describe, expect, it } from 'vitest';
import { emptyCounts } from './emptyCounts';
import { judgeAreaRisk } from './judgeAreaRisk';

describe('judgeAreaRisk', () => {
  it('turns an area red on red alarms or overdue cases over a week, and says why', () => {
    expect(judgeAreaRisk({ ...emptyCounts(), redAlarms: 5, breached: 1 }, 7)).toEqual({
      level: 'red',
      reasons: [
        { measure: 'redAlarms', count: 5, level: 'red' },
        { measure: 'breached', count: 1, level: 'yellow' },
      ],
    });
    expect(judgeAreaRisk({ ...emptyCounts(), redAlarms: 2 }, 7).level).toBe('yellow');
    expect(judgeAreaRisk(emptyCounts(), 7)).toEqual({ level: 'green', reasons: [] });
  });

  it('scales the thresholds with the length of the period', () => {
    // 4 red alarms in 28 days is quiet; 4 in one day is red
    expect(judgeAreaRisk({ ...emptyCounts(), redAlarms: 4 }, 28).level).toBe('green');
    expect(judgeAreaRisk({ ...emptyCounts(), redAlarms: 4 }, 1).level).toBe('red');
    expect(judgeAreaRisk({ ...emptyCounts(), redAlarms: 1 }, 1).level).toBe('yellow');
  });
});
