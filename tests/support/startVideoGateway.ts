/**
 * An in-process gateway with the video parts plugged in — the simulated media server (on
 * the patterns the test setup encoded), alarm linkage, wall views and a wall layout with the
 * video screens asked for — on port 0, for the video browser test and the video benchmark,
 * which need to break channels on purpose.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RegionPack } from '../../live-model/region/types';
import type { FaultSchedule } from '../../mock-feeds/media/buildLivePlaylist';
import { createMockMediaServer, type MockMediaServer } from '../../mock-feeds/media/createMockMediaServer';
import { findFfmpeg, mediaCacheDir } from '../../mock-feeds/media/encodeMediaPatterns';
import type { Principal } from '../../protocol/access';
import type { WallLayoutFile } from '../../protocol/wallLayout';
import { createGateway, type Gateway } from '../../stream-gateway/createGateway';
import { createSqliteDatabase, createSqliteEventStore } from '../../stream-gateway/store/sqliteEventStore';
import { mediaRoutes } from '../../stream-gateway/video/mediaRoutes';
import { videoLinkage } from '../../stream-gateway/video/videoLinkage';
import { createWallViews } from '../../stream-gateway/wall/createWallViews';
import { wallLayouts } from '../../stream-gateway/wall/wallLayouts';

const ROOT = resolve(import.meta.dirname, '../..');
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

export const VIDEO_WALL_TOKEN = 'video-wall-screen-token-0001';
export const VIDEO_ADMIN_TOKEN = 'video-wall-admin-token-0001';
const PRINCIPALS: Record<string, Principal> = {
  [VIDEO_WALL_TOKEN]: { id: 'screen', role: 'wall', label: '大厅1号屏', wall: 'hall-1' },
  [VIDEO_ADMIN_TOKEN]: { id: 'admin', role: 'admin', label: '值班员' },
};

/** A screen of wall hall-1 showing one video panel (`camera-tiles`) with these props. */
export interface VideoScreenSpec {
  id: string;
  props: Record<string, string | number>;
  canvas?: { width: number; height: number };
}

export interface VideoGateway {
  gateway: Gateway;
  media: MockMediaServer;
  url: string;
  /** The address of a screen of hall-1 (with the screen token). */
  screenUrl(screen: string): string;
  close(): Promise<void>;
}

function layoutFile(screens: readonly VideoScreenSpec[]): { file: string; layout: WallLayoutFile } {
  const layout = {
    walls: [
      {
        id: 'hall-1',
        name: '指挥大厅一号墙',
        screens: screens.map((s) => ({
          id: s.id,
          title: '视频监控',
          canvas: s.canvas ?? { width: 1920, height: 1080 },
          pages: [
            {
              id: 'video',
              columns: '1fr',
              rows: '1fr',
              areas: ['video'],
              panels: { video: { panel: 'camera-tiles' as const, props: s.props } },
            },
          ],
          rotateSeconds: 30,
          maxHeapMB: 1024,
        })),
      },
    ],
  };
  const file = join(mkdtempSync(join(tmpdir(), 'wall-video-layout-')), 'walls.json');
  writeFileSync(file, JSON.stringify(layout, null, 2));
  return { file, layout };
}

export async function startVideoGateway(
  options: { faults?: FaultSchedule; regionPack?: RegionPack; screens?: readonly VideoScreenSpec[] } = {},
): Promise<VideoGateway> {
  const walls = layoutFile(options.screens ?? [{ id: 'video', props: { layout: '4x4' } }]);
  const media = createMockMediaServer({
    cacheDir: mediaCacheDir(ROOT),
    ffmpegPath: await findFfmpeg(),
    faults: options.faults ?? { share: 0, periodMs: 600_000, seed: 1 },
  });
  await media.ready;
  const gateway = await createGateway({
    store: createSqliteEventStore(createSqliteDatabase(':memory:')),
    places: null,
    region: options.regionPack?.region.id ?? 'test',
    ...(options.regionPack ? { regionPack: options.regionPack } : {}),
    tz: 'Asia/Shanghai',
    logger: silent,
    auth: { authenticate: (t) => (t ? (PRINCIPALS[t] ?? null) : null) },
    tickSeconds: 3600,
    features: [
      createWallViews(createSqliteDatabase(':memory:')),
      wallLayouts(walls.file, walls.layout),
      videoLinkage(),
      mediaRoutes(media),
    ],
  });
  const { url } = await gateway.listen(0, '127.0.0.1');
  return {
    gateway,
    media,
    url,
    screenUrl: (screen) => `${url}?wall=hall-1&screen=${screen}&token=${VIDEO_WALL_TOKEN}`,
    close: () => gateway.close(),
  };
}
