/**
 * Turns a scenario step's data into feed items at the moment it is sent: "@now" and
 * "@now±H:MM:SS" become ISO times (real time: the wall's clocks run in real time even when
 * the story is compressed), "@story±H:MM:SS" a story-time distance compressed like the
 * timeline (a deadline that falls at a later step), and `near: {place, east, north}` becomes
 * lon/lat from the region pack. Pure: the clock and the pack come in as arguments.
 */
import type { Place } from '../../live-model/region/types';
import { offsetMeters } from '../createCameraCatalogue';
import { offsetSeconds } from './scenarioSchema';

const TIME_TOKEN = /^@(now|story)(?:([+-])((?:\d+:)?\d{1,2}:\d{2}))?$/;

function resolveValue(value: unknown, nowMs: number, speed: number): unknown {
  const token = typeof value === 'string' ? TIME_TOKEN.exec(value) : null;
  if (token) {
    const sign = token[2] === '-' ? -1 : 1;
    const seconds = token[3] ? offsetSeconds(token[3]) / (token[1] === 'story' ? speed : 1) : 0;
    return new Date(nowMs + sign * seconds * 1000).toISOString();
  }
  if (Array.isArray(value)) return value.map((v) => resolveValue(v, nowMs, speed));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveValue(v, nowMs, speed)]));
  return value;
}

/**
 * @example resolveItem({ occurredAt: '@now-0:30', near: { place: 'p1', east: 40 } }, ms, places)
 *   // { occurredAt: '…', lon: …, lat: … }
 * @example resolveItem({ due: '@story+1:00:00' }, ms, places, 60) // { due: one real minute after ms }
 */
export function resolveItem(
  item: Record<string, unknown>,
  nowMs: number,
  places: (id: string) => Place | undefined,
  speed = 1,
): Record<string, unknown> {
  const resolved = resolveValue(item, nowMs, speed) as Record<string, unknown>;
  const near = resolved.near as { place?: string; east?: number; north?: number } | undefined;
  if (!near) return resolved;
  const { near: _near, ...rest } = resolved;
  const place = near.place ? places(near.place) : undefined;
  if (!place) throw new Error(`scenario: unknown place "${near.place}" in the region pack`);
  const [lon, lat] = offsetMeters(place.lon, place.lat, near.east ?? 0, near.north ?? 0);
  return { townshipId: place.townshipId, ...rest, lon, lat };
}
