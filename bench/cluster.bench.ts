/**
 * `npm run bench:cluster [-- --clients 100] [--seconds 10] [--strict]`: two gateway processes
 * behind one Redis (a private one on a free port), the owner and a follower, each with
 * `clients` screens (plain sockets that count, not models). At each feed rate it measures the
 * feed-to-screen latency of red alarms (published at once) on the owner's screens and on the
 * follower's (one more hop: the Redis stream), deltas delivered per second, and each gateway's
 * CPU and RSS. The follower's extra latency and its CPU are what docs/topology.md sizes with.
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
    stop: () => child.send({ exit: true }),
  };
}

const redis = await startPrivateRedis();
const env = { REDIS_URL: redis.url, REDIS_PREFIX: 'bench', CLUSTER_LEASE_MS: '3000' };
const owner = await startGatewayProcess({ env: { ...env, GATEWAY_ID: 'owner' } });
const follower = await startGatewayProcess({ env: { ...env, GATEWAY_ID: 'follower' } });
const crowds: ReturnType<typeof startCrowd>[] = [];
try {
  await until('the owner', async () => (await clusterOf(owner)).role === 'owner');
  await until('the follower', async () => {
    const c = await clusterOf(follower);
    return c.role === 'follower' && !c.resyncing;
  });
  crowds.push(startCrowd(owner, CLIENTS), startCrowd(follower, CLIENTS));
  await Promise.all(crowds.map((c) => c.ready));

  const rows: Record<string, string | number>[] = [];
  let moderateFollowerP99 = Number.NaN;
  let n = 0;
  const now = () => performance.timeOrigin + performance.now();
  for (const rate of RATES) {
    for (const c of crowds) await c.report();
    const pids = { owner: owner.child.pid as number, follower: follower.child.pid as number };
    const cpu0 = { owner: cpuSeconds(pids.owner), follower: cpuSeconds(pids.follower) };
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
      const post: Promise<void> = postJson(`${owner.url}ingest/alarms`, items).then((r) => {
        accepted += r.status === 202 ? (r.body.accepted as number) : 0;
        inFlight.delete(post);
      });
      inFlight.add(post);
    }
    await Promise.all(inFlight);
    const ownerSeq = (await getJson(`${owner.url}api/live`)).body.seq as number;
    await until('the follower to reach the owner', async () => (await clusterOf(follower)).seq >= ownerSeq);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = {
      owner: (cpuSeconds(pids.owner) - cpu0.owner) / seconds,
      follower: (cpuSeconds(pids.follower) - cpu0.follower) / seconds,
    };
    const [onOwner, onFollower] = await Promise.all(crowds.map((c) => c.report()));
    for (const [side, seen] of [
      ['owner', onOwner],
      ['follower', onFollower],
    ] as const) {
      const l = seen?.latencies ?? [];
      rows.push({
        'alarms/s': round(accepted / seconds),
        gateway: side,
        screens: CLIENTS,
        'deltas/s delivered': round((seen?.deltas ?? 0) / seconds),
        'red p50 ms': round(median(l)),
        'red p95 ms': round(percentile(l, 95)),
        'red p99 ms': round(percentile(l, 99)),
        'CPU cores': round(cpu[side], 2),
        // What one delta to one screen costs the gateway (ingest included on the owner):
        // CPU time is what the gateway used, however long it waited for a core.
        'CPU µs per screen-delta': round((cpu[side] * 1e6) / Math.max(1, (seen?.deltas ?? 0) / seconds)),
        'RSS MB': round(rssMb(pids[side])),
      });
      if (side === 'follower' && rate === RATES[0]) moderateFollowerP99 = percentile(l, 99);
    }
  }
  const ok = report(
    'cluster',
    rows,
    [
      {
        name: `red alarm on the follower's screens p99 at ${RATES[0]}/s`,
        value: moderateFollowerP99,
        max: 100,
        unit: 'ms',
      },
    ],
    { clientsPerGateway: CLIENTS, seconds: SECONDS, rates: RATES, load: loadavg() },
  );
  if (!ok && isStrict()) process.exitCode = 1;
} finally {
  for (const c of crowds) c.stop();
  await follower.kill();
  await owner.kill();
  await redis.dispose();
}
