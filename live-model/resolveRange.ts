/**
 * The one vocabulary of time ranges across the product (meeting view, trends, reports):
 * `today`, `yesterday`, `last-7-days`, `last-week` (the previous Monday–Sunday),
 * `last-4-weeks`, or `YYYY-MM-DD..YYYY-MM-DD` (inclusive), as days in the configured zone.
 */
import { addDays, dayKey, startOfDay, zonedParts } from './zonedTime';

export const RANGE_NAMES = ['today', 'yesterday', 'last-7-days', 'last-week', 'last-4-weeks'] as const;
export type RangeName = (typeof RANGE_NAMES)[number];

export interface ResolvedRange {
  /** The name or the custom text it came from. */
  label: string;
  /** First day (YYYY-MM-DD) and last day, inclusive. */
  firstDay: string;
  lastDay: string;
  /** Epoch ms: [fromMs, toMs). */
  fromMs: number;
  toMs: number;
  days: number;
}

const CUSTOM = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;

function isDay(s: string): boolean {
  return (
    !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s
  );
}

/**
 * Resolves a range at `nowMs`; null with a reason for anything else.
 * @example resolveRange('yesterday', Date.parse('2026-11-25T01:00:00Z'), 'Asia/Shanghai')
 *   // { ok: true, range: { firstDay: '2026-11-24', lastDay: '2026-11-24', days: 1, … } }
 */
export function resolveRange(
  text: string,
  nowMs: number,
  tz: string,
): { ok: true; range: ResolvedRange } | { ok: false; reason: string } {
  const today = dayKey(nowMs, tz);
  let first: string;
  let last: string;
  switch (text) {
    case 'today':
      first = last = today;
      break;
    case 'yesterday':
      first = last = addDays(today, -1);
      break;
    case 'last-7-days':
      first = addDays(today, -7);
      last = addDays(today, -1);
      break;
    case 'last-4-weeks':
      first = addDays(today, -28);
      last = addDays(today, -1);
      break;
    case 'last-week': {
      const p = zonedParts(nowMs, tz);
      const weekday = (new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay() + 6) % 7; // Monday = 0
      first = addDays(today, -weekday - 7);
      last = addDays(first, 6);
      break;
    }
    default: {
      const m = CUSTOM.exec(text);
      if (!m?.[1] || !m[2])
        return {
          ok: false,
          reason: `unknown range "${text}" (use ${RANGE_NAMES.join(', ')} or YYYY-MM-DD..YYYY-MM-DD)`,
        };
      if (!isDay(m[1]) || !isDay(m[2]))
        return { ok: false, reason: `range "${text}" has an impossible date` };
      if (m[1] > m[2]) return { ok: false, reason: `range "${text}" ends before it starts` };
      first = m[1];
      last = m[2];
    }
  }
  const fromMs = startOfDay(first, tz);
  const toMs = startOfDay(addDays(last, 1), tz);
  const days =
    Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000) + 1;
  return { ok: true, range: { label: text, firstDay: first, lastDay: last, fromMs, toMs, days } };
}

/** The period just before (环比) and the same period a year earlier (同比). */
export function comparisonRanges(
  range: ResolvedRange,
  tz: string,
): { previous: ResolvedRange; lastYear: ResolvedRange } {
  const prevLast = addDays(range.firstDay, -1);
  const prevFirst = addDays(range.firstDay, -range.days);
  const yearBack = (d: string) => `${Number(d.slice(0, 4)) - 1}${d.slice(4)}`.replace(/-02-29$/, '-02-28');
  const make = (first: string, last: string, label: string): ResolvedRange => ({
    label,
    firstDay: first,
    lastDay: last,
    fromMs: startOfDay(first, tz),
    toMs: startOfDay(addDays(last, 1), tz),
    days: range.days,
  });
  return {
    previous: make(prevFirst, prevLast, `${prevFirst}..${prevLast}`),
    lastYear: make(
      yearBack(range.firstDay),
      yearBack(range.lastDay),
      `${yearBack(range.firstDay)}..${yearBack(range.lastDay)}`,
    ),
  };
}
