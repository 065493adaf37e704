/**
 * `npm run bench:video [-- --minutes 10 --switch-seconds 15 --decoders 16 --faults --strict]`
 *
 * Video tiles in headless Chromium (Debian's, software compositing) against an in-process
 * gateway serving the simulated district's cameras: first a baseline (one tile, switching
 * cameras), then 16 tiles in a 4x4 for the given minutes with the tour switching every tile
 * every N seconds and a red alarm taking the focus tile now and then. Reports
 * time-to-first-frame after a tile switch, alarm-to-live-picture, stalls, dropped frames,
 * the page's JS heap and DOM nodes at start and end, and CPU. JSON in bench/results/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { DEFAULT_FAULTS } from '../mock-feeds/media/buildLivePlaylist';
import { DEFAULT_SIMULATION, simulateDistrict, withoutPlace } from '../mock-feeds/simulateDistrict';
import { loadRegionPack } from '../stream-gateway/region/loadRegionPack';
import { alarmInput } from '../tests/fixtures/feedItems';
import { CHROMIUM_ARGS, launchChromium } from '../tests/support/browser';
import setup from '../tests/support/globalSetup';
import { postJson } from '../tests/support/socketWaits';
import { startVideoGateway, VIDEO_ADMIN_TOKEN } from '../tests/support/startVideoGateway';
import { readChromiumTicks, summarise, type TileSample } from './videoBenchStats';

const ROOT = resolve(import.meta.dirname, '..');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const options = {
  minutes: arg('minutes', 10),
  switchSeconds: arg('switch-seconds', 15),
  decoders: arg('decoders', 16),
  baselineSwitches: arg('baseline-switches', 8),
  alarmEverySeconds: arg('alarm-every', 60),
  faults: process.argv.includes('--faults'),
  strict: process.argv.includes('--strict'),
};

const TARGETS = {
  ttffP95Ms: 2000,
  droppedPct: 5,
  stallsPerTileHour: 2,
  heapGrowth: 1.25,
  nodesGrowth: 1.1,
};

await setup();
const pack = await loadRegionPack(join(ROOT, 'regions', 'naxi'));
const { cameras } = simulateDistrict(pack, { ...DEFAULT_SIMULATION, seed: 20261125, startMs: Date.now() });
const video = await startVideoGateway({
  regionPack: pack,
  ...(options.faults ? { faults: DEFAULT_FAULTS } : {}),
  screens: [
    { id: 'baseline', props: { layout: '1', decoders: 1, tour: 'stations,key-roads', tourSeconds: 5 } },
    // Groups with at least 16 online cameras: every page fills all tiles, so start and end compare.
    {
      id: 'wall-4x4',
      props: {
        layout: '4x4',
        decoders: options.decoders,
        tour: 'stations,key-roads,squares,schools',
        tourSeconds: options.switchSeconds,
      },
    },
  ],
});
await postJson(`${video.url}ingest/cameras`, cameras.map(withoutPlace), VIDEO_ADMIN_TOKEN);
for (const c of cameras) video.media.setCameraStatus(c.id, c.status);
const online = cameras.filter((c) => c.status === 'online');
const browser = await launchChromium();
const say = (msg: string) => console.log(`[bench:video] ${msg}`);
say(
  `${cameras.length} cameras (${online.length} online), Chromium ${browser.version()}, flags ${CHROMIUM_ARGS.join(' ')}`,
);

/** Every tile's counters as the page shows them. */
function readTiles(page: Page): Promise<TileSample[]> {
  return page.$$eval('figure.tile', (els) =>
    els.map((el) => {
      const d = (el as HTMLElement).dataset;
      const q = el.querySelector('video')?.getVideoPlaybackQuality();
      return {
        slot: Number(d.slot),
        cameraId: d.cameraId ?? '',
        state: d.state ?? '',
        role: d.role ?? '',
        loads: Number(d.loads ?? 0),
        stalls: Number(d.stalls ?? 0),
        ttffMs: d.ttffMs ? Number(d.ttffMs) : null,
        frames: Number(d.frames ?? 0) + (q?.totalVideoFrames ?? 0),
        dropped: Number(d.dropped ?? 0) + (q?.droppedVideoFrames ?? 0),
      };
    }),
  );
}

async function pageMetrics(cdp: CDPSession) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  return { heapMB: (m.JSHeapUsedSize ?? 0) / 1e6, nodes: m.Nodes ?? 0, listeners: m.JSEventListeners ?? 0 };
}

/** Runs one page for `ms`, collecting a TTFF per player start and alarm-to-live times. */
async function runPhase(name: string, screen: string, ms: number, alarms: boolean, warmupMs: number) {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(video.screenUrl(screen));
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  try {
    await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('figure.tile[data-state="live"]').length > 0);
  } catch (err) {
    await page.screenshot({ path: join(ROOT, 'bench/results/video-failed-start.png') });
    throw err;
  }
  // Warm up through two switches (JIT, hls.js worker, caches) before the "start" figures.
  await page.waitForTimeout(warmupMs);
  const startMetrics = await pageMetrics(cdp);
  const startTicks = readChromiumTicks(process.pid);
  const startCpu = process.cpuUsage();
  const startTiles = await readTiles(page);
  const seen = new Map(startTiles.map((t) => [t.slot, t.loads]));
  const ttffs: number[] = [];
  const alarmToLive: number[] = [];
  const pendingAlarms = new Map<string, number>();
  const started = Date.now();
  let nextAlarm = started + 20_000;
  let serial = 0;
  let last = startTiles;
  while (Date.now() - started < ms) {
    await page.waitForTimeout(250);
    last = await readTiles(page);
    for (const t of last) {
      if (t.loads > (seen.get(t.slot) ?? 0) && t.ttffMs !== null) {
        ttffs.push(t.ttffMs);
        seen.set(t.slot, t.loads);
      }
      const since = pendingAlarms.get(t.cameraId);
      if (since !== undefined && t.role === 'alarm-red' && t.state === 'live') {
        alarmToLive.push(Date.now() - since);
        pendingAlarms.delete(t.cameraId);
      }
    }
    if (alarms && Date.now() >= nextAlarm) {
      // A red alarm at a camera not on screen: it must take the focus tile and play.
      const shown = new Set(last.map((t) => t.cameraId));
      const cam = online.filter((c) => !shown.has(c.id))[serial % 50];
      serial++;
      nextAlarm += options.alarmEverySeconds * 1000;
      if (cam) {
        const at = new Date().toISOString();
        pendingAlarms.set(cam.id, Date.now());
        const id = `BENCH-${serial}`;
        await postJson(
          `${video.url}ingest/alarms`,
          alarmInput({ id, occurredAt: at, cameraId: cam.id }),
          VIDEO_ADMIN_TOKEN,
        );
        // Acknowledged half a minute later: the tile goes back to the tour.
        setTimeout(() => {
          void postJson(
            `${video.url}ingest/alarms`,
            alarmInput({ id, occurredAt: at, cameraId: cam.id, state: 'acknowledged', version: 2 }),
            VIDEO_ADMIN_TOKEN,
          ).catch(() => undefined);
        }, 30_000);
      }
    }
  }
  const seconds = (Date.now() - started) / 1000;
  await page.screenshot({ path: join(ROOT, 'bench/results', `video-${screen}-end.png`) });
  const endMetrics = await pageMetrics(cdp);
  const cpu = process.cpuUsage(startCpu);
  const result = summarise({
    name,
    seconds,
    startTiles,
    endTiles: last,
    ttffs,
    alarmToLive,
    startMetrics,
    endMetrics,
    browserCores: (readChromiumTicks(process.pid) - startTicks) / 100 / seconds,
    gatewayCores: (cpu.user + cpu.system) / 1e6 / seconds,
  });
  await page.close();
  return result;
}

const baseline = await runPhase(
  'baseline: 1 tile',
  'baseline',
  options.baselineSwitches * 5000,
  false,
  10_000,
);
say(`baseline done: TTFF p50 ${baseline.ttffMs.p50} ms over ${baseline.ttffMs.n} switches`);
const main = await runPhase(
  `16 tiles, ${options.minutes} min`,
  'wall-4x4',
  options.minutes * 60_000,
  true,
  Math.max(10_000, 2 * options.switchSeconds * 1000),
);
await browser.close();
await video.close();

const checks = {
  ttffP95: main.ttffMs.p95 !== null && main.ttffMs.p95 < TARGETS.ttffP95Ms,
  dropped: main.droppedPct < TARGETS.droppedPct,
  stalls: options.faults || main.stallsPerTileHour <= TARGETS.stallsPerTileHour,
  heapFlat: main.heapMB.end <= main.heapMB.start * TARGETS.heapGrowth + 5,
  nodesFlat: main.domNodes.end <= main.domNodes.start * TARGETS.nodesGrowth + 200,
};
const ratios = {
  ttffP50VsBaseline: baseline.ttffMs.p50 && main.ttffMs.p50 ? main.ttffMs.p50 / baseline.ttffMs.p50 : null,
  heapEndVsStart: main.heapMB.end / main.heapMB.start,
  nodesEndVsStart: main.domNodes.end / main.domNodes.start,
};
const row = (r: typeof main) => [
  r.name.padEnd(18),
  String(r.ttffMs.n).padStart(5),
  `${r.ttffMs.p50 ?? '-'}/${r.ttffMs.p95 ?? '-'}/${r.ttffMs.max ?? '-'}`.padStart(16),
  `${r.alarmToLiveMs.p50 ?? '-'}/${r.alarmToLiveMs.p95 ?? '-'}`.padStart(12),
  `${r.stalls} (${r.stallsPerTileHour.toFixed(2)}/tile·h)`.padStart(18),
  `${r.droppedPct.toFixed(2)}%`.padStart(8),
  `${r.heapMB.start.toFixed(1)}→${r.heapMB.end.toFixed(1)}`.padStart(12),
  `${r.domNodes.start}→${r.domNodes.end}`.padStart(12),
  `${r.browserCores.toFixed(2)}/${r.gatewayCores.toFixed(2)}`.padStart(10),
];
console.log(
  `\n${['phase'.padEnd(18), 'ttffN'.padStart(5), 'TTFF p50/p95/max'.padStart(16), 'alarm→live'.padStart(12), 'stalls'.padStart(18), 'dropped'.padStart(8), 'heap MB'.padStart(12), 'DOM nodes'.padStart(12), 'cores b/g'.padStart(10)].join(' ')}`,
);
for (const r of [baseline, main]) console.log(row(r).join(' '));
console.log(
  `\nratios: TTFF p50 vs baseline ${ratios.ttffP50VsBaseline?.toFixed(2) ?? '-'}x, heap end/start ${ratios.heapEndVsStart.toFixed(2)}, DOM nodes end/start ${ratios.nodesEndVsStart.toFixed(2)}`,
);
console.log(
  `targets: ${Object.entries(checks)
    .map(([k, ok]) => `${k} ${ok ? 'ok' : 'MISSED'}`)
    .join(', ')}`,
);

mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
const file = join(ROOT, 'bench/results', `video-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(
  file,
  JSON.stringify(
    {
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version },
      options,
      targets: TARGETS,
      baseline,
      main,
      ratios,
      checks,
    },
    null,
    2,
  ),
);
say(`results in ${file}`);
if (options.strict && Object.values(checks).some((ok) => !ok)) process.exit(1);
process.exit(0);
