/**
 * Load a region pack folder (`regions/<id>/`): read the five files, validate them with
 * zod, check cross-references, and convert to WGS-84 when the pack declares GCJ-02 or
 * BD-09. A broken pack fails with one line that names the file and the feature, e.g.
 * `region pack regions/foo: grids.geojson feature 3 has no townshipId`.
 *
 * A centre may supply its own pack from its GIS department; fields that such data often
 * lacks get defaults: `nameEn` (= name), `generated` (false), `notice` (''), township
 * `seat` (a point inside the township), region `center`, `bbox` and `population`.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { bboxOf, representativePoint } from '../../live-model/region/geometry';
import { toWgs84Pack } from '../../live-model/region/toWgs84Pack';
import {
  type AreaGeometry,
  type Feature,
  type GridProperties,
  type LonLat,
  PLACE_KINDS,
  type Place,
  type RegionMeta,
  type RegionPack,
  type TownshipProperties,
} from '../../live-model/region/types';

export const REGION_PACK_FILES = [
  'region.json',
  'outline.geojson',
  'townships.geojson',
  'grids.geojson',
  'places.json',
] as const;
export type RegionPackFileName = (typeof REGION_PACK_FILES)[number];

/** A pack that cannot be used; `message` is one line. */
export class RegionPackError extends Error {
  override name = 'RegionPackError';
}

export interface LoadRegionPackOptions {
  /** Keep the pack's own CRS instead of converting to WGS-84 (tools, map previews). */
  keepCrs?: boolean;
}

// ---------------------------------------------------------------------------------------
// Schemas

const Lon = z.number().finite().min(-180).max(180);
const Lat = z.number().finite().min(-90).max(90);
/** `[lon, lat]`, an optional altitude is accepted and dropped. */
const Position = z
  .tuple([Lon, Lat])
  .rest(z.number())
  .transform((p): LonLat => [p[0], p[1]]);
const LinearRing = z.array(Position).min(4, 'a ring needs at least 4 positions');
const Geometry = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('Polygon'), coordinates: z.array(LinearRing).min(1) }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(LinearRing).min(1)).min(1) }),
  ],
  { error: 'geometry must be a Polygon or MultiPolygon' },
);
const Id = z.string().trim().min(1, 'is empty').max(64);
const Population = z.number().finite().min(0);

function collection<P extends z.ZodType>(properties: P) {
  return z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(z.object({ type: z.literal('Feature'), properties, geometry: Geometry })),
  });
}

const RegionSchema = z.object({
  id: Id,
  name: z.string().min(1),
  nameEn: z.string().optional(),
  adcode: z.union([z.string(), z.number().int().transform(String)]),
  city: z.string().default(''),
  crs: z.enum(['WGS84', 'GCJ02', 'BD09']),
  generated: z.boolean().default(false),
  notice: z.string().default(''),
  center: Position.optional(),
  bbox: z.tuple([Lon, Lat, Lon, Lat]).optional(),
  population: Population.optional(),
});

const OutlineSchema = collection(
  z
    .looseObject({})
    .nullable()
    .transform((p): Record<string, unknown> => p ?? {}),
).refine((fc) => fc.features.length > 0, {
  message: 'has no features',
  path: ['features'],
});

const TownshipsSchema = collection(
  z.looseObject({
    id: Id,
    name: z.string().min(1),
    nameEn: z.string().optional(),
    population: Population,
    seat: Position.optional(),
    generated: z.boolean().default(false),
  }),
);

const GridsSchema = collection(
  z.looseObject({
    id: Id,
    name: z.string().min(1),
    townshipId: Id,
    population: Population,
    generated: z.boolean().default(false),
  }),
);

const PlacesSchema = z.array(
  z.looseObject({
    id: Id,
    name: z.string().min(1),
    nameEn: z.string().optional(),
    kind: z.enum(PLACE_KINDS),
    townshipId: Id,
    gridId: Id,
    lon: Lon,
    lat: Lat,
  }),
);

// ---------------------------------------------------------------------------------------
// One-line reasons

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** `grids.geojson feature 3 has no townshipId`, `places.json place 7 kind: …`. */
function describeIssue(file: RegionPackFileName, raw: unknown, issue: z.core.$ZodIssue): string {
  const path = issue.path;
  const message = issue.message.replace(/^Invalid input: /, '');
  let where: string = file;
  let rest: PropertyKey[] = [...path];
  if (file.endsWith('.geojson') && path[0] === 'features' && typeof path[1] === 'number') {
    const id = valueAt(raw, ['features', path[1], 'properties', 'id']);
    where = `${file} feature ${path[1]}${typeof id === 'string' && id ? ` (${id})` : ''}`;
    rest = path.slice(2);
    if (rest[0] === 'properties' && rest.length > 1) rest = rest.slice(1);
  } else if (file === 'places.json' && typeof path[0] === 'number') {
    const id = valueAt(raw, [path[0], 'id']);
    where = `${file} place ${path[0]}${typeof id === 'string' && id ? ` (${id})` : ''}`;
    rest = path.slice(1);
  }
  const last = path[path.length - 1];
  const parent = valueAt(raw, path.slice(0, -1));
  const missing =
    issue.code === 'invalid_type' &&
    rest.length > 0 &&
    parent !== null &&
    typeof parent === 'object' &&
    !Array.isArray(parent) &&
    valueAt(raw, path) === undefined;
  if (missing) {
    const owner = rest.slice(0, -1).map(String).join('.');
    return `${where}${owner ? ` ${owner}` : ''} has no ${String(last)}`;
  }
  const at = rest.length > 0 ? ` ${rest.map(String).join('.')}` : '';
  return `${where}${at}: ${message}`;
}

function parseWith<S extends z.ZodType>(
  schema: S,
  file: RegionPackFileName,
  text: string,
  fail: (reason: string) => never,
): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    fail(`${file} is not valid JSON (${(e as Error).message.split('\n')[0]})`);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues;
    const first = issues[0];
    const more = issues.length > 1 ? ` (+${issues.length - 1} more)` : '';
    fail(first ? `${describeIssue(file, raw, first)}${more}` : `${file} is invalid`);
  }
  return result.data;
}

// ---------------------------------------------------------------------------------------
// Parse

/**
 * Validate the texts of a pack's five files. `label` names the pack in error messages
 * (`region pack <label>: …`). Returns the pack in its own CRS.
 */
export function parseRegionPack(label: string, texts: Record<RegionPackFileName, string>): RegionPack {
  const fail: (reason: string) => never = (reason) => {
    throw new RegionPackError(`region pack ${label}: ${reason}`.replace(/\s*\n\s*/g, ' '));
  };
  const region = parseWith(RegionSchema, 'region.json', texts['region.json'], fail);
  const outline = parseWith(OutlineSchema, 'outline.geojson', texts['outline.geojson'], fail);
  const townshipsRaw = parseWith(TownshipsSchema, 'townships.geojson', texts['townships.geojson'], fail);
  const gridsRaw = parseWith(GridsSchema, 'grids.geojson', texts['grids.geojson'], fail);
  const placesRaw = parseWith(PlacesSchema, 'places.json', texts['places.json'], fail);

  if (townshipsRaw.features.length === 0) fail('townships.geojson has no features');
  if (gridsRaw.features.length === 0) fail('grids.geojson has no features');

  const townshipIds = new Map<string, number>();
  const townships: Feature<TownshipProperties>[] = townshipsRaw.features.map((f, i) => {
    const p = f.properties;
    if (townshipIds.has(p.id)) fail(`townships.geojson feature ${i} repeats id ${p.id}`);
    townshipIds.set(p.id, i);
    const geometry = f.geometry as AreaGeometry;
    return {
      type: 'Feature',
      properties: {
        ...p,
        id: p.id,
        name: p.name,
        nameEn: p.nameEn ?? p.name,
        population: p.population,
        seat: p.seat ?? representativePoint(geometry),
        generated: p.generated,
      },
      geometry,
    };
  });

  const gridTownship = new Map<string, string>();
  const grids: Feature<GridProperties>[] = gridsRaw.features.map((f, i) => {
    const p = f.properties;
    if (gridTownship.has(p.id)) fail(`grids.geojson feature ${i} repeats id ${p.id}`);
    if (!townshipIds.has(p.townshipId))
      fail(`grids.geojson feature ${i} (${p.id}) names township ${p.townshipId}, not in townships.geojson`);
    gridTownship.set(p.id, p.townshipId);
    return {
      type: 'Feature',
      properties: { ...p, id: p.id, name: p.name, townshipId: p.townshipId, population: p.population },
      geometry: f.geometry as AreaGeometry,
    };
  });

  const placeIds = new Set<string>();
  const places: Place[] = placesRaw.map((p, i) => {
    if (placeIds.has(p.id)) fail(`places.json place ${i} repeats id ${p.id}`);
    placeIds.add(p.id);
    const owner = gridTownship.get(p.gridId);
    if (owner === undefined)
      fail(`places.json place ${i} (${p.id}) names grid ${p.gridId}, not in grids.geojson`);
    if (owner !== p.townshipId)
      fail(
        `places.json place ${i} (${p.id}) names township ${p.townshipId} but grid ${p.gridId} is in ${owner}`,
      );
    return { ...p, nameEn: p.nameEn ?? p.name };
  });

  const outlineFeatures = outline.features.map((f) => ({
    type: 'Feature' as const,
    properties: f.properties,
    geometry: f.geometry as AreaGeometry,
  }));
  const meta: RegionMeta = {
    id: region.id,
    name: region.name,
    nameEn: region.nameEn ?? region.name,
    adcode: region.adcode,
    city: region.city,
    crs: region.crs,
    generated: region.generated,
    notice: region.notice,
    center: region.center ?? representativePoint((outlineFeatures[0] as { geometry: AreaGeometry }).geometry),
    bbox: region.bbox ?? bboxOf(outlineFeatures.map((f) => f.geometry)),
    population: region.population ?? townships.reduce((s, t) => s + t.properties.population, 0),
  };

  return {
    region: meta,
    outline: { type: 'FeatureCollection', features: outlineFeatures },
    townships: { type: 'FeatureCollection', features: townships },
    grids: { type: 'FeatureCollection', features: grids },
    places,
  };
}

// ---------------------------------------------------------------------------------------
// Load from disk

function labelFor(dir: string): string {
  const rel = relative(process.cwd(), resolve(dir));
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : dir;
}

function finish(pack: RegionPack, options: LoadRegionPackOptions | undefined): RegionPack {
  return options?.keepCrs ? pack : toWgs84Pack(pack);
}

function readError(label: string, file: string, e: unknown): RegionPackError {
  const code = (e as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT' ? `missing ${file}` : `cannot read ${file} (${code ?? (e as Error).message})`;
  return new RegionPackError(`region pack ${label}: ${reason}`);
}

/**
 * Read, validate and (unless `keepCrs`) convert to WGS-84 the pack in `dir`.
 * @throws RegionPackError with a one-line reason.
 */
export async function loadRegionPack(dir: string, options?: LoadRegionPackOptions): Promise<RegionPack> {
  const label = labelFor(dir);
  const texts = {} as Record<RegionPackFileName, string>;
  for (const file of REGION_PACK_FILES) {
    try {
      texts[file] = await readFile(join(dir, file), 'utf8');
    } catch (e) {
      throw readError(label, file, e);
    }
  }
  return finish(parseRegionPack(label, texts), options);
}

/** Synchronous `loadRegionPack`, for start-up code and scripts. */
export function loadRegionPackSync(dir: string, options?: LoadRegionPackOptions): RegionPack {
  const label = labelFor(dir);
  const texts = {} as Record<RegionPackFileName, string>;
  for (const file of REGION_PACK_FILES) {
    try {
      texts[file] = readFileSync(join(dir, file), 'utf8');
    } catch (e) {
      throw readError(label, file, e);
    }
  }
  return finish(parseRegionPack(label, texts), options);
}
