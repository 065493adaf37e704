/**
 * The offline base map as a maplibre style: no tile, glyph or sprite URL — the district,
 * township and grid polygons come from the region pack as GeoJSON, labels are drawn from the
 * local Noto Sans CJK font, and the hatch pattern is drawn at start-up. Risk colours are
 * feature states (`level`) set per grid/township, so a change repaints one area, not the map.
 */
import type {
  ExpressionSpecification,
  FilterSpecification,
  LayerSpecification,
  StyleSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import type { RegionPack } from '../../../../live-model/region/types';
import type { Lang } from '../../i18n/messages';
import { buildGridLabels, buildTownshipLabels, type LabelCollection } from './buildAreaLabels';
import { buildOutsideMask } from './geometry/outsideMask';
import { MAP_COLORS } from './mapColors';
import type { RegionGeometry } from './regionGeometry';

/** The font the hall's machines have (Debian fonts-noto-cjk); TinySDF draws it locally. */
export const MAP_FONT = 'Noto Sans CJK SC';
export const HATCH_IMAGE = 'risk-hatch';
/** Grid labels from this zoom on; township labels below it. */
export const GRID_LABEL_ZOOM = 12.4;

const level: ExpressionSpecification = ['feature-state', 'level'];
const byLevel = (red: unknown, yellow: unknown, green: unknown, none: unknown): ExpressionSpecification =>
  [
    'match',
    ['coalesce', level, 'none'],
    'red',
    red,
    'yellow',
    yellow,
    'green',
    green,
    none,
  ] as ExpressionSpecification;
const focused: ExpressionSpecification = ['boolean', ['feature-state', 'focused'], false];

/** Areas whose id is in a list (the hatch of red areas, kept by setFilter). */
export function idFilter(ids: readonly string[]): FilterSpecification {
  return ['in', ['get', 'id'], ['literal', [...ids]]] as FilterSpecification;
}

const text = (size: ExpressionSpecification | number, color: string, scale: number) => ({
  layout: {
    'text-field': ['get', 'label'] as ExpressionSpecification,
    'text-font': [MAP_FONT],
    'text-size': size,
    'text-line-height': 1.25,
    'text-max-width': 12,
    'text-padding': 4 * scale,
  },
  paint: { 'text-color': color, 'text-halo-color': MAP_COLORS.labelHalo, 'text-halo-width': 2.2 * scale },
});

/**
 * @param scale screen scale: 1 at 1080p, 2 on a 2160p wall screen (text and lines in CSS
 *   pixels would otherwise halve in apparent size on a 4K screen).
 */
export function buildMapStyle(
  pack: RegionPack,
  region: RegionGeometry,
  lang: Lang,
  scale = 1,
): StyleSpecification & { layers: LayerSpecification[] } {
  const px = (n: number) => Math.round(n * scale * 100) / 100;
  const byZoom = (...stops: number[]): ExpressionSpecification =>
    [
      'interpolate',
      ['linear'],
      ['zoom'],
      ...stops.map((v, i) => (i % 2 === 0 ? v : px(v))),
    ] as ExpressionSpecification;
  const outline = pack.outline.features.map((f) => f.geometry);
  const empty: LabelCollection = { type: 'FeatureCollection', features: [] };
  return {
    version: 8,
    name: `wall-${pack.region.id}`,
    sources: {
      mask: {
        type: 'geojson',
        data: { type: 'Feature', properties: {}, geometry: buildOutsideMask(outline, 3) } as never,
      },
      outline: { type: 'geojson', data: pack.outline as never },
      townships: { type: 'geojson', data: pack.townships as never, promoteId: 'id' },
      grids: { type: 'geojson', data: pack.grids as never, promoteId: 'id' },
      'grid-labels': { type: 'geojson', data: buildGridLabels(pack, region, lang) as never },
      'township-labels': { type: 'geojson', data: buildTownshipLabels(pack, region, {}, lang) as never },
      hotspots: { type: 'geojson', data: empty as never },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': MAP_COLORS.background } },
      { id: 'district-fill', type: 'fill', source: 'outline', paint: { 'fill-color': MAP_COLORS.district } },
      {
        id: 'grid-fill',
        type: 'fill',
        source: 'grids',
        paint: {
          'fill-color': byLevel(
            MAP_COLORS.riskRed,
            MAP_COLORS.riskYellow,
            MAP_COLORS.riskGreen,
            MAP_COLORS.district,
          ),
          'fill-opacity': byLevel(0.5, 0.36, 0.16, 0),
        },
      },
      {
        id: 'grid-hatch',
        type: 'fill',
        source: 'grids',
        filter: idFilter([]),
        paint: { 'fill-pattern': HATCH_IMAGE, 'fill-opacity': 0.9 },
      },
      {
        id: 'grid-line',
        type: 'line',
        source: 'grids',
        paint: {
          'line-color': MAP_COLORS.gridLine,
          'line-width': byZoom(9, 0.4, 13, 1.2, 16, 2),
        },
      },
      {
        id: 'grid-risk-line',
        type: 'line',
        source: 'grids',
        paint: {
          'line-color': byLevel(
            MAP_COLORS.riskRed,
            MAP_COLORS.riskYellow,
            MAP_COLORS.gridLine,
            MAP_COLORS.gridLine,
          ),
          'line-width': byLevel(px(2.4), px(1.6), 0, 0),
        },
      },
      {
        id: 'township-line',
        type: 'line',
        source: 'townships',
        paint: {
          'line-color': byLevel(
            MAP_COLORS.riskRed,
            MAP_COLORS.riskYellow,
            MAP_COLORS.townshipLine,
            MAP_COLORS.townshipLine,
          ),
          'line-width': byLevel(px(3.6), px(3), px(1.8), px(1.8)),
        },
      },
      {
        id: 'mask',
        type: 'fill',
        source: 'mask',
        paint: { 'fill-color': MAP_COLORS.outside, 'fill-opacity': 0.9 },
      },
      {
        id: 'district-glow',
        type: 'line',
        source: 'outline',
        paint: {
          'line-color': MAP_COLORS.districtLine,
          'line-width': px(9),
          'line-opacity': 0.18,
          'line-blur': px(4),
        },
      },
      {
        id: 'district-line',
        type: 'line',
        source: 'outline',
        paint: { 'line-color': MAP_COLORS.districtLine, 'line-width': px(2.6) },
      },
      {
        id: 'grid-focus',
        type: 'line',
        source: 'grids',
        paint: { 'line-color': '#ffffff', 'line-width': ['case', focused, px(4), 0] },
      },
      {
        id: 'township-focus',
        type: 'line',
        source: 'townships',
        paint: { 'line-color': '#ffffff', 'line-width': ['case', focused, px(5), 0] },
      },
      {
        id: 'grid-label',
        type: 'symbol',
        source: 'grid-labels',
        minzoom: GRID_LABEL_ZOOM,
        ...text(byZoom(12, 13, 15, 17), MAP_COLORS.label, scale),
      },
      {
        id: 'township-label',
        type: 'symbol',
        source: 'township-labels',
        maxzoom: GRID_LABEL_ZOOM + 1,
        ...text(byZoom(9, 17, 12, 24), MAP_COLORS.label, scale),
      },
      {
        id: 'hotspot-label',
        type: 'symbol',
        source: 'hotspots',
        layout: {
          ...text(px(14), MAP_COLORS.hotspot, scale).layout,
          // Zoomed out only the mark; the matter and its count from street level on.
          'text-field': ['step', ['zoom'], '⟳', GRID_LABEL_ZOOM, ['get', 'label']],
          'text-size': ['step', ['zoom'], px(18), GRID_LABEL_ZOOM, px(14)],
          'text-offset': [0, 1.4],
          // Never pushes a township or grid name off the map.
          'text-allow-overlap': true,
          'text-ignore-placement': true,
        },
        paint: text(px(14), MAP_COLORS.hotspot, scale).paint,
      },
    ],
  };
}
