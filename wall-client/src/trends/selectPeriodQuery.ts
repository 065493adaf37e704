/**
 * What the trend panels ask the API for, given the wall's period: live (today, against the
 * same hours of yesterday), a meeting range, or the day being replayed. Pure.
 */
import { type ResolvedRange, resolveRange } from '../../../live-model/resolveRange';
import { addDays, dayKey } from '../../../live-model/zonedTime';
import type { Period } from '../../../protocol/wallView';

export interface PeriodQuery {
  mode: Period['mode'];
  /** Range text for /api/trends/summary (and the panels' keys). */
  range: string;
  resolved: ResolvedRange;
  /** Rankings look at a week when live (a day's ranks move too much), else at the period. */
  rankRange: string;
  /** Days the trend chart shows, and the days of the period among them (null: all). */
  trendFrom: string;
  trendTo: string;
  highlight: [string, string] | null;
  /** Sparklines: by hour for a one-day period, by day otherwise. */
  sparkGranularity: 'hour' | 'day';
}

const TREND_DAYS_LIVE = 30;
const MIN_TREND_DAYS = 7;

/**
 * @example selectPeriodQuery({ mode: 'range', range: 'last-7-days' }, Date.now(), 'Asia/Shanghai').range // 'last-7-days'
 */
export function selectPeriodQuery(period: Period | null | undefined, nowMs: number, tz: string): PeriodQuery {
  const today = dayKey(nowMs, tz);
  const text =
    period?.mode === 'range'
      ? period.range
      : period?.mode === 'replay'
        ? `${period.day}..${period.day}`
        : 'today';
  const r = resolveRange(text, nowMs, tz);
  const resolved = r.ok
    ? r.range
    : (resolveRange('today', nowMs, tz) as { ok: true; range: ResolvedRange }).range;
  const mode = r.ok ? (period?.mode ?? 'live') : 'live';
  if (mode === 'live')
    return {
      mode,
      range: 'today',
      resolved,
      rankRange: 'last-7-days',
      trendFrom: addDays(today, -(TREND_DAYS_LIVE - 1)),
      trendTo: today,
      highlight: null,
      sparkGranularity: 'hour',
    };
  const short = resolved.days < MIN_TREND_DAYS;
  return {
    mode,
    range: r.ok ? text : 'today',
    resolved,
    rankRange: r.ok ? text : 'today',
    trendFrom: short ? addDays(resolved.lastDay, -(MIN_TREND_DAYS - 1)) : resolved.firstDay,
    trendTo: resolved.lastDay,
    highlight: short ? [resolved.firstDay, resolved.lastDay] : null,
    sparkGranularity: resolved.days === 1 ? 'hour' : 'day',
  };
}
