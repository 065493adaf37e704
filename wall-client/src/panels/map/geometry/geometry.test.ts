import { describe, expect, it } from 'vitest';
import { distanceMeters, pointInGeometry } from '../../../../../live-model/region/geometry';
import type { AreaGeometry, LonLat } from '../../../../../live-model/region/types';
import { buildFovCone } from './fovCone';
import { buildHexBins, createHexGrid, hexCenter, hexOf, hexPolygon } from './hexBins';
import { createLocalPlane } from './localPlane';
import { buildOutsideMask } from './outsideMask';

const AT: LonLat = [105.372, 28.773];

/** Bearing in degrees clockwise from north, from a to b (flat approximation). */
function bearing(a: LonLat, b: LonLat): number {
  const [x, y] = createLocalPlane(a).toMeters(b[0], b[1]);
  return ((Math.atan2(x, y) * 180) / Math.PI + 360) % 360;
}

describe('createLocalPlane', () => {
  it('maps to metres and back, with the degree lengths of that latitude', () => {
    const plane = createLocalPlane(AT);
    const [x, y] = plane.toMeters(AT[0] + 0.01, AT[1] + 0.01);
    expect(x).toBeCloseTo(distanceMeters(AT, [AT[0] + 0.01, AT[1]]), -1);
    expect(y).toBeCloseTo(distanceMeters(AT, [AT[0], AT[1] + 0.01]), -1);
    const back = plane.toLonLat(x, y);
    expect(back[0]).toBeCloseTo(AT[0] + 0.01, 9);
    expect(back[1]).toBeCloseTo(AT[1] + 0.01, 9);
  });
});

describe('buildFovCone', () => {
  it('starts and ends at the camera, its arc at the range, centred on the heading', () => {
    const ring = buildFovCone(AT, 90, 60, 120, 6);
    expect(ring).toHaveLength(9);
    expect(ring[0]).toEqual(AT);
    expect(ring.at(-1)).toEqual(AT);
    for (const p of ring.slice(1, -1)) expect(distanceMeters(AT, p)).toBeCloseTo(120, -1);
    expect(bearing(AT, ring[1] as LonLat)).toBeCloseTo(60, 0);
    expect(bearing(AT, ring[4] as LonLat)).toBeCloseTo(90, 0);
    expect(bearing(AT, ring[7] as LonLat)).toBeCloseTo(120, 0);
  });

  it('wraps around north (heading 350°, fov 40° spans 330°–10°)', () => {
    const ring = buildFovCone(AT, 350, 40, 100, 4);
    expect(bearing(AT, ring[1] as LonLat)).toBeCloseTo(330, 0);
    expect(bearing(AT, ring[5] as LonLat)).toBeCloseTo(10, 0);
  });
});

describe('hexagon bins', () => {
  const grid = createHexGrid(AT, 500);

  it('a hexagon centre falls in its own hexagon; neighbours are 500·√3 m apart', () => {
    for (const [q, r] of [
      [0, 0],
      [3, -2],
      [-5, 7],
    ] as const) {
      const c = hexCenter(grid, q, r);
      expect(hexOf(grid, c[0], c[1])).toEqual([q, r]);
    }
    expect(distanceMeters(hexCenter(grid, 0, 0), hexCenter(grid, 1, 0))).toBeCloseTo(500 * Math.sqrt(3), -1);
  });

  it('a corner ring is closed and every corner is 500 m from the centre', () => {
    const ring = hexPolygon(grid, 2, 1);
    expect(ring).toHaveLength(7);
    expect(ring[0]).toEqual(ring[6]);
    for (const p of ring) expect(distanceMeters(hexCenter(grid, 2, 1), p)).toBeCloseTo(500, -1);
  });

  it('counts points into the hexagon nearest to them and loses none', () => {
    const plane = createLocalPlane(AT);
    const points: LonLat[] = [];
    for (let i = 0; i < 400; i++)
      points.push(plane.toLonLat(((i * 37) % 4000) - 2000, ((i * 91) % 4000) - 2000));
    const bins = buildHexBins(points, grid);
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(400);
    expect(new Set(bins.map((b) => b.key)).size).toBe(bins.length);
    for (const p of points) {
      const [q, r] = hexOf(grid, p[0], p[1]);
      // Inside its hexagon: no farther from the centre than a corner.
      expect(distanceMeters(hexCenter(grid, q, r), p)).toBeLessThanOrEqual(501);
    }
  });
});

describe('buildOutsideMask', () => {
  const square: AreaGeometry = {
    type: 'Polygon',
    coordinates: [
      [
        [105, 28],
        [106, 28],
        [106, 29],
        [105, 29],
        [105, 28],
      ],
    ],
  };

  it('covers the surroundings and leaves the district itself out', () => {
    const mask = buildOutsideMask([square], 1);
    expect(pointInGeometry(105.5, 28.5, mask)).toBe(false);
    expect(pointInGeometry(104.5, 28.5, mask)).toBe(true);
    expect(pointInGeometry(106.9, 29.9, mask)).toBe(true);
    expect(pointInGeometry(108, 28.5, mask)).toBe(false);
  });
});
