/**
 * How an alarm, a case or a camera looks on the map at a given time — pure, so the rules
 * (age fading, grey when handled, SLA colours, shapes) are unit-tested without a browser.
 */

import type { LonLat } from '../../../../live-model/region/types';
import { selectCaseDeadline } from '../../../../live-model/selectors/selectCaseDeadline';
import type { AlarmRecord, CameraRecord, CaseRecord } from '../../../../protocol/liveModel';
import type { IconName } from './iconMapping';
import { CAMERA_RGB, CLOSED_RGB, HANDLED_RGB, type Rgba, SEVERITY_RGB, SLA_STOPS } from './mapColors';

export type IncidentRow =
  | { kind: 'alarm'; id: string; item: AlarmRecord; position: LonLat; atMs: number }
  | { kind: 'case'; id: string; item: CaseRecord; position: LonLat; atMs: number };

export interface CameraRow {
  id: string;
  item: CameraRecord;
  position: LonLat;
}

const MINUTE = 60_000;
/** Fully opaque for the first 10 minutes, then fading (log-time) to the floor at 24 h. */
const FRESH_MS = 10 * MINUTE;
const FADED_MS = 24 * 60 * MINUTE;
const ALPHA_FRESH = 255;
const ALPHA_FADED = 80;

/**
 * Opacity by age: markers fade with the time since the report instead of vanishing.
 * @example ageAlpha(5 * 60_000) // 255
 */
export function ageAlpha(ageMs: number): number {
  if (!(ageMs > FRESH_MS)) return ALPHA_FRESH;
  const k = Math.min(1, Math.log(ageMs / FRESH_MS) / Math.log(FADED_MS / FRESH_MS));
  return Math.round(ALPHA_FRESH - (ALPHA_FRESH - ALPHA_FADED) * k);
}

/** Colour along the SLA ramp for a share `used` of the deadline. */
export function slaRgb(used: number): [number, number, number] {
  const stops = SLA_STOPS;
  const first = stops[0] as (typeof stops)[number];
  if (!(used > first[0])) return [...first[1]];
  for (let i = 1; i < stops.length; i++) {
    const [u1, c1] = stops[i] as (typeof stops)[number];
    const [u0, c0] = stops[i - 1] as (typeof stops)[number];
    if (used <= u1) {
      const k = (used - u0) / (u1 - u0);
      return [0, 1, 2].map((j) =>
        Math.round((c0[j] as number) + ((c1[j] as number) - (c0[j] as number)) * k),
      ) as [number, number, number];
    }
  }
  return [...(stops.at(-1) as (typeof stops)[number])[1]];
}

export function incidentIcon(row: IncidentRow): IconName {
  if (row.kind === 'case') return 'square';
  return row.item.severity === 'red' ? 'triangle' : row.item.severity === 'yellow' ? 'diamond' : 'circle';
}

/**
 * Writes the RGBA of an incident at `nowMs` into `target` (deck.gl accessors reuse one array).
 * Alarms: severity colour while new, grey once acknowledged; cases: the SLA ramp.
 */
export function incidentColor(row: IncidentRow, nowMs: number, target: number[] = []): Rgba {
  let rgb: readonly number[];
  let alpha = ageAlpha(nowMs - row.atMs);
  if (row.kind === 'alarm') {
    const state = row.item.state;
    rgb = state === 'new' ? SEVERITY_RGB[row.item.severity] : state === 'closed' ? CLOSED_RGB : HANDLED_RGB;
    if (state === 'closed') alpha = Math.round(alpha * 0.6);
  } else {
    const d = selectCaseDeadline(row.item, nowMs);
    rgb = d.state === 'done' ? CLOSED_RGB : slaRgb(d.used);
    // A case is a running matter: it does not fade while its clock runs.
    alpha = d.state === 'done' ? Math.round(alpha * 0.6) : 255;
  }
  target[0] = rgb[0] as number;
  target[1] = rgb[1] as number;
  target[2] = rgb[2] as number;
  target[3] = alpha;
  return target as Rgba;
}

/** Marker size in pixels: red alarms largest; handled ones shrink a little. */
export function incidentSize(row: IncidentRow): number {
  if (row.kind === 'case') return row.item.status === 'resolved' || row.item.status === 'closed' ? 12 : 17;
  const base = row.item.severity === 'red' ? 24 : row.item.severity === 'yellow' ? 18 : 14;
  return row.item.state === 'closed' ? Math.round(base * 0.7) : base;
}

export function cameraIcon(row: CameraRow): IconName {
  return row.item.status === 'online'
    ? 'camera'
    : row.item.status === 'offline'
      ? 'camera-offline'
      : 'camera-fault';
}

/** Cameras: blue online, grey crossed offline, orange fault; dimmer when zoomed out. */
export function cameraColor(row: CameraRow, overview: boolean, target: number[] = []): Rgba {
  const rgb = CAMERA_RGB[row.item.status];
  target[0] = rgb[0];
  target[1] = rgb[1];
  target[2] = rgb[2];
  target[3] = overview && row.item.status === 'online' ? 150 : 255;
  return target as Rgba;
}
