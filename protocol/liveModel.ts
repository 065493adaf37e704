/**
 * The live model: what the gateway keeps in memory and every wall screen renders.
 * Plain JSON data (records keyed by id) so it travels in a snapshot as is.
 */
import type { Alarm, AlarmChannel, Camera, Case, FeedName } from './schemas';

/**
 * Data-quality marks set by the gateway when it accepts an item it cannot fully trust.
 * Flagged items are kept and shown with their flag; only invalid values are rejected.
 */
export const FLAGS = [
  'past-dated',
  'future-dated',
  'unknown-camera',
  'unknown-grid',
  'outside-district',
  'converted-crs',
  'local-time',
  'masked',
] as const;
export type Flag = (typeof FLAGS)[number];

/** Who did something at a console (operator actions, issue 7). */
export interface Actor {
  user: string;
  role: string;
  console?: string;
}

/** Drill (演练) items carry `drill: true` and ids prefixed with this. */
export const DRILL_PREFIX = 'drill:';

export interface CameraRecord extends Camera {
  flags: Flag[];
  drill?: true;
}

export interface AlarmRecord extends Alarm {
  /** When the gateway accepted the alarm (set when the feed does not say). */
  receivedAt: string;
  flags: Flag[];
  acknowledgedBy?: Actor;
  acknowledgedAt?: string;
  closedAt?: string;
  note?: string;
  drill?: true;
}

export interface CaseRecord extends Case {
  flags: Flag[];
  drill?: true;
}

/** A drill running on the wall: every screen shows a drill banner while it is active. */
export interface DrillStatus {
  active: boolean;
  name: string | null;
  since: string | null;
}

/** How far a feed or channel can be trusted, judged from what actually arrives. */
export const FEED_STATES = ['unknown', 'trusted', 'degraded', 'unavailable'] as const;
export type FeedState = (typeof FEED_STATES)[number];

export interface FeedStatus {
  /** A feed name (`alarms`) or an alarm channel (`police-110`). */
  id: string;
  state: FeedState;
  /** Last time anything (an item or a heartbeat) arrived. */
  lastSeenAt: string | null;
  /** Last time a real item arrived: the "as of" time of the data it feeds. */
  lastEventAt: string | null;
  /** Since when the state holds. */
  since: string | null;
  reason?: string;
}

export interface LiveModel {
  /** The latest time the model knows of (event or tick time): the model's "now". */
  asOf: string | null;
  cameras: Record<string, CameraRecord>;
  alarms: Record<string, AlarmRecord>;
  cases: Record<string, CaseRecord>;
  feeds: Record<FeedName, FeedStatus>;
  channels: Partial<Record<AlarmChannel, FeedStatus>>;
  /** The running drill, under the key `current` (absent: none ever ran). */
  drill: Partial<Record<'current', DrillStatus>>;
}

/** The collections a delta can touch, and the value type in each. */
export interface CollectionValues {
  cameras: CameraRecord;
  alarms: AlarmRecord;
  cases: CaseRecord;
  feeds: FeedStatus;
  channels: FeedStatus;
  /** One entry, id `current`. */
  drill: DrillStatus;
}
export type CollectionName = keyof CollectionValues;
export const COLLECTION_NAMES = [
  'cameras',
  'alarms',
  'cases',
  'feeds',
  'channels',
  'drill',
] as const satisfies readonly CollectionName[];
