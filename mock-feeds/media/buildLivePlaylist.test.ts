import { describe, expect, it } from 'vitest';
import {
  buildLivePlaylist,
  DEFAULT_FAULTS,
  isSegmentServable,
  liveEdge,
  loopIndex,
  SEGMENT_MS,
  scheduledFault,
} from './buildLivePlaylist';

const NOW = Date.parse('2026-11-25T12:13:05.300Z');

describe('buildLivePlaylist', () => {
  it('lists the last six complete segments with steady numbers and their wall-clock times', () => {
    const text = buildLivePlaylist(NOW);
    const edge = liveEdge(NOW);
    expect(edge * SEGMENT_MS).toBe(Date.parse('2026-11-25T12:13:02Z'));
    expect(text).toContain(`#EXT-X-MEDIA-SEQUENCE:${edge - 5}\n`);
    expect(text).toContain('#EXT-X-TARGETDURATION:2\n');
    expect(text.match(/^seg-\d+\.ts$/gm)).toEqual([0, 1, 2, 3, 4, 5].map((i) => `seg-${edge - 5 + i}.ts`));
    expect(text).toContain(
      `#EXT-X-PROGRAM-DATE-TIME:2026-11-25T12:13:02.000Z\n#EXTINF:2.000,\nseg-${edge}.ts`,
    );
    expect(text).not.toContain('ENDLIST');
  });

  it('moves on by one segment every two seconds, the same in any process', () => {
    const later = buildLivePlaylist(NOW + SEGMENT_MS);
    expect(later).toContain(`#EXT-X-MEDIA-SEQUENCE:${liveEdge(NOW) - 4}\n`);
    expect(buildLivePlaylist(NOW)).toBe(buildLivePlaylist(NOW + 100));
  });

  it('a stalled stream keeps the window of the moment it froze', () => {
    const frozen = buildLivePlaylist(NOW + 60_000, { kind: 'stall', sinceMs: NOW });
    expect(frozen).toBe(buildLivePlaylist(NOW));
  });

  it('serves complete segments of the last two minutes only', () => {
    const edge = liveEdge(NOW);
    expect(isSegmentServable(edge, NOW)).toBe(true);
    expect(isSegmentServable(edge + 1, NOW)).toBe(false);
    expect(isSegmentServable(edge - 59, NOW)).toBe(true);
    expect(isSegmentServable(edge - 60, NOW)).toBe(false);
    expect(loopIndex(edge)).toBe(edge % 30);
  });
});

describe('scheduledFault', () => {
  it('breaks a few channels for 30–90 s per period, deterministically', () => {
    const ids = Array.from({ length: 500 }, (_, i) => `5105030000132${String(i).padStart(7, '0')}`);
    const period = DEFAULT_FAULTS.periodMs;
    const start = Math.floor(NOW / period) * period;
    const faulty = new Map<string, number>();
    for (let t = start; t < start + period; t += 1000)
      for (const id of ids)
        if (scheduledFault(id, t, DEFAULT_FAULTS)) faulty.set(id, (faulty.get(id) ?? 0) + 1);
    expect(faulty.size).toBeGreaterThan(5);
    expect(faulty.size).toBeLessThan(50);
    for (const seconds of faulty.values()) {
      expect(seconds).toBeGreaterThanOrEqual(30);
      expect(seconds).toBeLessThanOrEqual(90);
    }
    const [one] = faulty.keys();
    const at = Array.from({ length: 600 }, (_, s) => start + s * 1000).find((t) =>
      scheduledFault(one as string, t, DEFAULT_FAULTS),
    );
    expect(scheduledFault(one as string, at as number, DEFAULT_FAULTS)).toEqual(
      scheduledFault(one as string, at as number, DEFAULT_FAULTS),
    );
  });

  it('is off with share 0', () => {
    expect(scheduledFault('X', NOW, { ...DEFAULT_FAULTS, share: 0 })).toBeNull();
  });
});
