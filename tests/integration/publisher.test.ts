/**
 * Publishing rules with a real Socket.IO server on port 0 and real clients: ordinary changes
 * are coalesced into a few deltas a second, a new red alarm goes out at once, a client that
 * says where it stopped gets only what it missed, and a gap makes it resync.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../../stream-gateway/createGateway';
import { createSqliteDatabase, createSqliteEventStore } from '../../stream-gateway/store/sqliteEventStore';
import { alarmInput, caseInput } from '../fixtures/feedItems';
import { followModel } from '../support/socketWaits';

const TOKEN = 'publisher-test-token-000';
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

let gateway: Gateway;
let url: string;
beforeAll(async () => {
  gateway = await createGateway({
    store: createSqliteEventStore(createSqliteDatabase(':memory:')),
    places: null,
    region: 'test',
    tz: 'Asia/Shanghai',
    logger: silent,
    auth: { authenticate: (t) => (t === TOKEN ? { id: 'test', role: 'admin', label: 'test' } : null) },
    deltaIntervalMs: 250,
    tickSeconds: 3600,
  });
  url = (await gateway.listen(0, '127.0.0.1')).url;
});
afterAll(async () => {
  await gateway.close();
});

describe('publisher', () => {
  it('coalesces a burst of ordinary changes into few deltas', async () => {
    const client = followModel(url, { token: TOKEN });
    await client.until((_m, seq) => seq >= 0, 'snapshot');
    const before = client.deltas.length;
    for (let i = 0; i < 50; i++) await gateway.pipeline.ingest('cases', [caseInput({ id: `C-${i}` })]);
    await client.until((m) => Object.keys(m.cases).length === 50, '50 cases');
    expect(client.deltas.length - before).toBeLessThanOrEqual(3);
    client.close();
  });

  it('sends a new red alarm at once, without waiting for the coalescing window', async () => {
    const client = followModel(url, { token: TOKEN });
    await client.until((_m, seq) => seq >= 0, 'snapshot');
    await gateway.pipeline.ingest('cases', [caseInput({ id: 'C-slow' })]);
    await gateway.pipeline.ingest('alarms', [alarmInput({ id: 'RED-NOW', severity: 'red' })]);
    // The red alarm flushes everything pending: the case and the alarm arrive in one delta.
    const delta = await new Promise<{ ids: string[] }>((resolve) =>
      client.socket.on('delta', (d) => {
        const ids = d.changes.map((c) => c.id);
        if (ids.includes('RED-NOW')) resolve({ ids });
      }),
    );
    expect(delta.ids).toEqual(expect.arrayContaining(['C-slow', 'RED-NOW']));
    client.close();
  });

  it('gives a reconnecting client only the deltas it missed, and a stale one a snapshot', async () => {
    const seq = gateway.pipeline.seq;
    await gateway.pipeline.ingest('cases', [caseInput({ id: 'C-missed' })]);
    gateway.publisher.flush();
    const catchUp = followModel(url, { token: TOKEN, lastSeq: seq });
    await new Promise<void>((resolve) => catchUp.socket.on('delta', () => resolve()));
    expect(catchUp.snapshots).toHaveLength(0);
    expect(catchUp.deltas[0]?.changes.map((c) => c.id)).toContain('C-missed');
    catchUp.close();

    const stale = followModel(url, { token: TOKEN, lastSeq: 1_000_000 });
    await stale.until((_m, s) => s === gateway.pipeline.seq, 'a snapshot at the current seq');
    expect(stale.snapshots).toHaveLength(1);
    stale.close();
  });

  it('gives a client before a hole in the deltas (unpublished history) a snapshot, not the deltas after it', async () => {
    const before = gateway.pipeline.seq;
    await gateway.pipeline.ingest('cases', [caseInput({ id: 'C-before-hole' })]);
    gateway.publisher.flush();
    const at = gateway.pipeline.seq;
    await gateway.pipeline.appendSystem(
      [{ kind: 'tick', at: new Date().toISOString(), drill: false, data: {} }],
      {
        history: true,
      },
    );
    await gateway.pipeline.ingest('cases', [caseInput({ id: 'C-after-hole' })]);
    gateway.publisher.flush();
    const behind = followModel(url, { token: TOKEN, lastSeq: at });
    await behind.until((_m, s) => s === gateway.pipeline.seq, 'a snapshot past the hole');
    expect(behind.snapshots).toHaveLength(1);
    expect(behind.model()?.cases['C-after-hole']).toBeDefined();
    expect(before).toBeLessThan(at);
    behind.close();
  });

  it('counts the items accepted in the last minute per feed on /health, batches of many included', async () => {
    const rateOf = () =>
      (gateway.health().feeds as Record<string, { ratePerMin: number }>).alarms?.ratePerMin;
    const before = rateOf() as number;
    await Promise.all([
      gateway.pipeline.ingest('alarms', [
        alarmInput({ id: 'R-1', severity: 'yellow' }),
        alarmInput({ id: 'R-2', severity: 'yellow' }),
      ]),
      gateway.pipeline.ingest('alarms', [alarmInput({ id: 'R-3', severity: 'yellow' })]),
    ]);
    expect(rateOf()).toBe(before + 3);
  });
});
