/**
 * The wall in a real browser (Debian's Chromium via playwright-core): it opens with a
 * screen token, shows live data from the gateway, takes the token out of the address bar,
 * and updates when a new alarm is ingested — without a reload.
 */
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmInput, caseInput, minutesAfter } from '../fixtures/feedItems';
import { chromiumAvailable, launchChromium } from '../support/browser';
import { type GatewayProcess, startGatewayProcess } from '../support/gatewayProcess';
import { postJson } from '../support/socketWaits';

const ARTIFACTS = 'test-artifacts';
const run = chromiumAvailable();

describe.runIf(run)('wall in Chromium', () => {
  let g: GatewayProcess;
  let browser: Browser;
  let screenToken: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    g = await startGatewayProcess();
    browser = await launchChromium();
    const now = new Date().toISOString();
    await postJson(`${g.url}ingest/alarms`, [
      alarmInput({
        id: 'W-RED',
        occurredAt: now,
        severity: 'red',
        category: '人员聚集',
        address: '安富街道中心广场',
      }),
      alarmInput({ id: 'W-YEL', occurredAt: now, severity: 'yellow', category: '噪音扰民' }),
    ]);
    await postJson(
      `${g.url}ingest/cases`,
      caseInput({
        receivedAt: minutesAfter(now, -100),
        firstResponseDue: minutesAfter(now, 20),
        feedbackDue: minutesAfter(now, 2780),
      }),
    );
    screenToken = (
      await postJson(`${g.url}api/tokens`, { role: 'wall', label: 'browser test', wall: 'hall-1' })
    ).body.token;
  });
  afterAll(async () => {
    await browser?.close();
    await g?.kill();
  });

  it('shows live data, strips the token from the address, and updates on a new alarm', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const offHost: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(g.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:'))
        offHost.push(r.url());
    });
    await page.goto(`${g.url}?token=${screenToken}`);
    await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor();
    expect(page.url()).not.toContain('token=');

    await expect.poll(() => page.locator('[data-kpi="redAlarms"] .kpi-value').textContent()).toBe('1');
    await expect.poll(() => page.locator('[data-alarm-id]').count()).toBe(2);
    expect(await page.locator('[data-alarm-id]').first().getAttribute('data-alarm-id')).toBe('W-RED');
    await expect.poll(() => page.locator('[data-case-id="CASE-1"]').count()).toBe(1);

    await postJson(
      `${g.url}ingest/alarms`,
      alarmInput({ id: 'W-RED-2', occurredAt: new Date().toISOString(), severity: 'red' }),
    );
    await expect.poll(() => page.locator('[data-kpi="redAlarms"] .kpi-value').textContent()).toBe('2');
    await expect.poll(() => page.locator('[data-alarm-id="W-RED-2"]').count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/wall-overview-1920x1080.png` });
    expect(offHost).toEqual([]);
  });

  it('without a token shows the token gate, not data', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(g.url);
    await page.locator('[data-testid="token-gate"]').waitFor();
    expect(await page.locator('[data-alarm-id]').count()).toBe(0);
    await context.close();
  });
});
