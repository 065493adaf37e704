/**
 * Reads the query string of the trends API: `from`/`to` days (or a `range` from the one
 * range vocabulary), `granularity`, `area`, `category`, `compare`. Never throws: an answer or
 * a one-line reason.
 */
import { type ResolvedRange, resolveRange } from '../../live-model/resolveRange';
import { GRANULARITIES, type Granularity } from '../../protocol/trends';
import type { TrendsRequest } from './createTrendQueries';

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
/** Longest period per granularity (days). */
export const MAX_DAYS: Record<Granularity, number> = { hour: 31, day: 800, week: 800 };

type Result<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface QueryEnv {
  nowMs: number;
  tz: string;
  /** The aggregate key of an area id, null when the region has no such area. */
  areaKey(id: string): string | null;
}

/** A period from `range=` or `from=&to=`; `fallback` when neither is given. */
export function parsePeriod(
  params: URLSearchParams,
  env: QueryEnv,
  fallback = 'last-4-weeks',
): Result<ResolvedRange> {
  const from = params.get('from');
  const to = params.get('to');
  let text = params.get('range') ?? fallback;
  if (from !== null || to !== null) {
    if (!from || !to || !DAY_RE.test(from) || !DAY_RE.test(to))
      return { ok: false, reason: 'from and to must both be days (YYYY-MM-DD)' };
    text = `${from}..${to}`;
  }
  const r = resolveRange(text, env.nowMs, env.tz);
  return r.ok ? { ok: true, value: r.range } : r;
}

export function parseArea(params: URLSearchParams, env: QueryEnv): Result<string> {
  const id = (params.get('area') ?? '').trim();
  if (id.length > 64) return { ok: false, reason: 'area id longer than 64 characters' };
  const key = env.areaKey(id);
  return key === null
    ? { ok: false, reason: `unknown area "${id}" (a township or grid id)` }
    : { ok: true, value: key };
}

export function parseTrendsQuery(params: URLSearchParams, env: QueryEnv): Result<TrendsRequest> {
  const period = parsePeriod(params, env);
  if (!period.ok) return period;
  const granularity = (params.get('granularity') ?? 'day') as Granularity;
  if (!GRANULARITIES.includes(granularity))
    return { ok: false, reason: `granularity must be one of ${GRANULARITIES.join(', ')}` };
  if (period.value.days > MAX_DAYS[granularity])
    return { ok: false, reason: `at most ${MAX_DAYS[granularity]} days at ${granularity} granularity` };
  const area = parseArea(params, env);
  if (!area.ok) return area;
  const category = (params.get('category') ?? '').trim();
  if (category.length > 40) return { ok: false, reason: 'category longer than 40 characters' };
  if (category && area.value.startsWith('g:'))
    return { ok: false, reason: 'categories are kept for the district and townships, not for grids' };
  return {
    ok: true,
    value: {
      firstDay: period.value.firstDay,
      lastDay: period.value.lastDay,
      granularity,
      area: area.value,
      category,
      compare: params.get('compare') === '1' || params.get('compare') === 'true',
    },
  };
}
