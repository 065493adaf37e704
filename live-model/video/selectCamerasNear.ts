/**
 * Which camera sees a place: the nearest online camera, preferring cameras whose field of
 * view covers the point (a fixed camera looking the other way sees less than one further
 * off looking at it). Pure: plain records in, a ranked list out.
 */
import type { AlarmRecord, CameraRecord } from '../../protocol/liveModel';
import type { TakeoverReason } from '../../protocol/video';

export interface CameraSelectionOptions {
  /** Cameras further than this from the point are not considered at all. */
  radiusM: number;
  /** How far a camera sees usefully, by kind; PTZ cameras turn to the point. */
  viewRangeM: Readonly<Record<CameraRecord['kind'], number>>;
}

export const DEFAULT_CAMERA_SELECTION: CameraSelectionOptions = {
  radiusM: 500,
  viewRangeM: { fixed: 150, dome: 120, ptz: 250, body: 30 },
};

export interface RankedCamera {
  camera: CameraRecord;
  distanceM: number;
  covers: boolean;
}

export interface CameraChoice {
  cameraId: string;
  reason: TakeoverReason;
  distanceM: number | null;
}

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distanceMeters(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Compass bearing from the first point to the second, degrees clockwise from north (0–360). */
export function bearingDegrees(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const y = Math.sin(rad(lon2 - lon1)) * Math.cos(rad(lat2));
  const x =
    Math.cos(rad(lat1)) * Math.sin(rad(lat2)) -
    Math.sin(rad(lat1)) * Math.cos(rad(lat2)) * Math.cos(rad(lon2 - lon1));
  return ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360;
}

/**
 * Whether the camera's field of view covers a point `distanceM` away: within its view range
 * and, for a camera with a heading and a field of view under 360°, inside the view sector.
 * A camera without a heading (PTZ) can turn to the point.
 * @example coversPoint(camera, 105.3725, 28.7731, 40) // true when the camera looks that way
 */
export function coversPoint(
  camera: Pick<CameraRecord, 'kind' | 'lon' | 'lat' | 'heading' | 'fov'>,
  lon: number,
  lat: number,
  distanceM: number,
  options: CameraSelectionOptions = DEFAULT_CAMERA_SELECTION,
): boolean {
  if (distanceM > options.viewRangeM[camera.kind]) return false;
  if (distanceM < 3) return true;
  if (camera.heading === undefined || camera.fov === undefined || camera.fov >= 360) return true;
  const bearing = bearingDegrees(camera.lon, camera.lat, lon, lat);
  const off = Math.abs(((bearing - camera.heading + 540) % 360) - 180);
  return off <= camera.fov / 2;
}

/**
 * Online cameras within the radius of a point, best first: those whose view covers the point
 * (nearest first), then the others (nearest first); ties by id, so the choice is stable.
 * @example rankCamerasNear(Object.values(model.cameras), 105.37, 28.77)[0]?.camera.id
 */
export function rankCamerasNear(
  cameras: Iterable<CameraRecord>,
  lon: number,
  lat: number,
  options: CameraSelectionOptions = DEFAULT_CAMERA_SELECTION,
  exclude?: string,
): RankedCamera[] {
  const ranked: RankedCamera[] = [];
  for (const camera of cameras) {
    if (camera.status !== 'online' || camera.id === exclude) continue;
    const distanceM = distanceMeters(camera.lon, camera.lat, lon, lat);
    if (distanceM > options.radiusM) continue;
    ranked.push({ camera, distanceM, covers: coversPoint(camera, lon, lat, distanceM, options) });
  }
  return ranked.sort(
    (a, b) =>
      Number(b.covers) - Number(a.covers) ||
      a.distanceM - b.distanceM ||
      (a.camera.id < b.camera.id ? -1 : 1),
  );
}

/**
 * The camera an alarm should bring up: the camera it names (when online), else the best
 * camera near its place (or near its named camera), else an online camera of its grid.
 * @example selectCameraForAlarm(model.cameras, alarm) // { cameraId, reason: 'covers', distanceM: 42 }
 */
export function selectCameraForAlarm(
  cameras: Readonly<Record<string, CameraRecord>>,
  alarm: Pick<AlarmRecord, 'cameraId' | 'lon' | 'lat' | 'gridId'>,
  options: CameraSelectionOptions = DEFAULT_CAMERA_SELECTION,
): CameraChoice | null {
  const named = alarm.cameraId ? cameras[alarm.cameraId] : undefined;
  const lon = alarm.lon ?? named?.lon;
  const lat = alarm.lat ?? named?.lat;
  if (named?.status === 'online') {
    const distanceM =
      alarm.lon !== undefined && alarm.lat !== undefined
        ? Math.round(distanceMeters(named.lon, named.lat, alarm.lon, alarm.lat))
        : null;
    return { cameraId: named.id, reason: 'alarm-camera', distanceM };
  }
  if (lon !== undefined && lat !== undefined) {
    const best = rankCamerasNear(Object.values(cameras), lon, lat, options, named?.id)[0];
    if (best)
      return {
        cameraId: best.camera.id,
        reason: best.covers ? 'covers' : 'nearest',
        distanceM: Math.round(best.distanceM),
      };
    return null;
  }
  if (alarm.gridId) {
    const inGrid = Object.values(cameras)
      .filter((c) => c.gridId === alarm.gridId && c.status === 'online')
      .sort((a, b) => (a.id < b.id ? -1 : 1))[0];
    if (inGrid) return { cameraId: inGrid.id, reason: 'grid', distanceM: null };
  }
  return null;
}
