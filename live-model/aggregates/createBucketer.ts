/**
 * Day and hour buckets of instants in a time zone (`2026-11-24`, `2026-11-24T20`), fast
 * enough for a year of history: the zone's offset is looked up once per UTC hour.
 */
import { tzOffsetMinutes } from '../zonedTime';

const HOUR = 3_600_000;

export interface Bucketer {
  day(ms: number): string;
  hour(ms: number): string;
}

export function createBucketer(tz: string): Bucketer {
  const offsets = new Map<number, number>();
  const local = (ms: number) => {
    const h = Math.floor(ms / HOUR);
    let off = offsets.get(h);
    if (off === undefined) {
      if (offsets.size > 50_000) offsets.clear();
      off = tzOffsetMinutes(h * HOUR, tz);
      offsets.set(h, off);
    }
    return new Date(ms + off * 60_000).toISOString();
  };
  return { day: (ms) => local(ms).slice(0, 10), hour: (ms) => local(ms).slice(0, 13) };
}
