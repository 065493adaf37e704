/** From a click to the item under it, and from a focus to a camera move. */
import type * as maplibregl from 'maplibre-gl';
import { LAYER_IDS } from './buildDeckLayers';
import type { MapData } from './createMapData';
import type { FocusPlace, FocusTarget } from './mapFocus';

/** The alarm, case or camera behind a deck.gl pick (layer id and row index). */
export function targetOfPick(
  data: Pick<MapData, 'incidents' | 'cameras' | 'pulses' | 'halos'>,
  layerId: string | undefined,
  index: number,
): FocusTarget | null {
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

/**
 * Brings a focused place into view: an area is fitted; a point is flown to (street zoom)
 * unless it already sits in the middle of the view at that zoom — a click on a visible item
 * does not throw the map around.
 */
export function flyTo(map: maplibregl.Map, place: FocusPlace): void {
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
