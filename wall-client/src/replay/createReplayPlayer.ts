/**
 * Plays a past day on this screen: fetches the model as the day began and the day's log
 * events (in pages, ahead of the playhead), and every half second reduces the events up to
 * the replay clock with the live reducer. The clock comes from the wall's period (day,
 * speed, startedAt), so every screen of the wall shows the same moment. No React inside.
 */
import type { LiveModel } from '../../../protocol/liveModel';
import type { Envelope } from '../../../protocol/log';
import type { ReplayDayResponse, ReplayEventsResponse } from '../../../protocol/trends';
import type { ApiFetch } from '../auth/screenToken';
import type { ReplayState } from '../live/createLiveModelStore';
import { advanceReplay, type ReplayPosition, replayClock } from './advanceReplay';

export interface ReplayPeriod {
  day: string;
  speed: number;
  startedAt: string;
}

export interface ReplayPlayerDeps {
  period: ReplayPeriod;
  apiFetch: ApiFetch;
  /** The gateway's real time as this screen knows it. */
  serverNow: () => number;
  show: (replay: ReplayState) => void;
  tickMs?: number;
}

export function createReplayPlayer(deps: ReplayPlayerDeps): { stop(): void } {
  const { period } = deps;
  const abort = new AbortController();
  let stopped = false;
  let timer: ReturnType<typeof setInterval> | null = null;
  let day: ReplayDayResponse | null = null;
  let start: LiveModel | null = null;
  let position: ReplayPosition | null = null;
  const events: Envelope[] = [];
  let complete = false;
  let error: string | null = null;

  const json = async <T>(path: string): Promise<T> => {
    const res = await deps.apiFetch(path, { signal: abort.signal });
    if (!res.ok)
      throw new Error(
        ((await res.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${res.status}`,
      );
    return (await res.json()) as T;
  };

  const show = () => {
    if (stopped) return;
    const from = day?.fromMs ?? 0;
    const to = day?.toMs ?? 1;
    const at = day ? replayClock(period, from, to, deps.serverNow()) : Date.parse(`${period.day}T00:00:00Z`);
    if (day && start && position) {
      position = advanceReplay(position, start, events, at);
      // Past the loaded events while more are coming: hold there rather than show a gap.
      const waiting = !complete && position.applied === events.length;
      const ended = complete && at >= to;
      deps.show({
        day: period.day,
        speed: period.speed,
        at,
        status: error ? 'error' : ended ? 'ended' : waiting && at > lastEventMs() ? 'loading' : 'playing',
        progress: (at - from) / (to - from),
        model: position.model,
        ...(error ? { error } : {}),
      });
      return;
    }
    deps.show({
      day: period.day,
      speed: period.speed,
      at,
      status: error ? 'error' : 'loading',
      progress: 0,
      model: null,
      ...(error ? { error } : {}),
    });
  };
  const lastEventMs = () => (events.length > 0 ? Date.parse((events.at(-1) as Envelope).at) : 0);

  async function load(): Promise<void> {
    day = await json<ReplayDayResponse>(`/api/replay?day=${period.day}`);
    start = day.model;
    position = { model: start, applied: 0 };
    show();
    let after: number | null = day.seq;
    while (after !== null && !stopped) {
      const page: ReplayEventsResponse = await json<ReplayEventsResponse>(
        `/api/replay/events?day=${period.day}&after=${after}`,
      );
      events.push(...page.events);
      after = page.next;
    }
    complete = true;
  }

  show();
  load()
    .catch((err: Error) => {
      if (!stopped) error = err.message;
    })
    .finally(show);
  timer = setInterval(show, deps.tickMs ?? 500);

  return {
    stop() {
      stopped = true;
      abort.abort();
      if (timer) clearInterval(timer);
    },
  };
}
