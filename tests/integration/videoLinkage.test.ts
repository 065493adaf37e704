/**
 * Alarm-to-video linkage through a real gateway (port 0, SQLite, real Socket.IO clients)
 * with a clock the test moves: a red alarm takes a camera over, acknowledgement and
 * time-out revert it, every step is a `video` event in the log, and a gateway restarted
 * after the hold time reverts what fell due while it was down. Pins go through the API.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Principal } from '../../protocol/access';
import type { Envelope } from '../../protocol/log';
import { createGateway, type Gateway } from '../../stream-gateway/createGateway';
import { createSqliteDatabase, createSqliteEventStore } from '../../stream-gateway/store/sqliteEventStore';
import { videoLinkage } from '../../stream-gateway/video/videoLinkage';
import { alarmInput, cameraInput } from '../fixtures/feedItems';
import { followModel, postJson } from '../support/socketWaits';

const ADMIN = 'video-linkage-admin-token';
const WALL2 = 'video-linkage-wall2-token';
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const PRINCIPALS: Record<string, Principal> = {
  [ADMIN]: { id: 'admin', role: 'admin', label: '值班员张某' },
  [WALL2]: { id: 'w2', role: 'wall', label: 'hall-2 screen', wall: 'hall-2' },
};

const open: Gateway[] = [];
afterEach(async () => {
  for (const g of open.splice(0)) await g.close();
});

async function start(file: string, clock: { ms: number }) {
  const gateway = await createGateway({
    store: createSqliteEventStore(createSqliteDatabase(file)),
    places: null,
    region: 'test',
    tz: 'Asia/Shanghai',
    logger: silent,
    auth: { authenticate: (t) => (t ? (PRINCIPALS[t] ?? null) : null) },
    now: () => clock.ms,
    deltaIntervalMs: 50,
    tickSeconds: 3600,
    features: [videoLinkage({ sweepMs: 50 })],
  });
  open.push(gateway);
  const { url } = await gateway.listen(0, '127.0.0.1');
  return { gateway, url };
}

function tempDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'wall-video-')), 'wall.db');
}

describe('video linkage in the gateway', () => {
  it('a red alarm takes its camera over; acknowledgement gives it back; both are logged', async () => {
    const clock = { ms: Date.parse('2026-11-25T12:13:00Z') };
    const file = tempDb();
    const { gateway, url } = await start(file, clock);
    const follower = followModel(url, { token: ADMIN });
    const at = new Date(clock.ms).toISOString();
    await postJson(`${url}ingest/cameras`, [cameraInput({ updatedAt: at })], ADMIN);
    await postJson(`${url}ingest/alarms`, [alarmInput({ id: 'RED-1', occurredAt: at })], ADMIN);
    const taken = await follower.until((m) => m.takeovers['alarm:RED-1'] !== undefined, 'the takeover');
    expect(taken.takeovers['alarm:RED-1']).toMatchObject({
      cameraId: cameraInput().id,
      severity: 'red',
      reason: 'covers',
      until: '2026-11-25T12:28:00.000Z',
    });

    await postJson(
      `${url}ingest/alarms`,
      [alarmInput({ id: 'RED-1', occurredAt: at, state: 'acknowledged', version: 2 })],
      ADMIN,
    );
    await follower.until((m) => m.takeovers['alarm:RED-1'] === undefined, 'the revert');
    follower.close();

    const log = await readVideoLog(file, gateway);
    expect(log).toEqual([
      expect.objectContaining({ op: 'takeover' }),
      { op: 'revert', id: 'alarm:RED-1', reason: 'acknowledged' },
    ]);
  });

  it('reverts by time-out, and a gateway restarted after the hold time reverts at start', async () => {
    const clock = { ms: Date.parse('2026-11-25T12:13:00Z') };
    const file = tempDb();
    const first = await start(file, clock);
    const at = new Date(clock.ms).toISOString();
    await postJson(`${first.url}ingest/cameras`, [cameraInput({ updatedAt: at })], ADMIN);
    await postJson(
      `${first.url}ingest/alarms`,
      [
        alarmInput({ id: 'Y-1', occurredAt: at, severity: 'yellow' }),
        alarmInput({ id: 'R-2', occurredAt: at, severity: 'red', lon: 105.3721, lat: 28.7731 }),
      ],
      ADMIN,
    );
    const follower = followModel(first.url, { token: ADMIN });
    await follower.until((m) => Object.keys(m.takeovers).length === 2, 'two takeovers');
    clock.ms += 6 * 60_000; // past the yellow hold (5 min), within the red one (15 min)
    await follower.until((m) => Object.keys(m.takeovers).join() === 'alarm:R-2', 'the yellow one timed out');
    follower.close();
    await first.gateway.close();
    open.splice(open.indexOf(first.gateway), 1);

    clock.ms += 20 * 60_000; // the gateway was down past the red hold
    const second = await start(file, clock);
    const after = followModel(second.url, { token: ADMIN });
    await after.until((m) => Object.keys(m.takeovers).length === 0, 'the red one reverted after the restart');
    after.close();
    const reverts = (await readVideoLog(file, second.gateway)).filter((d) => d.op === 'revert');
    expect(reverts).toEqual([
      { op: 'revert', id: 'alarm:Y-1', reason: 'timeout' },
      { op: 'revert', id: 'alarm:R-2', reason: 'timeout' },
    ]);
  });

  it('pins and unpins tiles through the API, within the token’s own wall', async () => {
    const clock = { ms: Date.parse('2026-11-25T12:13:00Z') };
    const { url } = await start(tempDb(), clock);
    await postJson(
      `${url}ingest/cameras`,
      [cameraInput({ updatedAt: new Date(clock.ms).toISOString() })],
      ADMIN,
    );
    const follower = followModel(url, { token: ADMIN });
    const pin = { wall: 'hall-1', panel: 'video', slot: 3, cameraId: cameraInput().id };
    expect((await postJson(`${url}api/video/pins`, pin, ADMIN)).status).toBe(200);
    const pinned = await follower.until((m) => m.pins['hall-1/video/3'] !== undefined, 'the pin');
    expect(pinned.pins['hall-1/video/3']).toMatchObject({
      cameraId: cameraInput().id,
      by: '值班员张某',
      slot: 3,
    });

    expect(
      await postJson(`${url}api/video/pins`, { ...pin, cameraId: 'NO-SUCH-CAMERA' }, ADMIN),
    ).toMatchObject({
      status: 400,
      body: { error: 'pin: unknown camera NO-SUCH-CAMERA' },
    });
    expect((await postJson(`${url}api/video/pins`, pin, WALL2)).status).toBe(403);
    expect((await postJson(`${url}api/video/pins`, { ...pin, slot: 99 }, ADMIN)).status).toBe(400);
    expect((await postJson(`${url}api/video/pins`, pin, null)).status).toBe(401);

    expect((await postJson(`${url}api/video/pins`, { ...pin, cameraId: null }, ADMIN)).status).toBe(200);
    await follower.until((m) => m.pins['hall-1/video/3'] === undefined, 'the unpin');
    follower.close();
  });
});

/** The `video` events in the log, in order. */
async function readVideoLog(file: string, gateway: Gateway): Promise<Envelope<'video'>['data'][]> {
  await gateway.pipeline.drain();
  const store = createSqliteEventStore(createSqliteDatabase(file));
  const events = await store.read(1, 100_000);
  await store.close();
  return events.filter((e): e is Envelope<'video'> => e.kind === 'video').map((e) => e.data);
}
