/**
 * The wall says plainly when the gateway refuses new events for lack of storage: a banner
 * on every screen, in Chinese by default and in English with the switch (docs/reliability.md).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../support/browser';
import { type GatewayProcess, startGatewayProcess } from '../support/gatewayProcess';
import { postJson } from '../support/socketWaits';

const run = chromiumAvailable();

describe.runIf(run)('storage banner', () => {
  let g: GatewayProcess;
  let browser: Browser;

  beforeAll(async () => {
    // A threshold above any disk's free space: the alarm is on from the start.
    g = await startGatewayProcess({ env: { STORAGE_MIN_FREE_MB: '9000000' } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await g?.kill('SIGKILL');
  });

  it('shows the storage alarm on the wall, in Chinese and in English', async () => {
    const token = (
      await postJson(`${g.url}api/tokens`, { role: 'wall', label: 'storage test', wall: 'hall-1' })
    ).body.token as string;
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${g.url}?wall=hall-1&screen=centre&token=${token}`);
    const banner = page.locator('[data-testid="storage-banner"]');
    await banner.waitFor();
    expect(await banner.getAttribute('data-state')).toBe('low');
    expect(await banner.textContent()).toMatch(/^网关存储空间不足（剩余 \d+ MB）：已暂停接收新事件/);
    await page.screenshot({ path: 'test-artifacts/wall-storage-alarm-1920x1080.png' });

    const english = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await english.goto(`${g.url}?wall=hall-1&screen=centre&lang=en&token=${token}`);
    await english.locator('[data-testid="storage-banner"]').waitFor();
    expect(await english.locator('[data-testid="storage-banner"]').textContent()).toMatch(
      /^Gateway storage low \(\d+ MB free\): new events are refused/,
    );
  });
});
