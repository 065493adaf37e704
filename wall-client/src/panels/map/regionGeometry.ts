/**
 * What the map needs from a region pack, computed once: label points of grids and
 * townships, each grid's township, and the box an item must fall in to be plotted.
 */
import { bboxOf, representativePoint } from '../../../../live-model/region/geometry';
import type { BBox, LonLat, RegionPack } from '../../../../live-model/region/types';

export interface RegionGeometry {
  gridPoint: ReadonlyMap<string, LonLat>;
  townshipPoint: ReadonlyMap<string, LonLat>;
  gridTownship: ReadonlyMap<string, string>;
  /** The outline's box, widened a little: anything outside is never plotted. */
  bounds: BBox;
}

/** How far (degrees, ≈ 1 km) outside the outline's box a point may still be drawn. */
const BOUNDS_MARGIN = 0.01;

export function createRegionGeometry(pack: RegionPack): RegionGeometry {
  const [x0, y0, x1, y1] = bboxOf(pack.outline.features.map((f) => f.geometry));
  return {
    gridPoint: new Map(pack.grids.features.map((f) => [f.properties.id, representativePoint(f.geometry)])),
    townshipPoint: new Map(
      pack.townships.features.map((f) => [f.properties.id, representativePoint(f.geometry)]),
    ),
    gridTownship: new Map(pack.grids.features.map((f) => [f.properties.id, f.properties.townshipId])),
    bounds: [x0 - BOUNDS_MARGIN, y0 - BOUNDS_MARGIN, x1 + BOUNDS_MARGIN, y1 + BOUNDS_MARGIN],
  };
}
