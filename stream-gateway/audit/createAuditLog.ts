/**
 * The append-only audit log (SQLite, in the gateway's database): who did what, when, from
 * which console and address, and how it ended. Triggers refuse UPDATE and DELETE, and each
 * entry is hash-chained to the one before, so an edit made around the triggers shows in
 * `verify()`. Writes are synchronous: an entry exists before the answer goes out.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AuditActor, AuditEntry, AuditOrigin, AuditOutcome } from '../../protocol/audit';
import { migrateSqlite } from '../store/sqliteEventStore';

const MIGRATIONS = [
  `CREATE TABLE audit (
     id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL,
     actor_id TEXT, actor_name TEXT, actor_role TEXT,
     action TEXT NOT NULL, target TEXT, outcome TEXT NOT NULL, detail TEXT NOT NULL,
     ip TEXT, console TEXT, user_agent TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
   CREATE INDEX audit_at ON audit (at);
   CREATE INDEX audit_target ON audit (target, id);
   CREATE INDEX audit_actor ON audit (actor_id, id);
   CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
   CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;`,
];

export interface AuditInput {
  actor: AuditActor | null;
  action: string;
  target?: string | null;
  outcome: AuditOutcome;
  detail?: Record<string, unknown>;
  origin: AuditOrigin;
}

export interface AuditQuery {
  /** ISO times, inclusive / exclusive. */
  since?: string;
  until?: string;
  actor?: string;
  /** An action (`alarm.close`) or a prefix ending in a dot (`alarm.`). */
  action?: string;
  target?: string;
  outcome?: AuditOutcome;
  /** Entries with a smaller id (paging backwards from the newest). */
  beforeId?: number;
  limit: number;
}

export type AuditVerdict = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number };

export interface AuditLog {
  record(input: AuditInput): AuditEntry;
  /** Newest first. */
  query(q: AuditQuery): AuditEntry[];
  /** Walks the hash chain from the first entry. */
  verify(): AuditVerdict;
}

type Row = {
  id: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  action: string;
  target: string | null;
  outcome: AuditOutcome;
  detail: string;
  ip: string | null;
  console: string | null;
  user_agent: string | null;
  prev_hash: string;
  hash: string;
};

const GENESIS = '0'.repeat(64);

function hashOf(prev: string, row: Omit<Row, 'id' | 'prev_hash' | 'hash'> & { id: number }): string {
  const fields = [
    row.id,
    row.at,
    row.actor_id,
    row.actor_name,
    row.actor_role,
    row.action,
    row.target,
    row.outcome,
    row.detail,
    row.ip,
    row.console,
    row.user_agent,
  ];
  return createHash('sha256').update(prev).update(JSON.stringify(fields)).digest('hex');
}

function toEntry(r: Row): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? '', role: r.actor_role ?? '' } : null,
    action: r.action,
    target: r.target,
    outcome: r.outcome,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    origin: { ip: r.ip, console: r.console, userAgent: r.user_agent },
    hash: r.hash,
  };
}

export function createAuditLog(db: Database.Database, now: () => number = Date.now): AuditLog {
  migrateSqlite(db, MIGRATIONS, 'audit');
  const last = db.prepare<[], { id: number; hash: string }>(
    'SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1',
  );
  const insert = db.prepare(
    `INSERT INTO audit (id, at, actor_id, actor_name, actor_role, action, target, outcome, detail, ip, console, user_agent, prev_hash, hash)
     VALUES (@id, @at, @actor_id, @actor_name, @actor_role, @action, @target, @outcome, @detail, @ip, @console, @user_agent, @prev_hash, @hash)`,
  );
  const append = db.transaction((row: Omit<Row, 'id' | 'prev_hash' | 'hash'>): Row => {
    const prev = last.get();
    const id = (prev?.id ?? 0) + 1;
    const prevHash = prev?.hash ?? GENESIS;
    const full: Row = { ...row, id, prev_hash: prevHash, hash: hashOf(prevHash, { ...row, id }) };
    insert.run(full);
    return full;
  });
  const all = db.prepare<[number], Row>('SELECT * FROM audit WHERE id > ? ORDER BY id LIMIT 5000');

  return {
    record(input) {
      const row = append({
        at: new Date(now()).toISOString(),
        actor_id: input.actor?.id ?? null,
        actor_name: input.actor?.name ?? null,
        actor_role: input.actor?.role ?? null,
        action: input.action,
        target: input.target ?? null,
        outcome: input.outcome,
        detail: JSON.stringify(input.detail ?? {}),
        ip: input.origin.ip,
        console: input.origin.console,
        user_agent: input.origin.userAgent,
      });
      return toEntry(row);
    },
    query(q) {
      const where: string[] = [];
      const args: Record<string, unknown> = {};
      const add = (clause: string, key: string, value: unknown) => {
        if (value === undefined) return;
        where.push(clause);
        args[key] = value;
      };
      add('at >= @since', 'since', q.since);
      add('at < @until', 'until', q.until);
      add('actor_id = @actor', 'actor', q.actor);
      if (q.action?.endsWith('.')) add("action LIKE @action ESCAPE '\\'", 'action', `${q.action}%`);
      else add('action = @action', 'action', q.action);
      add('target = @target', 'target', q.target);
      add('outcome = @outcome', 'outcome', q.outcome);
      add('id < @beforeId', 'beforeId', q.beforeId);
      const sql = `SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`;
      return db
        .prepare<Record<string, unknown>, Row>(sql)
        .all({ ...args, limit: q.limit })
        .map(toEntry);
    },
    verify() {
      let prevHash = GENESIS;
      let lastId = 0;
      let entries = 0;
      for (;;) {
        const page = all.all(lastId);
        if (page.length === 0) return { ok: true, entries };
        for (const r of page) {
          const { prev_hash, hash, ...rest } = r;
          if (prev_hash !== prevHash || hash !== hashOf(prevHash, rest))
            return { ok: false, entries, brokenAt: r.id };
          prevHash = hash;
          lastId = r.id;
          entries++;
        }
      }
    },
  };
}
