/** Region packs: types and pure helpers (no I/O). The gateway loads packs from disk. */
export {
  bboxOf,
  distanceMeters,
  geometryAreaM2,
  pointInGeometry,
  representativePoint,
} from './geometry';
export { createRegionIndex, type RegionIndex } from './regionIndex';
export { toWgs84Pack, wgs84Converter } from './toWgs84Pack';
export * from './types';
