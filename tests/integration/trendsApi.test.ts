/**
 * The trends and replay APIs on a seeded store (real gateway on port 0, real SQLite file,
 * the Naxi region pack): figures by day, hour and week, per township and category, period
 * comparisons, rankings, drill events left out, rebuild and restart giving the same answers,
 * and a day's events for replay.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computePeaceIndex } from '../../live-model/peace-index/computePeaceIndex';
import type { RegionPack } from '../../live-model/region/types';
import type { Gateway } from '../../stream-gateway/createGateway';
import { loadRegionPack } from '../../stream-gateway/region/loadRegionPack';
import type { TrendsFeature } from '../../stream-gateway/trends/trendsFeature';
import { alarmInput, caseInput } from '../fixtures/feedItems';
import { getJson } from '../support/socketWaits';
import { PEACE_CONFIG, startTrendsGateway } from '../support/trendsGateway';

const TOKEN = 'trends-test-token-0000';
const NOW = Date.parse('2026-11-25T02:00:00Z'); // 10:00 on the 25th in Shanghai
const config = PEACE_CONFIG;
const ANFU = '510503001';
const dbFile = join(mkdtempSync(join(tmpdir(), 'trends-api-')), 'wall.db');

let pack: RegionPack;
let gateway: Gateway;
let url: string;

let trendsOf: TrendsFeature;

async function start(): Promise<void> {
  ({ gateway, url, trends: trendsOf } = await startTrendsGateway({ dbFile, pack, token: TOKEN, now: NOW }));
}
const trends = () => trendsOf;
const api = async (path: string) => getJson(`${url}${path}`, TOKEN);

beforeAll(async () => {
  pack = await loadRegionPack(resolve(import.meta.dirname, '../../regions/naxi'));
  await start();
  const square = pack.places.find((p) => p.townshipId === ANFU && p.kind === 'square');
  if (!square) throw new Error('no square in Anfu');
  const at = (iso: string) => ({ lon: square.lon, lat: square.lat, occurredAt: iso });
  const t = (iso: string) => Date.parse(iso);
  await gateway.pipeline.ingestHistory([
    {
      feed: 'alarms',
      data: alarmInput({ id: 'W1', ...at('2026-11-18T04:00:00Z') }),
      atMs: t('2026-11-18T04:00:10Z'),
    },
    {
      feed: 'alarms',
      data: alarmInput({
        id: 'A1',
        severity: 'red',
        category: '盗窃',
        channel: 'police-110',
        ...at('2026-11-24T12:13:00Z'),
      }),
      atMs: t('2026-11-24T12:13:05Z'),
    },
    {
      feed: 'alarms',
      data: alarmInput({ id: 'A2', severity: 'yellow', category: '打架斗殴', ...at('2026-11-24T12:30:00Z') }),
      atMs: t('2026-11-24T12:30:05Z'),
    },
    {
      feed: 'alarms',
      data: alarmInput({ id: 'A3', severity: 'green', category: '噪音扰民', ...at('2026-11-24T13:00:00Z') }),
      atMs: t('2026-11-24T13:00:05Z'),
    },
    {
      feed: 'cases',
      data: caseInput({
        id: 'C1',
        townshipId: ANFU,
        receivedAt: '2026-11-24T01:00:00Z',
        firstResponseDue: '2026-11-24T03:00:00Z',
        feedbackDue: '2026-11-26T01:00:00Z',
      }),
      atMs: t('2026-11-24T01:00:05Z'),
    },
    {
      feed: 'cases',
      data: caseInput({
        id: 'C1',
        townshipId: ANFU,
        status: 'resolved',
        receivedAt: '2026-11-24T01:00:00Z',
        firstResponseDue: '2026-11-24T03:00:00Z',
        feedbackDue: '2026-11-26T01:00:00Z',
        firstRespondedAt: '2026-11-24T01:30:00Z',
        resolvedAt: '2026-11-24T09:00:00Z',
        version: 2,
      }),
      atMs: t('2026-11-24T09:00:05Z'),
    },
    // today, at the very moment of NOW: the running period counts it whole
    {
      feed: 'alarms',
      data: alarmInput({ id: 'T1', severity: 'yellow', ...at('2026-11-25T02:00:00Z') }),
      atMs: t('2026-11-25T02:00:00Z'),
    },
  ]);
  // A drill on the same day never counts.
  await gateway.pipeline.ingest(
    'alarms',
    [alarmInput({ id: 'DRILL', severity: 'red', ...at('2026-11-24T14:00:00Z') })],
    {
      drill: true,
    },
  );
  await trends().aggregator.settled();
});
afterAll(async () => {
  await gateway.close();
});

describe('GET /api/trends', () => {
  it('answers daily points with counts and the peace index of the district', async () => {
    const r = await api('api/trends?from=2026-11-18&to=2026-11-24');
    expect(r.status).toBe(200);
    expect(r.body.points.map((p: { t: string }) => p.t)).toEqual([
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
    ]);
    const day = r.body.points[6];
    expect(day.counts).toMatchObject({
      alarms: 3,
      redAlarms: 1,
      criminal: 1,
      publicOrder: 1,
      'alarms.police-110': 1,
      cases: 1,
      responded: 1,
      respondedOnTime: 1,
      resolved: 1,
      resolvedOnTime: 1,
    });
    expect(r.body.points[0].counts.alarms).toBe(1);
    expect(r.body.points[1].counts.alarms).toBe(0);
    const expected = computePeaceIndex(day.counts, { population: 470_000, days: 1 }, config);
    expect(day.peaceIndex).toBe(expected.index);
    expect(day.components).toEqual(expected.components);
  });

  it('answers per township, per hour, per week and per category', async () => {
    const anfu = await api(`api/trends?from=2026-11-24&to=2026-11-24&area=${ANFU}`);
    expect(anfu.body.points[0].counts.alarms).toBe(3);
    const township = pack.townships.features.find((f) => f.properties.id === ANFU)?.properties.population;
    expect(anfu.body.points[0].peaceIndex).toBe(
      computePeaceIndex(anfu.body.points[0].counts, { population: township as number, days: 1 }, config)
        .index,
    );
    const other = await api('api/trends?from=2026-11-24&to=2026-11-24&area=510503002');
    expect(other.body.points[0].counts.alarms).toBe(0);

    const hours = await api('api/trends?from=2026-11-24&to=2026-11-24&granularity=hour');
    expect(hours.body.points).toHaveLength(24);
    const byHour = Object.fromEntries(
      hours.body.points.map((p: { t: string; counts: { alarms: number } }) => [p.t, p.counts.alarms]),
    );
    expect(byHour['2026-11-24T20']).toBe(2); // 20:13 and 20:30
    expect(byHour['2026-11-24T21']).toBe(1);

    const weeks = await api('api/trends?from=2026-11-16&to=2026-11-29&granularity=week');
    expect(
      weeks.body.points.map((p: { t: string; counts: { alarms: number } }) => [p.t, p.counts.alarms]),
    ).toEqual([
      ['2026-11-16', 1],
      ['2026-11-23', 4],
    ]);

    const theft = await api(`api/trends?range=2026-11-24..2026-11-24&category=${encodeURIComponent('盗窃')}`);
    expect(theft.body.points[0]).toMatchObject({ peaceIndex: null, counts: { alarms: 1, redAlarms: 1 } });
  });

  it('overlays the previous period and the same period last year', async () => {
    const r = await api('api/trends?from=2026-11-24&to=2026-11-24&compare=1');
    expect(r.body.previous).toHaveLength(1);
    expect(r.body.previous[0]).toMatchObject({ t: '2026-11-23', counts: { alarms: 0 } });
    expect(r.body.lastYear[0].t).toBe('2025-11-24');
  });

  it('refuses bad queries with a one-line reason', async () => {
    const cases: [string, RegExp][] = [
      ['api/trends?granularity=minute', /granularity/],
      ['api/trends?area=nowhere', /unknown area/],
      ['api/trends?from=2026-11-01', /from and to/],
      ['api/trends?range=2026-11-24..2026-11-01', /ends before it starts/],
      ['api/trends?range=2026-01-01..2026-11-24&granularity=hour', /at most 31 days/],
      [`api/trends?area=${ANFU}-01&category=x`, /not for grids/],
    ];
    for (const [path, reason] of cases) {
      const r = await api(path);
      expect(r.status, path).toBe(400);
      expect(r.body.error, path).toMatch(reason);
    }
    expect((await getJson(`${url}api/trends`, null)).status).toBe(401);
  });
});

describe('period figures', () => {
  it('compares a period with the one before and the year before', async () => {
    const r = await api('api/trends/summary?range=yesterday');
    expect(r.body.current).toMatchObject({
      firstDay: '2026-11-24',
      elapsed: 1,
      counts: { alarms: 3, cases: 1 },
    });
    expect(r.body.previous).toMatchObject({ firstDay: '2026-11-23', counts: { alarms: 0 } });
    expect(r.body.lastYear.firstDay).toBe('2025-11-24');
    expect(r.body.current.peaceIndex).toBeTypeOf('number');
  });

  it('cuts the comparison at the same time of day while today is running', async () => {
    // 10:00 today: yesterday until 10:00 holds the case received at 09:00 and answered at 09:30, not yet resolved (17:00)
    const r = await api('api/trends/summary?range=today');
    expect(r.body.current.elapsed).toBeCloseTo(10 / 24, 5);
    expect(r.body.current.counts.alarms).toBe(1);
    expect(r.body.previous.counts).toMatchObject({ cases: 1, responded: 1, resolved: 0, alarms: 0 });
  });

  it('gives the figures as they stood at a moment (a replay clock)', async () => {
    // yesterday until 20:00: the case (resolved at 17:00), none of the evening's alarms
    const eight = await api('api/trends/summary?range=yesterday&until=2026-11-24T12:00:00Z');
    expect(eight.body.current.counts).toMatchObject({ alarms: 0, cases: 1, resolved: 1 });
    expect(eight.body.current.elapsed).toBeCloseTo(20 / 24, 5);
    // until 21:30: the two alarms of the 20:00 hour, and the 21:00 hour in proportion (½ of 1)
    const r = await api('api/trends/summary?range=yesterday&until=2026-11-24T13:30:00Z');
    expect(r.body.current.counts).toMatchObject({ alarms: 2.5, redAlarms: 1 });
    expect((await api('api/trends/summary?range=yesterday&until=soon')).status).toBe(400);
  });

  it('ranks townships and categories', async () => {
    const areas = await api('api/trends/areas?range=yesterday&level=township');
    expect(areas.body.areas).toHaveLength(13);
    const anfu = areas.body.areas.find((a: { id: string }) => a.id === ANFU);
    expect(anfu.counts.alarms).toBe(3);
    expect(anfu.previous.counts.alarms).toBe(0);
    const grids = await api('api/trends/areas?range=yesterday&level=grid');
    expect(grids.body.areas).toHaveLength(pack.grids.features.length);
    expect(
      grids.body.areas.reduce((s: number, a: { counts: { alarms: number } }) => s + a.counts.alarms, 0),
    ).toBe(3);
    const cats = await api('api/trends/categories?range=yesterday');
    expect(cats.body.categories.slice(0, 4)).toEqual([
      { category: 'labour-wages', alarms: 0, cases: 1, previousAlarms: 0, previousCases: 0 },
      { category: '噪音扰民', alarms: 1, cases: 0, previousAlarms: 0, previousCases: 0 },
      { category: '打架斗殴', alarms: 1, cases: 0, previousAlarms: 0, previousCases: 0 },
      { category: '盗窃', alarms: 1, cases: 0, previousAlarms: 0, previousCases: 0 },
    ]);
  });
});

describe('rebuild and restart', () => {
  it('gives the same figures after a rebuild from the log and after a restart', async () => {
    const before = await api(`api/trends?from=2026-11-18&to=2026-11-24&granularity=hour&area=${ANFU}`);
    const rebuilt = await fetch(`${url}api/trends/rebuild`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(rebuilt.status).toBe(200);
    // every event of the log is read again (the seed, and the gateway's own feed-status events)
    expect(((await rebuilt.json()) as { events: number }).events).toBe(gateway.pipeline.seq);
    expect(
      (await api(`api/trends?from=2026-11-18&to=2026-11-24&granularity=hour&area=${ANFU}`)).body,
    ).toEqual(before.body);
    await gateway.close();
    await start();
    expect(
      (await api(`api/trends?from=2026-11-18&to=2026-11-24&granularity=hour&area=${ANFU}`)).body,
    ).toEqual(before.body);
  });
});

describe('replay', () => {
  it('serves the model at the start of a day and the day’s events in log order', async () => {
    const start = await api('api/replay?day=2026-11-24');
    expect(start.status).toBe(200);
    expect(Object.keys(start.body.model.alarms)).toEqual(['W1']);
    const events = await api(`api/replay/events?day=2026-11-24&after=${start.body.seq}`);
    expect(events.body.events.map((e: { data: { id: string } }) => e.data.id)).toEqual([
      'A1',
      'A2',
      'A3',
      'C1',
      'C1',
    ]);
    // the drill was accepted today (its `at`), so it replays with today
    const today = await api('api/replay/events?day=2026-11-25&after=0');
    expect(today.body.events.map((e: { data: { id?: string } }) => e.data.id)).toContain('drill:DRILL');
    expect(events.body.next).toBeNull();
    const days = await api('api/replay/days');
    expect(days.body.days[0]).toBe('2026-11-18');
    expect(days.body.days.at(-1)).toBe('2026-11-25');
    expect((await api('api/replay?day=2026-10-01')).status).toBe(400);
  });
});
