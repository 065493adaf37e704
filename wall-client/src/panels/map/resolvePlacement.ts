/**
 * Where an item may be drawn — or why it may not. Items the gateway flagged outside the
 * district, positions that are not numbers, (0, 0) and positions outside the region's box
 * are never plotted (a marker in the sea at 0°, 0° misleads more than no marker); an item
 * placed only by its grid is drawn at the grid's label point.
 */
import type { LonLat } from '../../../../live-model/region/types';
import type { Flag } from '../../../../protocol/liveModel';
import type { RegionGeometry } from './regionGeometry';

export const PLACEMENT_PROBLEMS = ['outside-district', 'bad-position', 'no-position'] as const;
export type PlacementProblem = (typeof PLACEMENT_PROBLEMS)[number];

export type Placement =
  | { ok: true; position: LonLat; from: 'position' | 'grid' }
  | { ok: false; problem: PlacementProblem };

interface Placeable {
  lon?: number | undefined;
  lat?: number | undefined;
  gridId?: string | undefined;
  flags: readonly Flag[];
}

/**
 * @example resolvePlacement({ lon: 0, lat: 0, flags: [] }, region) // { ok: false, problem: 'bad-position' }
 */
export function resolvePlacement(
  item: Placeable,
  region: Pick<RegionGeometry, 'gridPoint' | 'bounds'>,
): Placement {
  if (item.flags.includes('outside-district')) return { ok: false, problem: 'outside-district' };
  const { lon, lat } = item;
  if (lon !== undefined || lat !== undefined) {
    if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat))
      return { ok: false, problem: 'bad-position' };
    if (lon === 0 && lat === 0) return { ok: false, problem: 'bad-position' };
    const [x0, y0, x1, y1] = region.bounds;
    if (lon < x0 || lon > x1 || lat < y0 || lat > y1) {
      // Swapped lat/lon lands far outside too; say which when it would fit the other way round.
      const swapped = lat >= x0 && lat <= x1 && lon >= y0 && lon <= y1;
      return { ok: false, problem: swapped ? 'bad-position' : 'outside-district' };
    }
    return { ok: true, position: [lon, lat], from: 'position' };
  }
  const gridPoint = item.gridId ? region.gridPoint.get(item.gridId) : undefined;
  if (gridPoint) return { ok: true, position: gridPoint, from: 'grid' };
  return { ok: false, problem: 'no-position' };
}
