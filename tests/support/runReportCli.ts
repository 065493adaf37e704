/** Runs `npm run report` (its script, without npm) on a data directory, for tests and the benchmark. */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export function runReportCli(args: string[], env: Record<string, string>): SpawnSyncReturns<string> {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'stream-gateway/reports/reportCli.ts'), ...args],
    {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      encoding: 'utf8',
    },
  );
}
