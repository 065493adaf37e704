import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRegionPackSync } from '../../stream-gateway/region/loadRegionPack';
import { distanceMeters } from './geometry';
import { toWgs84Pack, wgs84Converter } from './toWgs84Pack';
import type { LonLat, RegionPack } from './types';

const dir = (id: string) => fileURLToPath(new URL(`../../regions/${id}`, import.meta.url));

describe('toWgs84Pack', () => {
  const gcj = loadRegionPackSync(dir('naxi'), { keepCrs: true });
  const wgs = toWgs84Pack(gcj);

  it('marks the pack as converted', () => {
    expect(gcj.region.crs).toBe('GCJ02');
    expect(wgs.region.crs).toBe('WGS84');
    expect(wgs.region.convertedFrom).toBe('GCJ02');
  });

  it('moves every place by the GCJ-02 offset of a few hundred metres (Sichuan ≈ 300–600 m)', () => {
    gcj.places.forEach((p, i) => {
      const q = wgs.places[i];
      if (!q) throw new Error('place lost');
      const d = distanceMeters([p.lon, p.lat], [q.lon, q.lat]);
      expect(d).toBeGreaterThan(300);
      expect(d).toBeLessThan(600);
      // WGS-84 lies to the west and north of GCJ-02 here.
      expect(q.lon).toBeLessThan(p.lon);
      expect(q.lat).toBeGreaterThan(p.lat);
    });
  });

  it('converts the centre, seats, outline and grid vertices alike', () => {
    const d = distanceMeters(gcj.region.center, wgs.region.center);
    expect(d).toBeGreaterThan(300);
    expect(d).toBeLessThan(600);
    const seatG = gcj.townships.features[0]?.properties.seat as LonLat;
    const seatW = wgs.townships.features[0]?.properties.seat as LonLat;
    expect(distanceMeters(seatG, seatW)).toBeCloseTo(d, -2);
    const firstVertex = (pack: RegionPack) => {
      const g = pack.grids.features[0]?.geometry;
      if (!g) throw new Error('no grid');
      return (g.type === 'Polygon' ? g.coordinates[0]?.[0] : g.coordinates[0]?.[0]?.[0]) as LonLat;
    };
    expect(distanceMeters(firstVertex(gcj), firstVertex(wgs))).toBeCloseTo(d, -2);
    expect(wgs.region.bbox[0]).toBeLessThan(gcj.region.bbox[0]);
  });

  it('does not mutate its input and leaves WGS-84 packs alone', () => {
    expect(gcj.region.crs).toBe('GCJ02');
    expect(toWgs84Pack(wgs)).toBe(wgs);
  });

  it('converts BD-09 too (BD-09 → WGS-84 is a larger shift, ≈ 1 km)', () => {
    const toWgs = wgs84Converter('BD09');
    const p: LonLat = [105.38, 28.78];
    const d = distanceMeters(p, toWgs(p));
    expect(d).toBeGreaterThan(600);
    expect(d).toBeLessThan(1500);
  });
});
