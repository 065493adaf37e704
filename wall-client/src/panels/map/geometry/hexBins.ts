/**
 * Hexagon binning (pointy-top, axial coordinates) in a local metric plane: the incident
 * density layer counts alarms and cases per hexagon of a fixed size in metres.
 */
import type { LonLat } from '../../../../../live-model/region/types';
import { createLocalPlane, type LocalPlane } from './localPlane';

export interface HexGrid {
  plane: LocalPlane;
  /** Centre-to-corner distance in metres. */
  sizeM: number;
}

export interface HexBin {
  /** `q:r` axial coordinates. */
  key: string;
  count: number;
  center: LonLat;
  polygon: LonLat[];
}

const SQRT3 = Math.sqrt(3);

export function createHexGrid(origin: LonLat, sizeM: number): HexGrid {
  return { plane: createLocalPlane(origin), sizeM };
}

function roundAxial(qf: number, rf: number): [number, number] {
  const sf = -qf - rf;
  let q = Math.round(qf);
  let r = Math.round(rf);
  const s = Math.round(sf);
  const dq = Math.abs(q - qf);
  const dr = Math.abs(r - rf);
  const ds = Math.abs(s - sf);
  if (dq > dr && dq > ds) q = -r - s;
  else if (dr > ds) r = -q - s;
  return [q + 0, r + 0];
}

/** The axial coordinates of the hexagon containing a point. */
export function hexOf(grid: HexGrid, lon: number, lat: number): [number, number] {
  const [x, y] = grid.plane.toMeters(lon, lat);
  return roundAxial(((SQRT3 / 3) * x - y / 3) / grid.sizeM, ((2 / 3) * y) / grid.sizeM);
}

export function hexCenter(grid: HexGrid, q: number, r: number): LonLat {
  return grid.plane.toLonLat(grid.sizeM * SQRT3 * (q + r / 2), grid.sizeM * 1.5 * r);
}

/** The hexagon's six corners, closed (7 positions). */
export function hexPolygon(grid: HexGrid, q: number, r: number): LonLat[] {
  const cx = grid.sizeM * SQRT3 * (q + r / 2);
  const cy = grid.sizeM * 1.5 * r;
  const ring: LonLat[] = [];
  for (let i = 0; i <= 6; i++) {
    const a = ((60 * (i % 6) - 30) * Math.PI) / 180;
    ring.push(grid.plane.toLonLat(cx + grid.sizeM * Math.cos(a), cy + grid.sizeM * Math.sin(a)));
  }
  return ring;
}

/**
 * Counts points per hexagon; bins in first-seen order.
 * @example buildHexBins([[105.37, 28.77], [105.3701, 28.7701]], createHexGrid([105.37, 28.77], 500)) // one bin, count 2
 */
export function buildHexBins(points: Iterable<LonLat>, grid: HexGrid): HexBin[] {
  const bins = new Map<string, { q: number; r: number; count: number }>();
  for (const [lon, lat] of points) {
    const [q, r] = hexOf(grid, lon, lat);
    const key = `${q}:${r}`;
    const bin = bins.get(key);
    if (bin) bin.count++;
    else bins.set(key, { q, r, count: 1 });
  }
  return [...bins].map(([key, { q, r, count }]) => ({
    key,
    count,
    center: hexCenter(grid, q, r),
    polygon: hexPolygon(grid, q, r),
  }));
}
