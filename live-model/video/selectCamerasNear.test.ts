import { describe, expect, it } from 'vitest';
import type { CameraRecord } from '../../protocol/liveModel';
import { alarmRecord, cameraRecord } from '../../tests/fixtures/feedItems';
import {
  bearingDegrees,
  coversPoint,
  distanceMeters,
  rankCamerasNear,
  selectCameraForAlarm,
} from './selectCamerasNear';

const LON = 105.372;
const LAT = 28.773;

/** A point `east`/`north` metres from the reference point. */
function at(east: number, north: number): [number, number] {
  return [LON + east / (111_320 * Math.cos((LAT * Math.PI) / 180)), LAT + north / 111_320];
}

function camera(id: string, east: number, north: number, over: Partial<CameraRecord> = {}): CameraRecord {
  const [lon, lat] = at(east, north);
  return cameraRecord({ id, lon, lat, ...over });
}

function byId(...cams: CameraRecord[]): Record<string, CameraRecord> {
  return Object.fromEntries(cams.map((c) => [c.id, c]));
}

describe('geometry', () => {
  it('measures metres and compass bearings', () => {
    const [lon, lat] = at(100, 0);
    expect(distanceMeters(LON, LAT, lon, lat)).toBeCloseTo(100, 0);
    expect(bearingDegrees(LON, LAT, lon, lat)).toBeCloseTo(90, 0);
    const [lon2, lat2] = at(0, -50);
    expect(bearingDegrees(LON, LAT, lon2, lat2)).toBeCloseTo(180, 0);
    const [lon3, lat3] = at(-30, 30);
    expect(bearingDegrees(LON, LAT, lon3, lat3)).toBeCloseTo(315, 0);
  });

  it('a fixed camera covers points inside its view sector and range only', () => {
    const cam = camera('C', 0, 0, { heading: 90, fov: 70 });
    const inside = at(80, 20); // bearing ≈ 76°, within 90 ± 35
    const outsideAngle = at(40, 60); // bearing ≈ 34°
    const behind = at(-50, 0);
    const tooFar = at(400, 0);
    expect(coversPoint(cam, ...inside, distanceMeters(LON, LAT, ...inside))).toBe(true);
    expect(coversPoint(cam, ...outsideAngle, distanceMeters(LON, LAT, ...outsideAngle))).toBe(false);
    expect(coversPoint(cam, ...behind, 50)).toBe(false);
    expect(coversPoint(cam, ...tooFar, 400)).toBe(false);
  });

  it('the view sector wraps around north', () => {
    const cam = camera('C', 0, 0, { heading: 350, fov: 60 });
    const northEast = at(20, 100); // bearing ≈ 11°, 21° off the heading
    expect(coversPoint(cam, ...northEast, distanceMeters(LON, LAT, ...northEast))).toBe(true);
  });

  it('a PTZ camera without a heading turns to any point within its range', () => {
    const { heading: _h, fov: _f, ...ptz } = camera('P', 0, 0, { kind: 'ptz' });
    const west = at(-200, 0);
    expect(coversPoint(ptz, ...west, 200)).toBe(true);
    expect(coversPoint(ptz, ...at(-300, 0), 300)).toBe(false);
  });
});

describe('rankCamerasNear', () => {
  it('prefers a camera that looks at the point over a nearer one looking away', () => {
    const lookingAway = camera('A-near-away', -20, 0, { heading: 270, fov: 60 });
    const lookingAt = camera('B-far-covers', -90, 0, { heading: 90, fov: 60 });
    const ranked = rankCamerasNear([lookingAway, lookingAt], LON, LAT);
    expect(ranked.map((r) => [r.camera.id, r.covers])).toEqual([
      ['B-far-covers', true],
      ['A-near-away', false],
    ]);
  });

  it('among covering cameras takes the nearest; without any, the nearest at all', () => {
    const c1 = camera('C1', -100, 0, { heading: 90, fov: 60 });
    const c2 = camera('C2', -40, 0, { heading: 90, fov: 60 });
    expect(rankCamerasNear([c1, c2], LON, LAT)[0]?.camera.id).toBe('C2');
    const away1 = camera('W1', 60, 0, { heading: 90, fov: 40 });
    const away2 = camera('W2', 0, 30, { heading: 0, fov: 40 });
    expect(rankCamerasNear([away1, away2], LON, LAT).map((r) => r.camera.id)).toEqual(['W2', 'W1']);
  });

  it('leaves out offline and faulty cameras and those beyond the radius', () => {
    const offline = camera('OFF', 10, 0, { status: 'offline', heading: 270, fov: 90 });
    const fault = camera('FAULT', 12, 0, { status: 'fault', heading: 270, fov: 90 });
    const far = camera('FAR', 800, 0);
    const ok = camera('OK', 200, 0, { heading: 0, fov: 30 });
    expect(rankCamerasNear([offline, fault, far, ok], LON, LAT).map((r) => r.camera.id)).toEqual(['OK']);
  });
});

describe('selectCameraForAlarm', () => {
  const here = camera('HERE', 0, 0, { heading: 0, fov: 80 });
  const south = camera('SOUTH', 0, -60, { heading: 0, fov: 60 });

  it('takes the camera the alarm names when it is online', () => {
    const alarm = alarmRecord({ cameraId: 'HERE', lon: LON, lat: LAT });
    expect(selectCameraForAlarm(byId(here, south), alarm)).toEqual({
      cameraId: 'HERE',
      reason: 'alarm-camera',
      distanceM: 0,
    });
  });

  it('falls back to the best camera near a named camera that is offline', () => {
    const offline = { ...here, status: 'offline' as const };
    const { lon: _lon, lat: _lat, ...noPlace } = alarmRecord({ cameraId: 'HERE' });
    expect(selectCameraForAlarm(byId(offline, south), noPlace)).toEqual({
      cameraId: 'SOUTH',
      reason: 'covers',
      distanceM: 60,
    });
  });

  it('by place: covering camera first, the reason says so', () => {
    const [lon, lat] = at(0, 40);
    const alarm = alarmRecord({ lon, lat });
    expect(selectCameraForAlarm(byId(here, south), alarm)).toMatchObject({
      cameraId: 'HERE',
      reason: 'covers',
    });
    const behindBoth = alarmRecord({ ...alarm, ...pos(at(0, -140)) });
    expect(selectCameraForAlarm(byId(here, south), behindBoth)).toMatchObject({
      cameraId: 'SOUTH',
      reason: 'nearest',
      distanceM: 80,
    });
  });

  it('with only a grid, an online camera of that grid; nothing when none fits', () => {
    const { lon: _lon, lat: _lat, ...gridOnly } = alarmRecord({ gridId: 'G-7' });
    const inGrid = camera('IN-GRID', 0, 0, { gridId: 'G-7' });
    expect(selectCameraForAlarm(byId(here, inGrid), gridOnly)).toEqual({
      cameraId: 'IN-GRID',
      reason: 'grid',
      distanceM: null,
    });
    expect(selectCameraForAlarm(byId(here), gridOnly)).toBeNull();
    expect(selectCameraForAlarm(byId(here), alarmRecord({ ...pos(at(3000, 0)) }))).toBeNull();
  });
});

function pos([lon, lat]: [number, number]) {
  return { lon, lat };
}
