/**
 * Answers the trends API from the aggregate store: zero-filled series with the peace index
 * on every point, period totals with 环比/同比 comparisons, and rankings by area and
 * category. The index is computed at query time, so new weights apply to all history.
 */
import { bucketsInRange, weekOf } from '../../live-model/aggregates/bucketsInRange';
import { createBucketer } from '../../live-model/aggregates/createBucketer';
import { toCounts } from '../../live-model/aggregates/emptyCounts';
import { computePeaceIndex } from '../../live-model/peace-index/computePeaceIndex';
import type { RegionPack } from '../../live-model/region/types';
import { comparisonRanges, type ResolvedRange } from '../../live-model/resolveRange';
import { addDays, startOfDay } from '../../live-model/zonedTime';
import {
  type AreaFigures,
  type AreasResponse,
  type CategoriesResponse,
  type Counts,
  type Granularity,
  MEASURES,
  type PeaceIndexConfig,
  type PeriodFigures,
  type SummaryResponse,
  type TrendPoint,
  type TrendsResponse,
} from '../../protocol/trends';
import type { AggregateStore } from './AggregateStore';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface TrendQueriesDeps {
  aggregates: AggregateStore;
  config: PeaceIndexConfig;
  pack: RegionPack | null;
  tz: string;
  now: () => number;
}

export interface TrendsRequest {
  firstDay: string;
  lastDay: string;
  granularity: Granularity;
  /** '' (district), `t:<id>` or `g:<id>`. */
  area: string;
  category: string;
  compare: boolean;
}

export type TrendsAnswer = TrendsResponse & { previous?: TrendPoint[]; lastYear?: TrendPoint[] };

function sumInto(total: number[], row: readonly number[], factor = 1): number[] {
  for (let i = 0; i < total.length; i++) total[i] = (total[i] as number) + (row[i] ?? 0) * factor;
  return total;
}
const zeros = () => new Array<number>(MEASURES.length).fill(0);
const round = (row: number[]) => row.map((v) => Math.round(v * 100) / 100);

export function createTrendQueries(deps: TrendQueriesDeps) {
  const { aggregates, config, tz } = deps;
  const bucketer = createBucketer(tz);
  const populations = new Map<string, number>([['', deps.pack?.region.population ?? 0]]);
  for (const f of deps.pack?.townships.features ?? [])
    populations.set(`t:${f.properties.id}`, f.properties.population);
  for (const f of deps.pack?.grids.features ?? [])
    populations.set(`g:${f.properties.id}`, f.properties.population);

  /** The aggregate key of an area id from the API (`''`, a township id or a grid id); null if unknown. */
  function areaKey(id: string): string | null {
    if (id === '') return '';
    if (populations.has(`t:${id}`)) return `t:${id}`;
    if (populations.has(`g:${id}`)) return `g:${id}`;
    return deps.pack ? null : `t:${id}`;
  }

  function figures(counts: Counts, area: string, days: number, withIndex: boolean) {
    if (!withIndex) return { peaceIndex: null, components: null };
    const r = computePeaceIndex(counts, { population: populations.get(area) ?? 0, days }, config);
    return { peaceIndex: r.index, components: r.components };
  }

  function point(
    t: string,
    row: readonly number[],
    area: string,
    days: number,
    withIndex: boolean,
  ): TrendPoint {
    const counts = toCounts(round([...row]));
    return { t, ...figures(counts, area, days, withIndex), counts };
  }

  async function seriesPoints(
    first: string,
    last: string,
    granularity: Granularity,
    area: string,
    category: string,
  ): Promise<TrendPoint[]> {
    const withIndex = category === '';
    if (granularity === 'hour') {
      const rows = await aggregates.series({
        gran: 'hour',
        from: `${first}T00`,
        to: `${last}T23`,
        area,
        category,
      });
      return bucketsInRange(first, last, 'hour').map((b) =>
        point(b, rows.get(b) ?? zeros(), area, 1 / 24, withIndex),
      );
    }
    const rows = await aggregates.series({ gran: 'day', from: first, to: last, area, category });
    if (granularity === 'day')
      return bucketsInRange(first, last, 'day').map((b) =>
        point(b, rows.get(b) ?? zeros(), area, 1, withIndex),
      );
    const weeks = new Map<string, { row: number[]; days: number }>();
    for (const d of bucketsInRange(first, last, 'day')) {
      const w = weeks.get(weekOf(d)) ?? { row: zeros(), days: 0 };
      sumInto(w.row, rows.get(d) ?? zeros());
      w.days++;
      weeks.set(weekOf(d), w);
    }
    return [...weeks].map(([t, w]) => point(t, w.row, area, w.days, withIndex));
  }

  /**
   * Totals over whole days, or up to `untilMs` when the period is cut there: whole days
   * from day rows, the cut day from hour rows (or, where hours are no longer kept, its day
   * row scaled by the share of the day gone).
   */
  async function totals(
    area: string,
    first: string,
    last: string,
    untilMs: number | null,
  ): Promise<{ row: number[]; days: number }> {
    const endMs = startOfDay(addDays(last, 1), tz);
    if (untilMs === null || untilMs >= endMs) {
      const rows = await aggregates.series({ gran: 'day', from: first, to: last, area, category: '' });
      const row = zeros();
      for (const r of rows.values()) sumInto(row, r);
      return { row, days: bucketsInRange(first, last, 'day').length };
    }
    const cutDay = bucketer.day(untilMs);
    const row = zeros();
    let days = 0;
    if (cutDay > first) {
      const before = await totals(area, first, addDays(cutDay, -1), null);
      sumInto(row, before.row);
      days = before.days;
    }
    const dayStart = startOfDay(cutDay, tz);
    const share = Math.min(1, Math.max(0, (untilMs - dayStart) / DAY));
    const cutHour = bucketer.hour(untilMs);
    const hours = await aggregates.series({
      gran: 'hour',
      from: `${cutDay}T00`,
      to: cutHour,
      area,
      category: '',
    });
    const dayRow = (
      await aggregates.series({ gran: 'day', from: cutDay, to: cutDay, area, category: '' })
    ).get(cutDay);
    if (hours.size === 0 && dayRow) sumInto(row, dayRow, share);
    else {
      const hourShare = ((untilMs - dayStart) % HOUR) / HOUR;
      for (const [label, r] of hours) sumInto(row, r, label === cutHour ? hourShare : 1);
    }
    return { row, days: days + share };
  }

  /** When a period is still running: how far into it we are (ms), else null. */
  function running(range: ResolvedRange, at: number): number | null {
    return at < range.toMs ? Math.max(0, at - range.fromMs) : null;
  }

  /**
   * A period's totals. `elapsedMs`: how far the running period is; a comparison period is
   * cut at the same point (`cut`), the running period itself simply has no later data.
   */
  async function periodFigures(
    area: string,
    range: ResolvedRange,
    elapsedMs: number | null,
    cut: boolean,
  ): Promise<PeriodFigures> {
    const until = elapsedMs === null || !cut ? null : range.fromMs + elapsedMs;
    const { row, days: wholeDays } = await totals(area, range.firstDay, range.lastDay, until);
    const share = elapsedMs === null ? 1 : Math.min(1, elapsedMs / (range.toMs - range.fromMs));
    const days = cut || elapsedMs === null ? wholeDays : range.days * share;
    const counts = toCounts(round(row));
    return {
      firstDay: range.firstDay,
      lastDay: range.lastDay,
      elapsed: share,
      ...figures(counts, area, Math.max(days, 1 / 24), true),
      counts,
    };
  }

  return {
    areaKey,

    async trends(req: TrendsRequest): Promise<TrendsAnswer> {
      const { firstDay, lastDay, granularity, area, category } = req;
      const answer: TrendsAnswer = {
        from: firstDay,
        to: lastDay,
        granularity,
        area: area.replace(/^[tg]:/, ''),
        category,
        tz,
        points: await seriesPoints(firstDay, lastDay, granularity, area, category),
      };
      if (req.compare) {
        const days = bucketsInRange(firstDay, lastDay, 'day').length;
        const base: ResolvedRange = {
          label: `${firstDay}..${lastDay}`,
          firstDay,
          lastDay,
          fromMs: startOfDay(firstDay, tz),
          toMs: startOfDay(addDays(lastDay, 1), tz),
          days,
        };
        const { previous, lastYear } = comparisonRanges(base, tz);
        answer.previous = await seriesPoints(
          previous.firstDay,
          previous.lastDay,
          granularity,
          area,
          category,
        );
        answer.lastYear = await seriesPoints(
          lastYear.firstDay,
          lastYear.lastDay,
          granularity,
          area,
          category,
        );
      }
      return answer;
    },

    /** `untilMs`: the figures as they stood at that moment (a replay's clock); default now. */
    async summary(range: ResolvedRange, area: string, untilMs?: number): Promise<SummaryResponse> {
      const elapsed = running(range, untilMs ?? deps.now());
      const { previous, lastYear } = comparisonRanges(range, tz);
      return {
        range: range.label,
        area: area.replace(/^[tg]:/, ''),
        current: await periodFigures(area, range, elapsed, untilMs !== undefined),
        previous: await periodFigures(area, previous, elapsed, true),
        lastYear: await periodFigures(area, lastYear, elapsed, true),
      };
    },

    async areas(range: ResolvedRange, level: 'township' | 'grid'): Promise<AreasResponse> {
      const prefix = level === 'township' ? 't:' : 'g:';
      const { previous } = comparisonRanges(range, tz);
      const elapsed = running(range, deps.now());
      const share = elapsed === null ? 1 : Math.min(1, elapsed / (range.toMs - range.fromMs));
      const days = Math.max(range.days * share, 1 / 24);
      const q = { gran: 'day' as const, from: range.firstDay, to: range.lastDay, level: prefix } as const;
      const now = await aggregates.totalsByArea(q);
      const before = await aggregates.totalsByArea({ ...q, from: previous.firstDay, to: previous.lastDay });
      const ids = [...populations.keys()].filter((k) => k.startsWith(prefix));
      const areas: AreaFigures[] = ids.map((key) => {
        const counts = toCounts(round(now.get(key) ?? zeros()));
        const prevCounts = toCounts(round(sumInto(zeros(), before.get(key) ?? zeros(), share)));
        return {
          id: key.slice(2),
          ...figures(counts, key, days, true),
          counts,
          previous: { peaceIndex: figures(prevCounts, key, days, true).peaceIndex, counts: prevCounts },
        };
      });
      return { range: range.label, level, areas };
    },

    async categories(range: ResolvedRange, area: string): Promise<CategoriesResponse> {
      const { previous } = comparisonRanges(range, tz);
      const q = { gran: 'day' as const, from: range.firstDay, to: range.lastDay, area };
      const now = await aggregates.totalsByCategory(q);
      const before = await aggregates.totalsByCategory({
        ...q,
        from: previous.firstDay,
        to: previous.lastDay,
      });
      const names = new Set([...now.keys(), ...before.keys()]);
      const alarms = MEASURES.indexOf('alarms');
      const cases = MEASURES.indexOf('cases');
      const categories = [...names]
        .map((category) => ({
          category,
          alarms: now.get(category)?.[alarms] ?? 0,
          cases: now.get(category)?.[cases] ?? 0,
          previousAlarms: before.get(category)?.[alarms] ?? 0,
          previousCases: before.get(category)?.[cases] ?? 0,
        }))
        .sort((a, b) => b.alarms + b.cases - (a.alarms + a.cases) || (a.category < b.category ? -1 : 1));
      return { range: range.label, area: area.replace(/^[tg]:/, ''), categories };
    },
  };
}

export type TrendQueries = ReturnType<typeof createTrendQueries>;
