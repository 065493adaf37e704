/**
 * Day and hour buckets of instants in a time zone (`2026-11-24`, `2026-11-24T20`), fast
 * enough for a year of history (the zone's offset is cached).
 */
import { createOffsetCache } from '../zonedTime';

export interface Bucketer {
  day(ms: number): string;
  hour(ms: number): string;
}

export function createBucketer(tz: string): Bucketer {
  const offsetOf = createOffsetCache(tz);
  const local = (ms: number) => new Date(ms + offsetOf(ms) * 60_000).toISOString();
  return { day: (ms) => local(ms).slice(0, 10), hour: (ms) => local(ms).slice(0, 13) };
}
