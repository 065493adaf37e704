import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import type { Ack } from '../../../protocol/socketEvents';
import type { WallView, WallViewPatch } from '../../../protocol/wallView';
import { type ApiFetch, createApiFetch } from '../auth/screenToken';
import { createLiveModelStore, type LiveModelStore, type LiveState } from './createLiveModelStore';
import { createScreenVitals, type ScreenVitals } from './createScreenVitals';
import { createWallConnection, type WallConnection } from './createWallConnection';

interface ScreenContext {
  store: LiveModelStore;
  vitals: ScreenVitals;
  token: string | null;
  apiFetch: ApiFetch;
  setView(patch: WallViewPatch): Promise<Ack<WallView>>;
}

const Context = createContext<ScreenContext | null>(null);

export interface LiveModelProviderProps {
  token: string | null;
  wall?: string;
  screen?: string;
  /**
   * A screen opened by the gateway's renderer for a snapshot: it shows what the screen shows
   * but sends no heartbeat (it is not a screen of the wall) and changes no wall's view.
   */
  passive?: boolean;
  children: ReactNode;
}

const NOT_HERE = (reason: string) => () => Promise.resolve({ ok: false as const, reason });

/** Creates the screen's store and its one connection; children read the store, never the socket. */
export function LiveModelProvider({
  token,
  wall,
  screen,
  passive = false,
  children,
}: LiveModelProviderProps) {
  const [store] = useState(() => createLiveModelStore({ now: Date.now }));
  const [vitals] = useState(() => createScreenVitals());
  useEffect(() => () => vitals.stop(), [vitals]);
  const connection = useRef<WallConnection | null>(null);
  useEffect(() => {
    const c = createWallConnection({
      store,
      ...(passive ? {} : { vitals }),
      ...(token ? { token } : {}),
      ...(wall ? { wall } : {}),
      ...(screen ? { screen } : {}),
    });
    connection.current = c;
    return () => {
      c.close();
      connection.current = null;
    };
  }, [store, vitals, token, wall, screen, passive]);
  const value = useMemo<ScreenContext>(
    () => ({
      store,
      vitals,
      token,
      apiFetch: createApiFetch(token),
      setView: passive
        ? NOT_HERE('a snapshot does not change the wall')
        : (patch) =>
            connection.current?.setView(patch) ?? Promise.resolve({ ok: false, reason: 'not connected' }),
    }),
    [store, vitals, token, passive],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/**
 * A printed report's store: no socket — the page fills it once over HTTP (the live model as
 * the report is made, the period as the wall's view) and the panels read it as on a screen.
 */
export function StaticModelProvider({
  token,
  store,
  children,
}: {
  token: string | null;
  store: LiveModelStore;
  children: ReactNode;
}) {
  const [vitals] = useState(() => createScreenVitals());
  useEffect(() => () => vitals.stop(), [vitals]);
  const value = useMemo<ScreenContext>(
    () => ({
      store,
      vitals,
      token,
      apiFetch: createApiFetch(token),
      setView: NOT_HERE('a report does not change a wall'),
    }),
    [store, vitals, token],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

function useScreen(): ScreenContext {
  const ctx = useContext(Context);
  if (!ctx) throw new Error('used outside LiveModelProvider');
  return ctx;
}

/** The screen's vital signs (the page on show feeds the heartbeat). */
export function useScreenVitals(): ScreenVitals {
  return useScreen().vitals;
}

export function useLiveStore(): LiveModelStore {
  return useScreen().store;
}

/** fetch for the gateway's API with this screen's token. */
export function useApiFetch(): ApiFetch {
  return useScreen().apiFetch;
}

/** This screen's token, for loaders that cannot use apiFetch (hls.js sets it as a header). */
export function useScreenToken(): string | null {
  return useScreen().token;
}

/** Changes the wall's shared view (focus, auto-focus, period) for every screen of the wall. */
export function useSetWallView(): (patch: WallViewPatch) => Promise<Ack<WallView>> {
  return useScreen().setView;
}

/**
 * Reads a derived value from the live state; recomputed only when the state (or `key`, e.g.
 * the current minute) changes, so panels re-render only when their data does.
 */
export function useLive<T>(select: (state: LiveState) => T, key: unknown = null): T {
  const store = useLiveStore();
  const cache = useRef<{ state: LiveState | null; key: unknown; value: T | undefined }>({
    state: null,
    key: undefined,
    value: undefined,
  });
  const get = () => {
    const state = store.getState();
    const c = cache.current;
    if (c.state !== state || c.key !== key) cache.current = { state, key, value: select(state) };
    return cache.current.value as T;
  };
  return useSyncExternalStore(store.subscribe, get);
}

/** The current time, moving every `intervalMs` (for ages and deadline clocks). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

/**
 * The time the screen shows: the gateway's time as this screen best knows it — or, during a
 * replay, the replay clock, so ages, deadlines and "today" follow the replayed day.
 */
export function useServerNow(intervalMs = 1000): number {
  const now = useNow(intervalMs);
  const offset = useLive((s) => s.serverOffsetMs);
  const replayAt = useLive((s) => s.replay?.at ?? null);
  return replayAt ?? now + offset;
}

/** The gateway's real time, replay or not (for the replay clock itself and the meeting control). */
export function useRealServerNow(intervalMs = 1000): number {
  const now = useNow(intervalMs);
  return now + useLive((s) => s.serverOffsetMs);
}
