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
  // Entries come in runs within one minute (a batch, an item's measures): its local time is
  // formatted once. Zone offsets are whole minutes, so a minute has one day and one hour.
  let lastMinute = Number.NaN;
  let lastLocal = '';
  const local = (ms: number) => {
    const minute = Math.floor(ms / 60_000);
    if (minute !== lastMinute) {
      lastMinute = minute;
      lastLocal = new Date(minute * 60_000 + offsetOf(ms) * 60_000).toISOString();
    }
    return lastLocal;
  };
  return { day: (ms) => local(ms).slice(0, 10), hour: (ms) => local(ms).slice(0, 13) };
}
