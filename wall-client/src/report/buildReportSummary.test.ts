import { describe, expect, it } from 'vitest';
import { emptyCounts } from '../../../live-model/aggregates/emptyCounts';
import shipped from '../../../live-model/peace-index/peaceIndexConfig.json';
import { type AreaFigures, PeaceIndexConfigSchema, type PeriodFigures } from '../../../protocol/trends';
import { MESSAGES } from '../i18n/messages';
import { buildReportSummary, fillTemplate, type ReportSources } from './buildReportSummary';

const config = PeaceIndexConfigSchema.parse(shipped);
const zh = (key: string, vars?: Record<string, string | number>) => {
  let text = (MESSAGES['zh-CN'] as Record<string, string>)[key] ?? key;
  for (const [k, v] of Object.entries(vars ?? {})) text = text.replace(`{${k}}`, String(v));
  return text;
};
const component = (key: string, score: number) => ({ key, value: 0, score, weight: 10, points: score / 10 });
const figures = (
  counts: Partial<PeriodFigures['counts']>,
  index: number | null,
  scores: number[],
): PeriodFigures => ({
  firstDay: '2026-11-24',
  lastDay: '2026-11-24',
  elapsed: 1,
  peaceIndex: index,
  components: config.components.map((c, i) => component(c.key, scores[i] ?? 50)),
  counts: { ...emptyCounts(), ...counts },
});
const area = (id: string, index: number | null, prev: number | null, counts = {}): AreaFigures => ({
  id,
  peaceIndex: index,
  components: null,
  counts: { ...emptyCounts(), ...counts },
  previous: { peaceIndex: prev, counts: emptyCounts() },
});
const sources: ReportSources = {
  range: '2026-11-24..2026-11-24',
  days: 1,
  summary: {
    range: '2026-11-24..2026-11-24',
    area: '',
    current: figures(
      {
        alarms: 1268,
        redAlarms: 41,
        cases: 21,
        responded: 20,
        respondedOnTime: 15,
        resolved: 21,
        resolvedOnTime: 18,
        breached: 11,
        satisfactionSum: 47.4,
        satisfactionCount: 10,
      },
      75,
      [70, 72, 88, 84],
    ),
    previous: figures({ alarms: 1250, redAlarms: 42, cases: 32, resolved: 23 }, 69.3, [73, 67, 68, 100]),
    lastYear: figures({}, null, []),
  },
  townships: {
    range: '2026-11-24..2026-11-24',
    level: 'township',
    areas: [area('t1', 90.6, 68.4), area('t2', 49, 71.5), area('t3', null, null)],
  },
  grids: {
    range: '2026-11-24..2026-11-24',
    level: 'grid',
    areas: [
      area('t1-01', null, null, { redAlarms: 5, breached: 1 }),
      area('t1-02', null, null, { redAlarms: 1 }),
    ],
  },
  categories: {
    range: '2026-11-24..2026-11-24',
    area: '',
    categories: [{ category: '噪音扰民', alarms: 120, cases: 6, previousAlarms: 130, previousCases: 3 }],
  },
  config,
  townshipNames: new Map([
    ['t1', '天仙镇'],
    ['t2', '白节镇'],
    ['t3', '无数据镇'],
  ]),
  gridNames: new Map([['t1-01', '天仙镇 01']]),
  lang: 'zh-CN',
};

const text = (parts: (string | { text: string })[]) =>
  parts.map((p) => (typeof p === 'string' ? p : p.text)).join('');

describe('buildReportSummary', () => {
  const summary = buildReportSummary(sources, zh);
  const sentences = summary.sentences.map(text);

  it('writes what changed and where, each figure formatted as the KPI tiles and rankings write it', () => {
    expect(sentences).toEqual([
      '本期全区接报告警 1,268 起，环比 ▲1.4%，同比 —；其中红色告警 41 起，环比 ▼2.4%。',
      '受理矛盾纠纷 21 件，化解率 100.0%，按时办结率 80.5%，本期超期 11 件，回访满意度 4.74。',
      '全区平安指数 75.0，环比 ▲5.7，同比 —。',
      // the largest move: +20 against +5, −3 and −16
      `构成项中变化最大的是「${config.components[2]?.label['zh-CN']}」，得分 88，较上期 ▲20。`,
      '镇街中白节镇平安指数最低（49.0，▼22.5），天仙镇最高（90.6）。',
      '告警与纠纷最多的类别是「噪音扰民」，共 126 起（环比 ▼5%）。',
      '本期新转红网格 1 个，首位为天仙镇 01（红色告警 5 起、超期 1 件）。',
    ]);
  });

  it('names the API answer of every figure, with its value', () => {
    const byKey = Object.fromEntries(summary.figures.map((f) => [f.key, f]));
    expect(byKey.alarms).toEqual({
      key: 'alarms',
      text: '1,268',
      value: 1268,
      source: '/api/trends/summary?range=2026-11-24..2026-11-24#current.counts.alarms',
    });
    expect(byKey['township.low.index']).toMatchObject({
      value: 49,
      source: '/api/trends/areas?range=2026-11-24..2026-11-24&level=township#areas[id=t2].peaceIndex',
    });
    expect(byKey.redGrids).toMatchObject({ value: 1 });
    for (const f of summary.figures) expect(sentences.join(''), f.key).toContain(f.text);
  });

  it('says so when no grid turned red, and leaves out what it has no figures for', () => {
    const quiet = buildReportSummary(
      {
        ...sources,
        grids: { ...sources.grids, areas: [] },
        categories: { ...sources.categories, categories: [] },
      },
      zh,
    );
    expect(quiet.sentences.map(text).at(-1)).toBe('本期无新转红网格。');
    expect(quiet.sentences.map(text).some((s) => s.includes('类别'))).toBe(false);
  });
});

describe('fillTemplate', () => {
  it('splits a template into text and figures', () => {
    const n = { key: 'n', text: '3', value: 3, source: 's' };
    expect(fillTemplate('共 {n} 起，{missing}', { n })).toEqual(['共 ', n, ' 起，{missing}']);
  });
});
