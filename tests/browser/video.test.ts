/**
 * Video tiles in a real browser (Debian's Chromium, hls.js) against a real gateway with the
 * simulated media server: a tile plays (its video's currentTime advances), an injected red
 * alarm takes the focus tile and gives it back when acknowledged, a pinned tile stays, a
 * channel that goes away says so and plays again when it comes back, and the decoder cap
 * holds. Screenshots at 1920x1080 and 3840x2160 go to test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockMediaServer } from '../../mock-feeds/media/createMockMediaServer';
import { alarmInput, cameraInput } from '../fixtures/feedItems';
import { chromiumAvailable, launchChromium } from '../support/browser';
import { followModel, postJson } from '../support/socketWaits';
import {
  VIDEO_ADMIN_TOKEN as ADMIN,
  startVideoGateway,
  type VideoGateway,
  VIDEO_WALL_TOKEN as WALL,
} from '../support/startVideoGateway';

const ARTIFACTS = 'test-artifacts';
const ALARM_CAM = '51050300001320000099';
/** A camera in no toured group: its changes must leave the tiles alone. */
const OTHER_CAM = '51050300001320000098';
const WAIT = { timeout: 30_000, interval: 250 };
const run = chromiumAvailable();

function stationCameras(at: string) {
  const sides = ['东', '南', '西', '北', '出入口', '中心', '侧门', '后院', '停车场', '值班室'];
  return sides.map((side, i) => {
    const id = `510503000013200000${String(i + 10)}`;
    return cameraInput({
      id,
      streamUrl: `/media/${id}/index.m3u8`,
      name: `安富派出所${side}枪机`,
      lon: 105.36 + i * 0.002,
      lat: 28.76,
      townshipId: '510503001',
      groups: ['stations'],
      updatedAt: at,
    });
  });
}

const tile = (page: Page, slot: number) => page.locator(`figure.tile[data-slot="${slot}"]`);
const attr = (page: Page, slot: number, name: string) => tile(page, slot).getAttribute(name);

describe.runIf(run)('video tiles in Chromium', { timeout: 120_000 }, () => {
  let video: VideoGateway;
  let media: MockMediaServer;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // A tour page that changes only at midnight (UTC): the tiles hold still during the test.
    const tour = { tour: 'stations', tourSeconds: 86_400 };
    video = await startVideoGateway({
      screens: [
        { id: 'v-2x2', props: { layout: '2x2', decoders: 4, ...tour } },
        { id: 'v-1p5', props: { layout: '1+5', decoders: 6, ...tour } },
        {
          id: 'v-3x3',
          props: { layout: '3x3', decoders: 4, ...tour },
          canvas: { width: 3840, height: 2160 },
        },
      ],
    });
    ({ media, url } = video);
    const at = new Date().toISOString();
    await postJson(
      `${url}ingest/cameras`,
      [
        ...stationCameras(at),
        cameraInput({
          id: OTHER_CAM,
          name: '东升街道农贸市场枪机',
          groups: ['markets'],
          streamUrl: `/media/${OTHER_CAM}/index.m3u8`,
          updatedAt: at,
        }),
        cameraInput({
          id: ALARM_CAM,
          name: '安富街道中心广场北球机',
          kind: 'ptz',
          groups: ['squares'],
          streamUrl: `/media/${ALARM_CAM}/index.m3u8`,
          updatedAt: at,
        }),
      ],
      ADMIN,
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await video?.close();
  });

  /** A screen of hall-1 from the layout file: a video panel and nothing else. */
  async function openVideo(screen: string, size = { width: 1920, height: 1080 }): Promise<Page> {
    const page = await browser.newPage({ viewport: size });
    await page.goto(video.screenUrl(screen));
    await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor();
    return page;
  }

  it('plays a live stream: the tile says live, shows the stream time, and its video moves', async () => {
    const page = await openVideo('v-2x2');
    await expect.poll(() => attr(page, 0, 'data-state'), WAIT).toBe('live');
    const video = tile(page, 0).locator('video');
    const t0 = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), WAIT)
      .toBeGreaterThan(t0 + 1);
    expect(await tile(page, 0).locator('.stream-time').textContent()).toMatch(/^\d\d:\d\d:\d\d$/);
    await expect.poll(() => page.locator('figure.tile[data-state="live"]').count(), WAIT).toBe(4);

    // Unrelated data (another camera's status, a green alarm) re-creates no player.
    const loads = await Promise.all([0, 1, 2, 3].map((s) => attr(page, s, 'data-loads')));
    const at = new Date().toISOString();
    await postJson(
      `${url}ingest/cameras`,
      [cameraInput({ id: OTHER_CAM, groups: ['markets'], status: 'fault', updatedAt: at })],
      ADMIN,
    );
    await postJson(
      `${url}ingest/alarms`,
      alarmInput({ id: 'B-GREEN', occurredAt: at, severity: 'green' }),
      ADMIN,
    );
    await expect.poll(() => page.locator('[data-feed="alarms"][data-state="trusted"]').count(), WAIT).toBe(1);
    expect(await Promise.all([0, 1, 2, 3].map((s) => attr(page, s, 'data-loads')))).toEqual(loads);
    await page.close();
  });

  it("the wall's shared focus opens its camera in the focus tile", async () => {
    const page = await openVideo('v-2x2');
    await expect.poll(() => attr(page, 0, 'data-state'), WAIT).toBe('live');
    const officer = followModel(url, { token: ADMIN, wall: 'hall-1' });
    await officer.until(() => true, 'the snapshot');
    const answer = await officer.socket
      .timeout(5000)
      .emitWithAck('view:set', { focus: { kind: 'camera', id: ALARM_CAM } });
    expect(answer).toMatchObject({ ok: true });
    await expect.poll(() => attr(page, 0, 'data-camera-id'), WAIT).toBe(ALARM_CAM);
    expect(await attr(page, 0, 'data-role')).toBe('focus');
    await expect(tile(page, 0).locator('.tile-badge').textContent()).resolves.toContain('大屏焦点');
    await officer.socket.timeout(5000).emitWithAck('view:set', { focus: null });
    await expect.poll(() => attr(page, 0, 'data-role'), WAIT).toBe('tour');
    officer.close();
    await page.close();
  });

  it('a red alarm takes the focus tile with its badge, a pinned tile stays, acknowledgement gives it back', async () => {
    const page = await openVideo('v-1p5');
    await expect.poll(() => attr(page, 5, 'data-state'), WAIT).toBe('live');
    const pinnedCamera = await attr(page, 0, 'data-camera-id');
    await tile(page, 0).locator('button.pin').click();
    await expect.poll(() => attr(page, 0, 'data-role'), WAIT).toBe('pinned');

    const now = new Date().toISOString();
    await postJson(
      `${url}ingest/alarms`,
      alarmInput({ id: 'B-RED', occurredAt: now, cameraId: ALARM_CAM, category: '人员聚集' }),
      ADMIN,
    );
    // The focus tile is pinned, so the alarm takes the first free one.
    await expect.poll(() => attr(page, 1, 'data-camera-id'), WAIT).toBe(ALARM_CAM);
    expect(await attr(page, 1, 'data-role')).toBe('alarm-red');
    expect(await attr(page, 0, 'data-camera-id')).toBe(pinnedCamera);
    await expect(tile(page, 1).locator('.tile-badge').textContent()).resolves.toContain('人员聚集');
    await expect.poll(() => attr(page, 1, 'data-state'), WAIT).toBe('live');
    await page.screenshot({ path: `${ARTIFACTS}/video-1p5-alarm-1920x1080.png` });

    await postJson(
      `${url}api/video/pins`,
      { wall: 'hall-1', panel: 'v-1p5', slot: 0, cameraId: null },
      ADMIN,
    );
    await expect.poll(() => attr(page, 0, 'data-camera-id'), WAIT).toBe(ALARM_CAM);
    await postJson(
      `${url}ingest/alarms`,
      alarmInput({ id: 'B-RED', occurredAt: now, cameraId: ALARM_CAM, state: 'acknowledged', version: 2 }),
      ADMIN,
    );
    await expect.poll(() => attr(page, 0, 'data-role'), WAIT).toBe('tour');
    expect(await page.locator(`figure.tile[data-camera-id="${ALARM_CAM}"]`).count()).toBe(0);
    await page.close();
  });

  it('a channel that goes away says so, and plays again when it comes back', async () => {
    const page = await openVideo('v-2x2');
    await expect.poll(() => attr(page, 1, 'data-state'), WAIT).toBe('live');
    await expect.poll(() => attr(page, 2, 'data-state'), WAIT).toBe('live');
    const gone = (await attr(page, 1, 'data-camera-id')) as string;
    const frozen = (await attr(page, 2, 'data-camera-id')) as string;
    media.setFault(gone, 'not-found');
    media.setFault(frozen, 'stall');
    await expect.poll(() => attr(page, 1, 'data-state'), WAIT).toBe('offline');
    await expect.poll(() => attr(page, 2, 'data-state'), WAIT).toBe('stalled');
    // Not live means no live picture: the video is hidden behind the tile's veil.
    expect(
      await tile(page, 2)
        .locator('video')
        .evaluate((v) => getComputedStyle(v).visibility),
    ).toBe('hidden');
    await expect(tile(page, 2).locator('[data-testid="tile-veil"]').textContent()).resolves.toContain(
      '画面已停止更新',
    );
    await page.screenshot({ path: `${ARTIFACTS}/video-faults-1920x1080.png` });

    media.setFault(gone, null);
    media.setFault(frozen, null);
    await expect.poll(() => attr(page, 1, 'data-state'), WAIT).toBe('live');
    await expect.poll(() => attr(page, 2, 'data-state'), WAIT).toBe('live');
    const video = tile(page, 1).locator('video');
    const t0 = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), WAIT)
      .toBeGreaterThan(t0 + 1);
    await page.close();
  });

  it('runs no more decoders than the cap; the other tiles show stills with their time', async () => {
    const page = await openVideo('v-3x3', { width: 3840, height: 2160 });
    await expect.poll(() => page.locator('figure.tile[data-state="live"]').count(), WAIT).toBe(4);
    await expect.poll(() => page.locator('figure.tile[data-state="still"] img.still').count(), WAIT).toBe(5);
    expect(await page.locator('video').count()).toBe(4);
    expect(await tile(page, 8).locator('.stream-time').textContent()).toMatch(/\d\d:\d\d:\d\d/);
    await page.screenshot({ path: `${ARTIFACTS}/video-3x3-budget-3840x2160.png` });
    await page.close();
  });

  it('the overview plays four live tiles (screenshots at 1080p and 4K)', async () => {
    for (const [width, height] of [
      [1920, 1080],
      [3840, 2160],
    ] as const) {
      const page = await browser.newPage({ viewport: { width, height } });
      await page.goto(`${url}?token=${WALL}`);
      const panel = page.locator('[data-testid="video-overview"]');
      await expect.poll(() => panel.locator('figure.tile[data-state="live"]').count(), WAIT).toBe(4);
      await page.screenshot({ path: `${ARTIFACTS}/overview-video-${width}x${height}.png` });
      await page.close();
    }
  });
});
