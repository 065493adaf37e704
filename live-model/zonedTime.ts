/**
 * Calendar arithmetic in a named time zone (days, "today", "yesterday" follow the configured
 * TZ, default Asia/Shanghai), without reading the clock. Pure; formatters are cached.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Wall-clock fields of an instant in a zone. */
export function zonedParts(
  ms: number,
  tz: string,
): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const p: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(ms))
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  return {
    year: p.year ?? 0,
    month: p.month ?? 0,
    day: p.day ?? 0,
    hour: p.hour ?? 0,
    minute: p.minute ?? 0,
    second: p.second ?? 0,
  };
}

/**
 * Offset of the zone from UTC at an instant, in minutes (Asia/Shanghai: 480).
 * @example tzOffsetMinutes(Date.parse('2026-11-25T00:00:00Z'), 'Asia/Shanghai') // 480
 */
export function tzOffsetMinutes(ms: number, tz: string): number {
  const p = zonedParts(ms, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/**
 * A local wall-clock time (no offset) read in `tz`, as epoch ms.
 * @example localToEpoch('2026-11-25T20:13:00', 'Asia/Shanghai') === Date.parse('2026-11-25T12:13:00Z')
 */
export function localToEpoch(local: string, tz: string): number {
  const guess = Date.parse(`${local}Z`);
  const first = guess - tzOffsetMinutes(guess, tz) * 60_000;
  // Second pass settles times near an offset change.
  return guess - tzOffsetMinutes(first, tz) * 60_000;
}

/**
 * The calendar day of an instant in `tz`, as YYYY-MM-DD.
 * @example dayKey(Date.parse('2026-11-24T17:00:00Z'), 'Asia/Shanghai') // '2026-11-25'
 */
export function dayKey(ms: number, tz: string): string {
  const p = zonedParts(ms, tz);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Epoch ms of midnight starting day `key` (YYYY-MM-DD) in `tz`. */
export function startOfDay(key: string, tz: string): number {
  return localToEpoch(`${key}T00:00:00`, tz);
}

/** The day key `n` days after `key` (n may be negative). */
export function addDays(key: string, n: number): string {
  const d = new Date(`${key}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const QUARTER_HOUR = 900_000;

/**
 * A fast `tzOffsetMinutes` for code that asks millions of times (simulation, history): the
 * offset is looked up once per quarter hour of UTC (zone transitions fall on quarter hours).
 * @example const offsetOf = createOffsetCache('Asia/Shanghai'); offsetOf(Date.now()) // 480
 */
export function createOffsetCache(tz: string): (ms: number) => number {
  const offsets = new Map<number, number>();
  return (ms) => {
    const q = Math.floor(ms / QUARTER_HOUR);
    let off = offsets.get(q);
    if (off === undefined) {
      if (offsets.size > 100_000) offsets.clear();
      off = tzOffsetMinutes(q * QUARTER_HOUR, tz);
      offsets.set(q, off);
    }
    return off;
  };
}

/**
 * The weekday of a day key, Monday = 0 … Sunday = 6 (the Chinese working week).
 * @example weekdayOf('2026-11-30') // 0
 */
export function weekdayOf(key: string): number {
  return (new Date(`${key}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/**
 * Whole days from day `a` to day `b` (negative when b is earlier).
 * @example daysApart('2026-11-24', '2026-11-30') // 6
 */
export function daysApart(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
