/**
 * The real gateway process on PostgreSQL (DATABASE_URL):
 * - on the shared server, in a fresh schema: ingest, SIGKILL, restart with an empty
 *   DATA_DIR — the model comes back from PostgreSQL, nothing accepted is missing;
 * - on a private server stopped under load: /health says so, the walls keep their model,
 *   ingest answers 503 with a one-line reason, and once the server is back the gateway
 *   recovers by itself — every accepted item is in the log, no refused one is.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { withPgUser } from '../../stream-gateway/store/pgDatabase';
import { alarmInput } from '../fixtures/feedItems';
import { type GatewayProcess, startGatewayProcess, tempDataDir } from '../support/gatewayProcess';
import { freshSchema, postgresReachable } from '../support/postgres';
import {
  freePort,
  type PrivateService,
  serviceAvailable,
  startPrivatePostgres,
} from '../support/privateServices';
import { followModel, getJson, postJson } from '../support/socketWaits';

const running: GatewayProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const g of running) await g.kill('SIGKILL');
  for (const c of cleanups) await c().catch(() => undefined);
});

async function start(databaseUrl: string, dataDir = tempDataDir(), port?: number): Promise<GatewayProcess> {
  const g = await startGatewayProcess({
    dataDir,
    env: { DATABASE_URL: databaseUrl },
    ...(port ? { port } : {}),
  });
  running.push(g);
  return g;
}

/** Alarm ids in the log at `url`. */
async function loggedAlarmIds(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: withPgUser(url) });
  await client.connect();
  try {
    const { rows } = await client.query<{ data: string }>(
      "SELECT data FROM events WHERE kind = 'alarm' ORDER BY seq",
    );
    return rows.map((r) => (JSON.parse(r.data) as { id: string }).id);
  } finally {
    await client.end();
  }
}

const reachable = await postgresReachable();

describe.skipIf(!reachable)('gateway on the shared PostgreSQL', () => {
  it('keeps every accepted item across SIGKILL, in PostgreSQL, not in DATA_DIR', async () => {
    const schema = await freshSchema();
    cleanups.push(schema.drop);
    const first = await start(schema.url);
    expect(first.output()).toMatch(/store postgres 127\.0\.0\.1:5432\/test/);
    const health = (await getJson(`${first.url}health`)).body;
    expect(health.store).toBe('postgres');
    expect(health.features.storage).toMatchObject({ kind: 'postgres', state: 'up' });

    const ids = Array.from({ length: 200 }, (_, i) => `PG-${i}`);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, b) =>
        postJson(
          `${first.url}ingest/alarms`,
          ids.slice(b * 20, b * 20 + 20).map((id) => alarmInput({ id, severity: 'yellow' })),
        ),
      ),
    );
    expect(answers.map((a) => [a.status, a.body.accepted])).toEqual(answers.map(() => [202, 20]));
    const before = (await getJson(`${first.url}api/live`)).body as { seq: number; model: unknown };
    expect(Object.keys((before.model as { alarms: object }).alarms)).toHaveLength(200);
    // The trend aggregates follow the log in PostgreSQL too.
    await expect
      .poll(async () => Number((await getJson(`${first.url}health`)).body.features.trends.seq))
      .toBe(before.seq);

    await first.kill('SIGKILL');
    // A new DATA_DIR: only PostgreSQL can bring the model back.
    const second = await start(schema.url, tempDataDir(), first.port);
    const after = (await getJson(`${second.url}api/live`)).body as { seq: number; model: unknown };
    expect(after.seq).toBe(before.seq);
    expect(after.model).toEqual(before.model);
    expect((await loggedAlarmIds(schema.url)).sort()).toEqual([...ids].sort());
    const more = await postJson(`${second.url}ingest/alarms`, alarmInput({ id: 'PG-after' }));
    expect(more).toMatchObject({ status: 202, body: { accepted: 1 } });
    // A clean stop writes a snapshot at the last seq into PostgreSQL and closes the pool.
    expect(await second.kill('SIGTERM')).toBe(0);
    expect(second.output()).toContain('stopped cleanly');
    const client = new pg.Client({ connectionString: withPgUser(schema.url) });
    await client.connect();
    const { rows } = await client.query<{ seq: string }>('SELECT seq FROM snapshots');
    await client.end();
    expect(rows).toHaveLength(1);
    expect(Number(rows[0]?.seq)).toBeGreaterThan(before.seq);
  }, 90_000);
});

const privateOk = serviceAvailable('postgres');

describe.skipIf(!privateOk)('gateway when its PostgreSQL stops under load', () => {
  it('reports the fault, keeps the walls, refuses ingest with 503, and recovers without a restart', async () => {
    const server: PrivateService = await startPrivatePostgres();
    cleanups.push(server.dispose);
    const g = await start(server.url);
    const wall = followModel(g.url);
    await wall.until((_m, seq) => seq >= 0, 'the first snapshot');

    // Load: one alarm per request, one after another, until told to stop.
    const accepted: string[] = [];
    const refused: { id: string; status: number; error: string }[] = [];
    let stop = false;
    let n = 0;
    const load = (async () => {
      while (!stop) {
        const id = `LOAD-${n++}`;
        const r = await postJson(`${g.url}ingest/alarms`, alarmInput({ id, severity: 'yellow' }));
        if (r.status === 202 && r.body.accepted === 1) accepted.push(id);
        else refused.push({ id, status: r.status, error: String(r.body.error) });
        await new Promise((resolve) => setTimeout(resolve, 10)); // pacing, not synchronisation
      }
    })();

    await expect.poll(() => accepted.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(20);
    await server.stop();
    await expect
      .poll(async () => (await getJson(`${g.url}health`)).body, { timeout: 15_000 })
      .toMatchObject({ status: 'degraded', features: { storage: { state: 'down' } } });
    const health = (await getJson(`${g.url}health`)).body;
    expect(health.features.storage.reason).toMatch(/^PostgreSQL unavailable: /);
    await expect.poll(() => refused.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(5);
    for (const r of refused) {
      expect(r.status).toBe(503);
      expect(r.error).toMatch(/^store unavailable: PostgreSQL unavailable: /);
      expect(r.error).not.toContain('\n');
    }
    // The walls keep what they have: the socket stays, the model has every accepted alarm.
    expect(wall.socket.connected).toBe(true);
    const during = (await getJson(`${g.url}api/live`)).body.model as { alarms: Record<string, unknown> };
    expect(Object.keys(during.alarms).sort()).toEqual([...accepted].sort());

    const acceptedBefore = accepted.length;
    await server.start();
    await expect
      .poll(async () => (await getJson(`${g.url}health`)).body.features.storage.state, { timeout: 15_000 })
      .toBe('up');
    await expect.poll(() => accepted.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(acceptedBefore + 20);
    stop = true;
    await load;

    const last = accepted.at(-1) as string;
    await wall.until((m) => m.alarms[last] !== undefined, 'the last accepted alarm on the wall');
    expect(Object.keys(wall.model()?.alarms ?? {}).sort()).toEqual([...accepted].sort());
    expect((await loggedAlarmIds(server.url)).sort()).toEqual([...accepted].sort());
    // Healthy again, and the aggregates caught up with the log.
    await expect
      .poll(
        async () => {
          const h = (await getJson(`${g.url}health`)).body;
          return { status: h.status, trends: h.features.trends.state, behind: h.seq - h.features.trends.seq };
        },
        { timeout: 15_000 },
      )
      .toEqual({ status: 'ok', trends: 'ready', behind: 0 });
    wall.close();
  }, 90_000);
});

describe('gateway with an unreachable DATABASE_URL', () => {
  it('does not start, and says why in one line', async () => {
    const url = `postgres://wall:secret@127.0.0.1:${await freePort()}/wall`;
    const failed = await startGatewayProcess({ env: { DATABASE_URL: url } }).catch((err: Error) => err);
    expect(failed).toBeInstanceOf(Error);
    const line = (failed as Error).message.split('\n').find((l) => l.includes('start-up failed'));
    expect(line).toMatch(/^\[wall\] start-up failed: PostgreSQL unavailable: .*ECONNREFUSED/);
    expect((failed as Error).message).not.toContain('secret');
  }, 60_000);
});
