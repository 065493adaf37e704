/**
 * The buckets a trend shows, zero-filled: every day (or hour, or week starting Monday)
 * between two days inclusive, labelled as the aggregates label them. Pure.
 */
import type { Granularity } from '../../protocol/trends';
import { addDays, weekdayOf } from '../zonedTime';

/** The Monday of the week a day falls in. */
export function weekOf(day: string): string {
  return addDays(day, -weekdayOf(day));
}

/** Whole days from `first` to `last` inclusive. */
export function daysBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) out.push(d);
  return out;
}

/**
 * @example bucketsInRange('2026-11-23', '2026-11-24', 'day') // ['2026-11-23', '2026-11-24']
 * @example bucketsInRange('2026-11-24', '2026-11-24', 'hour') // ['2026-11-24T00', …, '2026-11-24T23']
 */
export function bucketsInRange(first: string, last: string, granularity: Granularity): string[] {
  const days = daysBetween(first, last);
  if (granularity === 'day') return days;
  if (granularity === 'week') return [...new Set(days.map(weekOf))];
  return days.flatMap((d) => Array.from({ length: 24 }, (_, h) => `${d}T${String(h).padStart(2, '0')}`));
}
