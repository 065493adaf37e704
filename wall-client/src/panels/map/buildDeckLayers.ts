/**
 * The deck.gl layers of the risk map, built from the map data by pure functions. Accessors are
 * stable and read rows by index; the big layers (incidents, cameras) get a new `data` object
 * only when rows changed, with a `_dataDiff` naming those rows, so deck.gl updates only them;
 * colours move with the minute through `updateTriggers`; sizes follow the screen through
 * uniforms (`sizeScale`, `radiusScale`). Animations (pulses) change uniforms only
 * (`radiusScale`, `opacity`) and live in an overlay of their own, so a pulse frame redraws a
 * handful of rings, never the 100,000 markers.
 */
import type { Layer } from '@deck.gl/core';
import { IconLayer, ScatterplotLayer, SolidPolygonLayer } from '@deck.gl/layers';
import type { LonLat } from '../../../../live-model/region/types';
import type { HaloRow, PulseRow } from './createMapData';
import type { RowRange, SlotData } from './createSlotTable';
import type { HexBin } from './geometry/hexBins';
import { ICON_MAPPING } from './iconMapping';
import {
  type CameraRow,
  cameraColor,
  cameraIcon,
  type IncidentRow,
  incidentColor,
  incidentIcon,
  incidentSize,
} from './incidentStyle';
import { CAMERA_RGB, type Rgba, SEVERITY_RGB } from './mapColors';

/** The marker atlas: drawn on a canvas at start-up (drawMapImages.ts), never fetched. */
export type IconAtlas = HTMLCanvasElement | ImageData;

/** The layer ids, also the names the test hooks and the legend use. */
export const LAYER_IDS = {
  density: 'density',
  cones: 'camera-cones',
  cameras: 'cameras',
  incidents: 'incidents',
  halos: 'sla-halos',
  pulses: 'pulses',
  focus: 'focus',
} as const;

type Diff<R> = (next: SlotData<R>, previous: SlotData<R> | null | undefined) => RowRange[] | undefined;
type Info<R> = { index: number; data: SlotData<R>; target: number[] };

const HIDDEN: Rgba = [0, 0, 0, 0];
const NOWHERE: [number, number] = [0, 0];

// Removed rows stay until reused: drawn transparent and size 0 (and never at a real place).
function incidentPosition(_: unknown, { index, data }: Info<IncidentRow>): [number, number] {
  return data.rows[index]?.position ?? NOWHERE;
}
function incidentIconOf(_: unknown, { index, data }: Info<IncidentRow>): string {
  const row = data.rows[index];
  return row ? incidentIcon(row) : 'circle';
}
function incidentSizeOf(_: unknown, { index, data }: Info<IncidentRow>): number {
  const row = data.rows[index];
  return row ? incidentSize(row) : 0;
}
function cameraPosition(_: unknown, { index, data }: Info<CameraRow>): [number, number] {
  return data.rows[index]?.position ?? NOWHERE;
}
function cameraIconOf(_: unknown, { index, data }: Info<CameraRow>): string {
  const row = data.rows[index];
  return row ? cameraIcon(row) : 'camera';
}
function cameraSizeOf(_: unknown, { index, data }: Info<CameraRow>): number {
  return data.rows[index] ? 1 : 0;
}

export interface IncidentLayerInput {
  data: SlotData<IncidentRow>;
  diff: Diff<IncidentRow>;
  atlas: IconAtlas;
  /** The time colours are computed for; a new value recolours every row (ages, SLA). */
  colorClockMs: number;
  /** Screen scale (1 at 1080p, 2 at 2160p): sizes are uniforms, so it recomputes nothing. */
  scale?: number;
}

export function buildIncidentLayer({
  data,
  diff,
  atlas,
  colorClockMs,
  scale = 1,
}: IncidentLayerInput): Layer {
  return new IconLayer({
    id: LAYER_IDS.incidents,
    data: data as never,
    _dataDiff: diff as never,
    iconAtlas: atlas as never,
    iconMapping: ICON_MAPPING,
    getPosition: incidentPosition as never,
    getIcon: incidentIconOf as never,
    getSize: incidentSizeOf as never,
    getColor: ((_: unknown, { index, data: d, target }: Info<IncidentRow>) => {
      const row = d.rows[index];
      return row ? incidentColor(row, colorClockMs, target) : HIDDEN;
    }) as never,
    updateTriggers: { getColor: colorClockMs },
    sizeScale: scale,
    sizeUnits: 'pixels',
    pickable: true,
    alphaCutoff: 0.05,
  });
}

export interface CameraLayerInput {
  data: SlotData<CameraRow>;
  diff: Diff<CameraRow>;
  atlas: IconAtlas;
  /** Zoomed out: small, dim markers (level of detail for thousands of cameras). */
  overview: boolean;
  scale?: number;
}

export function buildCameraLayer({ data, diff, atlas, overview, scale = 1 }: CameraLayerInput): Layer {
  return new IconLayer({
    id: LAYER_IDS.cameras,
    data: data as never,
    _dataDiff: diff as never,
    iconAtlas: atlas as never,
    iconMapping: ICON_MAPPING,
    getPosition: cameraPosition as never,
    getIcon: cameraIconOf as never,
    getSize: cameraSizeOf as never,
    getColor: ((_: unknown, { index, data: d, target }: Info<CameraRow>) => {
      const row = d.rows[index];
      return row ? cameraColor(row, overview, target) : HIDDEN;
    }) as never,
    updateTriggers: { getColor: overview },
    // A uniform, not an attribute: switching the level of detail recomputes nothing.
    sizeScale: (overview ? 7 : 16) * scale,
    sizeUnits: 'pixels',
    pickable: !overview,
  });
}

export interface ConeRow {
  id: string;
  status: 'online' | 'offline' | 'fault';
  polygon: LonLat[];
}

/** Fields of view of the cameras in sight, at street zoom only. */
export function buildConeLayer(cones: readonly ConeRow[]): Layer {
  return new SolidPolygonLayer<ConeRow>({
    id: LAYER_IDS.cones,
    data: cones as ConeRow[],
    getPolygon: (d) => d.polygon,
    getFillColor: (d) => [...CAMERA_RGB[d.status], d.status === 'online' ? 56 : 36],
    pickable: false,
  });
}

/** New alarms: two rings growing and fading out of step, by uniforms only. */
export function buildPulseLayers(pulses: readonly PulseRow[], phase: number, scale = 1): Layer[] {
  return [0, 0.5].map((offset) => {
    const p = (phase + offset) % 1;
    return new ScatterplotLayer<PulseRow>({
      id: `${LAYER_IDS.pulses}-${offset === 0 ? 'a' : 'b'}`,
      data: pulses as PulseRow[],
      getPosition: (d) => d.position,
      getRadius: 9,
      getLineColor: (d) => [...SEVERITY_RGB[d.severity], 255],
      radiusUnits: 'pixels',
      radiusScale: (1 + p * 3.2) * scale,
      opacity: 1 - p,
      filled: false,
      stroked: true,
      lineWidthUnits: 'pixels',
      lineWidthScale: scale,
      getLineWidth: 3,
      pickable: offset === 0,
    });
  });
}

/** The focused alarm, case or camera: a white ring. */
export function buildFocusLayer(position: LonLat | null, scale = 1): Layer {
  return new ScatterplotLayer<LonLat>({
    id: LAYER_IDS.focus,
    data: position ? [position] : [],
    getPosition: (d) => d,
    getRadius: 24,
    radiusUnits: 'pixels',
    radiusScale: scale,
    filled: false,
    stroked: true,
    getLineColor: [255, 255, 255, 255],
    lineWidthUnits: 'pixels',
    lineWidthScale: scale,
    getLineWidth: 4,
    pickable: false,
  });
}

/** A ring around every open case past its deadline. */
export function buildHaloLayer(halos: readonly HaloRow[], scale = 1): Layer {
  return new ScatterplotLayer<HaloRow>({
    id: LAYER_IDS.halos,
    data: halos as HaloRow[],
    getPosition: (d) => d.position,
    getRadius: 15,
    radiusUnits: 'pixels',
    radiusScale: scale,
    lineWidthScale: scale,
    filled: true,
    getFillColor: [255, 77, 79, 60],
    stroked: true,
    getLineColor: [255, 77, 79, 255],
    lineWidthUnits: 'pixels',
    getLineWidth: 3,
    pickable: true,
  });
}

/** Blue to white: apart from the risk colours (red, yellow, green), lighter where denser. */
const DENSITY_RAMP: readonly [number, number, number][] = [
  [40, 90, 220],
  [50, 140, 255],
  [90, 200, 255],
  [170, 235, 255],
  [245, 252, 255],
];

/** Colour of a density bin by its share of the densest bin (log scale). */
export function densityColor(count: number, max: number): Rgba {
  const k = max <= 1 ? 1 : Math.log(count) / Math.log(max);
  const i = Math.min(DENSITY_RAMP.length - 1, Math.max(0, Math.floor(k * DENSITY_RAMP.length)));
  const rgb = DENSITY_RAMP[i] as [number, number, number];
  return [rgb[0], rgb[1], rgb[2], Math.round(140 + 90 * Math.min(1, k))];
}

export function buildDensityLayer(bins: readonly HexBin[]): Layer {
  let max = 1;
  for (const b of bins) if (b.count > max) max = b.count;
  return new SolidPolygonLayer<HexBin>({
    id: LAYER_IDS.density,
    data: bins as HexBin[],
    getPolygon: (d) => d.polygon,
    getFillColor: (d) => densityColor(d.count, max),
    pickable: false,
  });
}
