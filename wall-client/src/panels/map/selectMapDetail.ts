/**
 * Detail computed on demand rather than kept: camera fields of view for the cameras in sight
 * (street zoom only) and the incident points of the density window.
 */
import type { BBox, LonLat } from '../../../../live-model/region/types';
import type { ConeRow } from './buildDeckLayers';
import type { SlotTable } from './createSlotTable';
import { buildFovCone } from './geometry/fovCone';
import type { CameraRow, IncidentRow } from './incidentStyle';

/** How far a cone reaches (metres): a typical street camera's useful range. */
export const CONE_RANGE_M = 80;

export function selectConesInView(cameras: SlotTable<CameraRow>, view: BBox, max = 1500): ConeRow[] {
  const [x0, y0, x1, y1] = view;
  const cones: ConeRow[] = [];
  for (const row of cameras.data.rows) {
    if (!row || row.item.heading === undefined) continue;
    const [lon, lat] = row.position;
    if (lon < x0 || lon > x1 || lat < y0 || lat > y1) continue;
    cones.push({
      id: row.id,
      status: row.item.status,
      polygon: buildFovCone(row.position, row.item.heading, row.item.fov ?? 60, CONE_RANGE_M),
    });
    if (cones.length >= max) break;
  }
  return cones;
}

/** Positions of the alarms and cases reported within `windowMs` before `nowMs`. */
export function selectDensityPoints(
  incidents: SlotTable<IncidentRow>,
  nowMs: number,
  windowMs: number,
): LonLat[] {
  const points: LonLat[] = [];
  const from = nowMs - windowMs;
  for (const row of incidents.data.rows)
    if (row && row.atMs > from && row.atMs <= nowMs) points.push(row.position);
  return points;
}
