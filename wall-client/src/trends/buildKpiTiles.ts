/**
 * The KPI tiles' figures: each KPI's value for the period, its change against the
 * comparison period (环比; against the same hours of yesterday when live) and 同比, and the
 * points of its sparkline. Pure: API answers (and, live, today's counts from the model) in.
 */
import type { Counts, PeriodFigures, SummaryResponse, TrendPoint } from '../../../protocol/trends';

export const KPI_KEYS = [
  'alarms',
  'redAlarms',
  'cases',
  'resolution',
  'onTime',
  'breached',
  'satisfaction',
  'peaceIndex',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

interface KpiSpec {
  value(counts: Counts, figures: { peaceIndex: number | null }): number | null;
  kind: 'count' | 'share' | 'score' | 'index';
  /** Whether a rise is good (green), bad (red) or neither. */
  upIs: 'good' | 'bad' | 'neutral';
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export const KPI_SPECS: Record<KpiKey, KpiSpec> = {
  alarms: { value: (c) => c.alarms, kind: 'count', upIs: 'bad' },
  redAlarms: { value: (c) => c.redAlarms, kind: 'count', upIs: 'bad' },
  cases: { value: (c) => c.cases, kind: 'count', upIs: 'neutral' },
  resolution: {
    value: (c) => {
      const r = ratio(c.resolved, c.cases);
      return r === null ? null : Math.min(1, r);
    },
    kind: 'share',
    upIs: 'good',
  },
  onTime: {
    value: (c) => ratio(c.respondedOnTime + c.resolvedOnTime, c.responded + c.resolved),
    kind: 'share',
    upIs: 'good',
  },
  breached: { value: (c) => c.breached, kind: 'count', upIs: 'bad' },
  satisfaction: { value: (c) => ratio(c.satisfactionSum, c.satisfactionCount), kind: 'score', upIs: 'good' },
  peaceIndex: { value: (_c, f) => f.peaceIndex, kind: 'index', upIs: 'good' },
};

export interface Change {
  /** Relative change for counts (0.12 = +12%), absolute points for shares, scores and the index. */
  delta: number;
  text: string;
  tone: 'good' | 'bad' | 'neutral';
}

export interface KpiTile {
  key: KpiKey;
  value: number | null;
  text: string;
  previous: Change | null;
  lastYear: Change | null;
  spark: (number | null)[];
}

export function formatKpi(kind: KpiSpec['kind'], v: number | null): string {
  if (v === null) return '—';
  if (kind === 'count') return Math.round(v).toLocaleString('zh-CN');
  if (kind === 'share') return `${(v * 100).toFixed(1)}%`;
  if (kind === 'score') return v.toFixed(2);
  return v.toFixed(1);
}

export function compare(spec: KpiSpec, now: number | null, before: number | null): Change | null {
  if (now === null || before === null) return null;
  const arrow = (d: number) => (d > 0 ? '▲' : d < 0 ? '▼' : '＝');
  const tone = (d: number): Change['tone'] =>
    d === 0 || spec.upIs === 'neutral' ? 'neutral' : d > 0 === (spec.upIs === 'good') ? 'good' : 'bad';
  if (now === before) return { delta: 0, text: '＝', tone: 'neutral' };
  if (spec.kind === 'count') {
    if (before === 0) return null;
    const d = (now - before) / before;
    return { delta: d, text: `${arrow(d)}${Math.abs(d * 100).toFixed(1)}%`, tone: tone(d) };
  }
  const d = now - before;
  const text =
    spec.kind === 'share'
      ? `${arrow(d)}${Math.abs(d * 100).toFixed(1)}pt`
      : `${arrow(d)}${Math.abs(d).toFixed(spec.kind === 'score' ? 2 : 1)}`;
  return { delta: d, text, tone: tone(d) };
}

export interface KpiInput {
  summary: SummaryResponse;
  /** Counts to show instead of the summary's (live: today's alarms and cases from the model, so they tick at once). */
  liveCounts?: Partial<Pick<Counts, 'alarms' | 'redAlarms' | 'cases'>>;
  spark: readonly TrendPoint[];
}

const kpiValue = (key: KpiKey, f: PeriodFigures) => KPI_SPECS[key].value(f.counts, f);

/**
 * @example buildKpiTiles({ summary, spark: points }).find((t) => t.key === 'redAlarms')?.previous?.text // '▲12.0%'
 */
export function buildKpiTiles(input: KpiInput): KpiTile[] {
  const { summary } = input;
  return KPI_KEYS.map((key) => {
    const spec = KPI_SPECS[key];
    const live = input.liveCounts?.[key as 'alarms' | 'redAlarms' | 'cases'];
    const value = live ?? kpiValue(key, summary.current);
    return {
      key,
      value,
      text: formatKpi(spec.kind, value),
      previous: compare(spec, value, kpiValue(key, summary.previous)),
      lastYear: compare(spec, value, kpiValue(key, summary.lastYear)),
      spark: input.spark.map((p) => spec.value(p.counts, p)),
    };
  });
}
