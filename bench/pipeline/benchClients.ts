/**
 * The bench's wall clients: real socket.io-clients (websocket, as the wall connects) that count
 * what they receive instead of drawing it. The same counting serves the pipeline (deltas as
 * objects) and the raw baseline (the same delta as a pre-serialised buffer, parsed here), so
 * the clients' work is alike in both.
 */
import { io, type Socket } from 'socket.io-client';
import type { AlarmRecord } from '../../protocol/liveModel';
import type { Change, DeltaMessage } from '../../protocol/messages';
import { nowMs, sentAtOf } from './benchClock';

export interface Tally {
  /** Alarm changes received, all clients together. */
  changes: number;
  deltas: number;
  snapshots: number;
  lastAt: number;
  /** Feed-to-client ms: every new red alarm (published at once), and one alarm change in ten. */
  latencyAll: number[];
  latencyRed: number[];
  /** Changes per delta at the first client, and its latest deltas (the raw baseline sends one). */
  deltaSizes: number[];
  samples: DeltaMessage[];
}

export interface TallyScope {
  /** Alarms sent before this (warm-up) give no latency sample; Infinity: none does (raw baseline). */
  measureFrom: number;
}

export interface BenchClients {
  /** Starts a fresh tally; every client adds to it from now on. */
  measure(scope: TallyScope): Tally;
  /**
   * Resolves once `expected` alarm changes arrived, once none arrived for `idleMs`, or after
   * `maxMs` (clients far behind would otherwise keep the bench waiting).
   */
  delivered(expected: number, idleMs: number, maxMs?: number): Promise<void>;
  close(): void;
}

const SAMPLES_KEPT = 16;

export async function connectBenchClients(url: string, n: number, token: string): Promise<BenchClients> {
  let tally: Tally | null = null;
  let scope: TallyScope = { measureFrom: Number.POSITIVE_INFINITY };
  let sampled = 0;
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
      const alarm = c.value as AlarmRecord | null;
      if (!alarm) continue;
      const sentAt = sentAtOf(alarm.text);
      if (!(sentAt >= scope.measureFrom)) continue;
      const red = alarm.severity === 'red' && alarm.version === 1;
      if (red) t.latencyRed.push(at - sentAt);
      if (red || ++sampled % 10 === 0) t.latencyAll.push(at - sentAt);
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
    delivered(expected, idleMs, maxMs = 15_000) {
      const giveUpAt = nowMs() + maxMs;
      return new Promise((resolve) => {
        const done = () => {
          clearInterval(idle);
          onProgress = null;
          resolve();
        };
        const idle = setInterval(() => {
          const now = nowMs();
          if (now - (tally?.lastAt ?? 0) > idleMs || now > giveUpAt) done();
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
