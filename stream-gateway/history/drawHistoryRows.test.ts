import { describe, expect, it } from 'vitest';
import { parseRowKey } from '../../live-model/aggregates/createAggregateFolder';
import { MEASURE_INDEX } from '../../live-model/aggregates/toContribution';
import type { Incident } from '../../mock-feeds/historyRhythm';
import type { HistoryTemplate, TemplateItem } from './buildHistoryTemplate';
import { drawHistoryRows } from './drawHistoryRows';

// Two townships; every weekday has 40 theft alarms in A and 40 in B, and a case in A resolved two days later.
const targets: [string, string][] = [
  ['', ''],
  ['', '盗窃'],
  ['t:A', ''],
  ['t:A', '盗窃'],
  ['t:B', ''],
  ['t:B', '盗窃'],
  ['', 'labour-wages'],
  ['t:A', 'labour-wages'],
];
const alarm = (township: 'A' | 'B'): TemplateItem => ({
  kind: 'alarms',
  category: '盗窃',
  townshipId: township,
  targets: township === 'A' ? [0, 1, 2, 3] : [0, 1, 4, 5],
  entries: [[MEASURE_INDEX.alarms, 0, 1]],
});
const kase: TemplateItem = {
  kind: 'cases',
  category: 'labour-wages',
  townshipId: 'A',
  targets: [0, 6, 2, 7],
  entries: [
    [MEASURE_INDEX.cases, 0, 1],
    [MEASURE_INDEX.resolved, 2, 1],
  ],
};
const template: HistoryTemplate = {
  targets,
  byWeekday: Array.from({ length: 7 }, () => [
    ...Array.from({ length: 40 }, () => alarm('A')),
    ...Array.from({ length: 40 }, () => alarm('B')),
    kase,
  ]),
};
const fire: Incident = {
  id: 'fire',
  title: '火情',
  firstDay: '2026-03-10',
  lastDay: '2026-03-10',
  townshipId: 'B',
  categories: ['盗窃'],
  multiplier: 5,
};

function draw(seed: number, incidents: Incident[] = []) {
  const all = new Map<string, number[]>();
  for (const { rows } of drawHistoryRows(
    {
      template,
      firstDay: '2026-03-01',
      lastDay: '2026-03-31',
      latestDay: '2026-04-01',
      anchorDay: '2026-04-02',
      incidents,
      seed,
    },
    7,
  ))
    for (const [k, r] of rows)
      all.set(
        k,
        (all.get(k) ?? r.map(() => 0)).map((v, i) => v + (r[i] ?? 0)),
      );
  return all;
}
const alarmsOf = (rows: Map<string, number[]>, bucket: string, area: string) =>
  rows.get(`day\u0000${bucket}\u0000${area}\u0000`)?.[MEASURE_INDEX.alarms] ?? 0;

describe('drawing history from the template', () => {
  it('is deterministic from the seed', () => {
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('keeps the district the sum of its townships and resolutions after receipt', () => {
    const rows = draw(3);
    for (const key of rows.keys()) {
      const k = parseRowKey(key);
      if (k.area !== '' || k.category !== '') continue;
      expect(alarmsOf(rows, k.bucket, ''), k.bucket).toBe(
        alarmsOf(rows, k.bucket, 't:A') + alarmsOf(rows, k.bucket, 't:B'),
      );
    }
    const sum = (m: number) =>
      [...rows]
        .filter(([k]) => parseRowKey(k).area === '' && parseRowKey(k).category === '')
        .reduce((s, [, r]) => s + (r[m] ?? 0), 0);
    expect(sum(MEASURE_INDEX.resolved)).toBeLessThanOrEqual(sum(MEASURE_INDEX.cases));
    // the cases of the last two days resolve after March: on 1 April (kept), 2 April (dropped)
    expect([...rows.keys()].some((k) => parseRowKey(k).bucket === '2026-04-02')).toBe(false);
  });

  it('makes an incident stand out where and when it happened', () => {
    const rows = draw(5, [fire]);
    const b = alarmsOf(rows, '2026-03-10', 't:B');
    const usual = alarmsOf(rows, '2026-03-09', 't:B');
    expect(b).toBeGreaterThan(3 * usual);
    expect(alarmsOf(rows, '2026-03-10', 't:A')).toBeLessThan(2 * alarmsOf(rows, '2026-03-09', 't:A') + 10);
  });
});
