/**
 * `npm run bench:report [-- --rounds 5] [--days 400] [--strict]`: how long exports take on a
 * store seeded with simulated history (a year by default, so 同比 has data), on this machine.
 *   - the daily report (日研判) as PDF through the API: the first one (starts the browser) and
 *     warm ones (the one browser reused); the weekly report; a PNG report; a snapshot;
 *   - `npm run report` end to end (a new process: opens the store, starts its own browser);
 *   - baselines in the same run: an empty page printed to PDF through the same launcher (the
 *     browser's floor) and the report's API answers fetched directly (the data's floor).
 * Target: a daily report in under 10 s (warm API p95, and the command end to end).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runReportCli } from '../tests/support/runReportCli';
import { REPORT_TOKENS, startReportGateway } from '../tests/support/startReportGateway';
import { isStrict, median, percentile, report, round } from './support/benchReport';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) || fallback : fallback;
};
const rounds = arg('--rounds', 5);
const days = arg('--days', 400);
const NOW = Date.parse('2026-11-25T09:30:00+08:00');
const DAY = '2026-11-24..2026-11-24';

let t0 = performance.now();
const g = await startReportGateway({ now: NOW, days });
const seedS = (performance.now() - t0) / 1000;
console.log(`seeded ${days} days of history in ${round(seedS)} s`);

async function timed(
  path: string,
  token: string = REPORT_TOKENS.officer,
): Promise<{ ms: number; bytes: number }> {
  const start = performance.now();
  const res = await fetch(`${g.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const body = await res.arrayBuffer();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${Buffer.from(body).toString().slice(0, 200)}`);
  return { ms: performance.now() - start, bytes: body.byteLength };
}

async function repeat(path: string, n: number) {
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const r = await timed(path);
    ms.push(r.ms);
    bytes = r.bytes;
  }
  return { ms, bytes };
}

const rows: Record<string, string | number>[] = [];
const row = (name: string, ms: number[], bytes = 0) => {
  rows.push({
    what: name,
    n: ms.length,
    'median ms': round(median(ms), 0),
    'p95 ms': round(percentile(ms, 95), 0),
    'max ms': round(Math.max(...ms), 0),
    KB: round(bytes / 1024, 0),
  });
};

const cold = await timed(`api/reports?range=${DAY}&format=pdf`);
row('daily PDF, first (starts Chromium)', [cold.ms], cold.bytes);
const daily = await repeat(`api/reports?range=${DAY}&format=pdf`, rounds);
row('daily PDF, warm', daily.ms, daily.bytes);
const weekly = await repeat('api/reports?range=last-week&format=pdf', rounds);
row('weekly PDF, warm', weekly.ms, weekly.bytes);
const png = await repeat(`api/reports?range=${DAY}&format=png`, Math.max(1, Math.ceil(rounds / 2)));
row('daily PNG 1240 px, warm', png.ms, png.bytes);
const snapshot = await repeat('api/snapshot?wall=hall-1&screen=left&format=png', rounds);
row('snapshot left 1920x1080 PNG', snapshot.ms, snapshot.bytes);

// Baselines: the browser's floor (an empty page to PDF) and the data's floor (the answers the report reads).
const emptyMs: number[] = [];
for (let i = 0; i < rounds; i++) {
  const start = performance.now();
  await g.reports.launcher.withPage({ viewport: { width: 794, height: 1123 } }, async (page) => {
    await page.setContent('<p>empty</p>');
    await page.pdf({ format: 'A4' });
  });
  emptyMs.push(performance.now() - start);
}
row('baseline: empty page to PDF', emptyMs);
const dataMs: number[] = [];
for (let i = 0; i < rounds; i++) {
  const start = performance.now();
  await Promise.all(
    [
      `api/trends/summary?range=${DAY}`,
      `api/trends/areas?range=${DAY}&level=township`,
      `api/trends/areas?range=${DAY}&level=grid`,
      `api/trends/categories?range=${DAY}`,
      `api/trends?range=${DAY}&granularity=hour`,
      'api/trends?from=2026-11-18&to=2026-11-24&compare=1',
      'api/live',
    ].map((p) => timed(p, REPORT_TOKENS.admin)),
  );
  dataMs.push(performance.now() - start);
}
row("baseline: the report's API answers", dataMs);
await g.close();

// The command, end to end, on the same store (the gateway stopped: one writer per store).
const cliMs: number[] = [];
for (let i = 0; i < Math.max(1, Math.ceil(rounds / 2)); i++) {
  t0 = performance.now();
  const cli = runReportCli(
    [
      '--range',
      DAY,
      '--format',
      'pdf',
      '--now',
      new Date(NOW).toISOString(),
      '--out',
      join(mkdtempSync(join(tmpdir(), 'bench-report-')), 'daily.pdf'),
    ],
    { DATA_DIR: g.dataDir },
  );
  if (cli.status !== 0) throw new Error(`npm run report failed: ${cli.stderr}`);
  cliMs.push(performance.now() - t0);
}
row('npm run report daily PDF (new process)', cliMs);

const dailyP95 = percentile(daily.ms, 95);
const ok = report(
  'report',
  rows,
  [
    { name: 'daily report PDF, warm API, p95', value: dailyP95, max: 10_000, unit: 'ms' },
    { name: 'daily report PDF, npm run report, median', value: median(cliMs), max: 10_000, unit: 'ms' },
    { name: 'snapshot PNG, p95', value: percentile(snapshot.ms, 95), max: 10_000, unit: 'ms' },
  ],
  {
    days,
    rounds,
    seedS: round(seedS),
    ratios: {
      dailyOverEmptyPage: round(median(daily.ms) / median(emptyMs)),
      dailyOverData: round(median(daily.ms) / median(dataMs)),
      firstOverWarm: round(cold.ms / median(daily.ms)),
      cliOverWarm: round(median(cliMs) / median(daily.ms)),
    },
  },
);
process.exit(ok || !isStrict() ? 0 : 1);
