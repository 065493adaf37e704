/**
 * The freshness contract: each feed and alarm channel has an expected cadence; its state is
 * judged from when something (item or heartbeat) last arrived, so a quiet night with
 * heartbeats stays trusted while a dead feed turns degraded, then unavailable.
 */
import type { FeedState, FeedStatus } from '../protocol/liveModel';
import type { AlarmChannel, FeedName } from '../protocol/schemas';

/** Expected seconds between signs of life, per feed and per alarm channel. */
export type Cadences = Record<FeedName | AlarmChannel, number>;

export const DEFAULT_CADENCES: Cadences = {
  cameras: 60,
  alarms: 30,
  cases: 60,
  'video-analytics': 30,
  'police-110': 30,
  'hotline-12345': 300,
  'grid-worker': 600,
  'qr-report': 600,
  'wechat-snapshot': 600,
  sensor: 120,
  'duty-room': 600,
};

/** Every cadence multiplied by `scale` (tests and demos run on shorter ones). */
export function scaleCadences(cadences: Cadences, scale: number): Cadences {
  return Object.fromEntries(Object.entries(cadences).map(([k, v]) => [k, v * scale])) as Cadences;
}

/** Silence beyond this many cadences makes a feed degraded, beyond the second unavailable. */
export const DEGRADED_AFTER = 1.5;
export const UNAVAILABLE_AFTER = 3;

/**
 * The state a feed should be in at `nowMs`, or null when its current state stands
 * (an explicit "offline" stays until something arrives).
 * @example judgeFreshness({ ...status, lastSeenAt: '2026-11-24T12:00:00.000Z' }, Date.parse('2026-11-24T12:03:00Z'), 30)
 *   // { state: 'unavailable', reason: 'silent 180 s (expected every 30 s)' }
 */
export function judgeFreshness(
  status: FeedStatus,
  nowMs: number,
  cadenceSeconds: number,
): { state: FeedState; reason?: string } | null {
  if (status.lastSeenAt === null) return null;
  const silentS = Math.max(0, Math.round((nowMs - Date.parse(status.lastSeenAt)) / 1000));
  const reason = `silent ${silentS} s (expected every ${cadenceSeconds} s)`;
  let state: FeedState = 'trusted';
  if (silentS > cadenceSeconds * UNAVAILABLE_AFTER) state = 'unavailable';
  else if (silentS > cadenceSeconds * DEGRADED_AFTER) state = 'degraded';
  if (state === status.state) return null;
  if (state === 'trusted') return status.reason === 'offline' ? null : { state };
  if (status.state === 'unavailable' && state === 'degraded') return null;
  return { state, reason };
}
