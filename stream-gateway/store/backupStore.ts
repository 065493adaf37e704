/**
 * Backup and restore of a data directory's database (`DATA_DIR/wall.db`: the event log,
 * snapshots, aggregates, checkpoints, tokens, users, wall views, audit log).
 *
 * A backup is an online copy: SQLite's backup API from a second connection, every page in
 * one step, so it is one read transaction — a consistent picture even while the gateway
 * appends (WAL readers do not block the writer). A restore never runs under a live gateway
 * (gateway.lock) and sets the database it replaces aside rather than deleting it.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { readGatewayLock } from './gatewayLock';

export const DB_FILE = 'wall.db';
const SIDE_FILES = ['', '-wal', '-shm'] as const;

export interface BackupReport {
  file: string;
  bytes: number;
  /** The last log seq in the copy. */
  seq: number;
  ms: number;
}

/** Reads what a copy holds and checks it is a whole wall database; throws a one-line reason. */
export function inspectDatabase(file: string): { seq: number } {
  if (!existsSync(file)) throw new Error(`no such file: ${file}`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`${file} is damaged: ${String(check)}`);
    const hasLog = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'events'")
      .get();
    if (!hasLog) throw new Error(`${file} is not a wall database (no event log)`);
    const row = db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM events').get();
    return { seq: row?.seq ?? 0 };
  } finally {
    db.close();
  }
}

/** Copies the database of `dataDir` to `out` (written beside it, then renamed into place). */
export async function backupDataDir(dataDir: string, out: string): Promise<BackupReport> {
  const source = join(dataDir, DB_FILE);
  if (!existsSync(source)) throw new Error(`no store at ${source}`);
  const started = Date.now();
  const partial = `${out}.partial`;
  rmSync(partial, { force: true });
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // The first step sizes the copy; the second copies every page at once (one read transaction).
    await db.backup(partial, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  const { seq } = inspectDatabase(partial);
  renameSync(partial, out);
  return { file: out, bytes: statSync(out).size, seq, ms: Date.now() - started };
}

export interface RestoreReport {
  dataDir: string;
  seq: number;
  /** Where the database that was there before now lies, if there was one. */
  setAside: string | null;
}

/** Puts the copy `file` in place as `dataDir`'s database; refuses while a gateway serves it. */
export function restoreDataDir(file: string, dataDir: string, now = Date.now()): RestoreReport {
  const lock = readGatewayLock(dataDir);
  if (lock)
    throw new Error(
      `a gateway (pid ${lock.pid}, ${lock.url}) serves ${dataDir}: stop it first, then restore`,
    );
  const { seq } = inspectDatabase(file);
  mkdirSync(dataDir, { recursive: true });
  const target = join(dataDir, DB_FILE);
  let setAside: string | null = null;
  if (existsSync(target)) {
    // The WAL may hold committed pages: the three files move together.
    setAside = `${target}.before-restore-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
    for (const side of SIDE_FILES) if (existsSync(target + side)) renameSync(target + side, setAside + side);
  }
  const partial = `${target}.partial`;
  copyFileSync(file, partial);
  renameSync(partial, target);
  return { dataDir, seq, setAside };
}
