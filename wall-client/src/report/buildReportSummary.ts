/**
 * The report's summary: a few sentences of what changed and where, built from the same API
 * answers the panels draw, with the same formatting — so every figure in the text equals the
 * one on the KPI tiles and rankings, and names the API answer it comes from. Pure.
 */
import type { ReportFigure } from '../../../protocol/reports';
import type {
  AreasResponse,
  CategoriesResponse,
  PeaceIndexConfig,
  SummaryResponse,
} from '../../../protocol/trends';
import type { MessageKey } from '../i18n/messages';
import { buildKpiTiles, type KpiKey, type KpiTile } from '../trends/buildKpiTiles';
import { categoryRows, townshipRows, turnedRed } from '../trends/buildRankings';

// biome-ignore lint/suspicious/noExplicitAny: the i18n key union is checked where the texts are defined
type T = (key: any, vars?: Record<string, string | number>) => string;

export interface ReportSources {
  /** The explicit range the answers are for (`YYYY-MM-DD..YYYY-MM-DD`). */
  range: string;
  days: number;
  summary: SummaryResponse;
  townships: AreasResponse;
  grids: AreasResponse;
  categories: CategoriesResponse;
  config: PeaceIndexConfig;
  townshipNames: ReadonlyMap<string, string>;
  gridNames: ReadonlyMap<string, string>;
  lang: 'zh-CN' | 'en';
}

/** A sentence: text and figures in order. */
export type SummaryPart = string | ReportFigure;

export interface ReportSummary {
  sentences: SummaryPart[][];
  figures: ReportFigure[];
}

/**
 * Splits a template (`共 {n} 起`) into text and the figures named in it.
 * @example fillTemplate('共 {n} 起', { n: fig }) // ['共 ', fig, ' 起']
 */
export function fillTemplate(template: string, values: Record<string, ReportFigure>): SummaryPart[] {
  const parts: SummaryPart[] = [];
  let last = 0;
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    const value = values[m[1] as string];
    if (!value) continue;
    if (m.index > last) parts.push(template.slice(last, m.index));
    parts.push(value);
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}

const NONE = '—';

export function buildReportSummary(s: ReportSources, t: T): ReportSummary {
  const figures: ReportFigure[] = [];
  const api = (path: 'summary' | 'config', field: string) =>
    path === 'config' ? `/api/trends/config#${field}` : `/api/trends/summary?range=${s.range}#${field}`;
  const fig = (key: string, text: string, value: number | null, source: string): ReportFigure => {
    const f = { key, text, value, source };
    figures.push(f);
    return f;
  };
  const tiles = Object.fromEntries(
    buildKpiTiles({ summary: s.summary, spark: [] }).map((k) => [k.key, k]),
  ) as Record<KpiKey, KpiTile>;
  const FIELDS: Record<KpiKey, string> = {
    alarms: 'counts.alarms',
    redAlarms: 'counts.redAlarms',
    cases: 'counts.cases',
    resolution: 'counts.resolved/counts.cases',
    onTime: '(counts.respondedOnTime+counts.resolvedOnTime)/(counts.responded+counts.resolved)',
    breached: 'counts.breached',
    satisfaction: 'counts.satisfactionSum/counts.satisfactionCount',
    peaceIndex: 'peaceIndex',
  };
  const kpi = (key: KpiKey) =>
    fig(key, tiles[key].text, tiles[key].value, api('summary', `current.${FIELDS[key]}`));
  const change = (key: KpiKey, side: 'previous' | 'lastYear') =>
    fig(
      `${key}.${side}`,
      tiles[key][side]?.text ?? NONE,
      tiles[key][side]?.delta ?? null,
      api('summary', `current.${FIELDS[key]} vs ${side}.${FIELDS[key]}`),
    );

  const sentences: SummaryPart[][] = [
    fillTemplate(t('rs.alarms'), {
      alarms: kpi('alarms'),
      alarmsPrev: change('alarms', 'previous'),
      alarmsYear: change('alarms', 'lastYear'),
      red: kpi('redAlarms'),
      redPrev: change('redAlarms', 'previous'),
    }),
    fillTemplate(t('rs.cases'), {
      cases: kpi('cases'),
      resolution: kpi('resolution'),
      onTime: kpi('onTime'),
      breached: kpi('breached'),
      satisfaction: kpi('satisfaction'),
    }),
    fillTemplate(t('rs.peace'), {
      index: kpi('peaceIndex'),
      indexPrev: change('peaceIndex', 'previous'),
      indexYear: change('peaceIndex', 'lastYear'),
    }),
  ];

  // The component that moved most against the previous period (as the peace-trend panel shows it).
  const moved = (s.summary.current.components ?? [])
    .map((c) => {
      const before = s.summary.previous.components?.find((p) => p.key === c.key)?.score ?? null;
      return { c, d: c.score !== null && before !== null ? c.score - before : null };
    })
    .filter((x): x is { c: (typeof x)['c']; d: number } => x.d !== null && Math.abs(x.d) >= 0.5)
    .sort((a, b) => Math.abs(b.d) - Math.abs(a.d) || (a.c.key < b.c.key ? -1 : 1))[0];
  if (moved) {
    const label = s.config.components.find((c) => c.key === moved.c.key)?.label[s.lang] ?? moved.c.key;
    const i = s.summary.current.components?.indexOf(moved.c) ?? 0;
    sentences.push(
      fillTemplate(t('rs.weakest'), {
        component: fig('component', label, null, api('config', `components[key=${moved.c.key}].label`)),
        score: fig(
          'component.score',
          String(Math.round(moved.c.score ?? 0)),
          moved.c.score,
          api('summary', `current.components[${i}].score`),
        ),
        change: fig(
          'component.change',
          `${moved.d > 0 ? '▲' : '▼'}${Math.abs(moved.d).toFixed(0)}`,
          moved.d,
          api('summary', `current.components[${i}].score − previous.components[${i}].score`),
        ),
      }),
    );
  }

  const ranked = townshipRows(s.townships.areas, s.townshipNames, s.config).filter((r) =>
    s.townships.areas.some((a) => a.id === r.id && a.peaceIndex !== null),
  );
  const high = ranked[0];
  const low = ranked.at(-1);
  if (high && low && high !== low) {
    const src = (id: string, field: string) =>
      `/api/trends/areas?range=${s.range}&level=township#areas[id=${id}].${field}`;
    sentences.push(
      fillTemplate(t('rs.townships'), {
        low: fig('township.low', low.label, null, src(low.id, 'id')),
        lowIndex: fig('township.low.index', low.value.toFixed(1), low.value, src(low.id, 'peaceIndex')),
        lowChange: fig(
          'township.low.change',
          low.note ?? NONE,
          null,
          src(low.id, 'peaceIndex − previous.peaceIndex'),
        ),
        high: fig('township.high', high.label, null, src(high.id, 'id')),
        highIndex: fig('township.high.index', high.value.toFixed(1), high.value, src(high.id, 'peaceIndex')),
      }),
    );
  }

  const top = categoryRows(s.categories.categories, t, 1)[0];
  if (top && top.value > 0) {
    const src = (field: string) => `/api/trends/categories?range=${s.range}#categories[0].${field}`;
    sentences.push(
      fillTemplate(t('rs.category'), {
        category: fig('category', top.label, null, src('category')),
        count: fig('category.count', String(Math.round(top.value)), top.value, src('alarms+cases')),
        change: fig(
          'category.change',
          top.note ?? NONE,
          null,
          src('(alarms+cases) vs (previousAlarms+previousCases)'),
        ),
      }),
    );
  }

  const red = turnedRed(s.grids.areas, s.days);
  const first = red[0];
  if (first) {
    const src = (field: string) => `/api/trends/areas?range=${s.range}&level=grid#${field}`;
    sentences.push(
      fillTemplate(t('rs.redGrids'), {
        n: fig('redGrids', String(red.length), red.length, src('areas (red now, not red before)')),
        grid: fig(
          'redGrids.first',
          s.gridNames.get(first.id) ?? first.id,
          null,
          src(`areas[id=${first.id}]`),
        ),
        why: fig(
          'redGrids.first.why',
          first.risk.reasons
            .map((r) => t(`rank.reason.${r.code}` as MessageKey, { n: r.count }))
            .join(s.lang === 'en' ? ', ' : '、'),
          null,
          src(`areas[id=${first.id}].counts`),
        ),
      }),
    );
  } else sentences.push([t('rs.noRedGrids')]);

  return { sentences, figures };
}
