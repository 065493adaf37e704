/**
 * The imperative side of the risk map: one maplibre map and one deck.gl overlay, created once
 * per panel and never re-created on data updates. Data arrive as model updates, are folded into
 * the map data (createMapData), and at most once per animation frame the layers are rebuilt
 * from it by the pure builders — only layers whose input changed get a new data object.
 */
import type { Layer } from '@deck.gl/core';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import * as maplibregl from 'maplibre-gl';
import type { RegionPack } from '../../../../live-model/region/types';
import type { LiveModel } from '../../../../protocol/liveModel';
import type { Change } from '../../../../protocol/messages';
import type { Lang } from '../../i18n/messages';
import { buildGridLabels, buildHotspotLabels, buildTownshipLabels } from './buildAreaLabels';
import {
  buildCameraLayer,
  buildConeLayer,
  buildDensityLayer,
  buildFocusLayer,
  buildHaloLayer,
  buildIncidentLayer,
  buildPulseLayers,
  type ConeRow,
  LAYER_IDS,
} from './buildDeckLayers';
import { buildMapStyle, GRID_LABEL_ZOOM, HATCH_IMAGE, idFilter } from './buildMapStyle';
import { createMapData, type DataQualityItem, type MapDataOptions } from './createMapData';
import { drawHatch } from './drawMapImages';
import { buildHexBins, createHexGrid, type HexBin } from './geometry/hexBins';
import { attentionList, createAreaBounds, type FocusTarget, placeOfFocus } from './mapFocus';
import { installMaplibreWorker } from './maplibreWorker';
import { selectConesInView, selectDensityPoints } from './selectMapDetail';

export interface MapViewState {
  ready: boolean;
  zoom: number;
  bearing: number;
  /** What each layer holds (the test hook and the legend read these). */
  counts: {
    incidents: number;
    cameras: number;
    pulses: number;
    halos: number;
    cones: number;
    density: number;
    redGrids: number;
    yellowGrids: number;
    hotspots: number;
  };
  /** Ids in the pulse layer, newest first (at most 20). */
  pulseIds: string[];
  dataQuality: readonly DataQualityItem[];
}

export interface MapControllerOptions extends MapDataOptions {
  container: HTMLElement;
  pack: RegionPack;
  lang: Lang;
  /** The gateway's time as the screen knows it. */
  now: () => number;
  atlas: string;
  /** A click on the map: an item, an area, or nothing (clears the focus). */
  onPick(target: FocusTarget | null): void;
  /** New red alarms arrived (the panel decides on auto-focus). */
  onNewRedAlarms(ids: string[]): void;
  /** Matter names for hotspot labels (category codes to words). */
  matterName?: (matter: string) => string;
  /** Pulse animation frames per second: a few are enough to draw the eye, and cheap. */
  pulseFps?: number;
}

export interface MapController {
  reset(model: LiveModel): void;
  apply(model: LiveModel, changes: readonly Change[]): void;
  setFocus(target: FocusTarget | null, options?: { fly: boolean }): void;
  setLang(lang: Lang): void;
  /** Incident density over the last `windowMs`, or off (null). */
  setDensity(windowMs: number | null): void;
  attention(): FocusTarget[];
  getState(): MapViewState;
  subscribe(listener: () => void): () => void;
  destroy(): void;
}

const DENSITY_REFRESH_MS = 5000;
const OVERVIEW_BELOW_ZOOM = 12;
const CONES_FROM_ZOOM = 15;

export function createMapController(options: MapControllerOptions): MapController {
  installMaplibreWorker();
  const { pack, now, atlas } = options;
  let lang = options.lang;
  const data = createMapData(pack, options);
  const areaBounds = createAreaBounds(pack);
  const hexGrid = createHexGrid(pack.region.center, 450);
  const map = new maplibregl.Map({
    container: options.container,
    style: buildMapStyle(pack, data.region, lang),
    bounds: pack.region.bbox,
    fitBoundsOptions: { padding: 24 },
    attributionControl: false,
    localIdeographFontFamily: '"Noto Sans CJK SC", "Noto Sans SC", sans-serif',
    fadeDuration: 0,
    maxPitch: 0,
    minZoom: 8,
    maxZoom: 18,
  });
  map.addControl(new maplibregl.ScaleControl({ maxWidth: 180, unit: 'metric' }), 'bottom-left');
  // The hatch of red areas is drawn here, not fetched from a sprite URL.
  map.setMissingStyleImageResolver((id) => {
    if (id === HATCH_IMAGE && !map.hasImage(HATCH_IMAGE)) map.addImage(HATCH_IMAGE, drawHatch(), { pixelRatio: 1 });
  });
  const overlay = new MapLibreOverlay({ interleaved: false, layers: [] });
  map.addControl(overlay);

  let loaded = false;
  let destroyed = false;
  let frame = 0;
  let focus: FocusTarget | null = null;
  let focusedArea: { source: 'grids' | 'townships'; id: string } | null = null;
  let densityWindow: number | null = null;
  let density: HexBin[] = [];
  let densityAt = 0;
  let cones: ConeRow[] = [];
  let labelsVersion = -1;
  let labelsLang: Lang = lang;
  let hotspotCount = 0;
  let redGridIds = '';
  let phase = 0;
  let lastLayers: Layer[] = [];
  const listeners = new Set<() => void>();
  let state: MapViewState = {
    ready: false,
    zoom: map.getZoom(),
    bearing: 0,
    counts: {
      incidents: 0,
      cameras: 0,
      pulses: 0,
      halos: 0,
      cones: 0,
      density: 0,
      redGrids: 0,
      yellowGrids: 0,
      hotspots: 0,
    },
    pulseIds: [],
    dataQuality: [],
  };

  function publish(next: MapViewState) {
    state = next;
    for (const l of listeners) l();
  }

  function schedule() {
    if (frame || destroyed) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      flush();
    });
  }

  function paintRisk() {
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
      if (focusedArea)
        map.setFeatureState({ source: focusedArea.source, id: focusedArea.id }, { focused: true });
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
    (map.getSource('township-labels') as maplibregl.GeoJSONSource | undefined)?.setData(
      buildTownshipLabels(pack, data.region, risk, lang) as never,
    );
    const hotspots = buildHotspotLabels(data.region, risk, 3, lang, options.matterName);
    hotspotCount = hotspots.features.length;
    (map.getSource('hotspots') as maplibregl.GeoJSONSource | undefined)?.setData(hotspots as never);
  }

  function buildLayers(clock: number): Layer[] {
    const zoom = map.getZoom();
    const layers: Layer[] = [];
    if (densityWindow !== null) {
      if (clock - densityAt >= DENSITY_REFRESH_MS) {
        density = buildHexBins(selectDensityPoints(data.incidents, clock, densityWindow), hexGrid);
        densityAt = clock;
      }
      layers.push(buildDensityLayer(density));
    }
    if (zoom >= CONES_FROM_ZOOM) layers.push(buildConeLayer(cones));
    layers.push(
      buildCameraLayer({
        data: data.cameras.data,
        diff: data.cameras.diff,
        atlas,
        overview: zoom < OVERVIEW_BELOW_ZOOM,
      }),
      buildIncidentLayer({
        data: data.incidents.data,
        diff: data.incidents.diff,
        atlas,
        colorClockMs: Math.floor(clock / 60_000) * 60_000,
      }),
      buildHaloLayer(data.halos()),
      ...buildPulseLayers(data.pulses(), phase),
    );
    const place = placeOfFocus(focus, data, areaBounds);
    layers.push(buildFocusLayer(place && 'point' in place ? place.point : null));
    return layers;
  }

  function flush() {
    if (destroyed || !loaded) return;
    const clock = now();
    data.refresh(clock);
    data.incidents.commit();
    data.cameras.commit();
    paintRisk();
    lastLayers = buildLayers(clock);
    overlay.setProps({ layers: lastLayers });
    const red = data.takeNewRedAlarms();
    if (red.length > 0) options.onNewRedAlarms(red);
    const risk = Object.values(data.risk());
    const pulses = data.pulses();
    publish({
      ready: true,
      zoom: map.getZoom(),
      bearing: map.getBearing(),
      counts: {
        incidents: data.incidents.size,
        cameras: data.cameras.size,
        pulses: pulses.length,
        halos: data.halos().length,
        cones: map.getZoom() >= CONES_FROM_ZOOM ? cones.length : 0,
        density: densityWindow === null ? 0 : density.length,
        redGrids: risk.filter((r) => r.kind === 'grid' && r.level === 'red').length,
        yellowGrids: risk.filter((r) => r.kind === 'grid' && r.level === 'yellow').length,
        hotspots: hotspotCount,
      },
      pulseIds: pulses.slice(0, 20).map((p) => p.id),
      dataQuality: data.dataQuality(),
    });
  }

  // Pulses animate with a few frames a second (uniforms only); time-driven changes each second.
  const pulseFps = options.pulseFps ?? 12;
  const pulseTimer = setInterval(() => {
    if (!loaded || data.pulses().length === 0) return;
    // One ring cycle every 1.4 s.
    phase = (phase + 1 / (pulseFps * 1.4)) % 1;
    overlay.setProps({ layers: buildLayers(now()) });
  }, 1000 / pulseFps);
  const secondTimer = setInterval(schedule, 1000);

  map.on('load', () => {
    loaded = true;
    schedule();
  });
  map.on('moveend', () => {
    if (map.getZoom() >= CONES_FROM_ZOOM) {
      const b = map.getBounds();
      cones = selectConesInView(data.cameras, [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]);
    }
    schedule();
  });
  map.on('rotate', () => publish({ ...state, bearing: map.getBearing() }));
  map.on('click', (e) => {
    const picked = overlay.pickObject({ x: e.point.x, y: e.point.y, radius: 6 });
    const target = picked ? targetOfPick(picked.layer?.id, picked.index) : null;
    if (target) return options.onPick(target);
    const grid = map.queryRenderedFeatures(e.point, { layers: ['grid-fill'] })[0];
    const gridId = grid?.properties?.id as string | undefined;
    if (!gridId) return options.onPick(null);
    if (map.getZoom() >= GRID_LABEL_ZOOM - 1.4) return options.onPick({ kind: 'grid', id: gridId });
    const townshipId = data.region.gridTownship.get(gridId);
    options.onPick(townshipId ? { kind: 'township', id: townshipId } : { kind: 'grid', id: gridId });
  });

  function targetOfPick(layerId: string | undefined, index: number): FocusTarget | null {
    if (layerId === LAYER_IDS.incidents) {
      const row = data.incidents.data.rows[index];
      return row ? { kind: row.kind, id: row.id } : null;
    }
    if (layerId === LAYER_IDS.cameras) {
      const row = data.cameras.data.rows[index];
      return row ? { kind: 'camera', id: row.id } : null;
    }
    if (layerId === `${LAYER_IDS.pulses}-a`) {
      const p = data.pulses()[index];
      return p ? { kind: 'alarm', id: p.id } : null;
    }
    if (layerId === LAYER_IDS.halos) {
      const h = data.halos()[index];
      return h ? { kind: 'case', id: h.id } : null;
    }
    return null;
  }

  function flyTo(target: FocusTarget) {
    const place = placeOfFocus(target, data, areaBounds);
    if (!place) return;
    if ('bounds' in place) {
      map.fitBounds(place.bounds, { padding: 80, maxZoom: 15, duration: 1200 });
      return;
    }
    const p = map.project(place.point);
    const canvas = map.getCanvas();
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    const inMiddle = p.x > w * 0.15 && p.x < w * 0.85 && p.y > h * 0.15 && p.y < h * 0.85;
    if (inMiddle && map.getZoom() >= 13) return;
    map.flyTo({ center: place.point, zoom: Math.max(map.getZoom(), 14), duration: 1600, essential: true });
  }

  return {
    reset(model) {
      data.reset(model, now());
      labelsVersion = -1;
      schedule();
    },
    apply(model, changes) {
      data.apply(model, changes, now());
      schedule();
    },
    setFocus(target, opts = { fly: false }) {
      focus = target;
      const area =
        target && (target.kind === 'grid' || target.kind === 'township')
          ? { source: target.kind === 'grid' ? ('grids' as const) : ('townships' as const), id: target.id }
          : null;
      if (loaded) {
        if (focusedArea)
          map.setFeatureState({ source: focusedArea.source, id: focusedArea.id }, { focused: false });
        if (area) map.setFeatureState({ source: area.source, id: area.id }, { focused: true });
      }
      focusedArea = area;
      if (target && opts.fly) flyTo(target);
      schedule();
    },
    setLang(next) {
      if (next === lang) return;
      lang = next;
      if (!loaded) return;
      (map.getSource('grid-labels') as maplibregl.GeoJSONSource | undefined)?.setData(
        buildGridLabels(pack, data.region, lang) as never,
      );
      schedule();
    },
    setDensity(windowMs) {
      densityWindow = windowMs;
      densityAt = 0;
      schedule();
    },
    attention: () => attentionList(data),
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      destroyed = true;
      cancelAnimationFrame(frame);
      clearInterval(pulseTimer);
      clearInterval(secondTimer);
      listeners.clear();
      overlay.finalize();
      map.remove();
    },
  };
}
