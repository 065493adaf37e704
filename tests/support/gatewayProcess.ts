/**
 * Runs the real gateway (`stream-gateway/main.ts`) as a child process on a free port with
 * its own DATA_DIR, for tests that kill and restart it. Waits for its "serving" line, not
 * for a fixed time.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/** The admin token every test gateway starts with (WALL_ADMIN_TOKEN). */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface GatewayProcess {
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

export function tempDataDir(prefix = 'wall-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface GatewayProcessOptions {
  dataDir?: string;
  env?: Record<string, string>;
  port?: number;
  /** Extra node flags (e.g. `--cpu-prof`, which NODE_OPTIONS does not take). */
  nodeArgs?: readonly string[];
}

export async function startGatewayProcess(options: GatewayProcessOptions = {}): Promise<GatewayProcess> {
  const dataDir = options.dataDir ?? tempDataDir();
  const args = [...(options.nodeArgs ?? []), '--import', 'tsx', join(ROOT, 'stream-gateway/main.ts')];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      MOCK_FEEDS: 'off',
      MQTT_URL: 'off',
      LOG_LEVEL: 'warn',
      TICK_SECONDS: '3600',
      // Scheduled reports start a browser: only the tests that are about them turn them on.
      REPORTS: 'off',
      WALL_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const url = await new Promise<string>((resolvePromise, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(/gateway serving (http:\/\/[^\s]+)/);
      if (m?.[1]) resolvePromise(m[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.once('exit', (code) => reject(new Error(`gateway exited (${code}) before serving:\n${out}`)));
  });
  return {
    url,
    port: Number(new URL(url).port),
    dataDir,
    child,
    output: () => out,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}

/**
 * Waits for the history backfill (which runs after the gateway serves) to finish, polling
 * /health with a deadline; throws when it failed or took too long.
 */
export async function waitForBackfill(url: string, timeoutMs = 150_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${url}health`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    const body = (await res.json()) as { features?: Record<string, { state?: string }> };
    const state = body.features?.['history-backfill']?.state;
    if (state === 'done') return;
    if (state === 'failed' || Date.now() > deadline) throw new Error(`backfill ${state ?? 'did not finish'}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
