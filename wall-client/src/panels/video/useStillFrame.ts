import { useEffect, useState } from 'react';
import { useApiFetch } from '../../live/LiveModelProvider';
import { isSameOrigin } from './isSameOrigin';

export interface StillFrame {
  /** An object URL of the latest still (revoked when replaced or unmounted). */
  src: string | null;
  /** The stream time the still shows (ms), from the media server's `x-stream-time`. */
  at: number | null;
  state: 'loading' | 'ok' | 'offline' | 'error';
}

const EMPTY: StillFrame = { src: null, at: null, state: 'loading' };

/**
 * The still beside a channel's playlist (`…/index.m3u8` → `…/snapshot.jpg`): the simulated
 * media server's convention; a platform with another snapshot URL is adapted here.
 */
export function stillUrlOf(streamUrl: string): string {
  return streamUrl.replace(/[^/?#]*(\?.*)?$/, 'snapshot.jpg');
}

/**
 * A tile without a live decoder: the channel's still, fetched with the screen's token and
 * refreshed every `refreshMs` (with jitter, so a wall of stills does not ask all at once)
 * while the page is visible.
 */
export function useStillFrame(url: string | null, refreshMs = 10_000): StillFrame {
  const apiFetch = useApiFetch();
  const [still, setStill] = useState<StillFrame>(EMPTY);
  useEffect(() => {
    setStill(EMPTY);
    if (!url) return;
    let stopped = false;
    let current: string | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      if (document.visibilityState === 'visible') {
        try {
          // The token only to the gateway; another origin's media server gets a plain request.
          const res = await (isSameOrigin(url) ? apiFetch(url) : fetch(url));
          if (stopped) return;
          if (res.ok) {
            const blob = await res.blob();
            if (stopped) return;
            const previous = current;
            current = URL.createObjectURL(blob);
            const at = Date.parse(res.headers.get('x-stream-time') ?? '');
            setStill({ src: current, at: Number.isFinite(at) ? at : null, state: 'ok' });
            if (previous) URL.revokeObjectURL(previous);
          } else {
            setStill((s) => ({ ...s, state: res.status === 404 ? 'offline' : 'error' }));
          }
        } catch {
          if (!stopped) setStill((s) => ({ ...s, state: 'error' }));
        }
      }
      if (!stopped) timer = setTimeout(load, refreshMs * (0.8 + Math.random() * 0.4));
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
      if (current) URL.revokeObjectURL(current);
    };
  }, [url, refreshMs, apiFetch]);
  return still;
}
