/**
 * Waiting for what a real socket.io-client receives: the snapshot, and the model reaching a
 * state. Never a fixed sleep; every wait has a deadline and says what it waited for.
 */
import { io, type Socket } from 'socket.io-client';
import { applyDelta } from '../../live-model/applyDelta';
import type { LiveModel } from '../../protocol/liveModel';
import type { DeltaMessage, SnapshotMessage } from '../../protocol/messages';
import type { ClientToServerEvents, HandshakeAuth, ServerToClientEvents } from '../../protocol/socketEvents';
import { TEST_ADMIN_TOKEN } from './gatewayProcess';

export type WallClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A client that keeps its own model from snapshot + deltas, as a wall screen does. */
export interface ModelFollower {
  socket: WallClient;
  model(): LiveModel | null;
  seq(): number | null;
  deltas: DeltaMessage[];
  snapshots: SnapshotMessage[];
  gaps: number;
  /** Resolves when `predicate(model)` holds (checked after every message). */
  until(
    predicate: (model: LiveModel, seq: number) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<LiveModel>;
  close(): void;
}

export function followModel(url: string, auth: HandshakeAuth = { token: TEST_ADMIN_TOKEN }): ModelFollower {
  let model: LiveModel | null = null;
  let seq: number | null = null;
  const waiters = new Set<() => void>();
  const follower: ModelFollower = {
    socket: io(url, {
      transports: ['websocket'],
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      auth: (cb) => cb({ ...auth, ...(seq !== null ? { lastSeq: seq } : {}) }),
    }),
    model: () => model,
    seq: () => seq,
    deltas: [],
    snapshots: [],
    gaps: 0,
    until(predicate, what, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (model && seq !== null && predicate(model, seq)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(model);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} (seq ${seq})`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => follower.socket.close(),
  };
  const notify = () => {
    for (const w of [...waiters]) w();
  };
  follower.socket.on('snapshot', (m) => {
    follower.snapshots.push(m);
    model = m.model;
    seq = m.seq;
    notify();
  });
  follower.socket.on('delta', (d) => {
    follower.deltas.push(d);
    if (model === null || seq === null) return;
    if (d.seq <= seq) return;
    if (d.fromSeq > seq + 1) {
      follower.gaps++;
      follower.socket.emit('resync', { lastSeq: seq });
      return;
    }
    model = applyDelta(model, d);
    seq = d.seq;
    notify();
  });
  return follower;
}

/** POST JSON with the test admin token unless `token` says otherwise (null: no token). */
export async function postJson(
  url: string,
  body: unknown,
  token: string | null = TEST_ADMIN_TOKEN,
): Promise<{ status: number; body: JsonBody }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(url, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed };
}

/** GET JSON with the test admin token unless `token` says otherwise. */
export async function getJson(
  url: string,
  token: string | null = TEST_ADMIN_TOKEN,
): Promise<{ status: number; body: JsonBody }> {
  const res = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    return { status: res.status, body: text };
  }
}

/** A parsed JSON answer, loosely typed for assertions. */
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers and assert on them
export type JsonBody = any;
