import { type RefObject, useEffect, useRef, useState } from 'react';
import { useLiveStore } from '../../live/LiveModelProvider';

export interface TourTick {
  /** The gateway's clock divided by the interval: the same page on every screen. */
  index: number;
  /** The gateway's time at this tick (ms). */
  serverNow: number;
}

function readTick(offsetMs: number, intervalMs: number): TourTick {
  const serverNow = Date.now() + offsetMs;
  return { index: Math.floor(serverNow / intervalMs), serverNow };
}

/** Moves on at each multiple of `intervalMs` of the gateway's clock, and only then. */
export function useTourTick(intervalMs: number): TourTick {
  const store = useLiveStore();
  const [tick, setTick] = useState(() => readTick(store.getState().serverOffsetMs, intervalMs));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      const next = readTick(store.getState().serverOffsetMs, intervalMs);
      setTick((t) => (t.index === next.index ? t : next));
      timer = setTimeout(schedule, intervalMs - (next.serverNow % intervalMs) + 20);
    };
    schedule();
    return () => clearTimeout(timer);
  }, [intervalMs, store]);
  return tick;
}

/** Whether an element is on screen (in the viewport, and the page visible). */
export function useOnScreen<T extends Element>(): [RefObject<T | null>, boolean] {
  const ref = useRef<T>(null);
  const [inView, setInView] = useState(true);
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');
  useEffect(() => {
    const onVisibility = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', onVisibility);
    const el = ref.current;
    const observer = el
      ? new IntersectionObserver((entries) => setInView(entries.some((e) => e.isIntersecting)))
      : null;
    if (el) observer?.observe(el);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      observer?.disconnect();
    };
  }, []);
  return [ref, inView && visible];
}
