import type { LonLat } from '../../../../../live-model/region/types';
import { createLocalPlane } from './localPlane';

/**
 * A camera's field of view as a closed polygon ring: the camera, then an arc of `rangeM`
 * from `heading − fov/2` to `heading + fov/2` (degrees clockwise from north).
 * @example buildFovCone([105.37, 28.77], 90, 60, 120) // camera → arc east of it → camera
 */
export function buildFovCone(
  at: LonLat,
  headingDeg: number,
  fovDeg: number,
  rangeM: number,
  steps = 8,
): LonLat[] {
  const plane = createLocalPlane(at);
  const fov = Math.min(Math.max(fovDeg, 1), 360);
  const start = headingDeg - fov / 2;
  const ring: LonLat[] = [at];
  for (let i = 0; i <= steps; i++) {
    const a = ((start + (fov * i) / steps) * Math.PI) / 180;
    ring.push(plane.toLonLat(Math.sin(a) * rangeM, Math.cos(a) * rangeM));
  }
  ring.push(at);
  return ring;
}
