import { useEffect } from 'react';
import { useApiFetch, useLive, useLiveStore, useSetWallView } from '../live/LiveModelProvider';
import { createReplayPlayer } from './createReplayPlayer';

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'SELECT' || el.tagName === 'TEXTAREA');
}

/**
 * Runs the wall's period on this screen: plays a replay when the period says so (and stops
 * it when it changes), and takes the wall back to live on Escape or L. Renders nothing.
 */
export function PeriodDriver() {
  const store = useLiveStore();
  const apiFetch = useApiFetch();
  const setView = useSetWallView();
  const period = useLive((s) => s.view?.period ?? null);
  const replayKey = period?.mode === 'replay' ? `${period.day}|${period.speed}|${period.startedAt}` : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new player only when day, speed or start change
  useEffect(() => {
    if (period?.mode !== 'replay') {
      store.setReplay(null);
      return;
    }
    const player = createReplayPlayer({
      period,
      apiFetch,
      serverNow: () => Date.now() + store.getState().serverOffsetMs,
      show: (replay) => store.setReplay(replay),
    });
    return () => {
      player.stop();
      store.setReplay(null);
    };
  }, [replayKey, store, apiFetch]);

  const live = !period || period.mode === 'live';
  useEffect(() => {
    if (live) return;
    const onKey = (e: KeyboardEvent) => {
      if (
        e.key === 'Escape' ||
        ((e.key === 'l' || e.key === 'L') && !typing(e.target) && !e.ctrlKey && !e.metaKey)
      )
        void setView({ period: { mode: 'live' } });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [live, setView]);
  return null;
}
