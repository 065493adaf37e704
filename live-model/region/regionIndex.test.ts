import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRegionPackSync } from '../../stream-gateway/region/loadRegionPack';
import { geometryAreaM2, pointInGeometry } from './geometry';
import { createRegionIndex } from './regionIndex';
import type { RegionPack, Ring } from './types';

const dir = (id: string) => fileURLToPath(new URL(`../../regions/${id}`, import.meta.url));

describe.each(['naxi', 'xingan'])('region index on the %s pack (WGS-84, as loaded)', (id) => {
  const pack = loadRegionPackSync(dir(id));
  const index = createRegionIndex(pack);

  it('locates each township seat into its own township', () => {
    for (const t of pack.townships.features) {
      const [lon, lat] = t.properties.seat;
      expect(index.locate(lon, lat)?.townshipId).toBe(t.properties.id);
    }
  });

  it('locates every place into its own township and grid', () => {
    const wrong = pack.places.filter((p) => {
      const loc = index.locate(p.lon, p.lat);
      return loc?.townshipId !== p.townshipId || loc.gridId !== p.gridId;
    });
    expect(wrong.map((p) => p.id)).toEqual([]);
  });

  it('returns null outside the outline', () => {
    const [x0, y0, x1, y1] = index.bbox;
    expect(index.locate(0, 0)).toBeNull();
    expect(index.locate(x0 - 0.01, (y0 + y1) / 2)).toBeNull();
    expect(index.locate((x0 + x1) / 2, y1 + 0.01)).toBeNull();
    expect(index.locate(Number.NaN, 28)).toBeNull();
    expect(index.isInsideOutline(x1 + 0.01, y0 - 0.01)).toBe(false);
  });

  it('agrees with the outline on a lattice over the bounding box', () => {
    const [x0, y0, x1, y1] = index.bbox;
    const outline = pack.outline.features[0]?.geometry;
    if (!outline) throw new Error('no outline');
    let inside = 0;
    let outside = 0;
    for (let i = 0; i <= 80; i++) {
      for (let j = 0; j <= 80; j++) {
        const lon = x0 + ((x1 - x0) * (i + 0.37)) / 81;
        const lat = y0 + ((y1 - y0) * (j + 0.61)) / 81;
        const inOutline = pointInGeometry(lon, lat, outline);
        expect(index.isInsideOutline(lon, lat)).toBe(inOutline);
        const loc = index.locate(lon, lat);
        expect(loc !== null).toBe(inOutline);
        if (loc) {
          inside++;
          const grid = index.grid(loc.gridId);
          expect(grid?.properties.townshipId).toBe(loc.townshipId);
          const township = index.township(loc.townshipId);
          if (!grid || !township) throw new Error('lookup failed');
          expect(pointInGeometry(lon, lat, grid.geometry)).toBe(true);
          expect(pointInGeometry(lon, lat, township.geometry)).toBe(true);
        } else outside++;
      }
    }
    expect(inside).toBeGreaterThan(1000);
    expect(outside).toBeGreaterThan(100);
  });

  it('has townships that tile the outline and grids that tile their township', () => {
    const outline = pack.outline.features[0]?.geometry;
    if (!outline) throw new Error('no outline');
    const outlineArea = geometryAreaM2(outline);
    const townshipArea = pack.townships.features.reduce((s, f) => s + geometryAreaM2(f.geometry), 0);
    expect(Math.abs(townshipArea - outlineArea) / outlineArea).toBeLessThan(1e-6);
    for (const t of pack.townships.features) {
      const grids = pack.grids.features.filter((g) => g.properties.townshipId === t.properties.id);
      const a = grids.reduce((s, g) => s + geometryAreaM2(g.geometry), 0);
      expect(Math.abs(a - geometryAreaM2(t.geometry)) / a).toBeLessThan(1e-6);
      expect(grids.reduce((s, g) => s + g.properties.population, 0)).toBe(t.properties.population);
    }
  });

  it('looks up places by id', () => {
    const first = pack.places[0];
    if (!first) throw new Error('no places');
    expect(index.place(first.id)).toBe(first);
    expect(index.grid('nope')).toBeUndefined();
  });
});

describe('the naxi pack', () => {
  const pack = loadRegionPackSync(dir('naxi'));
  const index = createRegionIndex(pack);

  it('has the scripted scenario square 510503001-square in 安富街道', () => {
    const square = index.place('510503001-square');
    expect(square?.name).toBe('安富街道中心广场');
    expect(square?.kind).toBe('square');
    if (!square) throw new Error('missing');
    expect(index.locate(square.lon, square.lat)?.townshipId).toBe('510503001');
  });

  it('has 13 townships, about 205 grids and every village', () => {
    expect(pack.townships.features).toHaveLength(13);
    expect(pack.grids.features.length).toBeGreaterThanOrEqual(202);
    expect(pack.grids.features.length).toBeLessThanOrEqual(208);
    expect(pack.places.filter((p) => p.kind === 'village')).toHaveLength(156);
    expect(pack.region.population).toBe(470_000);
  });
});

describe('region index on a synthetic pack', () => {
  const sq = (x0: number, y0: number, s: number): Ring => [
    [x0, y0],
    [x0 + s, y0],
    [x0 + s, y0 + s],
    [x0, y0 + s],
    [x0, y0],
  ];
  const pack: RegionPack = {
    region: {
      id: 't',
      name: 't',
      nameEn: 't',
      adcode: '000000',
      city: '',
      crs: 'WGS84',
      generated: true,
      notice: '',
      center: [1, 1],
      bbox: [0, 0, 2, 2],
      population: 2,
    },
    outline: {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [sq(0, 0, 2)] } },
      ],
    },
    townships: {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { id: 'A', name: 'A', nameEn: 'A', population: 2, seat: [0.5, 0.5], generated: true },
          geometry: { type: 'Polygon', coordinates: [sq(0, 0, 2)] },
        },
      ],
    },
    grids: {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          // A frame with a hole, and the hole as a second grid whose edges sit 1e-6 inside.
          properties: { id: 'A-01', name: 'A-01', townshipId: 'A', population: 1, generated: true },
          geometry: { type: 'Polygon', coordinates: [sq(0, 0, 2), sq(0.5, 0.5, 1)] },
        },
        {
          type: 'Feature',
          properties: { id: 'A-02', name: 'A-02', townshipId: 'A', population: 1, generated: true },
          geometry: { type: 'MultiPolygon', coordinates: [[sq(0.500001, 0.500001, 0.999998)]] },
        },
      ],
    },
    places: [],
  };
  const index = createRegionIndex(pack);

  it('respects holes and MultiPolygons', () => {
    expect(index.locate(0.25, 0.25)?.gridId).toBe('A-01');
    expect(index.locate(1, 1)?.gridId).toBe('A-02');
    expect(index.locate(3, 3)).toBeNull();
  });

  it('puts points in hairline slivers into the nearest grid', () => {
    expect(index.locate(0.5000005, 1)).not.toBeNull();
  });

  it('returns the same frozen object for the same grid (no allocation per call)', () => {
    const a = index.locate(1, 1);
    expect(index.locate(1.2, 1.3)).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });
});
