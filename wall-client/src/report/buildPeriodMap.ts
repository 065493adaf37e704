/**
 * The report's map of the period: the district's grids coloured by the period's risk (the
 * same rule as "grids that turned red": red alarms, overdue cases, repeat calls), the grids
 * that turned red outlined, the townships with their peace index. Vector paths for an SVG, so
 * the map prints sharp at any size and its labels stay text. Pure.
 */

import { bboxOf, polygonsOf, representativePoint } from '../../../live-model/region/geometry';
import type { AreaGeometry, LonLat, RegionPack } from '../../../live-model/region/types';
import { ratePeriodRisk } from '../../../live-model/risk/ratePeriodRisk';
import type { RiskLevel } from '../../../protocol/risk';
import type { AreaFigures } from '../../../protocol/trends';
import { turnedRed } from '../trends/buildRankings';

export interface PeriodMapInput {
  pack: RegionPack;
  grids: readonly AreaFigures[];
  townships: readonly AreaFigures[];
  days: number;
  width: number;
  height: number;
  padding?: number;
  townshipName(id: string): string;
}

export interface PeriodMap {
  width: number;
  height: number;
  outline: string[];
  grids: { id: string; d: string; level: RiskLevel | 'none'; turned: boolean }[];
  townships: { id: string; d: string; label: string; index: number | null; x: number; y: number }[];
  counts: { red: number; yellow: number; green: number; turned: number; total: number };
}

function project(pack: RegionPack, width: number, height: number, padding: number) {
  const [minLon, minLat, maxLon, maxLat] = bboxOf(pack.outline.features.map((f) => f.geometry));
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = (maxLon - minLon) * kx;
  const spanY = maxLat - minLat;
  const scale = Math.min((width - 2 * padding) / spanX, (height - 2 * padding) / spanY);
  const ox = (width - spanX * scale) / 2;
  const oy = (height - spanY * scale) / 2;
  return (p: LonLat): [number, number] => [ox + (p[0] - minLon) * kx * scale, oy + (maxLat - p[1]) * scale];
}

const round = (v: number) => Math.round(v * 10) / 10;

function pathOf(geometry: AreaGeometry, xy: (p: LonLat) => [number, number]): string {
  return polygonsOf(geometry)
    .flatMap((poly) =>
      poly.map(
        (ring) =>
          `M${ring
            .map((p) => {
              const [x, y] = xy(p);
              return `${round(x)} ${round(y)}`;
            })
            .join('L')}Z`,
      ),
    )
    .join('');
}

/**
 * @example buildPeriodMap({ pack, grids, townships, days: 1, width: 600, height: 500, townshipName }).counts.red // 3
 */
export function buildPeriodMap(input: PeriodMapInput): PeriodMap {
  const xy = project(input.pack, input.width, input.height, input.padding ?? 12);
  const figures = new Map(input.grids.map((g) => [g.id, g]));
  const turned = new Set(turnedRed(input.grids, input.days).map((g) => g.id));
  const counts = {
    red: 0,
    yellow: 0,
    green: 0,
    turned: turned.size,
    total: input.pack.grids.features.length,
  };
  const grids = input.pack.grids.features.map((f) => {
    const id = f.properties.id;
    const fig = figures.get(id);
    const level: RiskLevel | 'none' = fig ? ratePeriodRisk(fig.counts, input.days).level : 'none';
    if (level !== 'none') counts[level]++;
    return { id, d: pathOf(f.geometry, xy), level, turned: turned.has(id) };
  });
  const index = new Map(input.townships.map((a) => [a.id, a.peaceIndex]));
  const townships = input.pack.townships.features.map((f) => {
    const [x, y] = xy(representativePoint(f.geometry));
    return {
      id: f.properties.id,
      d: pathOf(f.geometry, xy),
      label: input.townshipName(f.properties.id),
      index: index.get(f.properties.id) ?? null,
      x: round(x),
      y: round(y),
    };
  });
  return {
    width: input.width,
    height: input.height,
    outline: input.pack.outline.features.map((f) => pathOf(f.geometry, xy)),
    grids,
    townships,
    counts,
  };
}
