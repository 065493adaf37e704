import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRegionPack, loadRegionPackSync, RegionPackError } from './loadRegionPack';

const NAXI = fileURLToPath(new URL('../../regions/naxi', import.meta.url));

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the naxi pack in a temp dir, after `edit` changed one of its files. */
function brokenPack(file: string, edit: (text: string) => string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'region-pack-')), 'foo');
  temps.push(dir);
  cpSync(NAXI, dir, { recursive: true });
  writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
  return dir;
}

// biome-ignore lint/suspicious/noExplicitAny: the tests poke at arbitrary JSON
function editJson(edit: (value: any) => void) {
  return (text: string) => {
    const value = JSON.parse(text);
    edit(value);
    return JSON.stringify(value);
  };
}

function reasonOf(dir: string): string {
  try {
    loadRegionPackSync(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(RegionPackError);
    const message = (e as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('pack loaded');
}

describe('loadRegionPack', () => {
  it('loads the naxi pack and converts it to WGS-84', async () => {
    const pack = await loadRegionPack(NAXI);
    expect(pack.region.id).toBe('naxi');
    expect(pack.region.crs).toBe('WGS84');
    expect(pack.region.convertedFrom).toBe('GCJ02');
    expect(pack.region.generated).toBe(true);
    expect(pack.townships.features).toHaveLength(13);
    expect(pack.grids.features.length).toBe(205);
    expect(pack.places.some((p) => p.id === '510503001-square')).toBe(true);
  });

  it('keeps the pack CRS on request', () => {
    const pack = loadRegionPackSync(NAXI, { keepCrs: true });
    expect(pack.region.crs).toBe('GCJ02');
    expect(pack.region.center).toEqual([105.37721, 28.77631]);
  });

  it('names the feature that lacks a property', () => {
    const dir = brokenPack(
      'grids.geojson',
      editJson((fc) => {
        delete fc.features[3].properties.townshipId;
      }),
    );
    expect(reasonOf(dir)).toBe(
      `region pack ${dir}: grids.geojson feature 3 (510503001-04) has no townshipId`,
    );
  });

  it('gives one line for a wrong type, a bad geometry, an unknown crs', () => {
    const pop = brokenPack(
      'townships.geojson',
      editJson((fc) => {
        fc.features[2].properties.population = 'many';
      }),
    );
    expect(reasonOf(pop)).toMatch(/townships\.geojson feature 2 \(510503003\) population: expected number/);
    const geom = brokenPack(
      'grids.geojson',
      editJson((fc) => {
        fc.features[0].geometry = { type: 'Point', coordinates: [105, 28] };
      }),
    );
    expect(reasonOf(geom)).toMatch(/grids\.geojson feature 0 \(510503001-01\) geometry\.type: /);
    const crs = brokenPack(
      'region.json',
      editJson((r) => {
        r.crs = 'EPSG:3857';
      }),
    );
    expect(reasonOf(crs)).toMatch(/region\.json crs: .*"WGS84"\|"GCJ02"\|"BD09"/);
  });

  it('checks references between files', () => {
    const dir = brokenPack(
      'grids.geojson',
      editJson((fc) => {
        fc.features[5].properties.townshipId = '510503999';
      }),
    );
    expect(reasonOf(dir)).toMatch(
      /grids\.geojson feature 5 \(.*\) names township 510503999, not in townships\.geojson$/,
    );
    const place = brokenPack(
      'places.json',
      editJson((places) => {
        places[0].gridId = '510503002-01';
      }),
    );
    expect(reasonOf(place)).toMatch(
      /places\.json place 0 \(510503001-square\) names township 510503001 but grid/,
    );
  });

  it('reports a missing file and broken JSON in one line', async () => {
    const missing = brokenPack('places.json', (t) => t);
    unlinkSync(join(missing, 'places.json'));
    expect(reasonOf(missing)).toBe(`region pack ${missing}: missing places.json`);
    await expect(loadRegionPack(missing)).rejects.toThrow(`region pack ${missing}: missing places.json`);
    const json = brokenPack('outline.geojson', (t) => t.slice(0, 50));
    expect(reasonOf(json)).toMatch(/outline\.geojson is not valid JSON/);
  });

  it('fills defaults a GIS department may leave out', () => {
    const dir = brokenPack(
      'townships.geojson',
      editJson((fc) => {
        for (const f of fc.features) {
          delete f.properties.seat;
          delete f.properties.nameEn;
          delete f.properties.generated;
        }
      }),
    );
    const pack = loadRegionPackSync(dir, { keepCrs: true });
    const t = pack.townships.features[0];
    expect(t?.properties.nameEn).toBe(t?.properties.name);
    expect(t?.properties.generated).toBe(false);
    expect(t?.properties.seat).toHaveLength(2);
  });
});
