/**
 * The first start of the demo: the gateway serves while a year of history is backfilled
 * (here a shorter one), the history is consistent (district = Σ townships, every day has
 * figures, yesterday is in the log), and a kill -9 and restart neither backfills again nor
 * changes a figure.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { type GatewayProcess, startGatewayProcess, tempDataDir } from '../support/gatewayProcess';
import { getJson } from '../support/socketWaits';

const running: GatewayProcess[] = [];
afterAll(async () => {
  for (const g of running) await g.kill('SIGKILL');
});
const ENV = { BACKFILL: 'on', BACKFILL_DAYS: '40', BACKFILL_LOG_DAYS: '2' };

async function backfillState(g: GatewayProcess): Promise<string> {
  const health = await getJson(`${g.url}health`);
  expect(health.status).toBe(200);
  return health.body.features['history-backfill'].state;
}

async function until(g: GatewayProcess, state: string, timeoutMs = 150_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await backfillState(g);
    if (s === state) return;
    if (s === 'failed' || Date.now() > deadline) throw new Error(`backfill ${s}, waited for ${state}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('history backfill on the first start', () => {
  it('serves meanwhile, backfills a consistent history once, and survives kill -9', async () => {
    const dataDir = tempDataDir();
    const first = await startGatewayProcess({ dataDir, env: ENV });
    running.push(first);
    // /health answers while the backfill runs (or has just finished)
    expect(['running', 'done']).toContain(await backfillState(first));
    await until(first, 'done');
    expect(first.output()).toMatch(/backfill .* 100% 40 days: 38 as daily statistics, 3 as \d+ log events/);

    const days = (await getJson(`${first.url}api/trends?range=last-4-weeks`)).body.points as {
      t: string;
      counts: { alarms: number; cases: number };
      peaceIndex: number | null;
    }[];
    expect(days).toHaveLength(28);
    for (const d of days) {
      expect(d.counts.alarms, d.t).toBeGreaterThan(300);
      expect(d.peaceIndex, d.t).toBeGreaterThan(20);
    }
    const yesterday = (await getJson(`${first.url}api/trends/areas?range=yesterday`)).body.areas as {
      counts: { alarms: number };
    }[];
    const district = (await getJson(`${first.url}api/trends/summary?range=yesterday`)).body.current.counts;
    // alarms outside every township count for the district only
    expect(yesterday.reduce((s, a) => s + a.counts.alarms, 0)).toBeLessThanOrEqual(district.alarms);
    expect(yesterday.reduce((s, a) => s + a.counts.alarms, 0)).toBeGreaterThan(0.95 * district.alarms);

    const replayDays = (await getJson(`${first.url}api/replay/days`)).body.days as string[];
    const day = replayDays.at(-2) as string;
    const start = (await getJson(`${first.url}api/replay?day=${day}`)).body;
    const events = (await getJson(`${first.url}api/replay/events?day=${day}&after=${start.seq}`)).body.events;
    expect(events.length).toBeGreaterThan(1000);

    const health = (await getJson(`${first.url}health`)).body;
    const before = (await getJson(`${first.url}api/trends?range=last-4-weeks&granularity=week`)).body;
    await first.kill('SIGKILL');

    const second = await startGatewayProcess({ dataDir, env: ENV, port: first.port });
    running.push(second);
    await (async () => {
      const deadline = Date.now() + 30_000;
      while ((await getJson(`${second.url}health`)).body.features.trends.state !== 'ready') {
        if (Date.now() > deadline) throw new Error('aggregates did not catch up');
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    expect(await backfillState(second)).toBe('idle');
    expect((await getJson(`${second.url}health`)).body.seq).toBeGreaterThanOrEqual(health.seq);
    expect((await getJson(`${second.url}api/trends?range=last-4-weeks&granularity=week`)).body).toEqual(
      before,
    );
  });
});
