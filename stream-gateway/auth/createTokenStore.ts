/**
 * Tokens for screens, feeds and people, hashed at rest (SHA-256; tokens are long random
 * strings, so a slow hash adds nothing). The plain token is shown once, when issued.
 * Kept in its own SQLite file so that it does not depend on the event store's backend.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Principal, Role } from '../../protocol/access';
import { migrateSqlite } from '../store/sqliteEventStore';

const MIGRATIONS = [
  `CREATE TABLE tokens (
     id TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, role TEXT NOT NULL, wall TEXT, label TEXT NOT NULL,
     created_at TEXT NOT NULL, revoked_at TEXT);`,
  // Per-token ingest limits (JSON, null: the configured defaults).
  'ALTER TABLE tokens ADD COLUMN limits TEXT;',
];

/** A token's own ingest limits; any left out use the configured defaults. */
export interface TokenLimits {
  requestsPerSecond?: number;
  requestBurst?: number;
  itemsPerSecond?: number;
  itemBurst?: number;
  bodyBytes?: number;
}

export interface TokenInfo {
  id: string;
  role: Role;
  wall: string | null;
  label: string;
  createdAt: string;
  revokedAt: string | null;
  limits: TokenLimits | null;
}

export interface TokenStore {
  issue(
    role: Role,
    options: { label: string; wall?: string; token?: string; limits?: TokenLimits },
  ): { token: string; info: TokenInfo };
  /** The token's own ingest limits (by token id), if it has any. */
  limitsOf(id: string): TokenLimits | null;
  verify(token: string): Principal | null;
  revoke(id: string): boolean;
  list(): TokenInfo[];
  count(): number;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

type Row = {
  id: string;
  hash: string;
  role: Role;
  wall: string | null;
  label: string;
  created_at: string;
  revoked_at: string | null;
  limits: string | null;
};

export function createTokenStore(db: Database.Database, now: () => number = Date.now): TokenStore {
  migrateSqlite(db, MIGRATIONS, 'tokens');
  const insert = db.prepare(
    'INSERT INTO tokens (id, hash, role, wall, label, created_at, limits) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const byHash = db.prepare<[string], Row>('SELECT * FROM tokens WHERE hash = ?');
  const revoke = db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  const all = db.prepare<[], Row>('SELECT * FROM tokens ORDER BY created_at');
  const countRows = db.prepare<[], { n: number }>(
    'SELECT COUNT(*) AS n FROM tokens WHERE revoked_at IS NULL',
  );
  const toInfo = (r: Row): TokenInfo => ({
    id: r.id,
    role: r.role,
    wall: r.wall,
    label: r.label,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
    limits: r.limits ? (JSON.parse(r.limits) as TokenLimits) : null,
  });
  const limitsById = db.prepare<[string], { limits: string | null }>(
    'SELECT limits FROM tokens WHERE id = ?',
  );
  const limitsCache = new Map<string, TokenLimits | null>();
  // Verification is on every request: remember recent answers briefly (revocation clears it).
  const cache = new Map<string, Principal | null>();

  return {
    issue(role, { label, wall, token, limits }) {
      const plain = token ?? newToken();
      const id = `tok_${randomBytes(6).toString('hex')}`;
      const createdAt = new Date(now()).toISOString();
      insert.run(
        id,
        hashToken(plain),
        role,
        wall ?? null,
        label,
        createdAt,
        limits ? JSON.stringify(limits) : null,
      );
      cache.clear();
      return {
        token: plain,
        info: { id, role, wall: wall ?? null, label, createdAt, revokedAt: null, limits: limits ?? null },
      };
    },
    limitsOf(id) {
      if (!limitsCache.has(id)) {
        const raw = limitsById.get(id)?.limits;
        if (limitsCache.size > 1000) limitsCache.clear();
        limitsCache.set(id, raw ? (JSON.parse(raw) as TokenLimits) : null);
      }
      return limitsCache.get(id) ?? null;
    },
    verify(token) {
      if (!token || token.length > 200) return null;
      const hash = hashToken(token);
      if (cache.has(hash)) return cache.get(hash) ?? null;
      const row = byHash.get(hash);
      const ok = row && row.revoked_at === null && timingSafeEqual(Buffer.from(row.hash), Buffer.from(hash));
      const principal: Principal | null = ok
        ? {
            id: row.id,
            role: row.role,
            label: row.label,
            credential: row.id,
            ...(row.wall ? { wall: row.wall } : {}),
          }
        : null;
      if (cache.size > 1000) cache.clear();
      cache.set(hash, principal);
      return principal;
    },
    revoke(id) {
      const changed = revoke.run(new Date(now()).toISOString(), id).changes > 0;
      cache.clear();
      return changed;
    },
    list: () => all.all().map(toInfo),
    count: () => countRows.get()?.n ?? 0,
  };
}
