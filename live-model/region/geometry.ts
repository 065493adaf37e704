/**
 * Small, pure geometry helpers on `[lon, lat]` degrees (no projection library needed at
 * district scale).
 */
import type { AreaGeometry, BBox, LonLat, Ring } from './types';

/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/**
 * Great-circle (haversine) distance in metres between two `[lon, lat]` points.
 * @example distanceMeters([105.37, 28.77], [105.38, 28.77]) // ≈ 975
 */
export function distanceMeters(a: LonLat, b: LonLat): number {
  const lat1 = a[1] * RAD;
  const lat2 = b[1] * RAD;
  const dLat = lat2 - lat1;
  const dLon = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The polygons of a Polygon/MultiPolygon, as lists of rings. */
export function polygonsOf(geometry: AreaGeometry): Ring[][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Bounding box of a list of geometries, `[minLon, minLat, maxLon, maxLat]`. */
export function bboxOf(geometries: Iterable<AreaGeometry>): BBox {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const g of geometries) {
    for (const poly of polygonsOf(g)) {
      for (const ring of poly) {
        for (const [x, y] of ring) {
          if (x < minX) minX = x;
          if (x > maxX) maxX = x;
          if (y < minY) minY = y;
          if (y > maxY) maxY = y;
        }
      }
    }
  }
  return [minX, minY, maxX, maxY];
}

/** Even-odd point-in-ring test on a `[lon, lat][]` ring (closed or not). */
export function pointInRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const pi = ring[i] as LonLat;
    const pj = ring[j] as LonLat;
    const yi = pi[1];
    const yj = pj[1];
    if (yi > y !== yj > y && x < ((pj[0] - pi[0]) * (y - yi)) / (yj - yi) + pi[0]) inside = !inside;
  }
  return inside;
}

/** Point in a Polygon/MultiPolygon (holes respected: even-odd over each polygon's rings). */
export function pointInGeometry(x: number, y: number, geometry: AreaGeometry): boolean {
  for (const poly of polygonsOf(geometry)) {
    let inside = false;
    for (const ring of poly) if (pointInRing(x, y, ring)) inside = !inside;
    if (inside) return true;
  }
  return false;
}

/** Spherical area of a ring in m² (positive, orientation ignored). */
export function ringAreaM2(ring: Ring): number {
  const n = ring.length;
  if (n < 3) return 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const p1 = ring[i] as LonLat;
    const p2 = ring[(i + 1) % n] as LonLat;
    total += (p2[0] - p1[0]) * RAD * (2 + Math.sin(p1[1] * RAD) + Math.sin(p2[1] * RAD));
  }
  return Math.abs((total * EARTH_RADIUS_M * EARTH_RADIUS_M) / 2);
}

/** Area of a Polygon/MultiPolygon in m² (outer rings minus holes). */
export function geometryAreaM2(geometry: AreaGeometry): number {
  let area = 0;
  for (const poly of polygonsOf(geometry)) {
    poly.forEach((ring, i) => {
      area += i === 0 ? ringAreaM2(ring) : -ringAreaM2(ring);
    });
  }
  return area;
}

/**
 * A point guaranteed to lie inside the geometry (for labels or a missing seat): the
 * centroid of the largest polygon's outer ring when it is inside, otherwise the middle of
 * the widest inside span on the horizontal line through that centroid.
 */
export function representativePoint(geometry: AreaGeometry): LonLat {
  let best: Ring[] | undefined;
  let bestArea = -1;
  for (const poly of polygonsOf(geometry)) {
    const outer = poly[0];
    if (!outer) continue;
    const a = ringAreaM2(outer);
    if (a > bestArea) {
      bestArea = a;
      best = poly;
    }
  }
  const outer = best?.[0];
  if (!best || !outer || outer.length === 0) throw new Error('representativePoint: empty geometry');
  let sx = 0;
  let sy = 0;
  let sa = 0;
  for (let i = 0, n = outer.length; i < n; i++) {
    const p1 = outer[i] as LonLat;
    const p2 = outer[(i + 1) % n] as LonLat;
    const cross = p1[0] * p2[1] - p2[0] * p1[1];
    sx += (p1[0] + p2[0]) * cross;
    sy += (p1[1] + p2[1]) * cross;
    sa += cross;
  }
  const first = outer[0] as LonLat;
  const cx = sa === 0 ? first[0] : sx / (3 * sa);
  const cy = sa === 0 ? first[1] : sy / (3 * sa);
  const poly: AreaGeometry = { type: 'Polygon', coordinates: best };
  if (pointInGeometry(cx, cy, poly)) return [cx, cy];
  // Scan line through cy: collect crossings, take the widest inside interval.
  const xs: number[] = [];
  for (const ring of best) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const pi = ring[i] as LonLat;
      const pj = ring[j] as LonLat;
      if (pi[1] > cy !== pj[1] > cy) xs.push(((pj[0] - pi[0]) * (cy - pi[1])) / (pj[1] - pi[1]) + pi[0]);
    }
  }
  xs.sort((a, b) => a - b);
  let bx = first[0];
  let by = first[1];
  let width = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const a = xs[i] as number;
    const b = xs[i + 1] as number;
    if (b - a > width) {
      width = b - a;
      bx = (a + b) / 2;
      by = cy;
    }
  }
  return [bx, by];
}

/** Apply `fn` to every position of a geometry, returning a new geometry. */
export function mapGeometry(geometry: AreaGeometry, fn: (p: LonLat) => LonLat): AreaGeometry {
  if (geometry.type === 'Polygon') {
    return { type: 'Polygon', coordinates: geometry.coordinates.map((ring) => ring.map(fn)) };
  }
  return {
    type: 'MultiPolygon',
    coordinates: geometry.coordinates.map((poly) => poly.map((ring) => ring.map(fn))),
  };
}
