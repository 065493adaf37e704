/**
 * The event log over months (docs/reliability.md): a store with 100 days of history is
 * compacted to a 30-day tail; the gateway restarted on it rebuilds the same model, the
 * trends API still answers the deleted days from the aggregates, replay still serves the
 * kept days, and a rebuild that would lose the old days is refused.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegionPack } from '../../live-model/region/types';
import type { Gateway } from '../../stream-gateway/createGateway';
import { loadRegionPack } from '../../stream-gateway/region/loadRegionPack';
import type { EventStore } from '../../stream-gateway/store/EventStore';
import { logRetention } from '../../stream-gateway/store/logRetention';
import type { TrendsFeature } from '../../stream-gateway/trends/trendsFeature';
import { alarmInput } from '../fixtures/feedItems';
import { getJson, postJson } from '../support/socketWaits';
import { startTrendsGateway } from '../support/trendsGateway';

const TOKEN = 'retention-test-token-0000';
const NOW = Date.parse('2026-11-25T02:00:00Z');
const DAY = 86_400_000;
const dbFile = join(mkdtempSync(join(tmpdir(), 'retention-')), 'wall.db');
/** Days before NOW with history: three fall outside a 30-day window, three inside. */
const AGES = [100, 60, 31, 29, 10, 1];

let pack: RegionPack;
let gateway: Gateway;
let store: EventStore;
let url: string;

let trendsOf: TrendsFeature;

async function start(): Promise<void> {
  ({
    gateway,
    url,
    store,
    trends: trendsOf,
  } = await startTrendsGateway({
    dbFile,
    pack,
    token: TOKEN,
    now: NOW,
    keepDays: 14,
    more: (aggregates) => [
      logRetention({ retentionDays: 30, everyHours: 0, foldedSeq: () => aggregates.watermark() }),
    ],
  }));
}
const trends = () => trendsOf;
const api = async (path: string) => getJson(`${url}${path}`, TOKEN);
const allEvents = () => store.read(1, 1_000_000);
const dayOf = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
const oldDays = () => api(`api/trends?from=${dayOf(NOW - 101 * DAY)}&to=${dayOf(NOW - DAY)}`);

beforeAll(async () => {
  pack = await loadRegionPack(resolve(import.meta.dirname, '../../regions/naxi'));
  await start();
  const square = pack.places.find((p) => p.kind === 'square');
  if (!square) throw new Error('no square in the region pack');
  await gateway.pipeline.ingestHistory(
    AGES.flatMap((age) =>
      [0, 1, 2].map((i) => {
        const atMs = NOW - age * DAY + i * 60_000;
        const occurredAt = new Date(atMs - 5000).toISOString();
        return {
          feed: 'alarms' as const,
          data: alarmInput({ id: `H${age}-${i}`, lon: square.lon, lat: square.lat, occurredAt }),
          atMs,
        };
      }),
    ),
  );
  await gateway.pipeline.ingest('alarms', [alarmInput({ id: 'LIVE-1' })]);
  await trends().aggregator.settled();
});
afterAll(async () => {
  await gateway.close();
});

describe('log retention and compaction', () => {
  it('deletes the events before the window, keeps the model, the trends and the replayable days', async () => {
    const before = (await api('api/live')).body as { seq: number; model: unknown };
    const trendsBefore = (await oldDays()).body;
    const counted = trendsBefore.points.filter((p: { counts: { alarms: number } }) => p.counts.alarms > 0);
    expect(counted).toHaveLength(AGES.length);
    const eventsBefore = (await allEvents()).length;

    const compacted = await postJson(`${url}api/store/compact`, {}, TOKEN);
    expect(compacted.status).toBe(200);
    expect(compacted.body.events).toBe(9); // three days × three alarms older than 30 days
    const left = await allEvents();
    expect(left).toHaveLength(eventsBefore - 9);
    expect(left.every((e) => e.at >= compacted.body.before)).toBe(true);
    expect(compacted.body.firstSeq).toBe(left[0]?.seq);
    expect(compacted.body.firstSeq).toBeGreaterThan(1);

    // The deleted days still answer from the daily aggregates.
    expect((await oldDays()).body).toEqual(trendsBefore);
    const rebuild = await postJson(`${url}api/trends/rebuild`, {}, TOKEN);
    expect(rebuild.status).toBe(409);
    expect(rebuild.body.error).toMatch(/compacted/);

    // A restart on the compacted store: the same model at the same seq, the same figures.
    await gateway.close();
    await start();
    const after = (await api('api/live')).body as { seq: number; model: unknown };
    expect(after.seq).toBe(before.seq);
    expect(after.model).toEqual(before.model);
    expect((await oldDays()).body).toEqual(trendsBefore);
    const replayDay = dayOf(NOW - 10 * DAY);
    const replayed = await api(`api/replay/events?day=${replayDay}&after=0`);
    expect(replayed.body.events.map((e: { data: { id: string } }) => e.data.id)).toEqual([
      'H10-0',
      'H10-1',
      'H10-2',
    ]);

    // The log goes on from where it was; a second compaction finds nothing more to delete.
    const more = await gateway.pipeline.ingest('alarms', [alarmInput({ id: 'LIVE-2' })]);
    expect(more.accepted).toBe(1);
    expect(gateway.pipeline.seq).toBe(before.seq + 1);
    const again = await postJson(`${url}api/store/compact`, {}, TOKEN);
    expect(again.body.events).toBe(0);
  });
});
