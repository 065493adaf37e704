/**
 * A screen that loses its gateway says so plainly (banner, greyed data with its age) and
 * catches up by itself when the gateway returns — no reload, nothing missing.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmInput } from '../fixtures/feedItems';
import { chromiumAvailable, launchChromium } from '../support/browser';
import { type GatewayProcess, startGatewayProcess } from '../support/gatewayProcess';
import { postJson } from '../support/socketWaits';

const run = chromiumAvailable();

describe.runIf(run)('screen reconnect', () => {
  let first: GatewayProcess;
  let second: GatewayProcess | null = null;
  let browser: Browser;

  beforeAll(async () => {
    first = await startGatewayProcess();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await first?.kill('SIGKILL');
    await second?.kill();
  });

  it('shows the outage, then catches up without a reload when the gateway returns', async () => {
    await postJson(
      `${first.url}ingest/alarms`,
      alarmInput({ id: 'BEFORE', occurredAt: new Date().toISOString() }),
    );
    const token = (
      await postJson(`${first.url}api/tokens`, { role: 'wall', label: 'reconnect test', wall: 'hall-1' })
    ).body.token as string;
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${first.url}?wall=hall-1&screen=left&token=${token}`);
    await page.locator('[data-alarm-id="BEFORE"]').waitFor();
    await page.evaluate(() => {
      (window as unknown as { loadedOnce: string }).loadedOnce = 'yes';
    });

    await first.kill('SIGKILL');
    await page.locator('[data-testid="connection-banner"]').waitFor();
    expect(await page.locator('[data-testid="connection-state"]').getAttribute('data-state')).toBe(
      'reconnecting',
    );
    expect(await page.locator('[data-alarm-id="BEFORE"]').count()).toBe(1);
    await page.screenshot({ path: 'test-artifacts/wall-reconnecting-1920x1080.png' });

    second = await startGatewayProcess({ dataDir: first.dataDir, port: first.port });
    await postJson(
      `${second.url}ingest/alarms`,
      alarmInput({ id: 'AFTER', occurredAt: new Date().toISOString() }),
    );
    await page.locator('[data-alarm-id="AFTER"]').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor();
    expect(await page.locator('[data-testid="connection-banner"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { loadedOnce?: string }).loadedOnce)).toBe('yes');
    expect(await page.locator('[data-alarm-id="BEFORE"]').count()).toBe(1);
  });
});
