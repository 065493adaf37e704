import { describe, expect, it } from 'vitest';
import { selectPeriodQuery } from './selectPeriodQuery';

const NOW = Date.parse('2026-11-25T02:00:00Z'); // 10:00 on the 25th in Shanghai
const TZ = 'Asia/Shanghai';

describe('selectPeriodQuery', () => {
  it('live: today by the hour, a 30-day trend, rankings over a week', () => {
    expect(selectPeriodQuery({ mode: 'live' }, NOW, TZ)).toMatchObject({
      mode: 'live',
      range: 'today',
      rankRange: 'last-7-days',
      trendFrom: '2026-10-27',
      trendTo: '2026-11-25',
      highlight: null,
      sparkGranularity: 'hour',
    });
  });

  it('a meeting range: the range itself, by day', () => {
    expect(selectPeriodQuery({ mode: 'range', range: 'last-7-days' }, NOW, TZ)).toMatchObject({
      mode: 'range',
      range: 'last-7-days',
      trendFrom: '2026-11-18',
      trendTo: '2026-11-24',
      highlight: null,
      sparkGranularity: 'day',
    });
  });

  it('one day (yesterday, a replay): a week of trend ending that day with the day marked, hours for sparklines', () => {
    expect(selectPeriodQuery({ mode: 'range', range: 'yesterday' }, NOW, TZ)).toMatchObject({
      trendFrom: '2026-11-18',
      trendTo: '2026-11-24',
      highlight: ['2026-11-24', '2026-11-24'],
      sparkGranularity: 'hour',
    });
    expect(
      selectPeriodQuery(
        { mode: 'replay', day: '2026-11-23', speed: 60, startedAt: '2026-11-25T01:00:00Z' },
        NOW,
        TZ,
      ),
    ).toMatchObject({ mode: 'replay', range: '2026-11-23..2026-11-23', rankRange: '2026-11-23..2026-11-23' });
  });

  it('falls back to live on a range it cannot read', () => {
    expect(selectPeriodQuery({ mode: 'range', range: '2026-13-01..2026-13-02' }, NOW, TZ).mode).toBe('live');
  });
});
