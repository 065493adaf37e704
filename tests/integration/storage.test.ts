/**
 * A full disk is met loudly (docs/reliability.md): below the free-space threshold, and when
 * the store really runs out of room (a 3 MB tmpfs as DATA_DIR), the gateway refuses new
 * events with HTTP 507 and a one-line reason, counts them, says so on /health and to every
 * socket — and every event it acknowledged before is in the log and the model. Given room
 * again, it accepts events again without a restart.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ClockMessage } from '../../protocol/messages';
import { createSqliteDatabase, createSqliteEventStore } from '../../stream-gateway/store/sqliteEventStore';
import { alarmInput } from '../fixtures/feedItems';
import { startContinuousFeed } from '../support/continuousFeed';
import { type GatewayProcess, startGatewayProcess } from '../support/gatewayProcess';
import { mountSmallDisk, type SmallDisk } from '../support/smallDisk';
import { followModel, getJson, postJson } from '../support/socketWaits';

const running: GatewayProcess[] = [];
const disks: SmallDisk[] = [];
afterAll(async () => {
  for (const g of running) await g.kill('SIGKILL');
  for (const d of disks) d.dispose();
});

describe('storage alarm', () => {
  it('refuses new events below the free-space threshold, on /health, metrics and the sockets', async () => {
    // More free space than any disk here has: the threshold is crossed from the start.
    const g = await startGatewayProcess({ env: { STORAGE_MIN_FREE_MB: '9000000' } });
    running.push(g);
    const health = (await getJson(`${g.url}health`)).body;
    expect(health.status).toBe('degraded');
    expect(health.disk).toMatchObject({ state: 'down', minFreeMb: 9000000 });
    expect(health.disk.reason).toMatch(
      /^storage low: \d+ MB free for .*, below STORAGE_MIN_FREE_MB=9000000;/,
    );

    const refused = await postJson(`${g.url}ingest/alarms`, [alarmInput({ id: 'LOW-1' })]);
    expect(refused.status).toBe(507);
    expect(refused.body.error).toBe(health.disk.reason);
    expect(refused.body.error).not.toContain('\n');
    const metrics = await (await fetch(`${g.url}metrics`)).text();
    expect(metrics).toMatch(/wall_ingest_refused_total\{reason="low"\} 1/);
    expect((await getJson(`${g.url}api/live`)).body.model.alarms).toEqual({});

    const watcher = followModel(g.url);
    const clock = await new Promise<ClockMessage>((r) => watcher.socket.once('clock', r));
    watcher.close();
    expect(clock.storage).toMatchObject({ state: 'low', reason: health.disk.reason });
  });

  const disk = mountSmallDisk(3);
  if (typeof disk === 'string') console.warn(disk);
  else disks.push(disk);

  it.runIf(typeof disk !== 'string')(
    'meets a really full disk (SQLITE_FULL) with 507, loses nothing acknowledged, recovers when given room',
    async () => {
      const dir = (disk as SmallDisk).dir;
      const g = await startGatewayProcess({ dataDir: dir, env: { STORAGE_MIN_FREE_MB: '0' } });
      running.push(g);
      const feed = startContinuousFeed(g.url, { prefix: 'FULL', batch: 20 });
      await expect
        .poll(() => feed.failures.get(507) ?? 0, { timeout: 60_000, interval: 100 })
        .toBeGreaterThan(0);
      await feed.stop();
      expect([...feed.failures.keys()]).toEqual([507]);
      expect(feed.accepted.length).toBeGreaterThan(0);

      const health = (await getJson(`${g.url}health`)).body;
      expect(health.status).toBe('degraded');
      expect(health.disk.reason).toMatch(/^storage full: the store refused a write \(.*full.*\)/);
      const refused = await postJson(`${g.url}ingest/alarms`, [alarmInput({ id: 'FULL-X' })]);
      expect(refused).toMatchObject({ status: 507, body: { error: health.disk.reason } });
      const metrics = await (await fetch(`${g.url}metrics`)).text();
      expect(metrics).toMatch(/wall_ingest_refused_total\{reason="full"\} \d+/);

      const live = (await getJson(`${g.url}api/live`)).body;
      for (const id of feed.accepted) expect(live.model.alarms[id]?.id).toBe(id);

      // Room again: after the hold (10 s) the next batch is tried, stored, and the alarm clears.
      (disk as SmallDisk).resize(64);
      await expect
        .poll(
          async () => (await postJson(`${g.url}ingest/alarms`, [alarmInput({ id: 'AFTER-ROOM' })])).status,
          {
            timeout: 20_000,
            interval: 500,
          },
        )
        .toBe(202);
      const healed = (await getJson(`${g.url}health`)).body;
      expect(healed.status).toBe('ok');
      expect(healed.disk.state).toBe('ok');

      expect(await g.kill('SIGTERM')).toBe(0);
      const store = createSqliteEventStore(createSqliteDatabase(join(dir, 'wall.db')));
      const logged = new Set((await store.read(1, 1_000_000)).map((e) => (e.data as { id?: string }).id));
      await store.close();
      for (const id of [...feed.accepted, 'AFTER-ROOM']) expect(logged.has(id)).toBe(true);
    },
    90_000,
  );
});
