/**
 * What the shared focus points at on the map, and the order in which the keyboard walks
 * through what needs attention. Pure: reads the map data and the region pack.
 */
import { bboxOf } from '../../../../live-model/region/geometry';
import type { BBox, LonLat, RegionPack } from '../../../../live-model/region/types';
import type { FOCUS_KINDS } from '../../../../protocol/wallView';
import type { MapData } from './createMapData';

export type FocusKind = (typeof FOCUS_KINDS)[number];
export interface FocusTarget {
  kind: FocusKind;
  id: string;
}

export type FocusPlace = { point: LonLat } | { bounds: BBox } | null;

export function createAreaBounds(
  pack: RegionPack,
): (kind: 'grid' | 'township', id: string) => BBox | undefined {
  const cache = new Map<string, BBox>();
  const grids = new Map(pack.grids.features.map((f) => [f.properties.id, f.geometry]));
  const townships = new Map(pack.townships.features.map((f) => [f.properties.id, f.geometry]));
  return (kind, id) => {
    const key = `${kind}:${id}`;
    let b = cache.get(key);
    if (!b) {
      const g = (kind === 'grid' ? grids : townships).get(id);
      if (!g) return undefined;
      b = bboxOf([g]);
      cache.set(key, b);
    }
    return b;
  };
}

/** Where the focused item is: a point (alarm, case, camera) or a box (grid, township). */
export function placeOfFocus(
  target: FocusTarget | null,
  data: Pick<MapData, 'positionOf'>,
  areaBounds: (kind: 'grid' | 'township', id: string) => BBox | undefined,
): FocusPlace {
  if (!target) return null;
  if (target.kind === 'grid' || target.kind === 'township') {
    const bounds = areaBounds(target.kind, target.id);
    return bounds ? { bounds } : null;
  }
  const point = data.positionOf(target.kind, target.id);
  return point ? { point } : null;
}

/**
 * What a duty officer should look at, in order: alarms pulsing now (newest first), red grids
 * (highest score first), cases past their deadline, then yellow grids.
 * @example attentionList(data)[0] // { kind: 'alarm', id: 'ALM-…' }
 */
export function attentionList(data: Pick<MapData, 'pulses' | 'halos' | 'risk'>): FocusTarget[] {
  const grids = Object.values(data.risk())
    .filter((r) => r.kind === 'grid' && r.level !== 'green')
    .sort((a, b) => b.points - a.points || (a.areaId < b.areaId ? -1 : 1));
  return [
    ...data.pulses().map((p) => ({ kind: 'alarm' as const, id: p.id })),
    ...grids.filter((r) => r.level === 'red').map((r) => ({ kind: 'grid' as const, id: r.areaId })),
    ...data.halos().map((h) => ({ kind: 'case' as const, id: h.id })),
    ...grids.filter((r) => r.level === 'yellow').map((r) => ({ kind: 'grid' as const, id: r.areaId })),
  ];
}

/** The next (or previous) item after the current focus, wrapping around. */
export function stepAttention(
  list: readonly FocusTarget[],
  current: FocusTarget | null,
  step: 1 | -1,
): FocusTarget | null {
  if (list.length === 0) return null;
  const i = current ? list.findIndex((t) => t.kind === current.kind && t.id === current.id) : -1;
  if (i < 0) return step === 1 ? (list[0] ?? null) : (list.at(-1) ?? null);
  return list[(i + step + list.length) % list.length] ?? null;
}
