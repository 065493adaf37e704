/**
 * The imperative side of the risk map: one maplibre map and one deck.gl overlay, created once
 * per panel and never re-created on data updates. Model updates are folded into the map data
 * (createMapData); at most once per animation frame the big layers are rebuilt from it by the
 * pure builders — and only when an input changed. Pulses and the focus ring are drawn by a
 * second, small overlay (a pulse frame redraws a few rings, not 100,000 markers); risk is painted
 * as feature states (createRiskPainter).
 */
import type { Layer } from '@deck.gl/core';
import * as maplibregl from 'maplibre-gl';
import type { RegionPack } from '../../../../live-model/region/types';
import type { LiveModel } from '../../../../protocol/liveModel';
import type { Change } from '../../../../protocol/messages';
import type { Lang } from '../../i18n/messages';
import { buildGridLabels } from './buildAreaLabels';
import {
  buildCameraLayer,
  buildConeLayer,
  buildDensityLayer,
  buildFocusLayer,
  buildHaloLayer,
  buildIncidentLayer,
  buildPulseLayers,
  type ConeRow,
  type IconAtlas,
} from './buildDeckLayers';
import { buildMapStyle, GRID_LABEL_ZOOM, HATCH_IMAGE } from './buildMapStyle';
import { createDeckOverlay } from './createDeckOverlay';
import { createMapData, type DataQualityItem, type MapDataOptions } from './createMapData';
import { createRiskPainter } from './createRiskPainter';
import { drawHatch } from './drawMapImages';
import { buildHexBins, createHexGrid, type HexBin } from './geometry/hexBins';
import { attentionList, createAreaBounds, type FocusTarget, placeOfFocus } from './mapFocus';
import { installMaplibreWorker } from './maplibreWorker';
import { flyTo, targetOfPick } from './mapNavigation';
import { selectConesInView, selectDensityPoints } from './selectMapDetail';

export interface MapViewState {
  ready: boolean;
  zoom: number;
  bearing: number;
  /** What each layer holds (the test hook reads these). */
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
  /** Ids of the pulsing alarms, newest first (at most 20). */
  pulseIds: string[];
  /** Ids of the open cases past their deadline, drawn with a halo (at most 20). */
  haloIds: string[];
  dataQuality: readonly DataQualityItem[];
}

export interface MapControllerOptions extends MapDataOptions {
  container: HTMLElement;
  pack: RegionPack;
  lang: Lang;
  /** The gateway's time as the screen knows it. */
  now: () => number;
  atlas: IconAtlas;
  /** A click on the map: an item, an area, or nothing (clears the focus). */
  onPick(target: FocusTarget | null): void;
  /** New red alarms arrived (the panel decides on auto-focus). */
  onNewRedAlarms(ids: string[]): void;
  /** Matter names for hotspot labels (category codes to words). */
  matterName?: (matter: string) => string;
  /** Screen scale for text, lines and markers: 1 at 1080p, 2 at 2160p. */
  scale?: number;
  /** Pulse animation frames per second: a few draw the eye, each redraws only the pulse overlay. */
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
export const EMPTY_COUNTS: MapViewState['counts'] = {
  incidents: 0,
  cameras: 0,
  pulses: 0,
  halos: 0,
  cones: 0,
  density: 0,
  redGrids: 0,
  yellowGrids: 0,
  hotspots: 0,
};

function sameState(a: MapViewState, b: MapViewState): boolean {
  return (
    a.ready === b.ready &&
    a.zoom === b.zoom &&
    a.bearing === b.bearing &&
    a.dataQuality === b.dataQuality &&
    a.pulseIds.join() === b.pulseIds.join() &&
    a.haloIds.join() === b.haloIds.join() &&
    (Object.keys(a.counts) as (keyof MapViewState['counts'])[]).every((k) => a.counts[k] === b.counts[k])
  );
}

export function createMapController(options: MapControllerOptions): MapController {
  installMaplibreWorker();
  const { pack, now, atlas } = options;
  const scale = options.scale ?? 1;
  let lang = options.lang;
  const data = createMapData(pack, options);
  const areaBounds = createAreaBounds(pack);
  const hexGrid = createHexGrid(pack.region.center, 450);
  const map = new maplibregl.Map({
    container: options.container,
    style: buildMapStyle(pack, data.region, lang, scale),
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
    if (id === HATCH_IMAGE && !map.hasImage(HATCH_IMAGE))
      map.addImage(HATCH_IMAGE, drawHatch(), { pixelRatio: 1 });
  });
  // Ready (the panel's data-ready, which also holds a snapshot render) once the base map is
  // idle and deck.gl has drawn every layer with its data and images — never half drawn.
  let mapIdle = false;
  let deckDrawn = false;
  map.once('idle', () => {
    mapIdle = true;
    schedule();
  });
  const deck = createDeckOverlay(map, (allLoaded) => {
    if (allLoaded && !deckDrawn) {
      deckDrawn = true;
      schedule();
    }
  });
  const fx = createDeckOverlay(map);
  const pulseFps = options.pulseFps ?? 6;
  let phase = 0;
  let fxKey: unknown[] = [];

  let loaded = false;
  let destroyed = false;
  let frame = 0;
  let focus: FocusTarget | null = null;
  let focusedArea: { source: 'grids' | 'townships'; id: string } | null = null;
  let densityWindow: number | null = null;
  let density: HexBin[] = [];
  let densityAt = 0;
  let cones: ConeRow[] = [];
  /** Inputs of the layers as last drawn: unchanged inputs, no new layers, no redraw. */
  let drawnKey: unknown[] = [];
  const risk = createRiskPainter(map, pack, data, {
    focused: () => focusedArea,
    ...(options.matterName ? { matterName: options.matterName } : {}),
  });
  const listeners = new Set<() => void>();
  let state: MapViewState = {
    ready: false,
    zoom: map.getZoom(),
    bearing: 0,
    counts: EMPTY_COUNTS,
    pulseIds: [],
    haloIds: [],
    dataQuality: [],
  };

  function publish(next: MapViewState) {
    if (sameState(next, state)) return;
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

  function buildLayers(clock: number): Layer[] | null {
    const zoom = map.getZoom();
    const overview = zoom < OVERVIEW_BELOW_ZOOM;
    const showCones = zoom >= CONES_FROM_ZOOM;
    const colorClockMs = Math.floor(clock / 60_000) * 60_000;
    if (densityWindow !== null && clock - densityAt >= DENSITY_REFRESH_MS) {
      density = buildHexBins(selectDensityPoints(data.incidents, clock, densityWindow), hexGrid);
      densityAt = clock;
    }
    const halos = data.halos();
    const key = [
      data.incidents.data,
      data.cameras.data,
      halos,
      colorClockMs,
      overview,
      showCones && cones,
      densityWindow !== null && density,
    ];
    if (key.length === drawnKey.length && key.every((k, i) => k === drawnKey[i])) return null;
    drawnKey = key;
    const layers: Layer[] = [];
    if (densityWindow !== null) layers.push(buildDensityLayer(density));
    if (showCones) layers.push(buildConeLayer(cones));
    layers.push(
      buildCameraLayer({ data: data.cameras.data, diff: data.cameras.diff, atlas, overview, scale }),
      buildIncidentLayer({
        data: data.incidents.data,
        diff: data.incidents.diff,
        atlas,
        colorClockMs,
        scale,
      }),
      buildHaloLayer(halos, scale),
    );
    return layers;
  }

  let gridCounts = { version: -1, red: 0, yellow: 0 };
  function countRiskGrids() {
    if (gridCounts.version === data.riskVersion) return gridCounts;
    gridCounts = { version: data.riskVersion, red: 0, yellow: 0 };
    for (const r of Object.values(data.risk()))
      if (r.kind === 'grid' && r.level !== 'green') gridCounts[r.level === 'red' ? 'red' : 'yellow']++;
    return gridCounts;
  }

  /** Redraws the pulse overlay when the pulses, their phase or the focus changed. */
  function drawFx() {
    const place = placeOfFocus(focus, data, areaBounds);
    const point = place && 'point' in place ? place.point : null;
    const pulses = data.pulses();
    const key = [pulses, pulses.length > 0 ? phase : 0, point?.[0], point?.[1]];
    if (key.every((k, i) => k === fxKey[i])) return;
    fxKey = key;
    fx.setLayers([...buildPulseLayers(pulses, phase, scale), buildFocusLayer(point, scale)]);
  }

  function flush() {
    if (destroyed || !loaded) return;
    const clock = now();
    data.refresh(clock);
    data.incidents.commit();
    data.cameras.commit();
    risk.paint(lang);
    const layers = buildLayers(clock);
    if (layers) deck.setLayers(layers);
    drawFx();
    const pulses = data.pulses();
    const red = data.takeNewRedAlarms();
    if (red.length > 0) options.onNewRedAlarms(red);
    const grids = countRiskGrids();
    publish({
      ready: mapIdle && deckDrawn,
      zoom: map.getZoom(),
      bearing: map.getBearing(),
      counts: {
        incidents: data.incidents.size,
        cameras: data.cameras.size,
        pulses: pulses.length,
        halos: data.halos().length,
        cones: map.getZoom() >= CONES_FROM_ZOOM ? cones.length : 0,
        density: densityWindow === null ? 0 : density.length,
        redGrids: grids.red,
        yellowGrids: grids.yellow,
        hotspots: risk.hotspots,
      },
      pulseIds: pulses.slice(0, 20).map((p) => p.id),
      haloIds: data
        .halos()
        .slice(0, 20)
        .map((h) => h.id),
      dataQuality: data.dataQuality(),
    });
  }

  // Pulses end, deadlines pass and colours age by the clock, not only by data.
  const secondTimer = setInterval(schedule, 1000);
  const pulseTimer = setInterval(() => {
    if (!loaded || data.pulses().length === 0) return;
    phase = (phase + 1 / (pulseFps * 1.4)) % 1; // one ring cycle in 1.4 s
    drawFx();
  }, 1000 / Math.max(pulseFps, 1));

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
    const picked = fx.pick(e.point.x, e.point.y) ?? deck.pick(e.point.x, e.point.y);
    const target = picked ? targetOfPick(data, picked.layer?.id, picked.index) : null;
    if (target) return options.onPick(target);
    const grid = map.queryRenderedFeatures(e.point, { layers: ['grid-fill'] })[0];
    const gridId = grid?.properties?.id as string | undefined;
    if (!gridId) return options.onPick(null);
    if (map.getZoom() >= GRID_LABEL_ZOOM - 1.4) return options.onPick({ kind: 'grid', id: gridId });
    const townshipId = data.region.gridTownship.get(gridId);
    options.onPick(townshipId ? { kind: 'township', id: townshipId } : { kind: 'grid', id: gridId });
  });

  return {
    reset(model) {
      data.reset(model, now());
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
      if (target && opts.fly) flyTo(map, placeOfFocus(target, data, areaBounds));
      schedule();
    },
    setLang(next) {
      if (next === lang) return;
      lang = next;
      if (!loaded) return;
      risk.setSource('grid-labels', buildGridLabels(pack, data.region, lang));
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
      clearInterval(secondTimer);
      clearInterval(pulseTimer);
      listeners.clear();
      fx.destroy();
      deck.destroy();
      map.remove();
    },
  };
}
