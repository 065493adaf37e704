/**
 * `npm run soak -- [--minutes 10] [--rate 600] [--cadence-scale 0.05] [--sample-seconds 10]
 *   [--screens left,centre,right] [--strict]`
 *
 * Soak mode (docs/reliability.md): the real gateway process with the simulated district
 * accelerated (MOCK_RATE alarms a minute, feed cadences scaled down) and the three screens
 * of wall hall-1 open in headless Chromium, for N minutes. Every ~10 s it samples each
 * screen's JS heap (after a GC) and DOM node count over CDP, and the gateway's RSS and log
 * seq; prints a line per sample, then a table, and writes bench/results/soak.json with the
 * samples and the growth slopes (least squares after a warm-up). Not part of npm test.
 */
import { readFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium } from '../tests/support/browser';
import { startGatewayProcess } from '../tests/support/gatewayProcess';
import setup from '../tests/support/globalSetup';
import { getJson, postJson } from '../tests/support/socketWaits';
import { isStrict, report, round, type Target } from './support/benchReport';
import { slope } from './support/slope';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const screensArg = process.argv[process.argv.indexOf('--screens') + 1];
const options = {
  minutes: arg('minutes', 10),
  rate: arg('rate', 600),
  cadenceScale: arg('cadence-scale', 0.05),
  sampleSeconds: arg('sample-seconds', 10),
  screens:
    process.argv.includes('--screens') && screensArg ? screensArg.split(',') : ['left', 'centre', 'right'],
};
/** Growth allowed over the run, after the warm-up (a leak grows without bound; a cache levels off). */
const TARGETS = { heapMbPerHour: 20, nodesPerHour: 500, rssMbPerHour: 50 };
const say = (msg: string) => console.log(`[soak] ${msg}`);

interface Sample {
  t: number;
  seq: number;
  rssMb: number;
  screens: Record<string, { heapMb: number; nodes: number }>;
}

function rssMb(pid: number): number {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

async function pageMetrics(cdp: CDPSession) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  return { heapMb: (m.JSHeapUsedSize ?? 0) / 1e6, nodes: m.Nodes ?? 0 };
}

if (!chromiumAvailable()) process.exit(1);
await setup();
const gatewayStarted = Date.now();
const gateway = await startGatewayProcess({
  env: {
    MOCK_FEEDS: 'on',
    MOCK_RATE: String(options.rate),
    CADENCE_SCALE: String(options.cadenceScale),
    BACKFILL: 'off',
    TICK_SECONDS: '10',
    LOG_LEVEL: 'warn',
  },
});
const pid = gateway.child.pid as number;
// The gateway is a child process: it goes with this one, however this one ends.
process.on('exit', () => gateway.child.kill('SIGKILL'));
process.on('uncaughtException', (err) => {
  console.error(
    `[soak] failed: ${err.message}\n--- gateway output (tail) ---\n${gateway.output().slice(-3000)}`,
  );
  process.exit(1);
});
// The simulated district sends its backlog first (cameras, open cases, recent alarms): the
// screens open once it says it is live, so the samples measure the steady state.
for (const deadline = Date.now() + 10 * 60_000; !/mock-feeds: .* live at/.test(gateway.output()); ) {
  if (Date.now() > deadline) throw new Error('the simulated district did not go live within 10 minutes');
  await new Promise((r) => setTimeout(r, 500));
}
say(`simulated district live after ${((Date.now() - gatewayStarted) / 1000).toFixed(0)} s`);
const token = (await postJson(`${gateway.url}api/tokens`, { role: 'wall', label: 'soak', wall: 'hall-1' }))
  .body.token as string;
const browser = await launchChromium();
const pages: { screen: string; page: Page; cdp: CDPSession }[] = [];
for (const screen of options.screens) {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`${gateway.url}?wall=hall-1&screen=${screen}&token=${token}`, {
    waitUntil: 'domcontentloaded',
    timeout: 120_000,
  });
  pages.push({ screen, page, cdp });
}
say(
  `gateway ${gateway.url} (pid ${pid}), MOCK_RATE=${options.rate}/min, CADENCE_SCALE=${options.cadenceScale}, screens ${options.screens.join(', ')}, ${options.minutes} min, a sample every ${options.sampleSeconds} s`,
);

const samples: Sample[] = [];
const started = Date.now();
const end = started + options.minutes * 60_000;
while (Date.now() < end) {
  const screens: Sample['screens'] = {};
  for (const p of pages) screens[p.screen] = await pageMetrics(p.cdp);
  const seq = ((await getJson(`${gateway.url}health`)).body as { seq: number }).seq;
  const sample: Sample = { t: (Date.now() - started) / 1000, seq, rssMb: rssMb(pid), screens };
  samples.push(sample);
  say(
    `t=${String(Math.round(sample.t)).padStart(5)} s  seq ${String(seq).padStart(7)}  gateway RSS ${sample.rssMb.toFixed(0)} MB  ${Object.entries(
      screens,
    )
      .map(([s, m]) => `${s} heap ${m.heapMb.toFixed(1)} MB / ${m.nodes} nodes`)
      .join('  ')}`,
  );
  // The sampling period, not a synchronisation.
  const nextAt = started + samples.length * options.sampleSeconds * 1000;
  await new Promise((r) => setTimeout(r, Math.max(0, nextAt - Date.now())));
}
const errors = (
  await Promise.all(pages.map((p) => p.page.locator('[data-testid="connection-banner"]').count()))
).reduce((a, b) => a + b, 0);
await browser.close();
await gateway.kill('SIGTERM');

// Slopes after a warm-up: the first fifth of the run (at least one sample) is the wall filling up.
const warm = samples.slice(Math.max(1, Math.floor(samples.length / 5)));
const perHour = (pick: (s: Sample) => number) => slope(warm.map((s) => [s.t / 3600, pick(s)]));
const first = warm[0];
const last = warm.at(-1);
const rows = [
  ...options.screens.map((screen) => ({
    what: `${screen} JS heap MB`,
    start: round(first?.screens[screen]?.heapMb ?? 0),
    end: round(last?.screens[screen]?.heapMb ?? 0),
    slopePerHour: round(perHour((s) => s.screens[screen]?.heapMb ?? 0)),
  })),
  ...options.screens.map((screen) => ({
    what: `${screen} DOM nodes`,
    start: first?.screens[screen]?.nodes ?? 0,
    end: last?.screens[screen]?.nodes ?? 0,
    slopePerHour: round(perHour((s) => s.screens[screen]?.nodes ?? 0)),
  })),
  {
    what: 'gateway RSS MB',
    start: round(first?.rssMb ?? 0),
    end: round(last?.rssMb ?? 0),
    slopePerHour: round(perHour((s) => s.rssMb)),
  },
  {
    what: 'log seq',
    start: first?.seq ?? 0,
    end: last?.seq ?? 0,
    slopePerHour: round(perHour((s) => s.seq)),
  },
];
const targets: Target[] = [
  ...options.screens.flatMap((screen) => [
    {
      name: `${screen} heap growth`,
      value: perHour((s) => s.screens[screen]?.heapMb ?? 0),
      max: TARGETS.heapMbPerHour,
      unit: 'MB/h',
    },
    {
      name: `${screen} DOM growth`,
      value: perHour((s) => s.screens[screen]?.nodes ?? 0),
      max: TARGETS.nodesPerHour,
      unit: 'nodes/h',
    },
  ]),
  { name: 'gateway RSS growth', value: perHour((s) => s.rssMb), max: TARGETS.rssMbPerHour, unit: 'MB/h' },
  { name: 'screens showing a connection banner at the end', value: errors, max: 0, unit: 'screens' },
];
const ok = report('soak', rows, targets, { options, samples });
if (!ok && isStrict()) process.exit(1);
process.exit(0);
