import { describe, expect, it } from 'vitest';
import { bboxOf, distanceMeters, geometryAreaM2, pointInGeometry, representativePoint } from './geometry';
import type { AreaGeometry, Ring } from './types';

const square = (x0: number, y0: number, size: number): Ring => [
  [x0, y0],
  [x0 + size, y0],
  [x0 + size, y0 + size],
  [x0, y0 + size],
  [x0, y0],
];

describe('distanceMeters', () => {
  it('is zero for the same point and symmetric', () => {
    expect(distanceMeters([105.4, 28.7], [105.4, 28.7])).toBe(0);
    const a = distanceMeters([105.37, 28.77], [105.5, 28.6]);
    expect(distanceMeters([105.5, 28.6], [105.37, 28.77])).toBeCloseTo(a, 6);
  });

  it('matches known distances', () => {
    // One degree of latitude ≈ 111.195 km on the mean sphere.
    expect(distanceMeters([105, 28], [105, 29])).toBeCloseTo(111_195, -1);
    // One degree of longitude at 28.7°N ≈ 97.55 km.
    expect(distanceMeters([105, 28.7], [106, 28.7])).toBeCloseTo(97_550, -2);
    // Beijing (Tiananmen) to Shanghai (People's Square) ≈ 1,067 km.
    const d = distanceMeters([116.3975, 39.9087], [121.4737, 31.2304]);
    expect(d).toBeGreaterThan(1_060_000);
    expect(d).toBeLessThan(1_075_000);
  });
});

describe('pointInGeometry', () => {
  const withHole: AreaGeometry = { type: 'Polygon', coordinates: [square(0, 0, 10), square(4, 4, 2)] };
  const multi: AreaGeometry = { type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [square(5, 5, 1)]] };

  it('respects holes', () => {
    expect(pointInGeometry(1, 1, withHole)).toBe(true);
    expect(pointInGeometry(5, 5, withHole)).toBe(false);
    expect(pointInGeometry(11, 5, withHole)).toBe(false);
  });

  it('handles MultiPolygons', () => {
    expect(pointInGeometry(0.5, 0.5, multi)).toBe(true);
    expect(pointInGeometry(5.5, 5.5, multi)).toBe(true);
    expect(pointInGeometry(3, 3, multi)).toBe(false);
    expect(bboxOf([multi])).toEqual([0, 0, 6, 6]);
  });
});

describe('geometryAreaM2', () => {
  it('measures a 0.1° square near Naxi at ≈ 108 km²', () => {
    const area = geometryAreaM2({ type: 'Polygon', coordinates: [square(105.3, 28.7, 0.1)] });
    // 0.1° lat ≈ 11.12 km, 0.1° lon at 28.75°N ≈ 9.75 km.
    expect(area / 1e6).toBeCloseTo(11.12 * 9.75, 0);
  });

  it('subtracts holes', () => {
    const full = geometryAreaM2({ type: 'Polygon', coordinates: [square(0, 0, 1)] });
    const holed = geometryAreaM2({
      type: 'Polygon',
      coordinates: [square(0, 0, 1), square(0.25, 0.25, 0.5)],
    });
    expect(holed / full).toBeCloseTo(0.75, 2);
  });
});

describe('representativePoint', () => {
  it('falls inside a U-shaped polygon whose centroid is outside', () => {
    const u: AreaGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [3, 3],
          [2, 3],
          [2, 1],
          [1, 1],
          [1, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    };
    const [x, y] = representativePoint(u);
    expect(pointInGeometry(x, y, u)).toBe(true);
  });
});
