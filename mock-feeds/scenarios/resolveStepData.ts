/**
 * Turns a scenario step's data into feed items at the moment it is sent: "@now" and
 * "@now±H:MM:SS" become ISO times (real time: the wall's clocks run in real time even when
 * the story is compressed), and `near: {place, east, north}` becomes lon/lat from the region
 * pack. Pure: the clock and the pack come in as arguments.
 */
import type { Place } from '../../live-model/region/types';
import { offsetMeters } from '../createCameraCatalogue';
import { offsetSeconds } from './scenarioSchema';

const TIME_TOKEN = /^@now(?:([+-])(\d+:)?\d{1,2}:\d{2})?$/;

function resolveValue(value: unknown, nowMs: number): unknown {
  if (typeof value === 'string' && TIME_TOKEN.test(value)) {
    if (value === '@now') return new Date(nowMs).toISOString();
    const sign = value[4] === '-' ? -1 : 1;
    return new Date(nowMs + sign * offsetSeconds(value.slice(5)) * 1000).toISOString();
  }
  if (Array.isArray(value)) return value.map((v) => resolveValue(v, nowMs));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveValue(v, nowMs)]));
  return value;
}

/**
 * @example resolveItem({ occurredAt: '@now-0:30', near: { place: 'p1', east: 40 } }, ms, places)
 *   // { occurredAt: '…', lon: …, lat: … }
 */
export function resolveItem(
  item: Record<string, unknown>,
  nowMs: number,
  places: (id: string) => Place | undefined,
): Record<string, unknown> {
  const resolved = resolveValue(item, nowMs) as Record<string, unknown>;
  const near = resolved.near as { place?: string; east?: number; north?: number } | undefined;
  if (!near) return resolved;
  const { near: _near, ...rest } = resolved;
  const place = near.place ? places(near.place) : undefined;
  if (!place) throw new Error(`scenario: unknown place "${near.place}" in the region pack`);
  const [lon, lat] = offsetMeters(place.lon, place.lat, near.east ?? 0, near.north ?? 0);
  return { townshipId: place.townshipId, ...rest, lon, lat };
}
