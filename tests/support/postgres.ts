/**
 * The shared PostgreSQL for store tests: postgres://127.0.0.1:5432/test, or
 * WALL_TEST_DATABASE_URL. Each test works in its own fresh schema, dropped afterwards. Where
 * the server cannot be reached the tests skip with a clear message, except under
 * WALL_STRICT=1 (CI), where that is a failure.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { onTestFinished } from 'vitest';
import {
  createPgDatabase,
  describePgUrl,
  type PgDatabase,
  withPgUser,
} from '../../stream-gateway/store/pgDatabase';
import { STRICT } from './browser';

export const PG_TEST_URL = process.env.WALL_TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/test';

/** Whether the test server answers; throws under WALL_STRICT=1 when it does not. */
export async function postgresReachable(url = PG_TEST_URL): Promise<boolean> {
  const client = new pg.Client({ connectionString: withPgUser(url), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (err) {
    const reason = `PostgreSQL at ${describePgUrl(url)} unreachable (${(err as Error).message}); set WALL_TEST_DATABASE_URL`;
    if (STRICT) throw new Error(`WALL_STRICT=1: ${reason}`);
    console.warn(`skipped: ${reason}`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** `url` with `search_path` set to `schema` through the connection's startup options. */
export function urlWithSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

export interface TestSchema {
  schema: string;
  /** The server URL with this schema as search_path (for DATABASE_URL). */
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty schema with a random name on the test server. */
export async function freshSchema(url = PG_TEST_URL): Promise<TestSchema> {
  const schema = `wall_t_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: withPgUser(url), connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE SCHEMA ${schema}`);
  return {
    schema,
    url: urlWithSchema(url, schema),
    drop: () => admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`),
  };
}

/**
 * Inside a test: a fresh schema and PgDatabases on it (as many as the test opens, e.g. a
 * restart); all are closed and the schema dropped when the test finishes.
 */
export async function testSchema(): Promise<TestSchema & { database(): PgDatabase }> {
  const schema = await freshSchema();
  const opened: PgDatabase[] = [];
  onTestFinished(async () => {
    for (const db of opened) await db.close();
    await schema.drop();
  });
  return {
    ...schema,
    database() {
      const db = createPgDatabase(PG_TEST_URL, { schema: schema.schema });
      opened.push(db);
      return db;
    },
  };
}
