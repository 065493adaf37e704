/**
 * `npm run bench:cluster [-- --clients 100] [--seconds 10] [--strict]`: two gateway processes
 * behind one Redis (a private one on a free port), the owner and a follower, each with
 * `clients` screens (plain sockets that count, not models). At each feed rate it measures the
 * feed-to-screen latency of red alarms (published at once) on the owner's screens and on the
 * follower's (one more hop: the Redis stream), deltas delivered per second, and each gateway's
 * CPU and RSS; first, as the baseline in the same run, one gateway without Redis with the same
 * screens and feed. The follower's extra latency and its CPU are what docs/topology.md sizes with.
 * Target: a red alarm on the follower's screens p99 ≤ 100 ms at the moderate rate.
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { alarmInput } from '../tests/fixtures/feedItems';
import { type GatewayProcess, startGatewayProcess, TEST_ADMIN_TOKEN } from '../tests/support/gatewayProcess';
import { startPrivateRedis } from '../tests/support/privateServices';
import { getJson, postJson } from '../tests/support/socketWaits';
import { isStrict, median, percentile, report, round } from './support/benchReport';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) || fallback : fallback;
};
const CLIENTS = arg('clients', 100);
const SECONDS = arg('seconds', 10);
const RATES = [200, 1000];
const RED_SHARE = 0.1;

/** utime + stime of a process in seconds (Linux /proc). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/);
  return Number(line?.[1] ?? 0) / 1024;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const clusterOf = async (g: GatewayProcess) => (await getJson(`${g.url}health`, null)).body.features.cluster;

/** Screens of one gateway in a process of their own (bench/support/screenCrowd.ts). */
function startCrowd(g: GatewayProcess, count: number) {
  const child = fork(
    resolve(import.meta.dirname, 'support/screenCrowd.ts'),
    [g.url, String(count), TEST_ADMIN_TOKEN],
    {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const next = <T>() => new Promise<T>((r) => child.once('message', (m) => r(m as T)));
  return {
    child,
    ready: next<{ ready: true }>(),
    async report() {
      const answer = next<{ deltas: number; latencies: number[] }>();
      child.send({ report: true });
      return answer;
    },
    stop: () => {
      if (child.connected) child.send({ exit: true });
    },
  };
}

type Crowd = ReturnType<typeof startCrowd>;
interface Side {
  name: string;
  g: GatewayProcess;
  crowd: Crowd;
}

let n = 0;
const now = () => performance.timeOrigin + performance.now();

/** Feeds `feedTo` at `rate` for SECONDS and reads every side's screens and CPU. */
async function measure(setup: string, sides: Side[], feedTo: GatewayProcess, rate: number) {
  for (const s of sides) await s.crowd.report();
  const cpu0 = sides.map((s) => cpuSeconds(s.g.child.pid as number));
  const t0 = performance.now();
  const perTick = Math.max(1, Math.round(rate / 20));
  let accepted = 0;
  const inFlight = new Set<Promise<void>>();
  // 20 posts a second, each a twentieth of the rate, at most 8 in flight; every tenth alarm is red.
  for (let tick = 0; tick < SECONDS * 20; tick++) {
    const wait = t0 + tick * 50 - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (inFlight.size >= 8) await Promise.race(inFlight);
    const items = Array.from({ length: perTick }, () => {
      n++;
      const red = n % Math.round(1 / RED_SHARE) === 0;
      return alarmInput({ id: red ? `BC-R${now()}-${n}` : `BC-${n}`, severity: red ? 'red' : 'yellow' });
    });
    const post: Promise<void> = postJson(`${feedTo.url}ingest/alarms`, items).then((r) => {
      accepted += r.status === 202 ? (r.body.accepted as number) : 0;
      inFlight.delete(post);
    });
    inFlight.add(post);
  }
  await Promise.all(inFlight);
  const fedSeq = (await getJson(`${feedTo.url}api/live`)).body.seq as number;
  for (const s of sides)
    await until(
      `${s.name} to reach seq ${fedSeq}`,
      async () => (await getJson(`${s.g.url}health`, null)).body.seq >= fedSeq,
    );
  const seconds = (performance.now() - t0) / 1000;
  const rows = [];
  const p99 = new Map<string, number>();
  for (const [i, s] of sides.entries()) {
    const seen = await s.crowd.report();
    const cpu = (cpuSeconds(s.g.child.pid as number) - (cpu0[i] as number)) / seconds;
    const delivered = seen.deltas / seconds;
    p99.set(s.name, percentile(seen.latencies, 99));
    rows.push({
      setup,
      'alarms/s': round(accepted / seconds),
      gateway: s.name,
      screens: CLIENTS,
      'deltas/s delivered': round(delivered),
      'red p50 ms': round(median(seen.latencies)),
      'red p95 ms': round(percentile(seen.latencies, 95)),
      'red p99 ms': round(percentile(seen.latencies, 99)),
      'CPU cores': round(cpu, 2),
      // What one delta to one screen costs the gateway (ingest included where it is fed):
      // CPU time is what the gateway used, however long it waited for a core.
      'CPU µs per screen-delta': round((cpu * 1e6) / Math.max(1, delivered)),
      'RSS MB': round(rssMb(s.g.child.pid as number)),
    });
  }
  return { rows, p99 };
}

const rows: Record<string, string | number>[] = [];
const crowds: Crowd[] = [];
const started: GatewayProcess[] = [];
const redis = await startPrivateRedis();
try {
  // Baseline in the same run: one gateway, no Redis, the same screens and feed.
  const alone = await startGatewayProcess();
  started.push(alone);
  const aloneCrowd = startCrowd(alone, CLIENTS);
  crowds.push(aloneCrowd);
  await aloneCrowd.ready;
  const aloneP99 = new Map<number, number>();
  for (const rate of RATES) {
    const m = await measure('one gateway', [{ name: 'alone', g: alone, crowd: aloneCrowd }], alone, rate);
    rows.push(...m.rows);
    aloneP99.set(rate, m.p99.get('alone') ?? Number.NaN);
  }
  aloneCrowd.stop();
  await alone.kill();

  const env = { REDIS_URL: redis.url, REDIS_PREFIX: 'bench', CLUSTER_LEASE_MS: '3000' };
  const owner = await startGatewayProcess({ env: { ...env, GATEWAY_ID: 'owner' } });
  started.push(owner);
  const follower = await startGatewayProcess({ env: { ...env, GATEWAY_ID: 'follower' } });
  started.push(follower);
  await until('the owner', async () => (await clusterOf(owner)).role === 'owner');
  await until('the follower', async () => {
    const c = await clusterOf(follower);
    return c.role === 'follower' && !c.resyncing;
  });
  const sides: Side[] = [
    { name: 'owner', g: owner, crowd: startCrowd(owner, CLIENTS) },
    { name: 'follower', g: follower, crowd: startCrowd(follower, CLIENTS) },
  ];
  crowds.push(...sides.map((s) => s.crowd));
  await Promise.all(sides.map((s) => s.crowd.ready));
  let moderate = { follower: Number.NaN, alone: Number.NaN };
  for (const rate of RATES) {
    const m = await measure('owner + follower', sides, owner, rate);
    rows.push(...m.rows);
    if (rate === RATES[0])
      moderate = { follower: m.p99.get('follower') ?? Number.NaN, alone: aloneP99.get(rate) ?? Number.NaN };
  }
  const ok = report(
    'cluster',
    rows,
    [
      {
        name: `red alarm on the follower's screens p99 at ${RATES[0]}/s`,
        value: moderate.follower,
        max: 100,
        unit: 'ms',
      },
    ],
    {
      clientsPerGateway: CLIENTS,
      seconds: SECONDS,
      rates: RATES,
      load: loadavg(),
      ratio_follower_to_alone_p99: round(moderate.follower / moderate.alone, 2),
    },
  );
  console.log(
    `red p99, follower's screens vs one gateway alone (${RATES[0]}/s): ${round(moderate.follower / moderate.alone, 2)}x; load ${loadavg()
      .map((l) => round(l))
      .join(' ')}`,
  );
  if (!ok && isStrict()) process.exitCode = 1;
} finally {
  for (const c of crowds) c.stop();
  for (const g of started) await g.kill();
  await redis.dispose();
}
