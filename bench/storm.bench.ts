/**
 * `npm run bench:storm [-- --strict]`: the alarm-storm scenario (3,000 alarms across the
 * district in one minute, 2 % red) against the real gateway, with a wall screen in Chromium.
 * For every red alarm: the time from the feed stamping it (`occurredAt`, set by the scenario
 * runner as it builds the batch, before its HTTP POST) to (a) a wall socket receiving it and
 * (b) the left screen drawing it in its alarm list (a MutationObserver in the page; the same
 * machine clock). Target: a red alarm on the screen within 1 s at p95, storm or not. Also
 * reports what the screen says it is not showing ("另有 N 条").
 */
import { join, resolve } from 'node:path';
import { loadScenario } from '../mock-feeds/scenarios/loadScenario';
import { runScenario, type ScenarioRole } from '../mock-feeds/scenarios/runScenario';
import { loadRegionPackSync } from '../stream-gateway/region/loadRegionPack';
import { launchChromium } from '../tests/support/browser';
import { startGatewayProcess, TEST_ADMIN_TOKEN } from '../tests/support/gatewayProcess';
import { followModel, postJson } from '../tests/support/socketWaits';
import { isStrict, median, percentile, report, round } from './support/benchReport';

const ROOT = resolve(import.meta.dirname, '..');
const g = await startGatewayProcess({ env: { LOG_LEVEL: 'warn' } });
try {
  const issue = async (role: string, extra: Record<string, string> = {}) =>
    (await postJson(`${g.url}api/tokens`, { role, label: `storm bench ${role}`, ...extra })).body
      .token as string;
  const tokens: Record<ScenarioRole, string> = {
    feed: await issue('feed'),
    'officer-1': await issue('officer'),
    'officer-2': await issue('officer'),
    leader: await issue('leader'),
    admin: TEST_ADMIN_TOKEN,
  };
  const wallToken = await issue('wall', { wall: 'hall-1' });

  // (a) what a wall socket receives
  const socketMs: number[] = [];
  const seenOnSocket = new Set<string>();
  const wall = followModel(g.url, { token: wallToken, wall: 'hall-1' });
  await wall.until(() => true, 'the snapshot');
  wall.socket.on('delta', (d) => {
    const at = Date.now();
    for (const c of d.changes) {
      if (c.collection !== 'alarms' || !c.value || c.value.severity !== 'red' || seenOnSocket.has(c.id))
        continue;
      seenOnSocket.add(c.id);
      socketMs.push(at - Date.parse(c.value.occurredAt));
    }
  });

  // (b) what the left screen draws
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`${g.url}?wall=hall-1&screen=left&token=${wallToken}`);
  await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor();
  await page.evaluate(() => {
    const w = window as unknown as { redSeenAt: Record<string, number> };
    w.redSeenAt = {};
    const list = document.querySelector('[data-testid="alarm-list"] ol');
    if (!list) throw new Error('no alarm list on the left screen');
    new MutationObserver(() => {
      const t = Date.now();
      for (const li of list.querySelectorAll('li[data-severity="red"]')) {
        const id = li.getAttribute('data-alarm-id') ?? '';
        w.redSeenAt[id] ??= t;
      }
    }).observe(list, { childList: true, subtree: true });
  });

  const storm = runScenario({
    scenario: loadScenario('alarm-storm'),
    pack: loadRegionPackSync(join(ROOT, 'regions/naxi')),
    gatewayUrl: g.url,
    mqttUrl: null,
    tokens,
    log: (m) => console.log(m),
  });
  const result = await storm.done;
  await storm.stop();
  const hidden = await page.locator('[data-testid="alarm-list"] footer').textContent();
  const redSeenAt = (await page.evaluate(
    () => (window as unknown as { redSeenAt: Record<string, number> }).redSeenAt,
  )) as Record<string, number>;
  await browser.close();
  wall.close();

  const live = (await (
    await fetch(`${g.url}api/live`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })
  ).json()) as { model: { alarms: Record<string, { severity: string; occurredAt: string }> } };
  const reds = Object.entries(live.model.alarms).filter(
    ([id, a]) => id.startsWith('STORM') && a.severity === 'red',
  );
  const screenMs = reds
    .filter(([id]) => redSeenAt[id] !== undefined)
    .map(([id, a]) => (redSeenAt[id] as number) - Date.parse(a.occurredAt));
  const row = (path: string, ms: number[], of: number) => ({
    path,
    red_alarms: `${ms.length}/${of}`,
    p50_ms: round(median(ms)),
    p95_ms: round(percentile(ms, 95)),
    max_ms: round(Math.max(...ms)),
  });
  const rows = [
    row('feed stamp → wall socket', socketMs, reds.length),
    row('feed stamp → left screen alarm list', screenMs, reds.length),
  ];
  const ok = report(
    'alarm-storm',
    rows,
    [
      {
        name: 'red alarm on the screen during the storm, p95',
        value: percentile(screenMs, 95),
        max: 1000,
        unit: 'ms',
      },
      {
        name: 'red alarms drawn on the screen',
        value: screenMs.length / Math.max(1, reds.length),
        min: 1,
        unit: '',
      },
    ],
    {
      steps: result.outcomes.map((o) => `${o.at} ${o.do} ${o.ok ? 'ok' : 'FAILED'}: ${o.detail}`),
      screenSaysHidden: hidden,
    },
  );
  console.log(`the screen says: ${hidden}`);
  await g.kill();
  process.exit(result.failures > 0 || (!ok && isStrict()) ? 1 : 0);
} catch (err) {
  await g.kill();
  throw err;
}
