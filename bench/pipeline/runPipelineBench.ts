/**
 * `npm run bench [-- --runs 3 --seconds 8 --strict]`: the pipeline benchmark. On loopback, in
 * one run, with 1, 10 and 100 real socket.io clients:
 * - the full pipeline: the real gateway (`stream-gateway/main.ts`, SQLite store, all its
 *   features) as a child process of its own, a feed child process posting new alarms to
 *   `POST /ingest/alarms` (ingest → validate → reduce → persist → publish), first at a fixed
 *   2,000 events/s, then as fast as the gateway takes them (saturation);
 * - the raw baseline: a plain Socket.IO server child process broadcasting, as fast as the
 *   sockets drain, a pre-serialised real delta of the saturated pipeline at the same client
 *   count (same message size).
 * The clients live in this process, so each server process is measured alone. Reports ingest
 * events/s, delivered events/s (alarm changes received, all clients summed), feed-to-client
 * latency p50/p95/p99 (red alarms apart), the gateway's RSS and CPU, and pipeline over raw.
 * Each figure is the median of `--runs` runs (the machine is shared). Prints a table, writes
 * bench/results/latest.json; `--strict` exits 1 when a target is missed.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { clientSourceHash } from '../../stream-gateway/ensureClientBuild';
import {
  type GatewayProcess,
  startGatewayProcess,
  TEST_ADMIN_TOKEN,
  tempDataDir,
} from '../../tests/support/gatewayProcess';
import { isStrict, median, percentile, report, round } from '../support/benchReport';
import { connectBenchClients, type Tally } from './benchClients';
import { nowMs } from './benchClock';
import type { FeedCommand, FeedResult } from './feeder';
import type { BlastCommand, BlastResult } from './rawServer';

const ROOT = resolve(import.meta.dirname, '../..');
// One gateway on the embedded SQLite store: what the targets are about.
delete process.env.DATABASE_URL;
delete process.env.REDIS_URL;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}
const RUNS = arg('runs', 3);
const SECONDS = arg('seconds', 5);
/** The whole bench stays within 10 minutes: no further run starts that would not end within this. */
const BUDGET_MS = 9 * 60_000;
const CLIENTS = (process.argv[process.argv.indexOf('--clients') + 1] ?? '')
  .split(',')
  .map(Number)
  .filter((n) => process.argv.includes('--clients') && Number.isInteger(n) && n > 0);
if (CLIENTS.length === 0) CLIENTS.push(1, 10, 100);
const MODERATE_RATE = 2000;
const RED_EVERY = 20;
/** Alarms in the district's live model (a busy week); the feed cycles through them. */
const POOL = 10_000;
const WARMUP_MS = 1000;
const PROFILE = process.argv.includes('--cpu-prof');

/** A child process running a TypeScript file, spoken to over IPC, one request at a time. */
function forkTs(file: string) {
  const child = fork(join(import.meta.dirname, file), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  return {
    child,
    ask<T>(message: object): Promise<T> {
      const answer = once(child, 'message').then(([m]) => m as T);
      child.send(message);
      return answer;
    },
    line(pattern: RegExp): Promise<RegExpMatchArray> {
      return new Promise((resolveLine, reject) => {
        let out = '';
        child.stdout?.on('data', (c: Buffer) => {
          out += c.toString();
          const m = out.match(pattern);
          if (m) resolveLine(m);
        });
        child.once('exit', (code) => reject(new Error(`${file} exited (${code})`)));
      });
    },
    stop() {
      child.disconnect();
    },
  };
}

/** The gateway's resident memory and CPU time, from /proc (Linux). */
function processStats(pid: number): { rssMb: number; cpuS: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? Number.NaN);
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { rssMb: rssKb / 1024, cpuS: ticks / 100 };
}

function cpuPctSince(start: NodeJS.CpuUsage, seconds: number): number {
  const used = process.cpuUsage(start);
  return ((used.user + used.system) / 1e6 / seconds) * 100;
}

/** A built wall-client is not needed here: a stub with the current source hash keeps the gateway from building one. */
function stubClientDist(): string {
  const dir = join(tempDataDir('bench-dist-'), 'dist');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>bench</title>');
  writeFileSync(join(dir, '.source-hash'), clientSourceHash(ROOT));
  return dir;
}

interface Point {
  mode: 'pipeline' | 'raw';
  clients: number;
  /** Offered items/s; 0 = saturation. */
  rate: number;
  ingestPerS: number;
  deliveredPerS: number;
  /** Deltas (messages) received per second by one client, on average. */
  messagesPerS: number;
  changesPerDelta: number;
  p50: number;
  p95: number;
  p99: number;
  p99Red: number;
  snapshots: number;
  refused: number;
  rssMb: number;
  /** Gateway CPU, % of one core. */
  cpuPct: number;
  /** This process's CPU (the clients), % of one core: near 100 means the clients are the limit. */
  clientCpuPct: number;
}

async function pipelinePhase(
  g: GatewayProcess,
  clients: Awaited<ReturnType<typeof connectBenchClients>>,
  feeder: ReturnType<typeof forkTs>,
  n: number,
  rate: number,
  feedFrom: { prefix: string; first: number },
): Promise<{ point: Point; tally: Tally; next: number }> {
  const pid = g.child.pid as number;
  const before = processStats(pid);
  let rssMb = before.rssMb;
  const sampler = setInterval(() => {
    rssMb = Math.max(rssMb, processStats(pid).rssMb);
  }, 200);
  const startedAt = nowMs();
  const clientCpu = process.cpuUsage();
  const tally = clients.measure({ measureFrom: startedAt + WARMUP_MS });
  const feed = await feeder.ask<FeedResult>({
    type: 'run',
    url: g.url,
    token: TEST_ADMIN_TOKEN,
    ...feedFrom,
    pool: POOL,
    rate,
    seconds: SECONDS,
    batch: 500,
    concurrency: rate === 0 ? 4 : 8,
    redEvery: RED_EVERY,
  } satisfies FeedCommand);
  const cpuS = processStats(pid).cpuS - before.cpuS;
  const feedS = (feed.endedAt - feed.startedAt) / 1000;
  await clients.delivered(feed.accepted * n, 3000);
  clearInterval(sampler);
  const deliverS = (tally.lastAt - feed.startedAt) / 1000;
  return {
    tally,
    next: feed.next,
    point: {
      mode: 'pipeline',
      clients: n,
      rate,
      ingestPerS: feed.accepted / feedS,
      deliveredPerS: tally.changes / deliverS,
      messagesPerS: tally.deltas / n / deliverS,
      changesPerDelta: median(tally.deltaSizes),
      p50: percentile(tally.latencyAll, 50),
      p95: percentile(tally.latencyAll, 95),
      p99: percentile(tally.latencyAll, 99),
      p99Red: percentile(tally.latencyRed, 99),
      snapshots: tally.snapshots,
      refused: feed.refused,
      rssMb,
      cpuPct: (cpuS / feedS) * 100,
      clientCpuPct: cpuPctSince(clientCpu, deliverS),
    },
  };
}

/** The delta closest to the median size of the saturated run: what the raw baseline sends. */
function typicalDelta(tally: Tally): string {
  const want = median(tally.deltaSizes);
  const best = [...tally.samples].sort(
    (a, b) => Math.abs(a.changes.length - want) - Math.abs(b.changes.length - want),
  )[0];
  if (!best) throw new Error('no delta reached the first client');
  return JSON.stringify(best);
}

async function rawPhase(
  port: string,
  raw: ReturnType<typeof forkTs>,
  n: number,
  payload: string,
): Promise<Point> {
  const clients = await connectBenchClients(`http://127.0.0.1:${port}/`, n, 'none');
  try {
    const tally = clients.measure({ measureFrom: Number.POSITIVE_INFINITY });
    const startedAt = nowMs();
    const clientCpu = process.cpuUsage();
    const blast = await raw.ask<BlastResult>({
      type: 'blast',
      payload,
      seconds: SECONDS,
    } satisfies BlastCommand);
    const perMessage = (JSON.parse(payload) as { changes: { collection: string }[] }).changes.filter(
      (c) => c.collection === 'alarms',
    ).length;
    await clients.delivered(blast.sent * perMessage * n, 3000);
    const s = (tally.lastAt - startedAt) / 1000;
    return {
      mode: 'raw',
      clients: n,
      rate: 0,
      ingestPerS: Number.NaN,
      deliveredPerS: tally.changes / s,
      messagesPerS: tally.deltas / n / s,
      changesPerDelta: perMessage,
      p50: Number.NaN,
      p95: Number.NaN,
      p99: Number.NaN,
      p99Red: Number.NaN,
      snapshots: 0,
      refused: 0,
      rssMb: blast.rssMb,
      cpuPct: blast.cpuPct,
      clientCpuPct: cpuPctSince(clientCpu, s),
    };
  } finally {
    clients.close();
  }
}

/**
 * One run: for each client count, the pipeline (fresh gateway: 2,000/s, then saturation) and
 * right after it the raw baseline with the same clients count and message, so that both
 * meet the same load from the rest of the machine.
 */
async function oneRun(index: number, dist: string): Promise<Point[]> {
  const points: Point[] = [];
  const feeder = forkTs('feeder.ts');
  const raw = forkTs('rawServer.ts');
  try {
    const port = (await raw.line(/raw serving (\d+)/))[1] as string;
    for (const n of CLIENTS) {
      const g = await startGatewayProcess({
        env: {
          CLIENT_DIST: dist,
          INGEST_RATE: '1000000',
          INGEST_BURST: '10000000',
        },
        // One .cpuprofile per gateway, written when it exits.
        nodeArgs: PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, 'bench/results/profiles')}`] : [],
      });
      let payload = '';
      const clients = await connectBenchClients(g.url, n, TEST_ADMIN_TOKEN);
      try {
        let first = 0;
        for (const rate of [MODERATE_RATE, 0]) {
          const { point, tally, next } = await pipelinePhase(g, clients, feeder, n, rate, {
            prefix: `b${index}-${n}`,
            first,
          });
          first = next;
          points.push(point);
          if (rate === 0) payload = typicalDelta(tally);
          console.log(
            `run ${index} pipeline ${n} clients ${rate || 'saturation'}: ${round(point.ingestPerS, 0)} in/s (${round(point.cpuPct, 0)} % of a core), ${round(point.deliveredPerS, 0)} out/s, p99 red ${round(point.p99Red)} ms`,
          );
        }
      } finally {
        clients.close();
        await g.kill('SIGTERM');
      }
      const point = await rawPhase(port, raw, n, payload);
      points.push(point);
      console.log(
        `run ${index} raw ${n} clients: ${round(point.deliveredPerS, 0)} out/s (${point.changesPerDelta} per message)`,
      );
    }
  } finally {
    feeder.stop();
    raw.stop();
  }
  return points;
}

const dist = stubClientDist();
const started = Date.now();
const runs: Point[][] = [];
for (let i = 1; i <= RUNS; i++) {
  const runStarted = Date.now();
  runs.push(await oneRun(i, dist));
  const elapsed = Date.now() - started;
  if (i < RUNS && elapsed + (Date.now() - runStarted) > BUDGET_MS) {
    console.log(
      `stopping after ${i} run(s): another would end past ${BUDGET_MS / 60_000} minutes (a busy machine)`,
    );
    break;
  }
}

/** Each figure: the median over the runs. */
const points: Point[] = (runs[0] as Point[]).map((p, i) => {
  const of = (key: keyof Point) => median(runs.map((r) => r[i]?.[key] as number).filter(Number.isFinite));
  const m = { ...p };
  for (const key of Object.keys(p) as (keyof Point)[])
    if (typeof p[key] === 'number' && key !== 'clients' && key !== 'rate')
      (m as Record<string, unknown>)[key] = of(key);
  return m;
});
const missing = { ingestPerS: Number.NaN, deliveredPerS: Number.NaN, p99Red: Number.NaN } as Point;
const find = (mode: Point['mode'], clients: number, rate: number): Point =>
  points.find((p) => p.mode === mode && p.clients === clients && p.rate === rate) ?? missing;

const rawAt10 = find('raw', 10, 0);
const satAt10 = find('pipeline', 10, 0);
const moderateAt100 = find('pipeline', 100, MODERATE_RATE);
const figures = {
  raw_delivered_per_s: round(rawAt10.deliveredPerS, 0),
  pipeline_ingest_per_s: round(satAt10.ingestPerS, 0),
  pipeline_delivered_per_s: round(satAt10.deliveredPerS, 0),
  ratio_delivered: round(satAt10.deliveredPerS / rawAt10.deliveredPerS, 2),
  p99_ms_red_alarm: round(moderateAt100.p99Red, 1),
  gateway_rss_mb: round(Math.max(...points.filter((p) => p.mode === 'pipeline').map((p) => p.rssMb)), 0),
  ratio_delivered_by_clients: Object.fromEntries(
    CLIENTS.map((n) => [n, round(find('pipeline', n, 0).deliveredPerS / find('raw', n, 0).deliveredPerS, 2)]),
  ),
  runs: runs.length,
  seconds_per_phase: SECONDS,
  points,
};

const rows = points.map((p) => ({
  mode: p.mode,
  clients: p.clients,
  rate: p.mode === 'raw' ? 'drain' : p.rate === 0 ? 'saturation' : `${p.rate}/s`,
  'ingest/s': round(p.ingestPerS, 0),
  'delivered/s': round(p.deliveredPerS, 0),
  'msgs/s/client': round(p.messagesPerS, 1),
  'alarms/msg': round(p.changesPerDelta, 0),
  'p50 ms': round(p.p50),
  'p95 ms': round(p.p95),
  'p99 ms': round(p.p99),
  'p99 red ms': round(p.p99Red),
  'rss MB': round(p.rssMb, 0),
  'server cpu %': round(p.cpuPct, 0),
  // What one whole core would take: the machine is shared, the gateway gets what is left.
  'in/s per core': round(p.ingestPerS / (p.cpuPct / 100), 0),
  'clients cpu %': round(p.clientCpuPct, 0),
  snapshots: p.snapshots,
}));
console.log(
  `\npipeline bench: medians of ${runs.length} run(s), ${SECONDS} s per phase, ${round((Date.now() - started) / 1000, 0)} s in all`,
);
const ok = report(
  'latest',
  rows,
  [
    {
      name: 'pipeline ingest, 10 clients, SQLite',
      value: figures.pipeline_ingest_per_s,
      min: 20_000,
      unit: 'events/s',
    },
    {
      name: 'delivered, pipeline over raw (10 clients)',
      value: figures.ratio_delivered,
      min: 0.5,
      unit: '×',
    },
    {
      name: 'red alarm feed-to-client p99, 2,000/s, 100 clients',
      value: figures.p99_ms_red_alarm,
      max: 50,
      unit: 'ms',
    },
  ],
  figures,
);
if (isStrict() && !ok) process.exit(1);
process.exit(0);
