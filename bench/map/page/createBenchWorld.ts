/**
 * A synthetic district for the map benchmark, the same for the same seed: a region pack of
 * rectangular grids over Naxi's box, a live model with N incidents (alarms and cases) and M
 * cameras, and a stream of point changes shaped like the gateway's deltas: per 1,000 changes,
 * 250 new alarms, 250 old alarms leaving, 300 acknowledgements of recent alarms, 100 case
 * updates anywhere, 100 camera status changes. (Risk changes are area repaints, not points:
 * `riskPerBatch` adds some when wanted.)
 */

import { createEmptyModel } from '../../../live-model/createEmptyModel';
import type {
  Feature,
  GridProperties,
  RegionPack,
  TownshipProperties,
} from '../../../live-model/region/types';
import { emptyRiskCounts } from '../../../live-model/risk/rateRisk';
import { createRandom, type Random } from '../../../mock-feeds/createRandom';
import type { AlarmRecord, CameraRecord, CaseRecord, LiveModel } from '../../../protocol/liveModel';
import type { Change } from '../../../protocol/messages';
import type { AreaRisk, RiskLevel } from '../../../protocol/risk';
import type { Severity } from '../../../protocol/schemas';

export interface BenchSize {
  points: number;
  cameras: number;
  grids: number;
}

const BBOX = [105.1675, 28.445768, 105.626575, 28.842341] as const;
const CASE_SHARE = 0.1;

function rect(x0: number, y0: number, x1: number, y1: number) {
  return {
    type: 'Polygon' as const,
    coordinates: [
      [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ] as [number, number][],
    ],
  };
}

/** A pack of `grids` rectangles (cols × rows ≈ 5 : 4), 25 townships of blocks of them. */
export function createBenchPack(grids: number): RegionPack {
  const cols = Math.max(5, Math.round(Math.sqrt((grids * 5) / 4)));
  const rows = Math.max(5, Math.ceil(grids / cols));
  const [x0, y0, x1, y1] = BBOX;
  const w = (x1 - x0) / cols;
  const h = (y1 - y0) / rows;
  const tCols = 5;
  const tRows = 5;
  const townshipOf = (c: number, r: number) =>
    `T${Math.min(tCols - 1, Math.floor((c * tCols) / cols))}${Math.min(tRows - 1, Math.floor((r * tRows) / rows))}`;
  const gridFeatures: Feature<GridProperties>[] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols && gridFeatures.length < grids; c++)
      gridFeatures.push({
        type: 'Feature',
        properties: {
          id: `G${c}-${r}`,
          name: `网格${c}-${r}`,
          townshipId: townshipOf(c, r),
          population: 2000,
          generated: true,
        },
        geometry: rect(x0 + c * w, y0 + r * h, x0 + (c + 1) * w, y0 + (r + 1) * h),
      });
  const townships: Feature<TownshipProperties>[] = [];
  for (let tc = 0; tc < tCols; tc++)
    for (let tr = 0; tr < tRows; tr++) {
      const tx0 = x0 + ((x1 - x0) * tc) / tCols;
      const ty0 = y0 + ((y1 - y0) * tr) / tRows;
      const tx1 = x0 + ((x1 - x0) * (tc + 1)) / tCols;
      const ty1 = y0 + ((y1 - y0) * (tr + 1)) / tRows;
      townships.push({
        type: 'Feature',
        properties: {
          id: `T${tc}${tr}`,
          name: `测试镇${tc}${tr}`,
          nameEn: `Town ${tc}${tr}`,
          population: 20000,
          seat: [(tx0 + tx1) / 2, (ty0 + ty1) / 2],
          generated: true,
        },
        geometry: rect(tx0, ty0, tx1, ty1),
      });
    }
  return {
    region: {
      id: 'bench',
      name: '基准测试区',
      nameEn: 'Benchmark district',
      adcode: '000000',
      city: '—',
      crs: 'WGS84',
      generated: true,
      notice: '基准测试用的合成数据 / synthetic benchmark data',
      center: [(x0 + x1) / 2, (y0 + y1) / 2],
      bbox: [...BBOX],
      population: 1_000_000,
    },
    outline: {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: {}, geometry: rect(...BBOX) }],
    },
    townships: { type: 'FeatureCollection', features: townships },
    grids: { type: 'FeatureCollection', features: gridFeatures },
    places: [],
  };
}

export interface BenchWorld {
  pack: RegionPack;
  model: LiveModel;
  /** The next batch of changes at `nowMs`, applied to `model` (tables mutated in place). */
  nextBatch(size: number, nowMs: number, riskChanges?: number): Change[];
}

const SEVERITY_MIX = [
  ['red', 15],
  ['yellow', 35],
  ['green', 50],
] as const;

export function createBenchWorld(size: BenchSize, seed: number, nowMs: number): BenchWorld {
  const random = createRandom(seed);
  const pack = createBenchPack(size.grids);
  const grids = pack.grids.features.map((f) => f.properties);
  const [x0, y0, x1, y1] = BBOX;
  const place = (r: Random) => {
    const lon = x0 + r.next() * (x1 - x0);
    const lat = y0 + r.next() * (y1 - y0);
    const g = r.pick(grids);
    return { lon, lat, gridId: g.id, townshipId: g.townshipId };
  };
  const iso = (ms: number) => new Date(ms).toISOString();
  let serial = 0;
  const alarm = (atMs: number, state: AlarmRecord['state']): AlarmRecord => {
    serial++;
    return {
      id: `B-${serial}`,
      occurredAt: iso(atMs),
      receivedAt: iso(atMs),
      channel: 'video-analytics',
      category: '人员聚集',
      severity: random.weighted(SEVERITY_MIX) as Severity,
      ...place(random),
      text: '',
      state,
      version: 1,
      flags: [],
    };
  };
  const alarms: Record<string, AlarmRecord> = {};
  const order: string[] = [];
  const nCases = Math.round(size.points * CASE_SHARE);
  for (let i = 0; i < size.points - nCases; i++) {
    const a = alarm(nowMs - random.next() * 24 * 3_600_000, random.chance(0.9) ? 'closed' : 'acknowledged');
    alarms[a.id] = a;
    order.push(a.id);
  }
  const cases: Record<string, CaseRecord> = {};
  const caseIds: string[] = [];
  for (let i = 0; i < nCases; i++) {
    const received = nowMs - random.next() * 40 * 3_600_000;
    const c: CaseRecord = {
      id: `C-${i}`,
      category: 'neighbour',
      channel: 'one-window',
      ...place(random),
      risk: random.weighted(SEVERITY_MIX) as Severity,
      status: 'triaged',
      receivedAt: iso(received),
      firstResponseDue: iso(received + 2 * 3_600_000),
      feedbackDue: iso(received + 48 * 3_600_000),
      firstRespondedAt: iso(received + 30 * 60_000),
      parties: [],
      summary: '',
      version: 1,
      flags: [],
    };
    cases[c.id] = c;
    caseIds.push(c.id);
  }
  const cameras: Record<string, CameraRecord> = {};
  const cameraIds: string[] = [];
  for (let i = 0; i < size.cameras; i++) {
    const { lon, lat, gridId, townshipId } = place(random);
    const cam: CameraRecord = {
      id: `K-${i}`,
      name: `摄像机${i}`,
      lon,
      lat,
      gridId,
      townshipId,
      kind: 'fixed',
      heading: random.int(0, 359),
      fov: 60,
      status: random.weighted([
        ['online', 90],
        ['offline', 7],
        ['fault', 3],
      ] as const),
      source: 'bench',
      updatedAt: iso(nowMs),
      flags: [],
    };
    cameras[cam.id] = cam;
    cameraIds.push(cam.id);
  }
  const risk: Record<string, AreaRisk> = {};
  const levelOf = (r: Random): RiskLevel =>
    r.weighted([
      ['red', 5],
      ['yellow', 15],
      ['green', 80],
    ] as const);
  const riskRecord = (kind: 'grid' | 'township', areaId: string, level: RiskLevel): AreaRisk => ({
    id: `${kind}:${areaId}`,
    kind,
    areaId,
    level,
    points: level === 'red' ? 16 : level === 'yellow' ? 7 : 1,
    counts: { ...emptyRiskCounts(), yellowAlarms: level === 'green' ? 1 : 7 },
    reasons: [],
    matters: {},
  });
  for (const g of grids) risk[`grid:${g.id}`] = riskRecord('grid', g.id, levelOf(random));
  for (const t of pack.townships.features)
    risk[`township:${t.properties.id}`] = riskRecord('township', t.properties.id, levelOf(random));
  const model: LiveModel = {
    ...createEmptyModel(),
    asOf: iso(nowMs),
    cameras,
    alarms,
    cases,
    risk,
  };

  let oldest = 0;
  const nextBatch = (n: number, at: number, riskChanges = 0): Change[] => {
    const changes: Change[] = [];
    const quota = (share: number) => Math.max(1, Math.round(n * share));
    for (let i = 0; i < quota(0.25); i++) {
      const a = alarm(at, 'new');
      alarms[a.id] = a;
      order.push(a.id);
      changes.push({ collection: 'alarms', id: a.id, value: a });
    }
    for (let i = 0; i < quota(0.25) && oldest < order.length; i++) {
      const id = order[oldest++] as string;
      delete alarms[id];
      changes.push({ collection: 'alarms', id, value: null });
    }
    for (let i = 0; i < quota(0.3); i++) {
      const id = order[Math.max(oldest, order.length - 1 - random.int(0, 4999))] as string;
      const a = alarms[id];
      if (!a) continue;
      const next: AlarmRecord = {
        ...a,
        state: a.state === 'new' ? 'acknowledged' : 'closed',
        version: a.version + 1,
      };
      alarms[id] = next;
      changes.push({ collection: 'alarms', id, value: next });
    }
    for (let i = 0; i < quota(0.1); i++) {
      const id = random.pick(caseIds);
      const c = cases[id] as CaseRecord;
      const next: CaseRecord = {
        ...c,
        status: c.status === 'triaged' ? 'in-mediation' : 'triaged',
        version: c.version + 1,
      };
      cases[id] = next;
      changes.push({ collection: 'cases', id, value: next });
    }
    for (let i = 0; i < quota(0.1); i++) {
      const id = random.pick(cameraIds);
      const cam = cameras[id] as CameraRecord;
      const next: CameraRecord = {
        ...cam,
        status: cam.status === 'online' ? 'offline' : 'online',
        updatedAt: iso(at),
      };
      cameras[id] = next;
      changes.push({ collection: 'cameras', id, value: next });
    }
    for (let i = 0; i < riskChanges; i++) {
      const g = random.pick(grids);
      const r = riskRecord('grid', g.id, levelOf(random));
      risk[r.id] = r;
      changes.push({ collection: 'risk', id: r.id, value: r });
    }
    return changes;
  };
  return { pack, model, nextBatch };
}
