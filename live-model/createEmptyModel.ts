import type { FeedStatus, LiveModel } from '../protocol/liveModel';
import { FEED_NAMES } from '../protocol/schemas';

/** A feed or channel status nobody has heard from yet. */
export function createUnknownStatus(id: string): FeedStatus {
  return { id, state: 'unknown', lastSeenAt: null, lastEventAt: null, since: null };
}

/**
 * The model before the first event.
 * @example reduceLiveModel(createEmptyModel(), envelope)
 */
export function createEmptyModel(): LiveModel {
  const feeds = Object.fromEntries(FEED_NAMES.map((f) => [f, createUnknownStatus(f)])) as LiveModel['feeds'];
  return {
    asOf: null,
    cameras: {},
    alarms: {},
    cases: {},
    feeds,
    channels: {},
    drill: {},
    takeovers: {},
    pins: {},
    risk: {},
  };
}

/**
 * A model saved by an older version (a snapshot, a replay checkpoint) with the collections
 * added since filled in empty, so old data directories keep working.
 */
export function upgradeModel(saved: Partial<LiveModel>): LiveModel {
  const empty = createEmptyModel();
  return { ...empty, ...saved, feeds: { ...empty.feeds, ...saved.feeds } };
}
