import { useEffect, useMemo, useState } from 'react';
import { dayKey } from '../../../live-model/zonedTime';
import { useLive, useRealServerNow } from '../live/LiveModelProvider';
import { type PeriodQuery, selectPeriodQuery } from './selectPeriodQuery';

/** What the trend panels ask for now: follows the wall's period and the turn of the day. */
export function usePeriodQuery(): PeriodQuery {
  const period = useLive((s) => s.view?.period ?? null);
  const tz = useLive((s) => s.tz);
  const now = useRealServerNow(60_000);
  const day = dayKey(now, tz);
  // biome-ignore lint/correctness/useExhaustiveDependencies: recomputed when the day turns, not every minute
  return useMemo(() => selectPeriodQuery(period, now, tz), [period, tz, day]);
}

const readRem = () => Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;

/** Pixels per rem on this screen (a wall canvas sets its own), for chart text sizes. */
export function useRem(): number {
  const [rem, setRem] = useState(readRem);
  useEffect(() => {
    const update = () => setRem(readRem());
    update();
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
  }, []);
  return rem;
}

/** How often trend panels ask again: live figures move, a past period does not. */
export function refreshMs(q: PeriodQuery, live: number): number {
  return q.mode === 'live' || q.resolved.toMs > Date.now() ? live : 0;
}
