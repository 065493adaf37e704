/**
 * Publishing the live model over Socket.IO: a snapshot on connect (or only the missed deltas
 * when the client says where it stopped), then coalesced deltas a few times a second; a new
 * red alarm goes out at once. A client whose socket backs up is skipped and, once drained,
 * given a fresh snapshot: a slow screen never holds the others back or grows server memory.
 */
import type { Server, Socket } from 'socket.io';
import type { LiveModel } from '../../protocol/liveModel';
import type { Change, DeltaMessage, SnapshotMessage } from '../../protocol/messages';
import type { ClientToServerEvents, ServerToClientEvents } from '../../protocol/socketEvents';
import type { CommittedBatch } from '../pipeline/createPipeline';

export type WallServer = Server<ClientToServerEvents, ServerToClientEvents>;
export type WallSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export interface PublisherDeps {
  io: WallServer;
  current: () => { seq: number; model: LiveModel };
  tz: string;
  region: string;
  now: () => number;
  /** Coalescing window for ordinary changes. */
  intervalMs: number;
  /** How many recent deltas are kept to answer a resync without a snapshot. */
  historySize?: number;
  /** Buffered packets beyond which a socket counts as lagging. */
  maxBufferedPackets?: number;
  /** Room that receives the live model; sockets join it once authorised. */
  room?: string;
}

export interface Publisher {
  publish(batch: CommittedBatch): void;
  /** Sends the model to one socket: missed deltas after lastSeq, or a snapshot. */
  serve(socket: WallSocket, lastSeq: number | null): void;
  flush(): void;
  /** Every delta this publisher sends (a cluster's ingest owner passes them on to the others). */
  onDelta(listener: (delta: DeltaMessage) => void): () => void;
  /**
   * Sends a delta made elsewhere (the cluster's ingest owner) as it is, so that screens on
   * every gateway see the same deltas; the model must already include it.
   */
  relay(delta: DeltaMessage): void;
  /** Sends every screen here a fresh snapshot (a follower whose model went back to the owner's). */
  resnapshot(): void;
  stats(): { clients: number; lagging: number; deltasSent: number; snapshotsSent: number };
  close(): void;
}

const LAGGING_ROOM = 'lagging';

export function createPublisher(deps: PublisherDeps): Publisher {
  const room = deps.room ?? 'model';
  const historySize = deps.historySize ?? 2000;
  const maxBuffered = deps.maxBufferedPackets ?? 256;
  const pending = new Map<string, Change>();
  let pendingFrom: number | null = null;
  let pendingSeq = 0;
  let pendingAsOf: string | null = null;
  let timer: NodeJS.Timeout | null = null;
  const history: DeltaMessage[] = [];
  let deltasSent = 0;
  let snapshotsSent = 0;
  const deltaListeners = new Set<(delta: DeltaMessage) => void>();
  // Only this gateway's sockets: with the cluster's Redis adapter each gateway serves its own
  // screens from its own model, so a plain broadcast would reach the others' screens twice.
  const screens = () => deps.io.local.to(room).except(LAGGING_ROOM);

  function snapshot(): SnapshotMessage {
    const { seq, model } = deps.current();
    return { seq, serverTime: new Date(deps.now()).toISOString(), tz: deps.tz, region: deps.region, model };
  }

  function sendSnapshot(socket: WallSocket): void {
    socket.emit('snapshot', snapshot());
    snapshotsSent++;
  }

  function bufferedOf(socket: WallSocket): number {
    const conn = socket.conn as unknown as {
      writeBuffer?: unknown[];
      transport?: { socket?: { bufferedAmount?: number } };
    };
    const packets = conn.writeBuffer?.length ?? 0;
    const bytes = conn.transport?.socket?.bufferedAmount ?? 0;
    return packets + Math.floor(bytes / 16_384);
  }

  function markLaggards(): void {
    for (const socket of deps.io.sockets.sockets.values()) {
      if (!socket.rooms.has(room) || socket.rooms.has(LAGGING_ROOM)) continue;
      if (bufferedOf(socket) <= maxBuffered) continue;
      socket.join(LAGGING_ROOM);
      socket.conn.once('drain', () => {
        socket.leave(LAGGING_ROOM);
        if (socket.connected) sendSnapshot(socket);
      });
    }
  }

  function flush(): void {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (pendingFrom === null) return;
    const delta: DeltaMessage = {
      fromSeq: pendingFrom,
      seq: pendingSeq,
      asOf: pendingAsOf,
      changes: [...pending.values()],
    };
    pending.clear();
    pendingFrom = null;
    send(delta);
    for (const l of deltaListeners) l(delta);
  }

  function send(delta: DeltaMessage): void {
    history.push(delta);
    if (history.length > historySize) history.splice(0, history.length - historySize);
    screens().emit('delta', delta);
    deltasSent++;
    markLaggards();
  }

  /**
   * The kept deltas that bring a client at lastSeq up to date (the pending one follows), or
   * null when they cannot: lastSeq is ahead or too old, or there is a hole between (backfilled
   * history is never published; a cluster follower jumps to the owner's snapshot).
   */
  function missedSince(lastSeq: number): DeltaMessage[] | null {
    const { seq } = deps.current();
    if (lastSeq > seq) return null;
    const missed = history.filter((d) => d.seq > lastSeq);
    let reached = lastSeq;
    for (const d of missed) {
      if (d.fromSeq > reached + 1) return null;
      reached = d.seq;
    }
    const flushedTo = pendingFrom !== null ? pendingFrom - 1 : seq;
    return reached >= flushedTo ? missed : null;
  }

  return {
    publish(batch) {
      pendingFrom ??= batch.fromSeq;
      pendingSeq = batch.seq;
      pendingAsOf = batch.model.asOf;
      for (const c of batch.changes) pending.set(`${c.collection}\u0000${c.id}`, c);
      if (batch.urgent) flush();
      else timer ??= setTimeout(flush, deps.intervalMs);
    },
    serve(socket, lastSeq) {
      socket.join(room);
      const missed = lastSeq === null ? null : missedSince(lastSeq);
      if (missed) {
        for (const d of missed) socket.emit('delta', d);
        deltasSent += missed.length;
        return;
      }
      sendSnapshot(socket);
    },
    flush,
    onDelta(listener) {
      deltaListeners.add(listener);
      return () => deltaListeners.delete(listener);
    },
    relay: send,
    resnapshot() {
      history.length = 0;
      deps.io.local.to(room).emit('snapshot', snapshot());
      snapshotsSent++;
    },
    stats: () => ({
      clients: deps.io.sockets.adapter.rooms.get(room)?.size ?? 0,
      lagging: deps.io.sockets.adapter.rooms.get(LAGGING_ROOM)?.size ?? 0,
      deltasSent,
      snapshotsSent,
    }),
    close() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
