/**
 * The foundation end to end over real sockets: HTTP ingest → log → reducer → Socket.IO
 * deltas; then SIGKILL the gateway and start it again on the same DATA_DIR: the model is the
 * same, nothing accepted is missing, and a connected client catches up without a reload —
 * also when the kill comes in the middle of a continuous HTTP feed (docs/reliability.md).
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteDatabase, createSqliteEventStore } from '../../stream-gateway/store/sqliteEventStore';
import { alarmInput, cameraInput, caseInput } from '../fixtures/feedItems';
import { startContinuousFeed } from '../support/continuousFeed';
import { type GatewayProcess, startGatewayProcess, tempDataDir } from '../support/gatewayProcess';
import { followModel, getJson, postJson } from '../support/socketWaits';

const running: GatewayProcess[] = [];
afterAll(async () => {
  for (const g of running) await g.kill('SIGKILL');
});

async function start(dataDir: string, port?: number): Promise<GatewayProcess> {
  const g = await startGatewayProcess({ dataDir, ...(port ? { port } : {}) });
  running.push(g);
  return g;
}

describe('gateway process: ingest, publish, kill -9, restart', () => {
  it('serves deltas in seq order and rebuilds the same model after SIGKILL', async () => {
    const dataDir = tempDataDir();
    const first = await start(dataDir);
    const watcher = followModel(first.url);
    await watcher.until((_m, seq) => seq === 0, 'the first snapshot');

    const cams = await postJson(`${first.url}ingest/cameras`, [
      cameraInput(),
      cameraInput({ id: '51050300001320000002', name: '永宁街道派出所门口' }),
    ]);
    expect(cams).toMatchObject({ status: 202, body: { accepted: 2, duplicates: 0, rejected: [] } });

    const alarms = await postJson(`${first.url}ingest/alarms`, [
      alarmInput({ id: 'A1', cameraId: cameraInput().id }),
      alarmInput({ id: 'A2', severity: 'yellow' }),
      { ...alarmInput({ id: 'BAD' }), lat: 'north' },
      alarmInput({ id: 'A1', cameraId: cameraInput().id }),
      alarmInput({ id: 'A3', severity: 'green', text: '报警人王小明，电话13812345678' }),
    ]);
    expect(alarms.status).toBe(202);
    expect(alarms.body.accepted).toBe(3);
    expect(alarms.body.duplicates).toBe(1);
    expect(alarms.body.rejected).toEqual([{ index: 2, reason: expect.stringMatching(/^alarms: lat: /) }]);

    const cases = await postJson(`${first.url}ingest/cases`, caseInput({ parties: ['陈明华', '李建国'] }));
    expect(cases.body).toMatchObject({ accepted: 1 });

    const seen = await watcher.until(
      (m) => Object.keys(m.alarms).length === 3 && Object.keys(m.cases).length === 1,
      'three alarms and a case',
    );
    expect(watcher.gaps).toBe(0);
    const seqs = watcher.deltas.map((d) => d.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seen.alarms.A3?.text).toBe('报警人王某，电话[号码已隐去]');
    expect(seen.cases['CASE-1']?.parties).toEqual(['陈某', '李某']);
    expect(seen.cameras['51050300001320000001']?.name).toBe('安富街道中心广场东侧枪机');

    const before = (await getJson(`${first.url}api/live`)).body as { seq: number; model: unknown };
    expect(before.seq).toBe(watcher.seq());

    const rejected = (await getJson(`${first.url}api/rejected`)).body as {
      rejected: { reason: string; feed: string }[];
    };
    expect(rejected.rejected).toEqual([
      expect.objectContaining({ feed: 'alarms', reason: expect.stringMatching(/^alarms: lat:/) }),
    ]);

    await first.kill('SIGKILL');
    await watcher
      .until(() => !watcher.socket.connected, 'the client to notice the outage')
      .catch(() => undefined);

    const second = await start(dataDir, first.port);
    const after = (await getJson(`${second.url}api/live`)).body as { seq: number; model: unknown };
    expect(after.seq).toBe(before.seq);
    expect(after.model).toEqual(before.model);

    // The old client reconnects by itself and carries on from where it stopped.
    const more = await postJson(`${second.url}ingest/alarms`, alarmInput({ id: 'A4', severity: 'red' }));
    expect(more.body.accepted).toBe(1);
    const caughtUp = await watcher.until(
      (m) => m.alarms.A4 !== undefined,
      'the alarm posted after the restart',
    );
    expect(Object.keys(caughtUp.alarms).sort()).toEqual(['A1', 'A2', 'A3', 'A4']);
    expect(watcher.seq()).toBe(before.seq + 1);
    watcher.close();
  });

  it('loses nothing acknowledged when killed under continuous load, and clients resync by themselves', async () => {
    const dataDir = tempDataDir();
    const first = await start(dataDir);
    const watcher = followModel(first.url);
    await watcher.until((_m, seq) => seq === 0, 'the first snapshot');
    const feed = startContinuousFeed(first.url, { prefix: 'LOAD' });
    await expect.poll(() => feed.accepted.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(300);

    await first.kill('SIGKILL');
    const ackedAtKill = feed.accepted.length;
    const second = await start(dataDir, first.port);
    await expect
      .poll(() => feed.accepted.length, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(ackedAtKill + 200);
    await feed.stop();
    // The feed met the outage (no answer) and nothing else.
    expect([...feed.failures.keys()].every((status) => status === 0 || status === 503)).toBe(true);

    const live = (await getJson(`${second.url}api/live`)).body as { seq: number; model: { alarms: object } };
    const missing = feed.accepted.filter((id) => !(id in live.model.alarms));
    expect(missing).toEqual([]);
    const log = createSqliteEventStore(createSqliteDatabase(join(dataDir, 'wall.db')));
    const logged = new Set((await log.read(1, 1_000_000)).map((e) => (e.data as { id?: string }).id));
    await log.close();
    expect(feed.accepted.filter((id) => !logged.has(id))).toEqual([]);

    // The client that watched the crash catches up on its own and holds the same model.
    const caughtUp = await watcher.until((_m, seq) => seq === live.seq, 'the seq after the restart', 30_000);
    expect(caughtUp).toEqual(live.model);
    watcher.close();
  });

  it('answers bad requests with a reason and stays up', async () => {
    const g = await start(tempDataDir());
    const malformed = await postJson(`${g.url}ingest/alarms`, '{"id": "x", ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatch(/^malformed JSON/);
    const unknownFeed = await postJson(`${g.url}ingest/weather`, {});
    expect(unknownFeed.status).toBe(404);
    const big = await postJson(`${g.url}ingest/alarms`, 'x'.repeat(5 * 1024 * 1024));
    expect(big.status).toBe(413);
    const health = await fetch(`${g.url}health`);
    expect(health.status).toBe(200);
    const body = (await health.json()) as { status: string; seq: number; feeds: Record<string, unknown> };
    expect(body).toMatchObject({ status: 'ok', seq: 0 });
    expect(Object.keys(body.feeds)).toEqual(['cameras', 'alarms', 'cases']);
  });

  it('stops cleanly on SIGTERM and exits on a bad config with a one-line reason', async () => {
    const g = await start(tempDataDir());
    await postJson(`${g.url}ingest/alarms`, alarmInput({ id: 'TERM-1' }));
    expect(await g.kill('SIGTERM')).toBe(0);
    expect(g.output()).toContain('stopped cleanly');

    const bad = await startGatewayProcess({ env: { PORT: 'eighty' } }).catch((err: Error) => err);
    expect(bad).toBeInstanceOf(Error);
    expect((bad as Error).message).toContain('bad config PORT="eighty"');
  });

  it('exposes Prometheus metrics', async () => {
    const g = await start(tempDataDir());
    await postJson(`${g.url}ingest/alarms`, [alarmInput({ id: 'M-1' }), { id: 'broken' }]);
    const text = await (await fetch(`${g.url}metrics`)).text();
    expect(text).toMatch(/wall_ingest_accepted_total\{feed="alarms"\} 1/);
    expect(text).toMatch(/wall_ingest_rejected_total\{feed="alarms",reason="[^"]+"\} 1/);
    expect(text).toMatch(/wall_log_seq \d+/);
  });
});
