import { describe, expect, it } from 'vitest';
import { createBucketer } from './createBucketer';

describe('createBucketer', () => {
  it('gives the same day and hour as a fresh bucketer, in runs within a minute and across a DST change', () => {
    const ny = createBucketer('America/New_York');
    // 2026-03-08 07:00Z is 02:00 EST → 03:00 EDT; steps of 17 s cross minutes, hours and the change.
    const start = Date.parse('2026-03-08T05:00:00.000Z');
    const seen: string[] = [];
    for (let ms = start; ms < start + 4 * 3_600_000; ms += 17_000) {
      const fresh = createBucketer('America/New_York');
      expect([ny.day(ms), ny.hour(ms)]).toEqual([fresh.day(ms), fresh.hour(ms)]);
      seen.push(ny.hour(ms));
    }
    // The skipped local hour 02 never appears.
    expect(new Set(seen)).toEqual(
      new Set(['2026-03-08T00', '2026-03-08T01', '2026-03-08T03', '2026-03-08T04']),
    );
  });
});
