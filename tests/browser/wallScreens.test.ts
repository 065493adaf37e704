/**
 * Several screens as one wall, in real Chromium: focus set on one screen shows on the other;
 * each screen is laid out at its canvas and scaled (1920x1080, 3840x2160, 5760x2160 with
 * bezels) — screenshots saved as artifacts; the layout file is hot-reloaded; heartbeats list
 * the screens for the console.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmInput } from '../fixtures/feedItems';
import { chromiumAvailable, launchChromium } from '../support/browser';
import { type GatewayProcess, startGatewayProcess, tempDataDir } from '../support/gatewayProcess';
import { getJson, postJson } from '../support/socketWaits';

const ARTIFACTS = 'test-artifacts';
const run = chromiumAvailable();

function layoutWithPanorama(): object {
  const shipped = JSON.parse(
    readFileSync(resolve(import.meta.dirname, '../../config/walls.json'), 'utf8'),
  ) as { walls: object[] };
  shipped.walls.push({
    id: 'hall-2',
    name: '二号墙',
    screens: [
      {
        id: 'panorama',
        title: '全景',
        canvas: { width: 5760, height: 2160 },
        bezel: { columns: 3, rows: 1, px: 24 },
        pages: [
          {
            id: 'all',
            columns: '1fr 1fr 1fr',
            rows: 'auto 1fr',
            areas: ['kpis kpis kpis', 'alarms focus feeds'],
            panels: {
              kpis: { panel: 'kpis' },
              alarms: { panel: 'alarm-list', props: { rows: 16 } },
              focus: { panel: 'focus-details' },
              feeds: { panel: 'feed-status' },
            },
          },
        ],
      },
    ],
  });
  const twoPages = (id: string) => ({ id, areas: ['k'], panels: { k: { panel: 'kpis' } } });
  shipped.walls.push({
    id: 'hall-3',
    name: '三号墙',
    screens: [
      {
        id: 'rotating',
        canvas: { width: 1920, height: 1080 },
        rotateSeconds: 5,
        pages: [twoPages('one'), twoPages('two')],
      },
      { id: 'leaky', canvas: { width: 1920, height: 1080 }, maxHeapMB: 1, pages: [twoPages('only')] },
    ],
  });
  return shipped;
}

describe.runIf(run)('multi-screen wall in Chromium', () => {
  let g: GatewayProcess;
  let browser: Browser;
  let token: string;
  let layoutFile: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const dir = tempDataDir('wall-layout-');
    layoutFile = join(dir, 'walls.json');
    writeFileSync(layoutFile, JSON.stringify(layoutWithPanorama(), null, 2));
    g = await startGatewayProcess({ env: { WALL_LAYOUT_FILE: layoutFile } });
    browser = await launchChromium();
    const now = new Date().toISOString();
    await postJson(`${g.url}ingest/alarms`, [
      alarmInput({ id: 'FOCUS-ME', occurredAt: now, category: '人员聚集', address: '安富街道中心广场' }),
      alarmInput({ id: 'OTHER', occurredAt: now, severity: 'yellow' }),
    ]);
    token = (await postJson(`${g.url}api/tokens`, { role: 'officer', label: 'duty officer test' })).body
      .token;
  });
  afterAll(async () => {
    await browser?.close();
    await g?.kill();
  });

  async function open(wall: string, screen: string, width: number, height: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height } });
    await page.goto(`${g.url}?wall=${wall}&screen=${screen}&token=${token}`);
    await page.locator(`[data-testid="wall-screen"][data-screen="${screen}"]`).waitFor();
    await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor();
    return page;
  }

  it('focus on one screen moves the details on another screen of the same wall', async () => {
    const left = await open('hall-1', 'left', 1920, 1080);
    const centre = await open('hall-1', 'centre', 1920, 1080);
    await left.locator('[data-alarm-id="FOCUS-ME"]').click();
    await centre.locator('[data-testid="focus-details"][data-focus="alarm:FOCUS-ME"]').waitFor();
    expect(await centre.locator('[data-testid="focus-details"] h3').textContent()).toContain('人员聚集');
    // Keyboard works too: focus the other alarm with Enter.
    await left.locator('[data-alarm-id="OTHER"]').focus();
    await left.keyboard.press('Enter');
    await centre.locator('[data-testid="focus-details"][data-focus="alarm:OTHER"]').waitFor();
    await left.close();
    await centre.close();
  });

  it.each([
    ['hall-1', 'left', 1920, 1080],
    ['hall-1', 'centre', 3840, 2160],
    ['hall-2', 'panorama', 5760, 2160],
  ])('lays out %s/%s at its canvas and scales it to %dx%d', async (wall, screen, width, height) => {
    const page = await open(wall, screen, width, height);
    const box = await page.locator('[data-testid="wall-screen"]').boundingBox();
    expect(box?.width).toBeCloseTo(width, 0);
    expect(box?.height).toBeCloseTo(height, 0);
    if (screen === 'panorama') expect(await page.locator('.bezel-v').count()).toBe(2);
    await page.screenshot({ path: `${ARTIFACTS}/wall-${wall}-${screen}-${width}x${height}.png` });
    await page.close();
  });

  it('reloads the layout file while screens run, and keeps the last good one on a bad edit', async () => {
    const page = await open('hall-1', 'right', 1920, 1080);
    expect(await page.locator('[data-testid="wall-screen"]').getAttribute('data-page')).toBe('video');
    const layout = layoutWithPanorama() as {
      walls: { screens: { id: string; pages: { id: string }[] }[] }[];
    };
    const right = layout.walls[0]?.screens.find((s) => s.id === 'right');
    if (!right?.pages[0]) throw new Error('shipped layout changed');
    right.pages[0].id = 'video-renamed';
    writeFileSync(layoutFile, JSON.stringify(layout));
    await page.locator('[data-testid="wall-screen"][data-page="video-renamed"]').waitFor();

    writeFileSync(layoutFile, '{ "walls": [ broken');
    await expect
      .poll(async () => (await getJson(`${g.url}health`)).body.features['wall-layouts'].state)
      .toBe('invalid');
    expect(await page.locator('[data-testid="wall-screen"]').getAttribute('data-page')).toBe('video-renamed');
    writeFileSync(layoutFile, JSON.stringify(layoutWithPanorama()));
    await expect
      .poll(async () => (await getJson(`${g.url}health`)).body.features['wall-layouts'].state)
      .toBe('ok');
    await page.close();
  });

  it('rotates pages on a timer', async () => {
    const page = await open('hall-3', 'rotating', 1280, 720);
    const first = await page.locator('[data-testid="wall-screen"]').getAttribute('data-page');
    await page
      .locator(`[data-testid="wall-screen"]:not([data-page="${first}"])`)
      .waitFor({ timeout: 20_000 });
    await page.close();
  });

  it('the watchdog reloads a screen past its heap bound and restores it', async () => {
    const page = await open('hall-3', 'leaky', 1280, 720);
    await page.locator('[data-testid="wall-screen"][data-reloads="1"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor();
    expect(await page.locator('[data-testid="wall-screen"]').getAttribute('data-page')).toBe('only');
    await page.close();
  });

  it('lists screens with their health from their heartbeats', async () => {
    const page = await open('hall-1', 'left', 1280, 720);
    await expect
      .poll(async () =>
        (
          (await getJson(`${g.url}api/screens`)).body.screens as {
            screen: string;
            health: string;
            seq: number | null;
            logSeq: number;
            lastHeartbeatAt: string | null;
            heapMB: number | null;
          }[]
        ).some(
          (s) =>
            s.screen === 'left' &&
            s.health !== 'disconnected' &&
            s.lastHeartbeatAt !== null &&
            s.seq === s.logSeq &&
            s.heapMB !== null,
        ),
      )
      .toBe(true);
    await page.close();
  });
});
