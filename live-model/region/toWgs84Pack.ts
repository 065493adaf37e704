/**
 * Convert a region pack from GCJ-02 (or BD-09) to WGS-84 with `gcoord`. Camera and GPS
 * positions arrive in WGS-84 (CGCS2000 is the same at our scale), so the live model works
 * in WGS-84; the GCJ-02 offset in Sichuan and Jiangxi is ≈ 300–600 m.
 */
import gcoord from 'gcoord';
import { bboxOf, mapGeometry } from './geometry';
import type { Feature, FeatureCollection, LonLat, RegionCrs, RegionPack } from './types';

const GCOORD_CRS = {
  WGS84: gcoord.WGS84,
  GCJ02: gcoord.GCJ02,
  BD09: gcoord.BD09,
} as const;

/** Converter of one `[lon, lat]` from `from` to WGS-84. */
export function wgs84Converter(from: RegionCrs): (p: LonLat) => LonLat {
  if (from === 'WGS84') return (p) => [p[0], p[1]];
  const crs = GCOORD_CRS[from];
  return (p) => {
    const out = gcoord.transform([p[0], p[1]], crs, gcoord.WGS84);
    return [out[0], out[1]];
  };
}

function mapCollection<P>(fc: FeatureCollection<P>, fn: (p: LonLat) => LonLat, props?: (p: P) => P) {
  return {
    type: 'FeatureCollection' as const,
    features: fc.features.map(
      (f): Feature<P> => ({
        type: 'Feature',
        properties: props ? props(f.properties) : f.properties,
        geometry: mapGeometry(f.geometry, fn),
      }),
    ),
  };
}

/**
 * A copy of the pack with every coordinate in WGS-84 (`region.crs` becomes `WGS84`,
 * `region.convertedFrom` records the source system, `bbox` is recomputed). A pack that
 * is already WGS-84 is returned as is.
 */
export function toWgs84Pack(pack: RegionPack): RegionPack {
  const from = pack.region.crs;
  if (from === 'WGS84') return pack;
  // Shared vertices must stay identical after conversion so polygons keep tiling.
  const cache = new Map<string, LonLat>();
  const convert = wgs84Converter(from);
  const fn = (p: LonLat): LonLat => {
    const key = `${p[0]},${p[1]}`;
    let hit = cache.get(key);
    if (!hit) {
      hit = convert(p);
      cache.set(key, hit);
    }
    return [hit[0], hit[1]];
  };
  const outline = mapCollection(pack.outline, fn);
  const townships = mapCollection(pack.townships, fn, (p) => ({ ...p, seat: fn(p.seat) }));
  const grids = mapCollection(pack.grids, fn);
  const places = pack.places.map((p) => {
    const [lon, lat] = fn([p.lon, p.lat]);
    return { ...p, lon, lat };
  });
  return {
    region: {
      ...pack.region,
      crs: 'WGS84',
      convertedFrom: from,
      center: fn(pack.region.center),
      bbox: bboxOf(outline.features.map((f) => f.geometry)),
    },
    outline,
    townships,
    grids,
    places,
  };
}
