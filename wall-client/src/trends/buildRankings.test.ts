import { describe, expect, it } from 'vitest';
import { emptyCounts } from '../../../live-model/aggregates/emptyCounts';
import { createEmptyModel } from '../../../live-model/createEmptyModel';
import shipped from '../../../live-model/peace-index/peaceIndexConfig.json';
import { type AreaFigures, PeaceIndexConfigSchema } from '../../../protocol/trends';
import { caseRecord } from '../../../tests/fixtures/feedItems';
import { categoryRows, channelRows, funnelRows, stageRows, townshipRows, turnedRed } from './buildRankings';

const t = (key: string) => `«${key}»`;
const config = PeaceIndexConfigSchema.parse(shipped);
const area = (
  id: string,
  index: number | null,
  prev: number | null,
  counts = {},
  prevCounts = {},
): AreaFigures => ({
  id,
  peaceIndex: index,
  components: null,
  counts: { ...emptyCounts(), ...counts },
  previous: { peaceIndex: prev, counts: { ...emptyCounts(), ...prevCounts } },
});

describe('case pipeline rows', () => {
  it('counts open cases by stage from the model', () => {
    const model = createEmptyModel();
    model.cases = {
      a: caseRecord({ id: 'a', status: 'received' }),
      b: caseRecord({ id: 'b', status: 'overdue' }),
      c: caseRecord({ id: 'c', status: 'overdue' }),
      d: caseRecord({ id: 'd', status: 'closed' }),
    };
    const rows = stageRows(model, t);
    expect(rows.map((r) => [r.id, r.value])).toEqual([
      ['received', 1],
      ['triaged', 0],
      ['dispatched', 0],
      ['in-mediation', 0],
      ['escalated', 0],
      ['overdue', 2],
    ]);
    expect(rows[0]?.label).toBe('«stage.received»');
  });

  it('follows a period from intake to follow-up, and splits by channel', () => {
    const counts = {
      ...emptyCounts(),
      cases: 10,
      responded: 9,
      resolved: 7,
      satisfactionCount: 3,
      'cases.qr-code': 6,
      'cases.petition': 4,
    };
    expect(funnelRows(counts, t).map((r) => r.value)).toEqual([10, 9, 0, 7, 0, 3]);
    expect(channelRows({ counts }, t).map((r) => [r.id, r.value])).toEqual([
      ['one-window', 0],
      ['qr-code', 6],
      ['hotline-12345', 0],
      ['police-110', 0],
      ['grid-worker', 0],
      ['petition', 4],
      ['online', 0],
    ]);
    const model = createEmptyModel();
    model.cases = { a: caseRecord({ id: 'a', channel: 'online', receivedAt: '2026-11-24T10:00:00Z' }) };
    expect(channelRows({ model, sinceMs: Date.parse('2026-11-24T00:00:00Z') }, t).at(-1)).toMatchObject({
      id: 'online',
      value: 1,
    });
  });
});

describe('rankings', () => {
  it('ranks townships by index with band colours and the change', () => {
    const rows = townshipRows([area('1', 52, 60), area('2', 81.5, 80)], new Map([['1', '安富街道']]), config);
    expect(rows.map((r) => [r.label, r.value, r.note])).toEqual([
      ['2', 81.5, '▲1.5'],
      ['安富街道', 52, '▼8.0'],
    ]);
    expect(rows[1]?.color).toBe('#ff4d4f');
  });

  it('names dispute categories and keeps alarm categories as they came', () => {
    const rows = categoryRows(
      [
        { category: '盗窃', alarms: 12, cases: 0, previousAlarms: 10, previousCases: 0 },
        { category: 'labour-wages', alarms: 0, cases: 5, previousAlarms: 0, previousCases: 0 },
      ],
      t,
    );
    expect(rows.map((r) => [r.label, r.value, r.note])).toEqual([
      ['盗窃', 12, '▲20%'],
      ['«category.labour-wages»', 5, undefined],
    ]);
  });

  it('lists the grids that turned red, with why, and not those red before', () => {
    const red = turnedRed(
      [
        area('g1', null, null, { redAlarms: 6, breached: 1 }),
        area('g2', null, null, { breached: 3 }),
        area('g3', null, null, { redAlarms: 9 }, { redAlarms: 8 }),
        area('g4', null, null, { redAlarms: 1 }),
        area('g5', null, null, { repeatCases: 6 }),
      ],
      7,
    );
    // g2: 3 overdue = 6 points, yellow; g3 was red before; g4: one red alarm, yellow
    expect(red.map((g) => [g.id, g.risk.reasons.map((r) => `${r.code}:${r.count}`)])).toEqual([
      ['g1', ['red-alarms:6', 'overdue-cases:1']],
      ['g5', ['repeat-matters:6']],
    ]);
  });
});
