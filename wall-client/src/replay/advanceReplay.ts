/**
 * A replay's position: the model after the day's events up to a moment, reduced with the
 * same reducer as live. Pure: events and the target time come in, a new position goes out.
 */
import { reduceLiveModel } from '../../../live-model/reduceLiveModel';
import type { LiveModel } from '../../../protocol/liveModel';
import type { Envelope } from '../../../protocol/log';

export interface ReplayPosition {
  model: LiveModel;
  /** How many of the day's events are applied. */
  applied: number;
}

/**
 * Applies the events (in log order) whose time is at or before `targetMs`. Events past the
 * target wait; going backwards means starting again from the day's first model.
 * @example advanceReplay({ model: start, applied: 0 }, start, events, Date.parse('2026-11-24T12:13:00Z'))
 */
export function advanceReplay(
  position: ReplayPosition,
  start: LiveModel,
  events: readonly Envelope[],
  targetMs: number,
): ReplayPosition {
  let { model, applied } = position;
  const upTo = (i: number) => i < events.length && Date.parse((events[i] as Envelope).at) <= targetMs;
  if (applied > 0 && !upTo(applied - 1)) {
    model = start;
    applied = 0;
  }
  let end = applied;
  while (upTo(end)) end++;
  if (end === applied) return position.model === model ? position : { model, applied };
  return { model: reduceLiveModel(model, events.slice(applied, end)).model, applied: end };
}

/** The moment of the day a replay shows: the day's start plus the time since it started, times the speed. */
export function replayClock(
  period: { speed: number; startedAt: string },
  dayFromMs: number,
  dayToMs: number,
  serverNowMs: number,
): number {
  const t = dayFromMs + (serverNowMs - Date.parse(period.startedAt)) * period.speed;
  return Math.min(dayToMs, Math.max(dayFromMs, t));
}

/** When to start a replay so that it shows `fromMs` of the day now (for "play the evening from 20:00"). */
export function replayStartedAt(
  dayFromMs: number,
  fromMs: number,
  speed: number,
  serverNowMs: number,
): string {
  return new Date(serverNowMs - (fromMs - dayFromMs) / speed).toISOString();
}
