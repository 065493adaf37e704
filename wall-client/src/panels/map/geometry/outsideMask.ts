import { bboxOf, polygonsOf } from '../../../../../live-model/region/geometry';
import type { AreaGeometry, LonLat, Ring } from '../../../../../live-model/region/types';

/**
 * A polygon covering everything around the district (its box widened by `marginDeg`) with
 * the district cut out, so the map can dim what lies outside the area the centre governs.
 * @example buildOutsideMask(outline, 1) // { type: 'Polygon', coordinates: [box, ...district rings] }
 */
export function buildOutsideMask(outline: AreaGeometry[], marginDeg: number): AreaGeometry {
  const [x0, y0, x1, y1] = bboxOf(outline);
  const box: Ring = [
    [x0 - marginDeg, y0 - marginDeg],
    [x1 + marginDeg, y0 - marginDeg],
    [x1 + marginDeg, y1 + marginDeg],
    [x0 - marginDeg, y1 + marginDeg],
    [x0 - marginDeg, y0 - marginDeg],
  ];
  const holes: Ring[] = [];
  for (const g of outline)
    for (const poly of polygonsOf(g)) if (poly[0]) holes.push(poly[0].map((p) => [...p] as LonLat));
  return { type: 'Polygon', coordinates: [box, ...holes] };
}
