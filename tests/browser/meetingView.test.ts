/**
 * The meeting view in real Chromium, on a backfilled store: the left screen switches the
 * whole wall (the centre screen too) to "last 7 days"; the KPI tiles, rankings and the case
 * pipeline show exactly what the API answers; Escape brings every screen back to live; a
 * replay of yesterday plays through the same reducer; charts are updated, never re-created.
 * Screenshots at 1920x1080 and 3840x2160 go to test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatKpi, KPI_KEYS, KPI_SPECS } from '../../wall-client/src/trends/buildKpiTiles';
import { chromiumAvailable, launchChromium } from '../support/browser';
import { type GatewayProcess, startGatewayProcess, waitForBackfill } from '../support/gatewayProcess';
import { getJson, postJson } from '../support/socketWaits';

const ARTIFACTS = 'test-artifacts';
const run = chromiumAvailable();
const CHARTS = '[_echarts_instance_]';

describe.runIf(run)('meeting view', () => {
  let g: GatewayProcess;
  let browser: Browser;
  let left: Page;
  let centre: Page;
  let token: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    g = await startGatewayProcess({ env: { BACKFILL: 'on', BACKFILL_DAYS: '30', BACKFILL_LOG_DAYS: '2' } });
    await waitForBackfill(g.url);
    token = (await postJson(`${g.url}api/tokens`, { role: 'wall', label: 'meeting test', wall: 'hall-1' }))
      .body.token;
    browser = await launchChromium();
    left = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    centre = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await left.goto(`${g.url}?wall=hall-1&screen=left&token=${token}`);
    await centre.goto(`${g.url}?wall=hall-1&screen=centre&token=${token}`);
    for (const p of [left, centre])
      await p.locator('[data-testid="connection-state"][data-state="live"]').waitFor();
    await left.locator('[data-kpi="peaceIndex"] .kpi-value').waitFor();
  }, 200_000);
  afterAll(async () => {
    await browser?.close();
    await g?.kill();
  });

  const api = async (path: string) => (await getJson(`${g.url}${path}`)).body;
  const text = (page: Page, selector: string) => page.locator(selector).first().textContent();

  it('switches every screen to the last 7 days and shows what the API answers, then back to live', async () => {
    const charts = await left.locator(CHARTS).count();
    expect(charts).toBeGreaterThan(10);

    await left.click('[data-period="last-7-days"]');
    await centre.locator('[data-testid="period-banner"][data-mode="range"]').waitFor();
    await left.locator('[data-testid="period-control"][data-choice="last-7-days"]').waitFor();
    await left.locator('[data-testid="kpi-trends"][data-range="last-7-days"]').waitFor();

    const summary = await api('api/trends/summary?range=last-7-days');
    for (const key of KPI_KEYS.filter((k) => k !== 'peaceIndex')) {
      const spec = KPI_SPECS[key];
      const expected = formatKpi(spec.kind, spec.value(summary.current.counts, summary.current));
      await expect.poll(() => text(left, `[data-kpi="${key}"] .kpi-value`), { message: key }).toBe(expected);
    }
    await expect
      .poll(() => text(left, '[data-kpi="peaceIndex"] .kpi-value'))
      .toBe(summary.current.peaceIndex.toFixed(1));
    expect(await text(left, '[data-testid="peace-index"]')).toBe(summary.current.peaceIndex.toFixed(1));

    const areas = await api('api/trends/areas?range=last-7-days&level=township');
    const expectedBars = (areas.areas as { id: string; peaceIndex: number }[])
      .map((a) => `${a.id}=${Math.round(a.peaceIndex * 10) / 10}`)
      .sort();
    await expect
      .poll(async () =>
        ((await left.getAttribute('[data-testid="township-bars"]', 'data-values')) ?? '').split(';').sort(),
      )
      .toEqual(expectedBars);

    const categories = await api('api/trends/categories?range=last-7-days');
    const top = (categories.categories as { category: string; alarms: number; cases: number }[])
      .slice(0, 8)
      .map((c) => `${c.category}=${c.alarms + c.cases}`)
      .join(';');
    await expect.poll(() => left.getAttribute('[data-testid="category-bars"]', 'data-values')).toBe(top);

    await left.locator('[data-testid="case-pipeline"][data-source="api"]').waitFor();
    await expect
      .poll(() => left.getAttribute('[data-testid="pipeline-stages"]', 'data-values'))
      .toMatch(
        new RegExp(`^cases=${summary.current.counts.cases};responded=${summary.current.counts.responded};`),
      );

    await left.screenshot({ path: `${ARTIFACTS}/meeting-last-7-days-1920x1080.png` });
    const big = await browser.newPage({ viewport: { width: 3840, height: 2160 } });
    await big.goto(`${g.url}?wall=hall-1&screen=left&token=${token}`);
    await big.locator('[data-testid="kpi-trends"][data-range="last-7-days"]').waitFor();
    await expect
      .poll(() => text(big, '[data-kpi="alarms"] .kpi-value'))
      .toBe(formatKpi('count', summary.current.counts.alarms));
    await big.screenshot({ path: `${ARTIFACTS}/meeting-last-7-days-3840x2160.png` });
    await big.close();

    await left.keyboard.press('Escape');
    await centre.locator('[data-testid="period-banner"]').waitFor({ state: 'detached' });
    await left.locator('[data-testid="period-control"][data-choice="live"]').waitFor();
    await left.locator('[data-testid="kpi-trends"][data-range="today"]').waitFor();
    const today = await api('api/trends/summary?range=today');
    await expect
      .poll(() => text(left, '[data-kpi="alarms"] .kpi-value'))
      .toBe(formatKpi('count', today.current.counts.alarms));
    await left.locator('[data-testid="case-pipeline"][data-source="model"]').waitFor();

    // Back and forth: the charts are updated in place, never re-created.
    for (const period of ['yesterday', 'last-4-weeks', 'live']) {
      await left.click(`[data-period="${period}"]`);
      await left.locator(`[data-testid="period-control"][data-choice="${period}"]`).waitFor();
    }
    expect(await left.locator(CHARTS).count()).toBe(charts);
  });

  it('replays yesterday on every screen through the live reducer, and L goes back to live', async () => {
    const yesterday = (await api('api/replay/days')).days.at(-2) as string;
    await left.click('[data-period="replay"]');
    await left.selectOption('[data-replay-day]', yesterday);
    await left.selectOption('[data-replay-speed]', '600');
    await left.click('[data-replay-play]');
    await centre.locator('[data-testid="period-banner"][data-mode="replay"]').waitFor();
    await expect
      .poll(() => left.getAttribute('.replay-progress', 'data-status'), { timeout: 30_000 })
      .toMatch(/playing|ended/);
    // the screens show the replayed day: its date on the clock, its alarms in the list
    await expect
      .poll(() => text(left, '.wall-header .clock'), { timeout: 20_000 })
      .toContain(yesterday.replaceAll('-', '/'));
    await expect.poll(() => left.locator('[data-alarm-id]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await text(left, '[data-testid="period-banner"]')).toContain(yesterday);
    await left.screenshot({ path: `${ARTIFACTS}/meeting-replay-1920x1080.png` });

    await centre.keyboard.press('l');
    await left.locator('[data-testid="period-control"][data-choice="live"]').waitFor();
    await centre.locator('[data-testid="period-banner"]').waitFor({ state: 'detached' });
    await expect.poll(() => text(left, '.wall-header .clock')).not.toContain(yesterday.replaceAll('-', '/'));
  });
});
