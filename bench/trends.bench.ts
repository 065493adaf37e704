/**
 * `npm run bench:trends [-- --rounds 60] [--strict]`: how fast the trends API answers on a
 * year of history (target: a year of daily points for the district, index included, p95
 * under 50 ms over HTTP), and how fast history is drawn and live events are folded.
 * Baseline in the same run: GET /health (the HTTP floor) and the bare SQL series read.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createAggregateFolder } from '../live-model/aggregates/createAggregateFolder';
import { addDays, dayKey, startOfDay } from '../live-model/zonedTime';
import { historyIncidents } from '../mock-feeds/historyRhythm';
import { createGateway } from '../stream-gateway/createGateway';
import { buildHistoryTemplate } from '../stream-gateway/history/buildHistoryTemplate';
import { drawHistoryRows } from '../stream-gateway/history/drawHistoryRows';
import { createPlaceLookup } from '../stream-gateway/region/createPlaceLookup';
import { loadRegionPack } from '../stream-gateway/region/loadRegionPack';
import { createSqliteDatabase, createSqliteEventStore } from '../stream-gateway/store/sqliteEventStore';
import { createCachedAggregateStore } from '../stream-gateway/trends/createCachedAggregateStore';
import { loadPeaceIndexConfig } from '../stream-gateway/trends/loadPeaceIndexConfig';
import { createSqliteAggregateStore } from '../stream-gateway/trends/sqliteAggregateStore';
import { trendsFeature } from '../stream-gateway/trends/trendsFeature';
import { alarmRecord } from '../tests/fixtures/feedItems';
import { isStrict, median, percentile, report, round } from './support/benchReport';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 60;
const TZ = 'Asia/Shanghai';
const TOKEN = 'bench-trends-token-0000';
const pack = await loadRegionPack(resolve(import.meta.dirname, '../regions/naxi'));
const places = createPlaceLookup(pack);
const peace = loadPeaceIndexConfig();
if (!peace.ok) throw new Error(peace.reason);
const db = createSqliteDatabase(join(mkdtempSync(join(tmpdir(), 'bench-trends-')), 'wall.db'));
const sqlite = createSqliteAggregateStore(db);
const aggregates = createCachedAggregateStore(sqlite);

// A year and a month of history at the default rate (1 alarm/min before rhythm).
const today = dayKey(Date.now(), TZ);
const first = addDays(today, -400);
let t0 = performance.now();
const template = await buildHistoryTemplate({
  pack,
  places,
  tz: TZ,
  seed: 7,
  alarmsPerHour: 60,
  classes: peace.config.categoryClasses,
  startDay: addDays(first, -14),
});
const templateMs = performance.now() - t0;
t0 = performance.now();
let rowCount = 0;
for (const { rows } of drawHistoryRows({
  template,
  firstDay: first,
  lastDay: addDays(today, -1),
  latestDay: addDays(today, -1),
  anchorDay: today,
  incidents: historyIncidents(pack, today),
  seed: 7,
})) {
  rowCount += rows.size;
  await aggregates.importRows(rows);
}
const drawMs = performance.now() - t0;

// The live fold: events per second through the pure folder.
const folder = createAggregateFolder({ classes: peace.config.categoryClasses, tz: TZ });
const events = Array.from({ length: 50_000 }, (_, i) => ({
  seq: i + 1,
  kind: 'alarm' as const,
  at: new Date(startOfDay(today, TZ) + i * 1000).toISOString(),
  drill: false,
  data: alarmRecord({
    id: `B${i % 20_000}`,
    occurredAt: new Date(startOfDay(today, TZ) + (i % 20_000) * 1000).toISOString(),
    townshipId: '510503001',
    gridId: '510503001-01',
    version: Math.floor(i / 20_000) + 1,
    severity: i % 7 === 0 ? 'red' : 'yellow',
  }),
}));
t0 = performance.now();
for (let i = 0; i < events.length; i += 250) folder.fold(events.slice(i, i + 250));
const foldPerS = events.length / ((performance.now() - t0) / 1000);

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const gateway = await createGateway({
  store: createSqliteEventStore(db),
  places,
  region: 'naxi',
  regionPack: pack,
  tz: TZ,
  logger: silent,
  auth: { authenticate: (t) => (t === TOKEN ? { id: 'bench', role: 'admin', label: 'bench' } : null) },
  tickSeconds: 3600,
  features: [trendsFeature({ aggregates, config: peace.config })],
});
const { url } = await gateway.listen(0, '127.0.0.1');
const headers = { authorization: `Bearer ${TOKEN}` };

async function time(path: string): Promise<{ ms: number[]; points: number; bytes: number }> {
  const ms: number[] = [];
  let points = 0;
  let bytes = 0;
  for (let i = 0; i < rounds + 3; i++) {
    const start = performance.now();
    const res = await fetch(`${url}${path}`, { headers });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${text.slice(0, 200)}`);
    if (i >= 3) ms.push(performance.now() - start);
    const body = JSON.parse(text) as { points?: unknown[]; areas?: unknown[] };
    points = body.points?.length ?? body.areas?.length ?? 0;
    bytes = text.length;
  }
  return { ms, points, bytes };
}

const year = `from=${addDays(today, -365)}&to=${addDays(today, -1)}`;
const cases: [string, string][] = [
  ['baseline: GET /health', 'health'],
  ['year, district, daily', `api/trends?${year}`],
  ['year, district, daily + 环比 + 同比', `api/trends?${year}&compare=1`],
  ['year, district, weekly', `api/trends?${year}&granularity=week`],
  ['year, one township, daily', `api/trends?${year}&area=510503001`],
  ['year, district, one category', `api/trends?${year}&category=${encodeURIComponent('盗窃')}`],
  ['year, all 13 townships ranked', `api/trends/areas?range=${addDays(today, -365)}..${addDays(today, -1)}`],
  ['last 7 days, all 205 grids ranked', 'api/trends/areas?range=last-7-days&level=grid'],
  ['last 4 weeks summary (环比/同比)', 'api/trends/summary?range=last-4-weeks'],
];
const rows: Record<string, string | number>[] = [];
const results = new Map<string, number[]>();
for (const [name, path] of cases) {
  const r = await time(path);
  results.set(name, r.ms);
  rows.push({
    query: name,
    'p50 ms': round(median(r.ms), 2),
    'p95 ms': round(percentile(r.ms, 95), 2),
    points: r.points,
    KB: round(r.bytes / 1024),
  });
}
// The store alone, for the same year: the SQL read (what the cache saves) and the cached read.
const yearQuery = {
  gran: 'day' as const,
  from: addDays(today, -365),
  to: addDays(today, -1),
  area: '',
  category: '',
};
for (const [name, store] of [
  ['baseline: SQL series of the year', sqlite],
  ['cached series of the year', aggregates],
] as const) {
  const ms: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const s = performance.now();
    await store.series(yearQuery);
    ms.push(performance.now() - s);
  }
  rows.push({
    query: name,
    'p50 ms': round(median(ms), 2),
    'p95 ms': round(percentile(ms, 95), 2),
    points: 365,
    KB: 0,
  });
}
await gateway.close();

const yearP95 = percentile(results.get('year, district, daily') ?? [], 95);
const health = median(results.get('baseline: GET /health') ?? []);
console.log(
  `history: template ${round(templateMs)} ms, ${400} days drawn and imported in ${round(drawMs)} ms (${rowCount} rows); live fold ${Math.round(foldPerS)} events/s`,
);
console.log(
  `year query p50 is ${round(median(results.get('year, district, daily') ?? []) / health, 1)}× the /health round trip`,
);
const ok = report(
  'trends',
  rows,
  [
    { name: 'year of daily district points, p95', value: yearP95, max: 50, unit: 'ms' },
    {
      name: 'year of all townships ranked, p95',
      value: percentile(results.get('year, all 13 townships ranked') ?? [], 95),
      max: 50,
      unit: 'ms',
    },
    { name: 'live fold rate', value: foldPerS, min: 20_000, unit: 'events/s' },
  ],
  { templateMs, drawMs, rowCount, foldPerS, rounds },
);
if (isStrict() && !ok) process.exit(1);
process.exit(0);
