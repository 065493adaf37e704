import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Envelope } from '../../protocol/log';
import type { CompactOptions, EventStore, RejectedEntry, StoredSnapshot } from './EventStore';

/** Ordered schema migrations; `PRAGMA user_version` records how many ran. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE events (seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, at TEXT NOT NULL, drill INTEGER NOT NULL DEFAULT 0, data TEXT NOT NULL);
   CREATE TABLE snapshots (seq INTEGER PRIMARY KEY, model TEXT NOT NULL);
   CREATE TABLE rejected (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, feed TEXT NOT NULL, reason TEXT NOT NULL, payload TEXT NOT NULL);`,
];

/**
 * Runs the migrations of one part of the schema (`scope`) that have not run yet; several
 * parts (events, tokens, wall views, aggregates…) share one database file.
 */
export function migrateSqlite(db: Database.Database, migrations: readonly string[], scope = 'events'): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_versions (scope TEXT PRIMARY KEY, version INTEGER NOT NULL)');
  const row = db
    .prepare<[string], { version: number }>('SELECT version FROM schema_versions WHERE scope = ?')
    .get(scope);
  const version = row?.version ?? 0;
  for (let i = version; i < migrations.length; i++) {
    db.transaction(() => {
      db.exec(migrations[i] as string);
      db.prepare('INSERT OR REPLACE INTO schema_versions (scope, version) VALUES (?, ?)').run(scope, i + 1);
    })();
  }
}

/** Opens (and creates) the log at `file`; `:memory:` for tests that need no disk. */
export function createSqliteDatabase(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL survives a killed process (the WAL is in the OS); only a power cut may lose the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  return db;
}

/** Rows deleted per transaction: the pipeline's appends interleave between chunks. */
const COMPACT_CHUNK = 5000;

type Row = { seq: number; kind: Envelope['kind']; at: string; drill: number; data: string };

export function createSqliteEventStore(db: Database.Database): EventStore {
  migrateSqlite(db, MIGRATIONS);
  const insert = db.prepare('INSERT INTO events (seq, kind, at, drill, data) VALUES (?, ?, ?, ?, ?)');
  const appendAll = db.transaction((events: readonly Envelope[]) => {
    for (const e of events) insert.run(e.seq, e.kind, e.at, e.drill ? 1 : 0, JSON.stringify(e.data));
  });
  const selectFrom = db.prepare<[number, number], Row>(
    'SELECT seq, kind, at, drill, data FROM events WHERE seq >= ? ORDER BY seq LIMIT ?',
  );
  const selectLast = db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM events');
  const insertSnapshot = db.prepare('INSERT OR REPLACE INTO snapshots (seq, model) VALUES (?, ?)');
  const pruneSnapshots = db.prepare('DELETE FROM snapshots WHERE seq < ?');
  const selectSnapshot = db.prepare<[], { seq: number; model: string }>(
    'SELECT seq, model FROM snapshots ORDER BY seq DESC LIMIT 1',
  );
  const insertRejected = db.prepare('INSERT INTO rejected (at, feed, reason, payload) VALUES (?, ?, ?, ?)');
  const rejectAll = db.transaction((entries: readonly RejectedEntry[]) => {
    for (const r of entries) insertRejected.run(r.at, r.feed, r.reason, r.payload);
  });
  const selectRejected = db.prepare<[number], RejectedEntry>(
    'SELECT at, feed, reason, payload FROM rejected ORDER BY id DESC LIMIT ?',
  );

  return {
    kind: 'sqlite',
    lastSeq: async () => selectLast.get()?.seq ?? 0,
    append: async (events) => {
      if (events.length > 0) appendAll(events);
    },
    read: async (fromSeq, limit) =>
      selectFrom.all(fromSeq, limit).map(
        (r) =>
          ({
            seq: r.seq,
            kind: r.kind,
            at: r.at,
            drill: r.drill === 1,
            data: JSON.parse(r.data),
          }) as Envelope,
      ),
    saveSnapshot: async ({ seq, model }: StoredSnapshot) => {
      db.transaction(() => {
        insertSnapshot.run(seq, JSON.stringify(model));
        pruneSnapshots.run(seq);
      })();
    },
    loadSnapshot: async () => {
      const row = selectSnapshot.get();
      return row ? { seq: row.seq, model: JSON.parse(row.model) } : null;
    },
    appendRejected: async (entries) => {
      if (entries.length > 0) rejectAll(entries);
    },
    readRejected: async (limit) => selectRejected.all(limit),
    compact: (options) => compactSqlite(db, options),
    close: async () => {
      db.close();
    },
  };
}

/**
 * Deletes the oldest events: a contiguous prefix of the log, every one logged before
 * `before`, at or below `maxSeq` and at or below the latest snapshot. Chunked, so a long
 * compaction does not hold the event loop; freed pages are reused by later appends.
 */
async function compactSqlite(db: Database.Database, { before, maxSeq }: CompactOptions) {
  const one = (sql: string, ...args: unknown[]) =>
    (db.prepare(sql).get(...args) as { v: number | null } | undefined)?.v ?? null;
  const snapshotSeq = one('SELECT MAX(seq) AS v FROM snapshots') ?? 0;
  const firstNew = one('SELECT MIN(seq) AS v FROM events WHERE at >= ?', before);
  const last = one('SELECT MAX(seq) AS v FROM events') ?? 0;
  const bound = Math.min(maxSeq, snapshotSeq, firstNew === null ? last : firstNew - 1);
  const remove = db.prepare('DELETE FROM events WHERE seq >= ? AND seq <= ?');
  let events = 0;
  for (
    let from = one('SELECT MIN(seq) AS v FROM events') ?? bound + 1;
    from <= bound;
    from += COMPACT_CHUNK
  ) {
    events += remove.run(from, Math.min(bound, from + COMPACT_CHUNK - 1)).changes;
    await new Promise((r) => setImmediate(r));
  }
  const rejected = db.prepare('DELETE FROM rejected WHERE at < ?').run(before).changes;
  return { events, rejected, firstSeq: one('SELECT MIN(seq) AS v FROM events') };
}
