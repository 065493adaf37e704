/**
 * Builds the wall-client in the background when its sources changed since the last build.
 * The gateway serves at once (a "being built" page meanwhile), so /health never waits for
 * a client build. The build lives in wall-client/dist, outside DATA_DIR, keyed by a hash.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['wall-client', 'protocol', 'live-model', 'regions', 'vite.config.ts', 'package-lock.json'];

function hashTree(path: string, hash: ReturnType<typeof createHash>): void {
  if (!existsSync(path)) return;
  const st = statSync(path);
  if (st.isDirectory()) {
    for (const name of readdirSync(path).sort()) {
      if (
        name === 'dist' ||
        name === 'node_modules' ||
        name.endsWith('.test.ts') ||
        name.endsWith('.test.tsx')
      )
        continue;
      hashTree(join(path, name), hash);
    }
    return;
  }
  hash.update(path);
  hash.update(readFileSync(path));
}

export function clientSourceHash(root: string): string {
  const hash = createHash('sha256');
  for (const s of SOURCES) hashTree(join(root, s), hash);
  return hash.digest('hex').slice(0, 16);
}

export interface ClientBuild {
  state: 'ready' | 'building' | 'failed';
  done: Promise<boolean>;
}

export function ensureClientBuild(root: string, distDir: string, log: (msg: string) => void): ClientBuild {
  const stamp = join(distDir, '.source-hash');
  const want = clientSourceHash(root);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want && existsSync(join(distDir, 'index.html'))) {
    return { state: 'ready', done: Promise.resolve(true) };
  }
  log('building the wall-client (first start or sources changed)…');
  const build: ClientBuild = { state: 'building', done: Promise.resolve(false) };
  build.done = new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
      {
        cwd: root,
        // A production React build even when started from vitest (NODE_ENV=test gives the dev build, ~5x slower).
        env: { ...process.env, NODE_ENV: 'production' },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    child.on('exit', (code) => {
      if (code === 0) {
        writeFileSync(stamp, want);
        build.state = 'ready';
        log('wall-client built');
        resolve(true);
      } else {
        build.state = 'failed';
        log(`wall-client build failed (exit ${code}); run npm run build to see why`);
        resolve(false);
      }
    });
  });
  return build;
}
