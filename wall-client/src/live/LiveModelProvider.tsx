import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { createLiveModelStore, type LiveModelStore, type LiveState } from './createLiveModelStore';
import { createWallConnection } from './createWallConnection';

const StoreContext = createContext<LiveModelStore | null>(null);

/** Creates the screen's store and its one connection; children read the store, never the socket. */
export function LiveModelProvider({ token, children }: { token?: string; children: ReactNode }) {
  const [store] = useState(() => createLiveModelStore({ now: Date.now }));
  useEffect(() => {
    const connection = createWallConnection({ store, ...(token ? { token } : {}) });
    return () => connection.close();
  }, [store, token]);
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useLiveStore(): LiveModelStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useLiveStore outside LiveModelProvider');
  return store;
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

/** The gateway's time as this screen best knows it. */
export function useServerNow(intervalMs = 1000): number {
  const now = useNow(intervalMs);
  const offset = useLive((s) => s.serverOffsetMs);
  return now + offset;
}
