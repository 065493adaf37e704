/**
 * Fast point location in a region pack: which township and grid an alarm falls in.
 * Called for every incoming alarm, so polygons are compiled once into flat typed arrays
 * and bucketed in a uniform hash over the pack's bounding box; a query tests only the few
 * polygons whose bounding box overlaps its hash cell (≈1 µs per call for ~500 grids).
 */
import { polygonsOf } from './geometry';
import type {
  AreaGeometry,
  BBox,
  Feature,
  GridProperties,
  Place,
  RegionLocation,
  RegionPack,
  TownshipProperties,
} from './types';

export interface RegionIndex {
  /** Township and grid containing the point (pack CRS), or null outside every grid. */
  locate(lon: number, lat: number): RegionLocation | null;
  /** Whether the point lies inside the district outline. */
  isInsideOutline(lon: number, lat: number): boolean;
  township(id: string): Feature<TownshipProperties> | undefined;
  grid(id: string): Feature<GridProperties> | undefined;
  place(id: string): Place | undefined;
  /** Bounding box of the outline. */
  readonly bbox: BBox;
}

/**
 * Points that fall in no grid but are inside the outline and within this distance of a
 * grid edge (in degrees, ≈ 50 m) go to that grid: rounding to 6 decimals leaves hairline
 * slivers between neighbouring polygons.
 */
const SLIVER_TOLERANCE_DEG = 0.0005;

interface CompiledLayer {
  /** Polygon parts: bbox per part, 4 numbers each. */
  boxes: Float64Array;
  /** All ring vertices of all parts, x,y interleaved. */
  coords: Float64Array;
  /** Per part: index into `ringEnds` of its first ring, and one past its last ring. */
  partRings: Int32Array;
  /** Per ring: one past its last vertex (vertex index, not coordinate index). */
  ringEnds: Int32Array;
  /** Per part: index of the feature it belongs to. */
  owner: Int32Array;
  /** Uniform hash: cell → parts, CSR layout. */
  minX: number;
  minY: number;
  cellW: number;
  cellH: number;
  nx: number;
  ny: number;
  cellStart: Int32Array;
  cellItems: Int32Array;
}

function compileLayer(geometries: AreaGeometry[], targetCells: number): CompiledLayer {
  const boxes: number[] = [];
  const coords: number[] = [];
  const partRings: number[] = [0];
  const ringEnds: number[] = [];
  const owner: number[] = [];
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  geometries.forEach((g, featureIndex) => {
    for (const poly of polygonsOf(g)) {
      let bx0 = Number.POSITIVE_INFINITY;
      let by0 = Number.POSITIVE_INFINITY;
      let bx1 = Number.NEGATIVE_INFINITY;
      let by1 = Number.NEGATIVE_INFINITY;
      for (const ring of poly) {
        for (const [x, y] of ring) {
          coords.push(x, y);
          if (x < bx0) bx0 = x;
          if (x > bx1) bx1 = x;
          if (y < by0) by0 = y;
          if (y > by1) by1 = y;
        }
        ringEnds.push(coords.length / 2);
      }
      partRings.push(ringEnds.length);
      boxes.push(bx0, by0, bx1, by1);
      owner.push(featureIndex);
      if (bx0 < minX) minX = bx0;
      if (by0 < minY) minY = by0;
      if (bx1 > maxX) maxX = bx1;
      if (by1 > maxY) maxY = by1;
    }
  });
  const nParts = owner.length;
  if (nParts === 0) {
    minX = 0;
    minY = 0;
    maxX = 0;
    maxY = 0;
  }
  const w = Math.max(maxX - minX, 1e-9);
  const h = Math.max(maxY - minY, 1e-9);
  const cells = Math.max(1, Math.min(262_144, targetCells));
  const nx = Math.max(1, Math.min(512, Math.round(Math.sqrt((cells * w) / h))));
  const ny = Math.max(1, Math.min(512, Math.round(cells / nx)));
  const cellW = w / nx;
  const cellH = h / ny;
  const cellCount = new Int32Array(nx * ny + 1);
  const cellRange = (p: number): [number, number, number, number] => {
    const x0 = Math.max(0, Math.min(nx - 1, Math.floor(((boxes[p * 4] as number) - minX) / cellW)));
    const y0 = Math.max(0, Math.min(ny - 1, Math.floor(((boxes[p * 4 + 1] as number) - minY) / cellH)));
    const x1 = Math.max(0, Math.min(nx - 1, Math.floor(((boxes[p * 4 + 2] as number) - minX) / cellW)));
    const y1 = Math.max(0, Math.min(ny - 1, Math.floor(((boxes[p * 4 + 3] as number) - minY) / cellH)));
    return [x0, y0, x1, y1];
  };
  for (let p = 0; p < nParts; p++) {
    const [x0, y0, x1, y1] = cellRange(p);
    for (let cy = y0; cy <= y1; cy++) {
      for (let cx = x0; cx <= x1; cx++) {
        const c = cy * nx + cx + 1;
        cellCount[c] = (cellCount[c] as number) + 1;
      }
    }
  }
  for (let i = 1; i <= nx * ny; i++) cellCount[i] = (cellCount[i] as number) + (cellCount[i - 1] as number);
  const cellStart = cellCount;
  const fill = cellStart.slice(0, nx * ny);
  const cellItems = new Int32Array(cellStart[nx * ny] as number);
  for (let p = 0; p < nParts; p++) {
    const [x0, y0, x1, y1] = cellRange(p);
    for (let cy = y0; cy <= y1; cy++) {
      for (let cx = x0; cx <= x1; cx++) {
        const c = cy * nx + cx;
        cellItems[fill[c] as number] = p;
        fill[c] = (fill[c] as number) + 1;
      }
    }
  }
  return {
    boxes: Float64Array.from(boxes),
    coords: Float64Array.from(coords),
    partRings: Int32Array.from(partRings),
    ringEnds: Int32Array.from(ringEnds),
    owner: Int32Array.from(owner),
    minX,
    minY,
    cellW,
    cellH,
    nx,
    ny,
    cellStart,
    cellItems,
  };
}

/** Hash cell of a point, or -1 outside the layer's bounding box. */
function cellOf(L: CompiledLayer, x: number, y: number): number {
  const fx = (x - L.minX) / L.cellW;
  const fy = (y - L.minY) / L.cellH;
  if (!(fx >= 0 && fy >= 0 && fx <= L.nx && fy <= L.ny)) return -1; // also rejects NaN
  const cx = Math.min(L.nx - 1, Math.floor(fx));
  const cy = Math.min(L.ny - 1, Math.floor(fy));
  return cy * L.nx + cx;
}

/** First vertex index of a part's first ring. */
function ringStart(L: CompiledLayer, p: number): number {
  const r0 = L.partRings[p] as number;
  return r0 > 0 ? (L.ringEnds[r0 - 1] as number) : 0;
}

function partContains(L: CompiledLayer, p: number, x: number, y: number): boolean {
  const b = L.boxes;
  const o = p * 4;
  if (
    x < (b[o] as number) ||
    y < (b[o + 1] as number) ||
    x > (b[o + 2] as number) ||
    y > (b[o + 3] as number)
  )
    return false;
  const c = L.coords;
  const re = L.ringEnds;
  let inside = false;
  let start = ringStart(L, p);
  for (let r = L.partRings[p] as number, rEnd = L.partRings[p + 1] as number; r < rEnd; r++) {
    const end = re[r] as number;
    for (let i = start, j = end - 1; i < end; j = i++) {
      const yi = c[2 * i + 1] as number;
      const yj = c[2 * j + 1] as number;
      if (yi > y !== yj > y) {
        const xi = c[2 * i] as number;
        const xj = c[2 * j] as number;
        if (x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
    start = end;
  }
  return inside;
}

/** Distance (degrees, longitude scaled by cos(lat)) from a point to a part's edges. */
function partEdgeDistance(L: CompiledLayer, p: number, x: number, y: number): number {
  const k = Math.cos((y * Math.PI) / 180);
  const c = L.coords;
  const re = L.ringEnds;
  let best = Number.POSITIVE_INFINITY;
  let start = ringStart(L, p);
  for (let r = L.partRings[p] as number, rEnd = L.partRings[p + 1] as number; r < rEnd; r++) {
    const end = re[r] as number;
    for (let i = start + 1; i < end; i++) {
      const ax = (c[2 * i - 2] as number) * k;
      const ay = c[2 * i - 1] as number;
      const bx = (c[2 * i] as number) * k;
      const by = c[2 * i + 1] as number;
      const px = x * k;
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (y - ay) * dy) / len2));
      const d = Math.hypot(px - (ax + t * dx), y - (ay + t * dy));
      if (d < best) best = d;
    }
    start = end;
  }
  return best;
}

function findPart(L: CompiledLayer, x: number, y: number): number {
  const cell = cellOf(L, x, y);
  if (cell < 0) return -1;
  const items = L.cellItems;
  for (let i = L.cellStart[cell] as number, end = L.cellStart[cell + 1] as number; i < end; i++) {
    const p = items[i] as number;
    if (partContains(L, p, x, y)) return p;
  }
  return -1;
}

/**
 * Build the point-location index of a pack. Queries use the pack's own CRS: index the
 * WGS-84 pack (as returned by the gateway loader) to locate WGS-84 positions.
 */
export function createRegionIndex(pack: RegionPack): RegionIndex {
  const grids = pack.grids.features;
  const gridLayer = compileLayer(
    grids.map((f) => f.geometry),
    Math.max(256, grids.length * 8),
  );
  const outlineLayer = compileLayer(
    pack.outline.features.map((f) => f.geometry),
    1024,
  );
  const locations: RegionLocation[] = grids.map((f) =>
    Object.freeze({ townshipId: f.properties.townshipId, gridId: f.properties.id }),
  );
  const townships = new Map(pack.townships.features.map((f) => [f.properties.id, f]));
  const gridById = new Map(grids.map((f) => [f.properties.id, f]));
  const places = new Map(pack.places.map((p) => [p.id, p]));

  const isInsideOutline = (lon: number, lat: number): boolean => findPart(outlineLayer, lon, lat) >= 0;

  const locate = (lon: number, lat: number): RegionLocation | null => {
    const p = findPart(gridLayer, lon, lat);
    if (p >= 0) return locations[gridLayer.owner[p] as number] ?? null;
    // Hairline slivers from coordinate rounding: nearest grid edge within tolerance.
    const cell = cellOf(gridLayer, lon, lat);
    if (cell < 0 || !isInsideOutline(lon, lat)) return null;
    let best = -1;
    let bestD = SLIVER_TOLERANCE_DEG;
    for (let i = gridLayer.cellStart[cell] as number; i < (gridLayer.cellStart[cell + 1] as number); i++) {
      const q = gridLayer.cellItems[i] as number;
      const d = partEdgeDistance(gridLayer, q, lon, lat);
      if (d < bestD) {
        bestD = d;
        best = q;
      }
    }
    return best >= 0 ? (locations[gridLayer.owner[best] as number] ?? null) : null;
  };

  const ob = outlineLayer.boxes;
  let bbox: BBox = [0, 0, 0, 0];
  if (ob.length >= 4) {
    bbox = [
      Number.POSITIVE_INFINITY,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ];
    for (let i = 0; i < ob.length; i += 4) {
      bbox = [
        Math.min(bbox[0], ob[i] as number),
        Math.min(bbox[1], ob[i + 1] as number),
        Math.max(bbox[2], ob[i + 2] as number),
        Math.max(bbox[3], ob[i + 3] as number),
      ];
    }
  }

  return {
    locate,
    isInsideOutline,
    township: (id) => townships.get(id),
    grid: (id) => gridById.get(id),
    place: (id) => places.get(id),
    bbox,
  };
}
