/**
 * View-models of the case pipeline and the rankings: rows for bar charts and lists, from
 * the live model (live, replay) or the API (meeting periods). Pure; texts come from `t`.
 */

import { peaceBand } from '../../../live-model/peace-index/computePeaceIndex';
import { ratePeriodRisk } from '../../../live-model/risk/ratePeriodRisk';
import type { RiskRating } from '../../../live-model/risk/rateRisk';
import type { LiveModel } from '../../../protocol/liveModel';
import { CASE_CHANNELS, CASE_DONE_STATUSES, CASE_STATUSES } from '../../../protocol/schemas';
import type { AreaFigures, CategoryFigures, Counts, PeaceIndexConfig } from '../../../protocol/trends';
import type { BarRow } from '../charts/buildBarsOption';
import { CHART_COLORS } from '../charts/chartTheme';

// biome-ignore lint/suspicious/noExplicitAny: the i18n key union is checked where the texts are defined
type T = (key: any, vars?: Record<string, string | number>) => string;

const OPEN_STAGES = CASE_STATUSES.filter((s) => !CASE_DONE_STATUSES.includes(s));
const STAGE_COLORS: Partial<Record<string, string>> = {
  overdue: CHART_COLORS.red,
  escalated: CHART_COLORS.yellow,
};

/** Open cases by life-cycle stage, from a model. */
export function stageRows(model: LiveModel, t: T): BarRow[] {
  const counts = new Map<string, number>(OPEN_STAGES.map((s) => [s, 0]));
  for (const c of Object.values(model.cases))
    if (counts.has(c.status)) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  return OPEN_STAGES.map((s) => ({
    id: s,
    label: t(`stage.${s}`),
    value: counts.get(s) ?? 0,
    color: STAGE_COLORS[s] ?? CHART_COLORS.blue,
  }));
}

/** From intake to follow-up over a period, from aggregate counts. */
export function funnelRows(c: Counts, t: T): BarRow[] {
  const rows: [string, number, string][] = [
    ['cases', c.cases, CHART_COLORS.blue],
    ['responded', c.responded, CHART_COLORS.blue],
    ['respondedOnTime', c.respondedOnTime, CHART_COLORS.green],
    ['resolved', c.resolved, CHART_COLORS.blue],
    ['resolvedOnTime', c.resolvedOnTime, CHART_COLORS.green],
    ['visited', c.satisfactionCount, CHART_COLORS.cyan],
  ];
  return rows.map(([id, value, color]) => ({ id, label: t(`funnel.${id}`), value, color }));
}

/** Cases by channel (in a fixed order): from aggregate counts, or (live) the model's cases received since `sinceMs`. */
export function channelRows(
  source: { counts: Counts } | { model: LiveModel; sinceMs: number },
  t: T,
  limit: number = CASE_CHANNELS.length,
): BarRow[] {
  const counts = new Map<string, number>(CASE_CHANNELS.map((ch) => [ch, 0]));
  if ('counts' in source) for (const ch of CASE_CHANNELS) counts.set(ch, source.counts[`cases.${ch}`]);
  else
    for (const c of Object.values(source.model.cases))
      if (Date.parse(c.receivedAt) >= source.sinceMs) counts.set(c.channel, (counts.get(c.channel) ?? 0) + 1);
  // A fixed order: bars that swap places on every update are hard to follow from across the hall.
  return CASE_CHANNELS.slice(0, limit).map((ch) => ({
    id: ch,
    label: t(`caseChannel.${ch}`),
    value: counts.get(ch) ?? 0,
  }));
}

const BAND_COLORS = {
  red: CHART_COLORS.red,
  yellow: CHART_COLORS.yellow,
  green: CHART_COLORS.green,
  none: CHART_COLORS.grey,
};

/** Townships by peace index, best first, coloured by band, with the change against the previous period. */
export function townshipRows(
  areas: readonly AreaFigures[],
  names: ReadonlyMap<string, string>,
  config: PeaceIndexConfig,
): BarRow[] {
  return areas
    .map((a) => {
      const d =
        a.peaceIndex !== null && a.previous.peaceIndex !== null ? a.peaceIndex - a.previous.peaceIndex : null;
      return {
        id: a.id,
        label: names.get(a.id) ?? a.id,
        value: a.peaceIndex ?? 0,
        color: BAND_COLORS[peaceBand(a.peaceIndex, config)],
        ...(d === null ? {} : { note: `${d >= 0 ? '▲' : '▼'}${Math.abs(d).toFixed(1)}` }),
      };
    })
    .sort((a, b) => b.value - a.value || (a.id < b.id ? -1 : 1));
}

const CASE_CATEGORY = /^[a-z]+(-[a-z]+)*$/;

/** The busiest categories (alarms and disputes), with their change against the previous period. */
export function categoryRows(categories: readonly CategoryFigures[], t: T, limit = 8): BarRow[] {
  return categories.slice(0, limit).map((c) => {
    const now = c.alarms + c.cases;
    const before = c.previousAlarms + c.previousCases;
    const d = before > 0 ? (now - before) / before : null;
    return {
      id: c.category,
      label: CASE_CATEGORY.test(c.category) ? t(`category.${c.category}`) : c.category,
      value: now,
      color: c.cases > c.alarms ? CHART_COLORS.cyan : CHART_COLORS.blue,
      ...(d === null ? {} : { note: `${d >= 0 ? '▲' : '▼'}${Math.abs(d * 100).toFixed(0)}%` }),
    };
  });
}

export interface RedGrid {
  id: string;
  risk: RiskRating;
}

/**
 * Grids red in the period that were not red in the period before ("which grids turned red
 * this week, and why"), worst first. `days`: length of the period (both periods are equal).
 */
export function turnedRed(current: readonly AreaFigures[], days: number): RedGrid[] {
  return current
    .map((a) => ({
      id: a.id,
      risk: ratePeriodRisk(a.counts, days),
      before: ratePeriodRisk(a.previous.counts, days),
    }))
    .filter((g) => g.risk.level === 'red' && g.before.level !== 'red')
    .sort((a, b) => b.risk.points - a.risk.points || (a.id < b.id ? -1 : 1))
    .map(({ id, risk }) => ({ id, risk }));
}
