/**
 * Socket.IO event maps for both directions (default namespace). Event names live here only.
 */
import type { ClockMessage, DeltaMessage, ResyncRequest, SnapshotMessage } from './messages';
import type { ScreenAssignment } from './wallLayout';
import type { WallView, WallViewPatch } from './wallView';

/** The answer to a request that changes something: ok, or a one-line reason. */
export type Ack<T = undefined> = { ok: true; value: T } | { ok: false; reason: string };

export interface ServerToClientEvents {
  snapshot: (message: SnapshotMessage) => void;
  delta: (message: DeltaMessage) => void;
  clock: (message: ClockMessage) => void;
  /** The wall's shared view state, on join and after every change. */
  view: (view: WallView) => void;
  /** This screen's layout (on join and when the layout file changes), or why there is none. */
  layout: (message: ScreenAssignment | { wall: string; screen: string; error: string }) => void;
}

/** What a screen reports every few seconds, so the console can list screens that froze or lag. */
export interface ScreenHeartbeat {
  seq: number | null;
  /** JS heap in MB (null where the browser does not say). */
  heapMB: number | null;
  /** Frames per second over the last interval. */
  fps: number;
  page: string | null;
  uptimeS: number;
}

export interface ClientToServerEvents {
  /** Ask for what was missed since lastSeq: the server answers with deltas or a snapshot. */
  resync: (request: ResyncRequest) => void;
  /** Change the wall's view (focus, auto-focus, period); needs the `view` permission. */
  'view:set': (patch: WallViewPatch, ack: (answer: Ack<WallView>) => void) => void;
  'screen:heartbeat': (heartbeat: ScreenHeartbeat) => void;
}

/**
 * Every client → server event by name, so the role tests can walk them all (the compiler
 * insists that the list is complete). Each one names its permission in its handler.
 */
export const CLIENT_TO_SERVER_EVENTS = [
  'resync',
  'view:set',
  'screen:heartbeat',
] as const satisfies readonly (keyof ClientToServerEvents)[];
type Unlisted = Exclude<keyof ClientToServerEvents, (typeof CLIENT_TO_SERVER_EVENTS)[number]>;
/** Fails to compile when an event is missing from CLIENT_TO_SERVER_EVENTS. */
export const CLIENT_EVENTS_LISTED: [Unlisted] extends [never] ? true : Unlisted = true;

/** What a client may put in the handshake's `auth` object. */
export interface HandshakeAuth {
  token?: string;
  /** The last seq the client applied: lets the server send only what was missed. */
  lastSeq?: number;
  /** The wall this screen belongs to (default `hall-1`) and which screen it is. */
  wall?: string;
  screen?: string;
}
