/**
 * Which gateway serves a data directory: `gateway.lock` (pid and address) is written when a
 * gateway listens and removed when it stops. Tools that would open the store themselves
 * (`npm run report`) look here first: one writer per store — a running gateway is asked over
 * HTTP instead. A lock whose process is gone is stale and ignored.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GatewayLock {
  pid: number;
  url: string;
  startedAt: string;
}

const FILE = 'gateway.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live gateway on `dataDir`, or null (no lock, or its process is gone). */
export function readGatewayLock(dataDir: string): GatewayLock | null {
  try {
    const lock = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as GatewayLock;
    return Number.isInteger(lock.pid) && lock.pid !== process.pid && alive(lock.pid) ? lock : null;
  } catch {
    return null;
  }
}

/** Marks `dataDir` as served by this process; the returned function removes the mark. */
export function writeGatewayLock(dataDir: string, url: string): () => void {
  const path = join(dataDir, FILE);
  const lock: GatewayLock = { pid: process.pid, url, startedAt: new Date().toISOString() };
  writeFileSync(path, `${JSON.stringify(lock)}\n`);
  return () => {
    try {
      const current = JSON.parse(readFileSync(path, 'utf8')) as GatewayLock;
      if (current.pid === process.pid) rmSync(path);
    } catch {
      // Already gone.
    }
  };
}
