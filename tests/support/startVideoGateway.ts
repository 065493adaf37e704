/**
 * An in-process gateway with the video parts plugged in — the simulated media server (on
 * the patterns the test setup encoded), alarm linkage and wall views — on port 0, for the
 * video browser test and the video benchmark, which need to break channels on purpose.
 */
import { resolve } from 'node:path';
import type { RegionPack } from '../../live-model/region/types';
import type { FaultSchedule } from '../../mock-feeds/media/buildLivePlaylist';
import { createMockMediaServer, type MockMediaServer } from '../../mock-feeds/media/createMockMediaServer';
import { findFfmpeg, mediaCacheDir } from '../../mock-feeds/media/encodeMediaPatterns';
import type { Principal } from '../../protocol/access';
import { createGateway, type Gateway } from '../../stream-gateway/createGateway';
import { createSqliteDatabase, createSqliteEventStore } from '../../stream-gateway/store/sqliteEventStore';
import { mediaRoutes } from '../../stream-gateway/video/mediaRoutes';
import { videoLinkage } from '../../stream-gateway/video/videoLinkage';
import { createWallViews } from '../../stream-gateway/wall/createWallViews';

const ROOT = resolve(import.meta.dirname, '../..');
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

export const VIDEO_WALL_TOKEN = 'video-wall-screen-token-0001';
export const VIDEO_ADMIN_TOKEN = 'video-wall-admin-token-0001';
const PRINCIPALS: Record<string, Principal> = {
  [VIDEO_WALL_TOKEN]: { id: 'screen', role: 'wall', label: '大厅1号屏', wall: 'hall-1' },
  [VIDEO_ADMIN_TOKEN]: { id: 'admin', role: 'admin', label: '值班员' },
};

export interface VideoGateway {
  gateway: Gateway;
  media: MockMediaServer;
  url: string;
  close(): Promise<void>;
}

export async function startVideoGateway(
  options: { faults?: FaultSchedule; regionPack?: RegionPack } = {},
): Promise<VideoGateway> {
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
    features: [createWallViews(createSqliteDatabase(':memory:')), videoLinkage(), mediaRoutes(media)],
  });
  const { url } = await gateway.listen(0, '127.0.0.1');
  return { gateway, media, url, close: () => gateway.close() };
}
