import { describe, expect, it } from 'vitest';
import { emptyCounts } from '../../../live-model/aggregates/emptyCounts';
import type { PeriodFigures, SummaryResponse } from '../../../protocol/trends';
import { buildKpiTiles } from './buildKpiTiles';

const figures = (over: Partial<PeriodFigures['counts']>, peaceIndex: number | null): PeriodFigures => ({
  firstDay: '2026-11-18',
  lastDay: '2026-11-24',
  elapsed: 1,
  peaceIndex,
  components: null,
  counts: { ...emptyCounts(), ...over },
});

const summary: SummaryResponse = {
  range: 'last-7-days',
  area: '',
  current: figures(
    {
      alarms: 1200,
      redAlarms: 44,
      cases: 200,
      resolved: 190,
      responded: 198,
      respondedOnTime: 150,
      resolvedOnTime: 170,
      breached: 6,
      satisfactionSum: 460,
      satisfactionCount: 100,
    },
    73.4,
  ),
  previous: figures(
    { alarms: 1000, redAlarms: 50, cases: 200, resolved: 220, satisfactionSum: 450, satisfactionCount: 100 },
    71.2,
  ),
  lastYear: figures({ alarms: 0, redAlarms: 0 }, null),
};

describe('buildKpiTiles', () => {
  const tiles = Object.fromEntries(
    buildKpiTiles({
      summary,
      spark: [{ t: '2026-11-18', peaceIndex: 70, components: null, counts: summary.current.counts }],
    }).map((t) => [t.key, t]),
  );

  it('writes each figure and its change against the previous period, good or bad', () => {
    expect(tiles.alarms).toMatchObject({
      value: 1200,
      text: '1,200',
      previous: { text: '▲20.0%', tone: 'bad' },
    });
    expect(tiles.redAlarms?.previous).toMatchObject({ text: '▼12.0%', tone: 'good' });
    expect(tiles.cases?.previous).toMatchObject({ text: '＝', tone: 'neutral' });
    // 190 / 200 = 95.0%, previous 220 / 200 capped at 100%
    expect(tiles.resolution).toMatchObject({ text: '95.0%', previous: { text: '▼5.0pt', tone: 'bad' } });
    // (150 + 170) / (198 + 190)
    expect(tiles.onTime?.text).toBe('82.5%');
    expect(tiles.onTime?.previous).toMatchObject({ text: '▲82.5pt', tone: 'good' });
    expect(tiles.satisfaction).toMatchObject({ text: '4.60', previous: { text: '▲0.10', tone: 'good' } });
    expect(tiles.peaceIndex).toMatchObject({ text: '73.4', previous: { text: '▲2.2', tone: 'good' } });
  });

  it('has no 同比 where last year has nothing to compare with', () => {
    expect(tiles.alarms?.lastYear).toBeNull();
    expect(tiles.peaceIndex?.lastYear).toBeNull();
  });

  it('takes live counts for the figures that must tick at once, and feeds the sparkline', () => {
    const live = buildKpiTiles({ summary, liveCounts: { alarms: 1250 }, spark: [] });
    expect(live[0]).toMatchObject({ key: 'alarms', value: 1250, previous: { text: '▲25.0%' } });
    expect(tiles.resolution?.spark).toEqual([0.95]);
  });
});
