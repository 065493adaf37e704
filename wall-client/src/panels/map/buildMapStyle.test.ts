import { describe, expect, it } from 'vitest';
import { emptyRiskCounts } from '../../../../live-model/risk/rateRisk';
import type { AreaRisk } from '../../../../protocol/risk';
import { loadRegionPackSync } from '../../../../stream-gateway/region/loadRegionPack';
import { buildHotspotLabels, buildTownshipLabels, shortGridName } from './buildAreaLabels';
import { buildMapStyle, idFilter, MAP_FONT } from './buildMapStyle';
import { createRegionGeometry } from './regionGeometry';

const pack = loadRegionPackSync('regions/naxi');
const region = createRegionGeometry(pack);
const township = pack.townships.features[0]?.properties;
const grid = pack.grids.features.find((f) => f.properties.townshipId === township?.id)?.properties;

function risk(over: Partial<AreaRisk>): AreaRisk {
  return {
    id: 'x',
    kind: 'township',
    areaId: 'x',
    level: 'green',
    points: 0,
    counts: emptyRiskCounts(),
    reasons: [],
    matters: {},
    ...over,
  };
}

describe('buildMapStyle', () => {
  const style = buildMapStyle(pack, region, 'zh-CN');

  it('needs nothing from the network: no glyphs, sprite or tile URL anywhere', () => {
    expect(style).not.toHaveProperty('glyphs');
    expect(style).not.toHaveProperty('sprite');
    expect(JSON.stringify(style)).not.toMatch(/https?:|mapbox:|\{z\}/);
    for (const source of Object.values(style.sources)) expect(source.type).toBe('geojson');
  });

  it('labels with the local CJK font, and paints risk by feature state on grids and townships', () => {
    const symbols = style.layers.filter((l) => l.type === 'symbol');
    expect(symbols.length).toBeGreaterThanOrEqual(3);
    for (const l of symbols) expect((l.layout as Record<string, unknown>)['text-font']).toEqual([MAP_FONT]);
    expect(style.sources.grids).toMatchObject({ promoteId: 'id' });
    expect(style.sources.townships).toMatchObject({ promoteId: 'id' });
    const fill = style.layers.find((l) => l.id === 'grid-fill');
    expect(JSON.stringify(fill)).toContain('feature-state');
  });

  it('hatches red areas through a filter on their ids', () => {
    expect(style.layers.find((l) => l.id === 'grid-hatch')).toMatchObject({ filter: idFilter([]) });
    expect(idFilter(['a', 'b'])).toEqual(['in', ['get', 'id'], ['literal', ['a', 'b']]]);
  });
});

describe('area labels', () => {
  it('shortens grid names under their township, and numbers them in English', () => {
    expect(shortGridName('安富街道第07网格', '安富街道', '510503001-07', 'zh-CN')).toBe('第07网格');
    expect(shortGridName('安富街道第07网格', '安富街道', '510503001-07', 'en')).toBe('Grid 07');
  });

  it('writes a township level in words as well as colour, with its case deadlines', () => {
    const id = township?.id as string;
    const labels = buildTownshipLabels(
      pack,
      region,
      {
        [`township:${id}`]: risk({
          areaId: id,
          level: 'red',
          counts: { ...emptyRiskCounts(), atRiskCases: 2, overdueCases: 1 },
        }),
      },
      'zh-CN',
    );
    const f = labels.features.find((x) => x.properties.id === id);
    expect(f?.properties.label).toBe(`${township?.name}\n▲ 红色 · 临期2 超期1`);
    expect(f?.properties.level).toBe('red');
    const other = labels.features.find((x) => x.properties.id !== id);
    expect(other?.properties.label).not.toContain('\n');
    expect(labels.features).toHaveLength(pack.townships.features.length);
  });

  it('marks grids with repeated matters at their label point', () => {
    const gridId = grid?.id as string;
    const labels = buildHotspotLabels(
      region,
      {
        [`grid:${gridId}`]: risk({
          kind: 'grid',
          areaId: gridId,
          counts: { ...emptyRiskCounts(), repeatMatters: 1 },
          matters: { 噪音扰民: 4, 盗窃: 1 },
        }),
      },
      3,
      'zh-CN',
    );
    expect(labels.features).toEqual([
      {
        type: 'Feature',
        properties: { id: gridId, label: '⟳ 重复 噪音扰民×4', level: 'green' },
        geometry: { type: 'Point', coordinates: region.gridPoint.get(gridId) },
      },
    ]);
  });
});
