/**
 * The simulated platform's media server mounted on a real gateway (port 0), on the patterns
 * the test setup encoded with ffmpeg, with a clock the test moves: live playlists move on
 * every two seconds, segments carry continuous timestamps across the loop, stills carry
 * their stream time, and channels go away (404) or freeze (stall) and come back.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveEdge, loopIndex, SEGMENT_MS } from '../../mock-feeds/media/buildLivePlaylist';
import { createMockMediaServer, type MockMediaServer } from '../../mock-feeds/media/createMockMediaServer';
import { findFfmpeg, mediaCacheDir } from '../../mock-feeds/media/encodeMediaPatterns';
import { findTimestampFields, TS_WRAP } from '../../mock-feeds/media/tsTimestamps';
import type { Principal } from '../../protocol/access';
import { createGateway, type Gateway } from '../../stream-gateway/createGateway';
import { createSqliteDatabase, createSqliteEventStore } from '../../stream-gateway/store/sqliteEventStore';
import { mediaRoutes } from '../../stream-gateway/video/mediaRoutes';
import { getJson, postJson } from '../support/socketWaits';

const ROOT = resolve(import.meta.dirname, '../..');
const WALL = 'media-test-wall-token';
const ADMIN = 'media-test-admin-token';
const PRINCIPALS: Record<string, Principal> = {
  [WALL]: { id: 'w', role: 'wall', label: 'screen', wall: 'hall-1' },
  [ADMIN]: { id: 'a', role: 'admin', label: 'admin' },
};
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const CAM = '51050300001320000001';
const clock = { ms: Date.parse('2026-11-25T12:13:05Z') };

async function startWith(media: MockMediaServer): Promise<{ gateway: Gateway; url: string }> {
  const gateway = await createGateway({
    store: createSqliteEventStore(createSqliteDatabase(':memory:')),
    places: null,
    region: 'test',
    tz: 'Asia/Shanghai',
    logger: silent,
    auth: { authenticate: (t) => (t ? (PRINCIPALS[t] ?? null) : null) },
    tickSeconds: 3600,
    features: [mediaRoutes(media)],
  });
  return { gateway, url: (await gateway.listen(0, '127.0.0.1')).url };
}

const get = (url: string, token: string | null = WALL) =>
  fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});

let media: MockMediaServer;
let gateway: Gateway;
let url: string;
beforeAll(async () => {
  media = createMockMediaServer({
    cacheDir: mediaCacheDir(ROOT),
    ffmpegPath: await findFfmpeg(),
    now: () => clock.ms,
    faults: { share: 0, periodMs: 600_000, seed: 1 },
  });
  await media.ready;
  ({ gateway, url } = await startWith(media));
});
afterAll(async () => {
  await gateway?.close();
});

describe('mock media server on the gateway', () => {
  it('serves a channel only to a screen with a token', async () => {
    expect((await get(`${url}media/${CAM}/index.m3u8`, null)).status).toBe(401);
    const res = await get(`${url}media/${CAM}/index.m3u8`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(await res.text()).toContain(`seg-${liveEdge(clock.ms)}.ts`);
    expect((await get(`${url}media/bad%20id/index.m3u8`)).status).toBe(400);
  });

  it('plays the loop as one stream: segments are 2 s apart in timestamps, across the loop too', async () => {
    const edge = liveEdge(clock.ms);
    // The last segment of a loop and the first of the next.
    const n = edge - loopIndex(edge) - 1;
    const first = async (seg: number) => {
      const res = await get(`${url}media/${CAM}/seg-${seg}.ts`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('video/mp2t');
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(bytes[0]).toBe(0x47);
      return Math.min(...findTimestampFields(bytes).map((f) => f.value));
    };
    const [a, b, c] = [await first(n - 1), await first(n), await first(n + 1)];
    expect(loopIndex(n + 1)).toBe(0);
    expect((b - a + TS_WRAP) % TS_WRAP).toBe(180_000);
    expect((c - b + TS_WRAP) % TS_WRAP).toBe(180_000);
    expect((await get(`${url}media/${CAM}/seg-${edge + 1}.ts`)).status).toBe(404);
  });

  it('gives a still with the stream time it shows', async () => {
    const res = await get(`${url}media/${CAM}/snapshot.jpg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('x-stream-time')).toBe(new Date(liveEdge(clock.ms) * SEGMENT_MS).toISOString());
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
  });

  it('an offline camera answers 404 until it is online again', async () => {
    media.setCameraStatus(CAM, 'offline');
    expect((await get(`${url}media/${CAM}/index.m3u8`)).status).toBe(404);
    expect((await get(`${url}media/${CAM}/snapshot.jpg`)).status).toBe(404);
    media.setCameraStatus(CAM, 'online');
    expect((await get(`${url}media/${CAM}/index.m3u8`)).status).toBe(200);
  });

  it('a stalled channel keeps its playlist frozen until the fault is cleared (admin route)', async () => {
    const playlist = async () => (await get(`${url}media/${CAM}/index.m3u8`)).text();
    expect((await postJson(`${url}api/media/faults`, { channel: CAM, fault: 'stall' }, WALL)).status).toBe(
      403,
    );
    expect((await postJson(`${url}api/media/faults`, { channel: CAM, fault: 'stall' }, ADMIN)).status).toBe(
      200,
    );
    const frozen = await playlist();
    clock.ms += 10_000;
    expect(await playlist()).toBe(frozen);
    expect((await postJson(`${url}api/media/faults`, { channel: CAM, fault: null }, ADMIN)).status).toBe(200);
    expect(await playlist()).toContain(`seg-${liveEdge(clock.ms)}.ts`);
    expect((await postJson(`${url}api/media/faults`, { channel: CAM, fault: 'melt' }, ADMIN)).status).toBe(
      400,
    );
  });

  it('without its patterns it answers 503 and the gateway reports the media feature down', async () => {
    const broken = createMockMediaServer({
      cacheDir: join(mkdtempSync(join(tmpdir(), 'wall-media-')), 'none'),
      ffmpegPath: '/nonexistent/ffmpeg',
    });
    await expect(broken.ready).rejects.toThrow();
    const other = await startWith(broken);
    try {
      const res = await get(`${other.url}media/${CAM}/index.m3u8`);
      expect(res.status).toBe(503);
      expect(await res.text()).toBe('media patterns could not be encoded');
      const health = await getJson(`${other.url}health`, null);
      expect(health.body).toMatchObject({ status: 'degraded', features: { media: { state: 'down' } } });
    } finally {
      await other.gateway.close();
    }
  });
});
