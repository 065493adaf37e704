import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyCounts } from '../../../live-model/aggregates/emptyCounts';
import type { RegionPack } from '../../../live-model/region/types';
import type { AreaFigures } from '../../../protocol/trends';
import { buildPeriodMap } from './buildPeriodMap';

const dir = join(import.meta.dirname, '../../../regions/naxi');
const read = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8'));
// Positions as the pack has them (GCJ-02): the projection only needs them consistent.
const pack: RegionPack = {
  region: read('region.json'),
  outline: read('outline.geojson'),
  townships: read('townships.geojson'),
  grids: read('grids.geojson'),
  places: [],
};
const grid = (id: string, counts = {}, before = {}): AreaFigures => ({
  id,
  peaceIndex: null,
  components: null,
  counts: { ...emptyCounts(), ...counts },
  previous: { peaceIndex: null, counts: { ...emptyCounts(), ...before } },
});

describe('buildPeriodMap', () => {
  const [g1, g2, g3] = pack.grids.features.map((f) => f.properties.id);
  const town = pack.townships.features[0]?.properties.id as string;
  const map = buildPeriodMap({
    pack,
    grids: [
      grid(g1 as string, { redAlarms: 5 }),
      grid(g2 as string, { breached: 6 }, { breached: 7 }),
      grid(g3 as string, { repeatCases: 2 }),
    ],
    townships: [{ ...grid(town), peaceIndex: 61.25 }],
    days: 7,
    width: 600,
    height: 500,
    townshipName: (id) => `T${id.slice(-2)}`,
  });

  it('colours every grid by the period risk rule and outlines those that turned red', () => {
    expect(map.grids).toHaveLength(pack.grids.features.length);
    const byId = Object.fromEntries(map.grids.map((g) => [g.id, g]));
    expect(byId[g1 as string]).toMatchObject({ level: 'red', turned: true });
    expect(byId[g2 as string]).toMatchObject({ level: 'red', turned: false }); // red before too
    expect(byId[g3 as string]).toMatchObject({ level: 'yellow', turned: false });
    expect(map.counts).toEqual({ red: 2, yellow: 1, green: 0, turned: 1, total: pack.grids.features.length });
    expect(map.grids.filter((g) => g.level === 'none')).toHaveLength(pack.grids.features.length - 3);
  });

  it('fits the district in the box: every point inside, labels at each township with its index', () => {
    const numbers = [...map.outline, ...map.grids.map((g) => g.d)]
      .join(' ')
      .match(/-?\d+(\.\d+)?/g)
      ?.map(Number) as number[];
    const xs = numbers.filter((_, i) => i % 2 === 0);
    const ys = numbers.filter((_, i) => i % 2 === 1);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThanOrEqual(600);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ys)).toBeLessThanOrEqual(500);
    // it uses the box: touches the padding on one axis at least
    expect(Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys))).toBeGreaterThan(
      470,
    );
    expect(map.townships).toHaveLength(pack.townships.features.length);
    expect(map.townships[0]).toMatchObject({ label: `T${town.slice(-2)}`, index: 61.25 });
    expect(map.townships[1]?.index).toBeNull();
  });
});
