import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGatewayLock, writeGatewayLock } from './gatewayLock';

describe('gateway lock', () => {
  it('names the live gateway of a data directory; a dead one counts as none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-'));
    expect(readGatewayLock(dir)).toBeNull();
    // another process that is alive (our parent) holds it
    writeFileSync(
      join(dir, 'gateway.lock'),
      JSON.stringify({ pid: process.ppid, url: 'http://127.0.0.1:1/', startedAt: '' }),
    );
    expect(readGatewayLock(dir)).toMatchObject({ pid: process.ppid, url: 'http://127.0.0.1:1/' });
    // a process that is gone
    writeFileSync(
      join(dir, 'gateway.lock'),
      JSON.stringify({ pid: 2 ** 22 + 12345, url: 'x', startedAt: '' }),
    );
    expect(readGatewayLock(dir)).toBeNull();
  });

  it('this process writes and removes its own lock (and does not read itself as another gateway)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-'));
    const release = writeGatewayLock(dir, 'http://127.0.0.1:2/');
    expect(existsSync(join(dir, 'gateway.lock'))).toBe(true);
    expect(readGatewayLock(dir)).toBeNull();
    release();
    expect(existsSync(join(dir, 'gateway.lock'))).toBe(false);
  });
});
