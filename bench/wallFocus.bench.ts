/**
 * `npm run bench:focus [-- --rounds 40] [--strict]`: how long a focus set on one screen of a
 * wall takes to show on another screen (target: p95 under 200 ms). Two Chromium pages on one
 * wall; screen A's click time and screen B's DOM change time are read from the same clock.
 * Baseline in the same run: the bare Socket.IO path (view:set from one client, the `view`
 * event at another), so the table shows what the screens themselves add.
 */
import type { Page } from 'playwright-core';
import { io } from 'socket.io-client';
import { alarmInput } from '../tests/fixtures/feedItems';
import { launchChromium } from '../tests/support/browser';
import { startGatewayProcess, TEST_ADMIN_TOKEN } from '../tests/support/gatewayProcess';
import { postJson } from '../tests/support/socketWaits';
import { isStrict, median, percentile, report, round } from './support/benchReport';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 40;
const g = await startGatewayProcess();
try {
  const now = new Date().toISOString();
  await postJson(`${g.url}ingest/alarms`, [
    alarmInput({ id: 'F-A', occurredAt: now }),
    alarmInput({ id: 'F-B', occurredAt: now, severity: 'yellow' }),
  ]);

  // Baseline: socket to socket through the gateway's wall room.
  const a = io(g.url, { transports: ['websocket'], auth: { token: TEST_ADMIN_TOKEN, wall: 'hall-1' } });
  const b = io(g.url, { transports: ['websocket'], auth: { token: TEST_ADMIN_TOKEN, wall: 'hall-1' } });
  await Promise.all([new Promise((r) => a.once('view', r)), new Promise((r) => b.once('view', r))]);
  const socketMs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const id = i % 2 === 0 ? 'F-A' : 'F-B';
    const seen = new Promise<number>((resolve) => b.once('view', () => resolve(performance.now())));
    const t0 = performance.now();
    a.emit('view:set', { focus: { kind: 'alarm', id } }, () => undefined);
    socketMs.push((await seen) - t0);
  }
  a.close();
  b.close();

  const browser = await launchChromium();
  const open = async (screen: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${g.url}?wall=hall-1&screen=${screen}&token=${TEST_ADMIN_TOKEN}`);
    await page.locator('[data-alarm-id="F-A"], [data-testid="focus-details"]').first().waitFor();
    return page;
  };
  const left = await open('left');
  const centre = await open('centre');
  await centre.evaluate(() => {
    const w = window as unknown as { focusSeenAt: Record<string, number> };
    w.focusSeenAt = {};
    const target = document.querySelector('[data-testid="focus-details"]');
    if (!target) throw new Error('no focus-details panel on the centre screen');
    new MutationObserver(() => {
      w.focusSeenAt[target.getAttribute('data-focus') ?? ''] = Date.now();
    }).observe(target, { attributes: true, attributeFilter: ['data-focus'] });
  });
  const screenMs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const id = i % 2 === 0 ? 'F-A' : 'F-B';
    const clickedAt = await left.evaluate((alarm) => {
      const t = Date.now();
      (document.querySelector(`[data-alarm-id="${alarm}"]`) as HTMLElement).click();
      return t;
    }, id);
    const seenAt = await centre.waitForFunction(
      (key) => (window as unknown as { focusSeenAt: Record<string, number> }).focusSeenAt[key],
      `alarm:${id}`,
    );
    screenMs.push(((await seenAt.jsonValue()) as number) - clickedAt);
    await centre.evaluate(() => {
      (window as unknown as { focusSeenAt: Record<string, number> }).focusSeenAt = {};
    });
  }
  await browser.close();

  const rows = [
    {
      path: 'socket → gateway → socket (baseline)',
      p50_ms: round(median(socketMs)),
      p95_ms: round(percentile(socketMs, 95)),
      max_ms: round(Math.max(...socketMs)),
    },
    {
      path: 'click on screen A → focus shown on screen B',
      p50_ms: round(median(screenMs)),
      p95_ms: round(percentile(screenMs, 95)),
      max_ms: round(Math.max(...screenMs)),
    },
  ];
  const ok = report(
    'wall-focus',
    rows,
    [{ name: 'focus on another screen, p95', value: percentile(screenMs, 95), max: 200, unit: 'ms' }],
    { rounds, ratio_p50_screen_to_socket: round(median(screenMs) / median(socketMs), 2) },
  );
  await g.kill();
  process.exit(!ok && isStrict() ? 1 : 0);
} catch (err) {
  await g.kill();
  throw err;
}
