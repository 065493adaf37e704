/**
 * The PostgreSQL side of the storage (DATABASE_URL): one pg Pool shared by the event log,
 * the trend aggregates and the replay checkpoints; per-scope migrations in
 * `schema_migrations`; and the connection state the gateway reports in /health. A lost
 * server surfaces as a StoreUnavailableError with a one-line reason; the pool reconnects by
 * itself on the next query once the server is back.
 */
import { userInfo } from 'node:os';
import pg from 'pg';

export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

export interface PgHealth {
  state: 'up' | 'down';
  /** Why it is down (one line), and since when. */
  reason?: string;
  since?: string;
}

export interface PgDatabase {
  readonly pool: pg.Pool;
  /** Where it points, without credentials: `127.0.0.1:5432/test` (schema …). */
  readonly where: string;
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<R[]>;
  /** Runs `fn` in one transaction on one connection (BEGIN … COMMIT, ROLLBACK on error). */
  tx<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T>;
  health(): PgHealth;
  /** One round trip; updates the health. */
  ping(): Promise<boolean>;
  /** Runs before the pool ends (a store flushing what it keeps in memory). */
  beforeClose(fn: () => Promise<void>): void;
  /** Idempotent. */
  close(): Promise<void>;
}

/** SQLSTATE classes and messages that mean the server, not the statement, is the problem. */
function isConnectionError(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  const code = e.code ?? '';
  if (/^(08|57P|53)/.test(code)) return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code))
    return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable/i.test(
    e.message ?? '',
  );
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 200);

/** `host:port/db` of a URL, never its user or password. */
export function describePgUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'postgres (unparsable URL)';
  }
}

/**
 * The URL with a user when it names none: PGUSER, USER, else the OS account (as libpq does;
 * a service started without USER would otherwise send no user name at all).
 */
export function withPgUser(url: string): string {
  try {
    const u = new URL(url);
    if (u.username) return url;
    u.username = process.env.PGUSER || process.env.USER || userInfo().username;
    return u.toString();
  } catch {
    return url;
  }
}

export interface PgDatabaseOptions {
  /** Sets search_path on every connection (tests: one fresh schema each). */
  schema?: string;
  max?: number;
  connectTimeoutMs?: number;
}

export function createPgDatabase(url: string, options: PgDatabaseOptions = {}): PgDatabase {
  const pool = new pg.Pool({
    connectionString: withPgUser(url),
    max: options.max ?? 8,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 3000,
    idleTimeoutMillis: 30_000,
    // A statement that hangs (server stopped mid-query, network gone) fails instead of holding the pipeline.
    query_timeout: 15_000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  let health: PgHealth = { state: 'up' };
  const markDown = (err: unknown) => {
    const reason = `PostgreSQL unavailable: ${oneLine((err as Error).message || String(err))}`;
    if (health.state === 'up') health = { state: 'down', reason, since: new Date().toISOString() };
    else health = { ...health, reason };
    return new StoreUnavailableError(reason);
  };
  const markUp = () => {
    if (health.state === 'down') health = { state: 'up' };
  };
  // An idle connection the server closed: without a listener this would crash the process.
  pool.on('error', (err) => {
    if (isConnectionError(err)) markDown(err);
  });
  const hooks: (() => Promise<void>)[] = [];
  let closing: Promise<void> | null = null;

  async function guard<T>(run: () => Promise<T>): Promise<T> {
    try {
      const out = await run();
      markUp();
      return out;
    } catch (err) {
      if (isConnectionError(err)) throw markDown(err);
      throw err;
    }
  }

  const db: PgDatabase = {
    pool,
    where: `${describePgUrl(url)}${options.schema ? ` (schema ${options.schema})` : ''}`,
    query: (text, values) => guard(async () => (await pool.query(text, values)).rows),
    tx: (fn) =>
      guard(async () => {
        const client = await pool.connect();
        let broken = false;
        // A checked-out client that loses its server emits 'error' besides failing the query:
        // unheard, that event would end the process.
        const heard = (err: Error) => {
          broken = true;
          markDown(err);
        };
        client.on('error', heard);
        try {
          await client.query('BEGIN');
          const out = await fn(client);
          await client.query('COMMIT');
          return out;
        } catch (err) {
          broken ||= isConnectionError(err);
          if (!broken) await client.query('ROLLBACK').catch(() => undefined);
          throw err;
        } finally {
          client.off('error', heard);
          // A connection that failed is thrown away, not given to the next query.
          client.release(broken ? true : undefined);
        }
      }),
    health: () => health,
    async ping() {
      try {
        await db.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    beforeClose(fn) {
      hooks.push(fn);
    },
    close() {
      closing ??= (async () => {
        for (const fn of hooks) await fn().catch(() => undefined);
        await pool.end();
      })();
      return closing;
    },
  };
  return db;
}

/**
 * Runs the migrations of one part of the schema (`scope`) that have not run yet, in one
 * transaction (all or none), each recorded in `schema_migrations` (scope, version,
 * applied_at). An advisory lock keeps two gateways starting at once from running a step twice.
 */
export async function migratePg(db: PgDatabase, migrations: readonly string[], scope: string): Promise<void> {
  await db.tx(async (c) => {
    await c.query("SELECT pg_advisory_xact_lock(hashtext('wall:schema_migrations'))");
    await c.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (scope text NOT NULL, version integer NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (scope, version))`,
    );
    const { rows } = await c.query<{ v: number | null }>(
      'SELECT MAX(version) AS v FROM schema_migrations WHERE scope = $1',
      [scope],
    );
    for (let i = rows[0]?.v ?? 0; i < migrations.length; i++) {
      await c.query(migrations[i] as string);
      await c.query('INSERT INTO schema_migrations (scope, version) VALUES ($1, $2)', [scope, i + 1]);
    }
  });
}
