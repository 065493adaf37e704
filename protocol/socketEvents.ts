/**
 * Socket.IO event maps for both directions (default namespace). Event names live here only.
 */
import type { ClockMessage, DeltaMessage, ResyncRequest, SnapshotMessage } from './messages';

export interface ServerToClientEvents {
  snapshot: (message: SnapshotMessage) => void;
  delta: (message: DeltaMessage) => void;
  clock: (message: ClockMessage) => void;
}

export interface ClientToServerEvents {
  /** Ask for what was missed since lastSeq: the server answers with deltas or a snapshot. */
  resync: (request: ResyncRequest) => void;
}

/** What a client may put in the handshake's `auth` object. */
export interface HandshakeAuth {
  token?: string;
  /** The last seq the client applied: lets the server send only what was missed. */
  lastSeq?: number;
}
