/**
 * Private, throw-away instances of the machine's services (Mosquitto, Redis, PostgreSQL) on
 * free ports, for tests that stop and restart them. The shared services on their standard
 * ports are never touched. Where a server binary is missing the test skips with a clear
 * message, except under WALL_STRICT=1 (CI), where that is a failure.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STRICT } from './browser';

export interface PrivateService {
  /** The URL a client connects with (mqtt://…, redis://…, postgres://…). */
  url: string;
  port: number;
  /** Stops the server (SIGTERM — SIGINT for PostgreSQL, its fast shutdown — or SIGKILL with `hard`); its data stays for `start`. */
  stop(hard?: boolean): Promise<void>;
  /** Starts it again on the same port with the same data. */
  start(): Promise<void>;
  /** Stops it and removes its data. */
  dispose(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (bound and released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts TCP connections on the port (polls the port, bounded). */
export async function waitForPort(port: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
      socket.connect(port, '127.0.0.1');
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function which(binary: string, candidates: string[]): string | null {
  for (const c of candidates) if (existsSync(c)) return c;
  try {
    return execFileSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** Whether a private instance can run here; throws under WALL_STRICT=1 when it cannot. */
export function serviceAvailable(name: 'mosquitto' | 'redis' | 'postgres'): boolean {
  const found =
    name === 'mosquitto' ? mosquittoBinary() : name === 'redis' ? redisBinary() : postgresBinDir();
  if (found) return true;
  const reason = `${name} server binary not found (apt-get install ${name === 'redis' ? 'redis-server' : name === 'postgres' ? 'postgresql' : 'mosquitto'})`;
  if (STRICT) throw new Error(`WALL_STRICT=1: ${reason}`);
  console.warn(`skipped: ${reason}`);
  return false;
}

const mosquittoBinary = () => which('mosquitto', ['/usr/sbin/mosquitto']);
const redisBinary = () => which('redis-server', ['/usr/bin/redis-server']);
function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

/** A child-process server kept by its argv; `stop` waits for the exit, `start` for the port. */
function processService(
  url: string,
  port: number,
  dir: string,
  command: () => [string, string[]],
  ids: { uid?: number; gid?: number } = {},
  softSignal: NodeJS.Signals = 'SIGTERM',
): PrivateService {
  let child: ChildProcess | null = null;
  let output = '';
  const service: PrivateService = {
    url,
    port,
    async start() {
      const [bin, args] = command();
      output = '';
      const proc = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], ...ids });
      proc.stdout?.on('data', (c: Buffer) => {
        output += c.toString();
      });
      proc.stderr?.on('data', (c: Buffer) => {
        output += c.toString();
      });
      child = proc;
      const exited = new Promise<never>((_, reject) =>
        proc.once('exit', (code) => reject(new Error(`${bin} exited (${code}):\n${output}`))),
      );
      exited.catch(() => undefined);
      await Promise.race([waitForPort(port), exited]);
    },
    async stop(hard = false) {
      const proc = child;
      child = null;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill(hard ? 'SIGKILL' : softSignal);
      });
    },
    async dispose() {
      await service.stop(true);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return service;
}

/** A private Mosquitto that keeps persistent sessions across its own restarts (persistence on). */
export async function startPrivateMosquitto(): Promise<PrivateService> {
  const bin = mosquittoBinary();
  if (!bin) throw new Error('mosquitto not found');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'wall-mosquitto-'));
  chmodSync(dir, 0o777);
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'persistence true',
      `persistence_location ${dir}/`,
      'autosave_interval 1',
      'max_queued_messages 100000',
      'user root',
      '',
    ].join('\n'),
  );
  const service = processService(`mqtt://127.0.0.1:${port}`, port, dir, () => [bin, ['-c', conf]]);
  await service.start();
  return service;
}

/** A private Redis without persistence. */
export async function startPrivateRedis(): Promise<PrivateService> {
  const bin = redisBinary();
  if (!bin) throw new Error('redis-server not found');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'wall-redis-'));
  const service = processService(`redis://127.0.0.1:${port}`, port, dir, () => [
    bin,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
  ]);
  await service.start();
  return service;
}

/**
 * A throw-away PostgreSQL cluster (initdb as the postgres user when run as root), trust auth,
 * database `postgres`. Its socket lives in its own directory.
 */
export async function startPrivatePostgres(): Promise<PrivateService> {
  const binDir = postgresBinDir();
  if (!binDir) throw new Error('PostgreSQL server binaries not found');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'wall-pg-'));
  chmodSync(dir, 0o777);
  const dataDir = join(dir, 'data');
  // PostgreSQL refuses to run as root: run it as the postgres user (uid/gid on spawn, so a
  // SIGKILL reaches the server itself, not a wrapper).
  const ids: { uid?: number; gid?: number } = process.getuid?.() === 0 ? postgresIds() : {};
  if (ids.uid !== undefined) chmodSync(dir, 0o777);
  execFileSync(join(binDir, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync'], {
    stdio: 'ignore',
    ...ids,
  });
  const service = processService(
    `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    () => [
      join(binDir, 'postgres'),
      ['-D', dataDir, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
    ],
    ids,
    // SIGINT is PostgreSQL's fast shutdown (ends the sessions); SIGTERM would wait for every client to leave.
    'SIGINT',
  );
  await service.start();
  return service;
}

function postgresIds(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}
