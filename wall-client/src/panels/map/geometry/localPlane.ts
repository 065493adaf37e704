/**
 * A flat local plane in metres around a reference point — exact enough at district scale
 * (tens of kilometres) for cones, hexagon bins and offsets, with no projection library.
 */
import { EARTH_RADIUS_M } from '../../../../../live-model/region/geometry';
import type { LonLat } from '../../../../../live-model/region/types';

/** On the same sphere as `distanceMeters`, so the two agree. */
const M_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;

export interface LocalPlane {
  toMeters(lon: number, lat: number): [number, number];
  toLonLat(x: number, y: number): LonLat;
}

/**
 * @example createLocalPlane([105.37, 28.77]).toMeters(105.38, 28.77) // [≈ 976, 0]
 */
export function createLocalPlane(origin: LonLat): LocalPlane {
  const [lon0, lat0] = origin;
  const mPerDegLon = M_PER_DEG * Math.cos((lat0 * Math.PI) / 180);
  return {
    toMeters: (lon, lat) => [(lon - lon0) * mPerDegLon, (lat - lat0) * M_PER_DEG],
    toLonLat: (x, y) => [lon0 + x / mPerDegLon, lat0 + y / M_PER_DEG],
  };
}
