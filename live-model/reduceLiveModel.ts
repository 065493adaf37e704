/**
 * The one place where the live model changes. Pure: no clock (time is the envelope's `at`),
 * no randomness, no I/O. A table from event kind to updater, typed so that every kind has one.
 */

import { type AlarmRecord, DRILL_PREFIX, type FeedStatus, type LiveModel } from '../protocol/liveModel';
import type { Envelope, EventKind } from '../protocol/log';
import type { FeedName } from '../protocol/schemas';
import { applyAlarmAction, mergeSourceUpdate } from './alarmHandling';
import { createUnknownStatus } from './createEmptyModel';
import { isNewerVersion } from './isNewerVersion';
import { createModelWriter, type ModelWriter, type ReduceResult } from './modelWriter';
import { isAlarmExpired, isCaseExpired } from './retention';
import { recomputeRisk, riskClockOf, trackRisk } from './risk/reduceRisk';
import { reduceVideoEvent } from './video/reduceVideoEvent';

type Updater<K extends EventKind> = (w: ModelWriter, e: Envelope<K>) => void;

function markSeen(
  w: ModelWriter,
  collection: 'feeds' | 'channels',
  id: string,
  at: string,
  isItem: boolean,
): void {
  const prev = (w.get(collection, id) as FeedStatus | undefined) ?? createUnknownStatus(id);
  const next: FeedStatus = {
    ...prev,
    lastSeenAt: prev.lastSeenAt && prev.lastSeenAt > at ? prev.lastSeenAt : at,
    lastEventAt: isItem && !(prev.lastEventAt && prev.lastEventAt > at) ? at : prev.lastEventAt,
  };
  // Something arrived: proof of life. Downgrades come from the freshness monitor's events.
  if (prev.state !== 'trusted') {
    next.state = 'trusted';
    next.since = at;
    delete next.reason;
  }
  w.put(collection, id, next);
}

function putIfNewer<C extends 'cameras' | 'cases'>(
  w: ModelWriter,
  collection: C,
  feed: FeedName,
  e: Envelope<'camera' | 'case'>,
): boolean {
  const item = e.data;
  const existing = w.get(collection, item.id);
  if (!isNewerVersion(item, existing as typeof item | undefined)) return false;
  w.put(collection, item.id, item as never);
  markSeen(w, 'feeds', feed, e.at, true);
  return true;
}

const UPDATERS: { [K in EventKind]: Updater<K> } = {
  camera: (w, e) => {
    putIfNewer(w, 'cameras', 'cameras', e);
  },
  alarm: (w, e) => {
    // The source's version orders source updates; what operators did is kept (alarmHandling.ts).
    const existing = w.get('alarms', e.data.id);
    if (!isNewerVersion(e.data, existing)) return;
    w.put('alarms', e.data.id, mergeSourceUpdate(e.data, existing, e.at));
    markSeen(w, 'feeds', 'alarms', e.at, true);
    markSeen(w, 'channels', e.data.channel, e.at, true);
  },
  'alarm-action': (w, e) => {
    const alarm = w.get('alarms', e.data.alarmId);
    if (!alarm) return;
    const next: AlarmRecord = applyAlarmAction(alarm, e.data, e.at);
    if (next !== alarm) w.put('alarms', alarm.id, next);
  },
  case: (w, e) => {
    putIfNewer(w, 'cases', 'cases', e);
  },
  heartbeat: (w, e) => {
    const { feed, channel, status } = e.data;
    const collection = channel ? 'channels' : 'feeds';
    const id = channel ?? feed;
    if (status === 'offline') {
      const prev = (w.get(collection, id) as FeedStatus | undefined) ?? createUnknownStatus(id);
      if (prev.state === 'unavailable') return;
      w.put(collection, id, { ...prev, state: 'unavailable', since: e.at, reason: 'offline' });
      return;
    }
    markSeen(w, collection, id, e.at, false);
  },
  'feed-status': (w, e) => {
    const { target, id, state, reason } = e.data;
    const collection = target === 'feed' ? 'feeds' : 'channels';
    const prev = (w.get(collection, id) as FeedStatus | undefined) ?? createUnknownStatus(id);
    if (prev.state === state && prev.reason === reason) return;
    const next: FeedStatus = { ...prev, state, since: e.at };
    if (reason === undefined) delete next.reason;
    else next.reason = reason;
    w.put(collection, id, next);
  },
  drill: (w, e) => {
    const { state, name } = e.data;
    w.put('drill', 'current', { active: state === 'start', name, since: e.at });
    if (state === 'stop') {
      for (const collection of ['alarms', 'cases', 'cameras'] as const) {
        for (const id of Object.keys(w.table(collection)))
          if (id.startsWith(DRILL_PREFIX)) w.remove(collection, id);
      }
    }
  },
  tick: (w, e) => {
    const now = Date.parse(e.at);
    for (const [id, alarm] of Object.entries(w.table('alarms')))
      if (isAlarmExpired(alarm, now)) w.remove('alarms', id);
    for (const [id, c] of Object.entries(w.table('cases'))) if (isCaseExpired(c, now)) w.remove('cases', id);
  },
  video: reduceVideoEvent,
};

/**
 * Applies one event through a writer; returns whether it changed the model. A duplicate or
 * older version changes nothing (and so should not be logged).
 */
export function applyEvent(w: ModelWriter, e: Envelope): boolean {
  const before = w.writes;
  const clockBefore = riskClockOf(w.asOf);
  // Every alarm or case written by any updater moves its risk contribution (risk/reduceRisk.ts).
  (UPDATERS[e.kind] as Updater<EventKind>)(trackRisk(w), e);
  const changed = w.writes > before;
  if (changed || e.kind === 'tick') w.setAsOf(e.at);
  // The risk window moves with the clock: alarms age out, deadlines pass.
  const clock = riskClockOf(w.asOf);
  if (clock !== null && clock !== clockBefore) recomputeRisk(w, clock);
  return changed;
}

/**
 * Applies events in order and returns the new model and what changed.
 * @example
 * const { model, changes } = reduceLiveModel(createEmptyModel(), [
 *   { seq: 1, kind: 'alarm', at: '2026-11-24T12:13:00.000Z', drill: false, data: alarm },
 * ]);
 */
export function reduceLiveModel(model: LiveModel, events: readonly Envelope[]): ReduceResult {
  const w = createModelWriter(model);
  for (const e of events) applyEvent(w, e);
  return w.finish();
}
