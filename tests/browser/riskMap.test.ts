/**
 * The risk map in a real browser against the real gateway: it loads offline (no request
 * leaves the gateway's origin), plots what is in the district, lists what is not on the
 * data-quality card, and an alarm injected through the public ingest shows up in the pulse
 * layer (read from the panel's test hooks — the counts and ids of the data handed to the
 * layers), flies the map to it in auto-focus, and colours its grid. Screenshots at 1920×1080
 * and 3840×2160 go to test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmInput, cameraInput, caseInput, minutesAfter } from '../fixtures/feedItems';
import { chromiumAvailable, launchChromium, trackOffHost } from '../support/browser';
import { type GatewayProcess, startGatewayProcess } from '../support/gatewayProcess';
import { postJson } from '../support/socketWaits';

const ARTIFACTS = 'test-artifacts';
const run = chromiumAvailable();
const MAP = '[data-testid="risk-map"]';

async function openWall(
  browser: Browser,
  url: string,
  token: string,
  size: { width: number; height: number },
) {
  const page = await browser.newPage({ viewport: size });
  const offHost = trackOffHost(page, url);
  await page.goto(`${url}?token=${token}`);
  await page.locator(`${MAP}[data-ready="true"]`).waitFor({ timeout: 60_000 });
  return { page, offHost };
}

const attr = (page: Page, name: string) => page.locator(MAP).getAttribute(`data-${name}`);

describe.runIf(run)('risk map in Chromium', () => {
  let g: GatewayProcess;
  let browser: Browser;
  let token: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    g = await startGatewayProcess();
    browser = await launchChromium();
    const now = new Date().toISOString();
    await postJson(`${g.url}ingest/cameras`, [
      cameraInput({ updatedAt: now }),
      cameraInput({
        id: 'CAM-OFF',
        name: '安富街道东门',
        lon: 105.376,
        lat: 28.775,
        status: 'offline',
        updatedAt: now,
      }),
      cameraInput({ id: 'CAM-SEA', name: '坐标为零的摄像机', lon: 0, lat: 0, updatedAt: now }),
    ]);
    await postJson(`${g.url}ingest/alarms`, [
      alarmInput({ id: 'M-YEL', occurredAt: now, receivedAt: now, severity: 'yellow', category: '噪音扰民' }),
      alarmInput({ id: 'M-FAR', occurredAt: now, lon: 121.47, lat: 31.23, category: '人员聚集' }),
    ]);
    await postJson(
      `${g.url}ingest/cases`,
      caseInput({
        lon: 105.371,
        lat: 28.772,
        receivedAt: minutesAfter(now, -130),
        firstResponseDue: minutesAfter(now, -10),
        feedbackDue: minutesAfter(now, 2750),
      }),
    );
    token = (await postJson(`${g.url}api/tokens`, { role: 'wall', label: 'map test', wall: 'hall-1' })).body
      .token;
  });
  afterAll(async () => {
    await browser?.close();
    await g?.kill();
  });

  it('plots the district offline, lists misplaced items, and pulses an alarm injected through the ingest', async () => {
    const { page, offHost } = await openWall(browser, g.url, token, { width: 1920, height: 1080 });
    await expect.poll(() => attr(page, 'incidents')).toBe('2');
    expect(await attr(page, 'cameras')).toBe('2');
    expect(await attr(page, 'halos')).toBe('1');
    // The alarm in Shanghai and the camera at (0, 0) are listed, not drawn.
    await expect.poll(() => attr(page, 'data-quality')).toBe('2');
    const card = page.locator('[data-testid="map-data-quality"]');
    expect(await card.locator('[data-dq-id="M-FAR"]').getAttribute('data-problem')).toBe('outside-district');
    expect(await card.locator('[data-dq-id="CAM-SEA"]').getAttribute('data-problem')).toBe(
      'outside-district',
    );

    const id = 'M-RED-LIVE';
    const at = new Date().toISOString();
    const reply = await postJson(
      `${g.url}ingest/alarms`,
      alarmInput({ id, occurredAt: at, severity: 'red', category: '人员聚集', address: '安富街道中心广场' }),
    );
    expect(reply.body.accepted).toBe(1);
    await expect.poll(() => attr(page, 'pulse-ids'), { timeout: 10_000 }).toContain(id);
    // Its grid turns red (an unacknowledged red alarm), and auto-focus opens its card.
    await expect.poll(() => attr(page, 'red-grids')).toBe('1');
    await expect
      .poll(() => page.locator('[data-testid="map-details"]').getAttribute('data-focus'))
      .toBe(`alarm:${id}`);
    expect(await page.locator('[data-testid="map-details"] h3').textContent()).toContain('人员聚集');

    // Acknowledged, it stops pulsing.
    await postJson(
      `${g.url}ingest/alarms`,
      alarmInput({ id, occurredAt: at, state: 'acknowledged', version: 2 }),
    );
    await expect.poll(() => attr(page, 'pulse-ids')).not.toContain(id);

    await page.waitForFunction(() => document.fonts.status === 'loaded');
    await page.screenshot({ path: `${ARTIFACTS}/risk-map-1920x1080.png` });
    expect(offHost).toEqual([]);
    await page.close();
  });

  it('moves the shared focus by keyboard and clears it with Escape', async () => {
    const { page } = await openWall(browser, g.url, token, { width: 1920, height: 1080 });
    await page.locator('.map-canvas').focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid="map-details"]').count()).toBe(0);
    // Attention order: pulsing alarms, red grids, overdue cases, yellow grids.
    await page.keyboard.press('n');
    await expect
      .poll(() => page.locator('[data-testid="map-details"]').getAttribute('data-focus'))
      .toMatch(/^(alarm|grid|case):/);
    await page.close();
  });

  it('fills a 4K wall screen the same way', async () => {
    const { page, offHost } = await openWall(browser, g.url, token, { width: 3840, height: 2160 });
    await expect.poll(() => attr(page, 'incidents')).toBe('3');
    await page.waitForFunction(() => document.fonts.status === 'loaded');
    await page.screenshot({ path: `${ARTIFACTS}/risk-map-3840x2160.png` });
    expect(offHost).toEqual([]);
    await page.close();
  });
});

describe.runIf(run)('risk map of another region pack (Xingan)', () => {
  let g: GatewayProcess;
  let browser: Browser;

  beforeAll(async () => {
    g = await startGatewayProcess({ env: { REGION: 'xingan' } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await g?.kill();
  });

  it('draws the pack the gateway is configured with, and says its boundaries are generated', async () => {
    const token = (await postJson(`${g.url}api/tokens`, { role: 'wall', label: 'xingan', wall: 'hall-1' }))
      .body.token;
    const { page, offHost } = await openWall(browser, g.url, token, { width: 1920, height: 1080 });
    expect(await page.locator('.map-notice').textContent()).toContain('演示生成');
    expect(await page.locator('[data-testid="overview"] h1').textContent()).toContain('新干县');
    await page.screenshot({ path: `${ARTIFACTS}/risk-map-xingan-1920x1080.png` });
    expect(offHost).toEqual([]);
  });
});
