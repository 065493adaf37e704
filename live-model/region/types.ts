/**
 * Region pack: the offline geography of one district/county (outline, townships, grids,
 * key places). A folder `regions/<id>/` holds `region.json`, `outline.geojson`,
 * `townships.geojson`, `grids.geojson` and `places.json`; see `regions/README.md`.
 *
 * Coordinates are `[lon, lat]` in the pack's `crs`. Packs on disk may be GCJ-02 (like the
 * shipped demo packs) or BD-09; the gateway loader converts them to WGS-84 before use.
 */

/** Coordinate systems a pack may declare (same names as `CRS_NAMES` in protocol/schemas). */
export type RegionCrs = 'WGS84' | 'GCJ02' | 'BD09';

/** `[lon, lat]` in degrees. */
export type LonLat = [number, number];
/** `[minLon, minLat, maxLon, maxLat]` in degrees. */
export type BBox = [number, number, number, number];

/** A closed linear ring (first position equals the last), GeoJSON style. */
export type Ring = LonLat[];
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Ring[];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Ring[][];
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

export interface Feature<P> {
  type: 'Feature';
  properties: P;
  geometry: AreaGeometry;
}
export interface FeatureCollection<P> {
  type: 'FeatureCollection';
  features: Feature<P>[];
}

/** `region.json`. */
export interface RegionMeta {
  /** Pack id, also the folder name, e.g. `naxi`. */
  id: string;
  name: string;
  nameEn: string;
  /** 6-digit administrative code of the district/county, e.g. `510503`. */
  adcode: string;
  city: string;
  crs: RegionCrs;
  /** True when township/grid boundaries are generated (demo), not surveyed. */
  generated: boolean;
  /** Text the UI must show next to generated boundaries. */
  notice: string;
  /** Seat of the district government. */
  center: LonLat;
  bbox: BBox;
  population: number;
  /** Set by `toWgs84Pack` when the pack was converted from another system. */
  convertedFrom?: RegionCrs;
}

/** Outline feature properties; a centre's own pack may carry other keys too. */
export interface OutlineProperties {
  name?: string;
  adcode?: string;
  [key: string]: unknown;
}

export interface TownshipProperties {
  /** 9-digit statistical code, e.g. `510503001`. */
  id: string;
  name: string;
  nameEn: string;
  population: number;
  /** Township government seat. */
  seat: LonLat;
  generated: boolean;
}

export interface GridProperties {
  /** `<townshipId>-<nn>`, e.g. `510503001-07`. */
  id: string;
  name: string;
  townshipId: string;
  population: number;
  generated: boolean;
}

export const PLACE_KINDS = ['square', 'station', 'school', 'market', 'hospital', 'road', 'village'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** A key place used by the simulator for cameras and alarms (`places.json`). */
export interface Place {
  id: string;
  name: string;
  nameEn: string;
  kind: PlaceKind;
  townshipId: string;
  gridId: string;
  lon: number;
  lat: number;
}

export interface RegionPack {
  region: RegionMeta;
  outline: FeatureCollection<OutlineProperties>;
  townships: FeatureCollection<TownshipProperties>;
  grids: FeatureCollection<GridProperties>;
  places: Place[];
}

/** Where a point falls. */
export interface RegionLocation {
  townshipId: string;
  gridId: string;
}
