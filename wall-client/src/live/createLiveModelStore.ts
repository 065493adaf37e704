/**
 * The screen's copy of the live model: applies the snapshot, then deltas in seq order, and
 * says when a gap means a resync. An external store (no React inside) read through
 * useSyncExternalStore; one instance per screen, created by the provider — no module state.
 */
import { applyDelta, classifyDelta } from '../../../live-model/applyDelta';
import type { LiveModel } from '../../../protocol/liveModel';
import type { ClockMessage, DeltaMessage, SnapshotMessage } from '../../../protocol/messages';
import type { ScreenAssignment } from '../../../protocol/wallLayout';
import type { WallView } from '../../../protocol/wallView';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

export interface LiveState {
  connection: ConnectionState;
  seq: number | null;
  model: LiveModel | null;
  tz: string;
  region: string;
  /** Server clock minus this screen's clock, from the last snapshot or clock message. */
  serverOffsetMs: number;
  /** This screen's clock when anything last arrived from the gateway. */
  lastContactAt: number | null;
  /** When the link was lost (null while live). */
  lostAt: number | null;
  /** How many times a gap forced a resync (shown in diagnostics). */
  resyncs: number;
  /** The wall's shared view (focus, period), as the gateway last said. */
  view: WallView | null;
  /** Why the gateway refused this screen (bad or revoked token), if it did. */
  authError: string | null;
  /** This screen's place in the wall layout file (multi-screen walls), or why it has none. */
  assignment: ScreenAssignment | null;
  layoutError: string | null;
}

export interface LiveModelStore {
  getState(): LiveState;
  subscribe(listener: () => void): () => void;
  applySnapshot(message: SnapshotMessage): void;
  /** Applies a delta; 'gap' means the caller must ask for a resync. */
  applyDelta(message: DeltaMessage): 'applied' | 'stale' | 'gap';
  noteClock(message: ClockMessage): 'ok' | 'behind';
  setConnection(state: ConnectionState): void;
  setView(view: WallView): void;
  setAuthError(reason: string | null): void;
  setLayout(message: ScreenAssignment | { error: string }): void;
}

export function createLiveModelStore(deps: { now: () => number }): LiveModelStore {
  let state: LiveState = {
    connection: 'connecting',
    seq: null,
    model: null,
    tz: 'Asia/Shanghai',
    region: '',
    serverOffsetMs: 0,
    lastContactAt: null,
    lostAt: null,
    resyncs: 0,
    view: null,
    authError: null,
    assignment: null,
    layoutError: null,
  };
  const listeners = new Set<() => void>();
  const set = (next: LiveState) => {
    state = next;
    for (const l of listeners) l();
  };

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    applySnapshot(m) {
      const now = deps.now();
      set({
        ...state,
        connection: 'live',
        seq: m.seq,
        model: m.model,
        tz: m.tz,
        region: m.region,
        serverOffsetMs: Date.parse(m.serverTime) - now,
        lastContactAt: now,
        lostAt: null,
        authError: null,
      });
    },
    applyDelta(m) {
      if (state.model === null || state.seq === null) return 'gap';
      const verdict = classifyDelta(state.seq, m);
      if (verdict === 'gap') {
        set({ ...state, resyncs: state.resyncs + 1 });
        return 'gap';
      }
      if (verdict === 'stale') return 'stale';
      set({
        ...state,
        connection: 'live',
        seq: m.seq,
        model: applyDelta(state.model, m),
        lastContactAt: deps.now(),
        lostAt: null,
      });
      return 'applied';
    },
    noteClock(m) {
      const now = deps.now();
      set({ ...state, serverOffsetMs: Date.parse(m.serverTime) - now, lastContactAt: now });
      return state.seq !== null && m.seq > state.seq ? 'behind' : 'ok';
    },
    setView(view) {
      if (state.view && state.view.wall === view.wall && state.view.version > view.version) return;
      set({ ...state, view });
    },
    setLayout(message) {
      if ('error' in message) set({ ...state, layoutError: message.error });
      else set({ ...state, assignment: message, layoutError: null });
    },
    setAuthError(authError) {
      if (authError !== state.authError) set({ ...state, authError });
    },
    setConnection(connection) {
      if (connection === state.connection) return;
      set({ ...state, connection, lostAt: connection === 'live' ? null : (state.lostAt ?? deps.now()) });
    },
  };
}
