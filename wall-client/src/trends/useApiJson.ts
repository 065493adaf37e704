import { useEffect, useState } from 'react';
import { useApiFetch } from '../live/LiveModelProvider';
import { usePanelReady } from '../render/RenderContext';

export interface ApiJson<T> {
  data: T | null;
  /** The path the data answers (panels show data only for the question they asked). */
  path: string | null;
  error: string | null;
}

/**
 * GETs a JSON API path with the screen's token; again when the path changes and every
 * `refreshMs`. Keeps the last answer while a new one loads, so nothing blanks or flickers.
 * A rendered page (snapshot, report) waits until the answer to this path is in.
 */
export function useApiJson<T>(path: string | null, refreshMs = 0): ApiJson<T> {
  const apiFetch = useApiFetch();
  const [state, setState] = useState<ApiJson<T>>({ data: null, path: null, error: null });
  useEffect(() => {
    if (!path) return;
    const abort = new AbortController();
    const load = () =>
      apiFetch(path, { signal: abort.signal })
        .then(async (res) => {
          const body = (await res.json()) as T & { error?: string };
          if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
          setState({ data: body, path, error: null });
        })
        .catch((err: Error) => {
          if (!abort.signal.aborted) setState((s) => ({ ...s, error: err.message }));
        });
    void load();
    const timer = refreshMs > 0 ? setInterval(load, refreshMs) : null;
    return () => {
      abort.abort();
      if (timer) clearInterval(timer);
    };
  }, [apiFetch, path, refreshMs]);
  usePanelReady(
    path === null || state.path === path,
    state.error && state.path !== path ? state.error : null,
  );
  return state;
}
