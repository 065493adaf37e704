/**
 * Video linkage on the wall: which camera an alarm promoted onto the video tiles
 * (a takeover, decided by the gateway and kept in the log so that a replay shows it), and
 * which tiles a duty officer pinned. Tile layouts themselves are a screen's business.
 */

/** How a takeover's camera was chosen. */
export const TAKEOVER_REASONS = ['alarm-camera', 'covers', 'nearest', 'grid'] as const;
export type TakeoverReason = (typeof TAKEOVER_REASONS)[number];

/** Why a takeover ended: the alarm was handled, its time ran out, or it left the model. */
export const REVERT_REASONS = ['acknowledged', 'dispatched', 'closed', 'timeout', 'alarm-gone'] as const;
export type RevertReason = (typeof REVERT_REASONS)[number];

/** An alarm's camera, promoted onto the wall's tiles until the alarm is handled or `until`. */
export interface Takeover {
  /** `alarm:<alarmId>`: one takeover per alarm. */
  id: string;
  alarmId: string;
  cameraId: string;
  severity: 'red' | 'yellow';
  category: string;
  /** When the alarm occurred (its badge shows this time). */
  alarmAt: string;
  reason: TakeoverReason;
  /** Camera to alarm place, metres (null when the alarm named its camera and has no place). */
  distanceM: number | null;
  startedAt: string;
  /** It reverts by itself at this time at the latest. */
  until: string;
}

/** A tile a duty officer pinned: automation (tour, alarms) never takes it. */
export interface Pin {
  /** `<wall>/<panel>/<slot>`. */
  id: string;
  wall: string;
  /** Which video panel (`overview`, `video`, …): layouts differ between panels. */
  panel: string;
  slot: number;
  cameraId: string;
  by: string;
  at: string;
}

/** Data of the `video` log event. */
export type VideoEventData =
  | { op: 'takeover'; takeover: Takeover }
  | { op: 'revert'; id: string; reason: RevertReason }
  | { op: 'pin'; pin: Pin }
  | { op: 'unpin'; id: string; by: string };

export function takeoverId(alarmId: string): string {
  return `alarm:${alarmId}`;
}

export function pinId(wall: string, panel: string, slot: number): string {
  return `${wall}/${panel}/${slot}`;
}

/** Ids of video panels and walls in pins: short, path-safe. */
export const PANEL_ID = /^[\w-]{1,40}$/;
