/**
 * The two baselines the map benchmark compares with, on the same base map and the same change
 * stream: maplibre GeoJSON sources updated with `updateData` (partial updates, the best
 * maplibre offers), and a naive deck.gl layer that rebuilds all its data on every batch.
 */
import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import * as maplibregl from 'maplibre-gl';
import type { RegionPack } from '../../../live-model/region/types';
import type { AlarmRecord, CameraRecord, CaseRecord, LiveModel } from '../../../protocol/liveModel';
import type { Change } from '../../../protocol/messages';
import { buildMapStyle } from '../../../wall-client/src/panels/map/buildMapStyle';
import { installMaplibreWorker } from '../../../wall-client/src/panels/map/maplibreWorker';
import { createRegionGeometry } from '../../../wall-client/src/panels/map/regionGeometry';

export interface BenchMap {
  /** Resolves once the full data set is drawn. */
  firstRender: Promise<void>;
  apply(model: LiveModel, changes: readonly Change[]): void;
}

type Rgb = [number, number, number];
const SEVERITY: Record<string, Rgb> = { red: [255, 77, 79], yellow: [255, 197, 61], green: [61, 220, 151] };
const GREY: Rgb = [150, 160, 172];
const CAMERA: Record<string, Rgb> = {
  online: [77, 163, 255],
  offline: [125, 135, 148],
  fault: [255, 140, 0],
};

interface Point {
  id: string;
  p: [number, number];
  c: Rgb;
  r: number;
}

function incidentPoint(kind: 'alarm' | 'case', v: AlarmRecord | CaseRecord): Point | null {
  if (v.lon === undefined || v.lat === undefined) return null;
  const c =
    kind === 'alarm'
      ? (v as AlarmRecord).state === 'new'
        ? (SEVERITY[(v as AlarmRecord).severity] as Rgb)
        : GREY
      : ([77, 163, 255] as Rgb);
  return { id: `${kind}:${v.id}`, p: [v.lon, v.lat], c, r: kind === 'alarm' ? 5 : 6 };
}

function cameraPoint(v: CameraRecord): Point {
  return { id: v.id, p: [v.lon, v.lat], c: CAMERA[v.status] as Rgb, r: 3 };
}

function createBaseMap(container: HTMLElement, pack: RegionPack): maplibregl.Map {
  installMaplibreWorker();
  return new maplibregl.Map({
    container,
    style: buildMapStyle(pack, createRegionGeometry(pack), 'zh-CN'),
    bounds: pack.region.bbox,
    attributionControl: false,
    fadeDuration: 0,
  });
}

function paintRisk(map: maplibregl.Map, changes: readonly Change[]) {
  for (const ch of changes)
    if (ch.collection === 'risk' && ch.value)
      map.setFeatureState(
        { source: ch.value.kind === 'grid' ? 'grids' : 'townships', id: ch.value.areaId },
        { level: ch.value.level },
      );
}

const hex = (c: Rgb) => `rgb(${c[0]},${c[1]},${c[2]})`;
function toFeature(pt: Point): GeoJSON.Feature {
  return {
    type: 'Feature',
    id: pt.id,
    properties: { c: hex(pt.c), r: pt.r },
    geometry: { type: 'Point', coordinates: pt.p },
  };
}

/** maplibre: two GeoJSON sources, partial `updateData` per batch. */
export function mountMaplibreBaseline(container: HTMLElement, pack: RegionPack, model: LiveModel): BenchMap {
  const map = createBaseMap(container, pack);
  const firstRender = new Promise<void>((resolve) => {
    map.on('load', () => {
      const incidents: GeoJSON.Feature[] = [];
      for (const a of Object.values(model.alarms)) {
        const pt = incidentPoint('alarm', a);
        if (pt) incidents.push(toFeature(pt));
      }
      for (const c of Object.values(model.cases)) {
        const pt = incidentPoint('case', c);
        if (pt) incidents.push(toFeature(pt));
      }
      const circle = (id: string) =>
        ({
          id,
          type: 'circle',
          source: id,
          paint: { 'circle-color': ['get', 'c'], 'circle-radius': ['get', 'r'] },
        }) as maplibregl.AddLayerObject;
      map.addSource('cameras', {
        type: 'geojson',
        data: {
          type: 'FeatureCollection',
          features: Object.values(model.cameras).map((c) => toFeature(cameraPoint(c))),
        },
      });
      map.addSource('incidents', {
        type: 'geojson',
        data: { type: 'FeatureCollection', features: incidents },
      });
      map.addLayer(circle('cameras'));
      map.addLayer(circle('incidents'));
      map.once('idle', () => resolve());
    });
  });
  return {
    firstRender,
    apply(_model, changes) {
      const inc: maplibregl.GeoJSONSourceDiff = { add: [], remove: [], update: [] };
      const cam: maplibregl.GeoJSONSourceDiff = { update: [] };
      for (const ch of changes) {
        if (ch.collection === 'alarms' || ch.collection === 'cases') {
          const kind = ch.collection === 'alarms' ? 'alarm' : 'case';
          const id = `${kind}:${ch.id}`;
          if (ch.value === null) inc.remove?.push(id);
          else {
            const pt = incidentPoint(kind, ch.value);
            if (!pt) continue;
            if (kind === 'alarm' && (ch.value as AlarmRecord).version === 1) inc.add?.push(toFeature(pt));
            else
              inc.update?.push({
                id,
                newGeometry: { type: 'Point', coordinates: pt.p },
                addOrUpdateProperties: [
                  { key: 'c', value: hex(pt.c) },
                  { key: 'r', value: pt.r },
                ],
              });
          }
        } else if (ch.collection === 'cameras' && ch.value) {
          cam.update?.push({
            id: ch.id,
            addOrUpdateProperties: [{ key: 'c', value: hex(cameraPoint(ch.value).c) }],
          });
        }
      }
      void (map.getSource('incidents') as maplibregl.GeoJSONSource).updateData(inc);
      void (map.getSource('cameras') as maplibregl.GeoJSONSource).updateData(cam);
      paintRisk(map, changes);
    },
  };
}

/** deck.gl, naively: a new array of every point and all accessors run again on each batch. */
export function mountNaiveDeckBaseline(container: HTMLElement, pack: RegionPack, model: LiveModel): BenchMap {
  const map = createBaseMap(container, pack);
  const incidents = new Map<string, Point>();
  const cameras = new Map<string, Point>();
  for (const a of Object.values(model.alarms)) {
    const pt = incidentPoint('alarm', a);
    if (pt) incidents.set(pt.id, pt);
  }
  for (const c of Object.values(model.cases)) {
    const pt = incidentPoint('case', c);
    if (pt) incidents.set(pt.id, pt);
  }
  for (const c of Object.values(model.cameras)) cameras.set(c.id, cameraPoint(c));
  let layers: Layer[] = [];
  let resolveRender: () => void = () => undefined;
  const firstRender = new Promise<void>((r) => {
    resolveRender = r;
  });
  const overlay = new MapLibreOverlay({
    layers: [],
    onAfterRender: () => {
      if (layers.length > 0 && layers.every((l) => l.isLoaded)) resolveRender();
    },
  });
  const build = () => {
    const layer = (id: string, data: Point[]) =>
      new ScatterplotLayer<Point>({
        id,
        data,
        getPosition: (d) => d.p,
        getFillColor: (d) => d.c,
        getRadius: (d) => d.r,
        radiusUnits: 'pixels',
        pickable: true,
      });
    layers = [layer('cameras', [...cameras.values()]), layer('incidents', [...incidents.values()])];
    overlay.setProps({ layers });
  };
  map.on('load', build);
  map.addControl(overlay);
  return {
    firstRender,
    apply(_model, changes) {
      for (const ch of changes) {
        if (ch.collection === 'alarms' || ch.collection === 'cases') {
          const kind = ch.collection === 'alarms' ? 'alarm' : 'case';
          if (ch.value === null) incidents.delete(`${kind}:${ch.id}`);
          else {
            const pt = incidentPoint(kind, ch.value);
            if (pt) incidents.set(pt.id, pt);
          }
        } else if (ch.collection === 'cameras' && ch.value) cameras.set(ch.id, cameraPoint(ch.value));
      }
      build();
      paintRisk(map, changes);
    },
  };
}
