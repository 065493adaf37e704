/**
 * The bench's wall clients: real socket.io-clients (websocket, as the wall connects) that count
 * what they receive instead of drawing it. The same counting serves the pipeline (deltas as
 * objects) and the raw baseline (the same delta as a pre-serialised buffer, parsed here), so
 * the clients' work is alike in both.
 */
import { io, type Socket } from 'socket.io-client';
import type { Change, DeltaMessage } from '../../protocol/messages';
import { benchSeqOf, nowMs, sentAtOf } from './benchClock';

export interface Tally {
  /** Alarm changes received, all clients together. */
  changes: number;
  deltas: number;
  snapshots: number;
  lastAt: number;
  /** Feed-to-client ms: every red alarm, and one ordinary alarm in ten. */
  latencyAll: number[];
  latencyRed: number[];
  /** Changes per delta at the first client, and its latest deltas (the raw baseline sends one). */
  deltaSizes: number[];
  samples: DeltaMessage[];
}

export interface TallyScope {
  /** Only alarms of this run prefix count towards latency (`b<run>-`); null: count every alarm change. */
  run: string | null;
  /** Alarms sent before this (warm-up) give no latency sample. */
  measureFrom: number;
  redEvery: number;
}

export interface BenchClients {
  /** Starts a fresh tally; every client adds to it from now on. */
  measure(scope: TallyScope): Tally;
  /** Resolves once `expected` alarm changes arrived, or once none arrived for `idleMs`. */
  delivered(expected: number, idleMs: number): Promise<void>;
  close(): void;
}

const SAMPLES_KEPT = 16;

export async function connectBenchClients(url: string, n: number, token: string): Promise<BenchClients> {
  let tally: Tally | null = null;
  let scope: TallyScope = { run: null, measureFrom: 0, redEvery: 20 };
  let prefix = '';
  let onProgress: (() => void) | null = null;

  const count = (first: boolean, changes: readonly Change[]) => {
    const t = tally;
    if (!t) return;
    const at = nowMs();
    t.deltas++;
    t.lastAt = at;
    let alarms = 0;
    for (const c of changes) {
      if (c.collection !== 'alarms') continue;
      alarms++;
      if (scope.run === null || !c.id.startsWith(prefix)) continue;
      const sentAt = sentAtOf(c.id) as number;
      if (sentAt < scope.measureFrom) continue;
      const n = benchSeqOf(c.id);
      if (n % scope.redEvery === 0) t.latencyRed.push(at - sentAt);
      if (n % 10 === 0 || n % scope.redEvery === 0) t.latencyAll.push(at - sentAt);
    }
    t.changes += alarms;
    if (first) t.deltaSizes.push(alarms);
    onProgress?.();
  };

  const sockets: Socket[] = [];
  for (let i = 0; i < n; i++) {
    const socket = io(url, { transports: ['websocket'], auth: { token }, reconnection: false });
    const first = i === 0;
    socket.on('delta', (message: DeltaMessage | Buffer) => {
      const delta = Buffer.isBuffer(message) ? (JSON.parse(message.toString()) as DeltaMessage) : message;
      count(first, delta.changes);
      if (first && tally) {
        tally.samples.push(delta);
        if (tally.samples.length > SAMPLES_KEPT) tally.samples.shift();
      }
    });
    socket.on('snapshot', () => {
      if (tally) tally.snapshots++;
    });
    sockets.push(socket);
  }
  await Promise.all(
    sockets.map(
      (s) =>
        new Promise<void>((ok, fail) => {
          s.once('connect', () => ok());
          s.once('connect_error', (err) => fail(err));
        }),
    ),
  );

  return {
    measure(next) {
      scope = next;
      prefix = next.run === null ? '' : `b${next.run}-`;
      tally = {
        changes: 0,
        deltas: 0,
        snapshots: 0,
        lastAt: 0,
        latencyAll: [],
        latencyRed: [],
        deltaSizes: [],
        samples: [],
      };
      return tally;
    },
    delivered(expected, idleMs) {
      return new Promise((resolve) => {
        const done = () => {
          clearInterval(idle);
          onProgress = null;
          resolve();
        };
        const idle = setInterval(() => {
          if (nowMs() - (tally?.lastAt ?? 0) > idleMs) done();
        }, 100);
        onProgress = () => {
          if ((tally?.changes ?? 0) >= expected) done();
        };
        onProgress();
      });
    },
    close() {
      for (const s of sockets) s.close();
    },
  };
}
