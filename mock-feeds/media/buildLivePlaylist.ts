/**
 * The simulated media server's live view of time: segment `n` holds the 2 seconds of
 * wall-clock time from `n × 2 s` after the Unix epoch, so segment numbers and their
 * EXT-X-PROGRAM-DATE-TIME are the same in every process and across restarts, and the loop
 * position (`n mod 30`) is the same for every camera showing one pattern. Pure.
 */

export const SEGMENT_MS = 2000;
/** Pre-encoded segments per pattern: a 60-second loop. */
export const LOOP_SEGMENTS = 30;
/** Segments listed in a live playlist (a 12-second window). */
export const WINDOW_SEGMENTS = 6;
/** How far back a segment may still be fetched (players behind the window, stalled streams). */
export const HISTORY_SEGMENTS = 60;

/** What is wrong with a stream right now: frozen at a time (stall), or gone (404). */
export type StreamFault = { kind: 'stall'; sinceMs: number } | { kind: 'not-found' };

/** The newest complete segment at `nowMs`. */
export function liveEdge(nowMs: number): number {
  return Math.floor(nowMs / SEGMENT_MS) - 1;
}

/** Which pre-encoded segment of the loop plays as segment `n`. */
export function loopIndex(n: number): number {
  return ((n % LOOP_SEGMENTS) + LOOP_SEGMENTS) % LOOP_SEGMENTS;
}

/**
 * The live playlist at `nowMs`: the last six complete segments, each with its wall-clock
 * time. A stalled stream keeps answering with the window of the moment it froze.
 * @example buildLivePlaylist(Date.parse('2026-11-25T12:13:05Z'))
 * // #EXTM3U … #EXT-X-MEDIA-SEQUENCE:882276787 … #EXT-X-PROGRAM-DATE-TIME:2026-11-25T12:12:54.000Z …
 */
export function buildLivePlaylist(nowMs: number, fault: StreamFault | null = null): string {
  const edge = liveEdge(fault?.kind === 'stall' ? fault.sinceMs : nowMs);
  const first = edge - WINDOW_SEGMENTS + 1;
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${SEGMENT_MS / 1000}`,
    `#EXT-X-MEDIA-SEQUENCE:${first}`,
  ];
  for (let n = first; n <= edge; n++)
    lines.push(
      `#EXT-X-PROGRAM-DATE-TIME:${new Date(n * SEGMENT_MS).toISOString()}`,
      `#EXTINF:${(SEGMENT_MS / 1000).toFixed(3)},`,
      `seg-${n}.ts`,
    );
  return `${lines.join('\n')}\n`;
}

/** Whether segment `n` may be served at `nowMs`: complete, and not too old. */
export function isSegmentServable(n: number, nowMs: number): boolean {
  const edge = liveEdge(nowMs);
  return Number.isSafeInteger(n) && n <= edge && n > edge - HISTORY_SEGMENTS;
}

/** FNV-1a, 32 bits: a stable hash for picking patterns and fault windows. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export interface FaultSchedule {
  /** Share of cameras with one fault in each period (0 turns scheduled faults off). */
  share: number;
  periodMs: number;
  seed: number;
}

export const DEFAULT_FAULTS: FaultSchedule = { share: 0.04, periodMs: 10 * 60_000, seed: 7 };

/**
 * The scheduled fault of a camera's stream at `nowMs`, if any: in each 10-minute period a
 * few cameras (by a hash of id and period) stall or answer 404 for 30–90 s. Deterministic,
 * so every request within a fault sees the same fault.
 * @example scheduledFault('51050300001320000007', Date.now(), DEFAULT_FAULTS) // null mostly
 */
export function scheduledFault(cameraId: string, nowMs: number, schedule: FaultSchedule): StreamFault | null {
  if (schedule.share <= 0) return null;
  const period = Math.floor(nowMs / schedule.periodMs);
  const h = hash32(`${schedule.seed}:${cameraId}:${period}`);
  if (h / 2 ** 32 >= schedule.share) return null;
  const h2 = hash32(`${h}:when`);
  const start = period * schedule.periodMs + (h2 % Math.max(1, schedule.periodMs - 120_000));
  const duration = 30_000 + (hash32(`${h}:long`) % 60_000);
  if (nowMs < start || nowMs >= start + duration) return null;
  return h2 % 2 === 0 ? { kind: 'stall', sinceMs: start } : { kind: 'not-found' };
}
