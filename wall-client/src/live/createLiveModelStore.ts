/**
 * The screen's copy of the live model: applies the snapshot, then deltas in seq order, and
 * says when a gap means a resync. An external store (no React inside) read through
 * useSyncExternalStore; one instance per screen, created by the provider — no module state.
 */
import { applyDelta, classifyDelta } from '../../../live-model/applyDelta';
import type { LiveModel } from '../../../protocol/liveModel';
import type {
  Change,
  ClockMessage,
  DeltaMessage,
  SnapshotMessage,
  StorageAlarm,
} from '../../../protocol/messages';
import type { ScreenAssignment } from '../../../protocol/wallLayout';
import type { WallView } from '../../../protocol/wallView';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

/** A replay in progress on this screen (the wall's period is `replay`). */
export interface ReplayState {
  day: string;
  speed: number;
  /** The replay clock (epoch ms): the moment of the day the model shows. */
  at: number;
  status: 'loading' | 'playing' | 'ended' | 'error';
  /** Share of the day played (0–1). */
  progress: number;
  /** The model as it was at `at`, reduced from the day's log events; null until loaded. */
  model: LiveModel | null;
  error?: string;
}

export interface LiveState {
  connection: ConnectionState;
  seq: number | null;
  /**
   * The model the screen shows: the live model, or during a replay the replayed one — so
   * every panel (map, lists, video) replays without knowing it.
   */
  model: LiveModel | null;
  /** The live model, always (deltas keep flowing during a meeting or a replay). */
  liveModel: LiveModel | null;
  /** The replay on show, or null when the wall is live or shows a range. */
  replay: ReplayState | null;
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
  /** The gateway's storage is short and it refuses new events (from the clock message). */
  storage: StorageAlarm | null;
}

/** What changed in the model on show: a whole new model (snapshot, resync, replay step) or one delta's changes. */
export type ModelUpdate =
  | { kind: 'snapshot'; model: LiveModel }
  | { kind: 'delta'; model: LiveModel; changes: readonly Change[] };

export interface LiveModelStore {
  getState(): LiveState;
  subscribe(listener: () => void): () => void;
  /**
   * For views that update incrementally (the map with 100k points): told every change of the
   * model on show (`state.model`) after the state is set — each delta's changes while live, a
   * whole model on a snapshot and on each step of a replay — so nothing diffs large models.
   */
  onModelUpdate(listener: (update: ModelUpdate) => void): () => void;
  applySnapshot(message: SnapshotMessage): void;
  /** Applies a delta; 'gap' means the caller must ask for a resync. */
  applyDelta(message: DeltaMessage): 'applied' | 'stale' | 'gap';
  noteClock(message: ClockMessage): 'ok' | 'behind';
  setConnection(state: ConnectionState): void;
  setView(view: WallView): void;
  setAuthError(reason: string | null): void;
  setLayout(message: ScreenAssignment | { error: string }): void;
  /** Shows a replay (its model replaces the live one on screen), or null to go back to live. */
  setReplay(replay: ReplayState | null): void;
}

export function createLiveModelStore(deps: { now: () => number }): LiveModelStore {
  let state: LiveState = {
    connection: 'connecting',
    seq: null,
    model: null,
    liveModel: null,
    replay: null,
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
    storage: null,
  };
  const listeners = new Set<() => void>();
  const updateListeners = new Set<(update: ModelUpdate) => void>();
  const set = (next: LiveState) => {
    state = next;
    for (const l of listeners) l();
  };
  const tell = (update: ModelUpdate) => {
    for (const l of updateListeners) l(update);
  };

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onModelUpdate(listener) {
      updateListeners.add(listener);
      return () => updateListeners.delete(listener);
    },
    applySnapshot(m) {
      const now = deps.now();
      set({
        ...state,
        connection: 'live',
        seq: m.seq,
        liveModel: m.model,
        model: state.replay ? state.replay.model : m.model,
        tz: m.tz,
        region: m.region,
        serverOffsetMs: Date.parse(m.serverTime) - now,
        lastContactAt: now,
        lostAt: null,
        authError: null,
      });
      if (!state.replay) tell({ kind: 'snapshot', model: m.model });
    },
    applyDelta(m) {
      if (state.liveModel === null || state.seq === null) return 'gap';
      const verdict = classifyDelta(state.seq, m);
      if (verdict === 'gap') {
        set({ ...state, resyncs: state.resyncs + 1 });
        return 'gap';
      }
      if (verdict === 'stale') return 'stale';
      const liveModel = applyDelta(state.liveModel, m);
      set({
        ...state,
        connection: 'live',
        seq: m.seq,
        liveModel,
        model: state.replay ? state.replay.model : liveModel,
        lastContactAt: deps.now(),
        lostAt: null,
      });
      if (!state.replay) tell({ kind: 'delta', model: liveModel, changes: m.changes });
      return 'applied';
    },
    noteClock(m) {
      const now = deps.now();
      // The same alarm object while it does not change, so the banner does not re-render every clock.
      const storage =
        m.storage && state.storage?.state === m.storage.state && state.storage.reason === m.storage.reason
          ? state.storage
          : (m.storage ?? null);
      set({ ...state, serverOffsetMs: Date.parse(m.serverTime) - now, lastContactAt: now, storage });
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
    setReplay(replay) {
      if (replay === state.replay) return;
      const shown = state.model;
      set({ ...state, replay, model: replay ? replay.model : state.liveModel });
      if (state.model && state.model !== shown) tell({ kind: 'snapshot', model: state.model });
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
