/**
 * Paints the risk on the base map: feature states for the changed grids and townships, the
 * hatch filter of red grids, and the township and hotspot labels — each label source only when
 * its text changed (maplibre re-tiles a source on setData).
 */
import type * as maplibregl from 'maplibre-gl';
import type { RegionPack } from '../../../../live-model/region/types';
import { REPEAT_MIN_REPORTS } from '../../../../live-model/risk/rateRisk';
import type { Lang } from '../../i18n/messages';
import { buildHotspotLabels, buildTownshipLabels } from './buildAreaLabels';
import { idFilter } from './buildMapStyle';
import type { MapData } from './createMapData';

export interface RiskPainter {
  /** Applies the risk changes since the last call (all of them after a reset). */
  paint(lang: Lang): void;
  /** Sets a label source's data unless it already shows exactly this. */
  setSource(source: string, collection: object): void;
  readonly hotspots: number;
}

export function createRiskPainter(
  map: maplibregl.Map,
  pack: RegionPack,
  data: MapData,
  options: {
    focused(): { source: 'grids' | 'townships'; id: string } | null;
    matterName?: (m: string) => string;
  },
): RiskPainter {
  let labelsVersion = -1;
  let labelsLang: Lang | null = null;
  let redGridIds = '';
  let hotspots = 0;
  const sourceText = new Map<string, string>();

  const setSource = (source: string, collection: object) => {
    const text = JSON.stringify(collection);
    if (sourceText.get(source) === text) return;
    sourceText.set(source, text);
    (map.getSource(source) as maplibregl.GeoJSONSource | undefined)?.setData(collection as never);
  };

  return {
    paint(lang) {
      const states = data.takeRiskStates();
      const risk = data.risk();
      if (states === null) {
        map.removeFeatureState({ source: 'grids' });
        map.removeFeatureState({ source: 'townships' });
        for (const r of Object.values(risk))
          map.setFeatureState(
            { source: r.kind === 'grid' ? 'grids' : 'townships', id: r.areaId },
            { level: r.level },
          );
        const focused = options.focused();
        if (focused) map.setFeatureState({ source: focused.source, id: focused.id }, { focused: true });
      } else {
        for (const s of states) map.setFeatureState({ source: s.source, id: s.areaId }, { level: s.level });
      }
      if (data.riskVersion === labelsVersion && labelsLang === lang) return;
      labelsVersion = data.riskVersion;
      labelsLang = lang;
      const red = Object.values(risk)
        .filter((r) => r.kind === 'grid' && r.level === 'red')
        .map((r) => r.areaId)
        .sort();
      const key = red.join(',');
      if (key !== redGridIds) {
        redGridIds = key;
        map.setFilter('grid-hatch', idFilter(red));
      }
      setSource('township-labels', buildTownshipLabels(pack, data.region, risk, lang));
      const spots = buildHotspotLabels(data.region, risk, REPEAT_MIN_REPORTS, lang, options.matterName);
      hotspots = spots.features.length;
      setSource('hotspots', spots);
    },
    setSource,
    get hotspots() {
      return hotspots;
    },
  };
}
