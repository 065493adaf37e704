/**
 * A real small filesystem for full-disk tests: a tmpfs of a few MB mounted on a temporary
 * directory (needs root, or CAP_SYS_ADMIN). Where it cannot be mounted the tests skip with
 * the reason — except under WALL_STRICT=1, where that is a failure.
 */
import { execFileSync } from 'node:child_process';
import { STRICT } from './browser';
import { tempDataDir } from './gatewayProcess';

export interface SmallDisk {
  dir: string;
  /** Resizes the filesystem (frees room without touching its files). */
  resize(mb: number): void;
  dispose(): void;
}

export function mountSmallDisk(mb: number): SmallDisk | string {
  const dir = tempDataDir('wall-small-disk-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${mb}m`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    const reason = `cannot mount a ${mb} MB tmpfs (${(err as Error).message.split('\n')[0]}): full-disk test skipped`;
    if (STRICT) throw new Error(`WALL_STRICT=1: ${reason}`);
    return reason;
  }
  return {
    dir,
    resize: (next) => {
      execFileSync('mount', ['-o', `remount,size=${next}m`, dir], { stdio: 'pipe' });
    },
    dispose: () => {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
    },
  };
}
