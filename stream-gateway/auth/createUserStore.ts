/**
 * People who log in at the console: duty officers, leaders, admins. Passwords are hashed
 * with scrypt (salted, memory-hard; parameters stored with each hash so they can rise
 * later). A login gives a session token (random, SHA-256 at rest like screen tokens) that
 * lasts one shift; logging out, disabling the user or changing the password ends it.
 */
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Principal } from '../../protocol/access';
import { migrateSqlite } from '../store/sqliteEventStore';
import { hashToken, newToken } from './createTokenStore';

export const USER_ROLES = ['officer', 'leader', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

const MIGRATIONS = [
  `CREATE TABLE users (
     username TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, password TEXT NOT NULL,
     created_at TEXT NOT NULL, disabled_at TEXT, last_login_at TEXT);
   CREATE TABLE sessions (
     id TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, username TEXT NOT NULL, created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL, revoked_at TEXT, ip TEXT, console TEXT);
   CREATE INDEX sessions_user ON sessions (username);`,
];

export interface UserInfo {
  username: string;
  name: string;
  role: UserRole;
  createdAt: string;
  disabledAt: string | null;
  lastLoginAt: string | null;
}

export interface NewUser {
  username: string;
  name: string;
  role: UserRole;
  password: string;
}

export interface UserPatch {
  name?: string;
  role?: UserRole;
  password?: string;
  disabled?: boolean;
}

export type LoginResult =
  | { ok: true; token: string; sessionId: string; user: UserInfo; expiresAt: string }
  | { ok: false; reason: 'bad-credentials' | 'disabled' };

export interface UserStore {
  /** Null when the user name is taken. */
  create(user: NewUser): Promise<UserInfo | null>;
  /** Null when there is no such user. Disabling or a new password ends the user's sessions. */
  update(username: string, patch: UserPatch): Promise<UserInfo | null>;
  get(username: string): UserInfo | null;
  list(): UserInfo[];
  login(
    username: string,
    password: string,
    where: { ip: string | null; console: string | null },
  ): Promise<LoginResult>;
  verifySession(token: string): Principal | null;
  /** Ends one session; returns its id (to close its sockets) or null. */
  logout(token: string): string | null;
  count(): number;
}

/** N=2^15, r=8: about 32 MiB and tens of milliseconds per check on this kind of machine. */
const SCRYPT = { N: 1 << 15, r: 8, p: 1, keylen: 32 } as const;

function scryptAsync(
  password: string,
  salt: Buffer,
  keylen: number,
  options: ScryptOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keylen, { ...options, maxmem: 128 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.keylen, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

type UserRow = {
  username: string;
  name: string;
  role: UserRole;
  password: string;
  created_at: string;
  disabled_at: string | null;
  last_login_at: string | null;
};
type SessionRow = {
  id: string;
  username: string;
  expires_at: string;
  revoked_at: string | null;
  name: string;
  role: UserRole;
  disabled_at: string | null;
};

const toInfo = (r: UserRow): UserInfo => ({
  username: r.username,
  name: r.name,
  role: r.role,
  createdAt: r.created_at,
  disabledAt: r.disabled_at,
  lastLoginAt: r.last_login_at,
});

export function createUserStore(
  db: Database.Database,
  options: { now?: () => number; sessionHours?: number } = {},
): UserStore {
  migrateSqlite(db, MIGRATIONS, 'users');
  const now = options.now ?? Date.now;
  const sessionMs = (options.sessionHours ?? 12) * 3_600_000;
  const iso = () => new Date(now()).toISOString();
  const byName = db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?');
  const all = db.prepare<[], UserRow>('SELECT * FROM users ORDER BY created_at, username');
  const insertUser = db.prepare(
    'INSERT OR IGNORE INTO users (username, name, role, password, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const insertSession = db.prepare(
    'INSERT INTO sessions (id, hash, username, created_at, expires_at, ip, console) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const sessionByHash = db.prepare<[string], SessionRow>(
    `SELECT s.id, s.username, s.expires_at, s.revoked_at, u.name, u.role, u.disabled_at
     FROM sessions s JOIN users u ON u.username = s.username WHERE s.hash = ?`,
  );
  const revokeSession = db.prepare('UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  const revokeUserSessions = db.prepare(
    'UPDATE sessions SET revoked_at = ? WHERE username = ? AND revoked_at IS NULL',
  );
  const touchLogin = db.prepare('UPDATE users SET last_login_at = ? WHERE username = ?');
  const countRows = db.prepare<[], { n: number }>(
    'SELECT COUNT(*) AS n FROM users WHERE disabled_at IS NULL',
  );
  // Compared against when the user does not exist, so a wrong name costs as long as a wrong password.
  const decoy = hashPassword(randomBytes(12).toString('hex'));

  return {
    async create(user) {
      const hash = await hashPassword(user.password);
      const changed = insertUser.run(user.username, user.name, user.role, hash, iso()).changes;
      return changed > 0 ? toInfo(byName.get(user.username) as UserRow) : null;
    },
    async update(username, patch) {
      const row = byName.get(username);
      if (!row) return null;
      const password = patch.password ? await hashPassword(patch.password) : row.password;
      const disabledAt =
        patch.disabled === undefined ? row.disabled_at : patch.disabled ? (row.disabled_at ?? iso()) : null;
      db.transaction(() => {
        db.prepare(
          'UPDATE users SET name = ?, role = ?, password = ?, disabled_at = ? WHERE username = ?',
        ).run(patch.name ?? row.name, patch.role ?? row.role, password, disabledAt, username);
        if (patch.password || patch.disabled || (patch.role && patch.role !== row.role))
          revokeUserSessions.run(iso(), username);
      })();
      return toInfo(byName.get(username) as UserRow);
    },
    get: (username) => {
      const row = byName.get(username);
      return row ? toInfo(row) : null;
    },
    list: () => all.all().map(toInfo),
    async login(username, password, where) {
      const row = byName.get(username);
      const ok = await verifyPassword(password, row?.password ?? (await decoy));
      if (!row || !ok) return { ok: false, reason: 'bad-credentials' };
      if (row.disabled_at) return { ok: false, reason: 'disabled' };
      const token = newToken();
      const sessionId = `ses_${randomBytes(6).toString('hex')}`;
      const at = now();
      const expiresAt = new Date(at + sessionMs).toISOString();
      insertSession.run(
        sessionId,
        hashToken(token),
        username,
        new Date(at).toISOString(),
        expiresAt,
        where.ip,
        where.console,
      );
      touchLogin.run(new Date(at).toISOString(), username);
      return { ok: true, token, sessionId, user: toInfo(byName.get(username) as UserRow), expiresAt };
    },
    verifySession(token) {
      if (!token || token.length > 200) return null;
      const row = sessionByHash.get(hashToken(token));
      if (!row || row.revoked_at || row.disabled_at || row.expires_at <= iso()) return null;
      return { id: `user:${row.username}`, role: row.role, label: row.name, credential: row.id };
    },
    logout(token) {
      const row = sessionByHash.get(hashToken(token));
      if (!row) return null;
      return revokeSession.run(iso(), row.id).changes > 0 ? row.id : null;
    },
    count: () => countRows.get()?.n ?? 0,
  };
}
