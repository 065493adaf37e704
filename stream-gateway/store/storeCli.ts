/**
 * The store's maintenance commands (docs/reliability.md):
 *   npm run backup  -- --out FILE [--data-dir DIR]    online copy, also while the gateway runs
 *   npm run restore -- FILE [--data-dir DIR]          refuses while a gateway serves DIR
 *   npm run compact -- [--data-dir DIR] [--retention-days N]   with the gateway stopped
 *                                                     (a running one: POST /api/store/compact)
 * DIR defaults to DATA_DIR. Each prints one line, or fails with one line and a non-zero exit.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig } from '../config/parseConfig';
import { createSqliteAggregateStore } from '../trends/sqliteAggregateStore';
import { backupDataDir, DB_FILE, restoreDataDir } from './backupStore';
import { readGatewayLock } from './gatewayLock';
import { compactLog, retentionStart } from './logRetention';
import { rebuildModel } from './rebuildModel';
import { createSqliteDatabase, createSqliteEventStore } from './sqliteEventStore';

const USAGE = `usage: npm run backup -- --out FILE [--data-dir DIR]
       npm run restore -- FILE [--data-dir DIR]
       npm run compact -- [--data-dir DIR] [--retention-days N]`;

class UsageError extends Error {}

async function compactOffline(dataDir: string, retentionDays: number, tz: string): Promise<string> {
  const lock = readGatewayLock(dataDir);
  if (lock)
    throw new Error(`a gateway (pid ${lock.pid}) serves ${dataDir}: use POST ${lock.url}api/store/compact`);
  const db = createSqliteDatabase(resolve(dataDir, DB_FILE));
  const store = createSqliteEventStore(db);
  try {
    const current = await rebuildModel(store);
    const before = retentionStart(Date.now(), tz, retentionDays);
    const folded = await createSqliteAggregateStore(db).watermark();
    const result = await compactLog(store, current, before, folded);
    db.exec('VACUUM');
    return `compacted ${dataDir}: ${result?.events ?? 0} events and ${result?.rejected ?? 0} rejected entries logged before ${before} deleted; the log starts at seq ${result?.firstSeq ?? '-'}`;
  } finally {
    await store.close();
  }
}

async function main(argv: string[]): Promise<string> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      'data-dir': { type: 'string' },
      'retention-days': { type: 'string' },
    },
  });
  const config = parseConfig(process.env);
  if (!config.ok) throw new UsageError(config.reason);
  const dataDir = resolve(values['data-dir'] ?? config.config.DATA_DIR);
  if (command === 'backup') {
    if (!values.out) throw new UsageError(USAGE);
    const r = await backupDataDir(dataDir, resolve(values.out));
    return `backup of ${dataDir}: ${r.file} (${(r.bytes / 1048576).toFixed(1)} MB, seq ${r.seq}, ${r.ms} ms)`;
  }
  if (command === 'restore') {
    const file = positionals[0];
    if (!file) throw new UsageError(USAGE);
    const r = restoreDataDir(resolve(file), dataDir);
    const aside = r.setAside ? `; the database that was there is kept as ${r.setAside}` : '';
    return `restored ${file} into ${dataDir} (seq ${r.seq})${aside}`;
  }
  if (command === 'compact') {
    const days = Number(values['retention-days'] ?? config.config.RETENTION_DAYS);
    if (!Number.isInteger(days) || days < 1)
      throw new UsageError('--retention-days: a whole number of days, 1 or more');
    return compactOffline(dataDir, Math.max(days, config.config.REPLAY_DAYS + 1), config.config.TZ);
  }
  throw new UsageError(USAGE);
}

main(process.argv.slice(2)).then(
  (line) => console.log(`[wall] ${line}`),
  (err: Error) => {
    console.error(`[wall] ${err.message}`);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
