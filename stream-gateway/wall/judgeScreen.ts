/**
 * Whether a wall screen is well: the console lists screens that froze (no heartbeat, or no
 * frames), lag (their seq stays behind the log), or left.
 */
export type ScreenHealth = 'ok' | 'lagging' | 'frozen' | 'disconnected';

export interface ScreenReport {
  connected: boolean;
  lastHeartbeatMs: number | null;
  seq: number | null;
  fps: number;
  /** Since when the screen's seq has been behind the log (null when it is not). */
  behindSinceMs: number | null;
}

/** A heartbeat comes every 10 s; three missed ones mean the screen froze. */
export const HEARTBEAT_MS = 10_000;
export const FROZEN_AFTER_MS = 3 * HEARTBEAT_MS;
/** A screen whose seq stays behind this long lags (a moment behind is normal between deltas). */
export const LAGGING_AFTER_MS = 15_000;

/**
 * @example judgeScreen({ connected: true, lastHeartbeatMs: 0, seq: 5, fps: 30, behindSinceMs: null }, 5_000) // 'ok'
 */
export function judgeScreen(r: ScreenReport, nowMs: number): ScreenHealth {
  if (!r.connected) return 'disconnected';
  if (r.lastHeartbeatMs === null || nowMs - r.lastHeartbeatMs > FROZEN_AFTER_MS || r.fps <= 0)
    return 'frozen';
  if (r.behindSinceMs !== null && nowMs - r.behindSinceMs > LAGGING_AFTER_MS) return 'lagging';
  return 'ok';
}
