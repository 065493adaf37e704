/**
 * The live model: what the gateway keeps in memory and every wall screen renders.
 * Plain JSON data (records keyed by id) so it travels in a snapshot as is.
 */
import type { AreaRisk } from './risk';
import type { Alarm, AlarmChannel, Camera, Case, FeedName, Severity } from './schemas';
import type { Pin, Takeover } from './video';

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

/** Who did something at a console (operator actions, issue 7): what the model and the audit log record. */
export interface Actor {
  /** Principal id: `user:<name>` for people who logged in, the token id for tokens. */
  id: string;
  /** Display name (张三) or token label. */
  name: string;
  role: string;
  /** Which console (desk) it came from, when it said. */
  console?: string;
}

/** Drill (演练) items carry `drill: true` and ids prefixed with this. */
export const DRILL_PREFIX = 'drill:';

/** One operator step on an alarm: who and when (the gateway's log time). */
export interface HandlingStep {
  by: Actor;
  at: string;
}

/**
 * What the duty officers did with an alarm, kept beside the source system's fields. Its
 * `revision` counts operator actions (the source's `version` counts source updates): a
 * console names the revision it saw, so the second of two conflicting actions is refused.
 */
export interface AlarmHandling {
  revision: number;
  acknowledged?: HandlingStep;
  assigned?: HandlingStep & { unit: string };
  /** Raised to red and handed to the duty leader; `from` is the severity before. */
  escalated?: HandlingStep & { to: 'leader'; from: Severity; reason?: string };
  closed?: HandlingStep & { note: string };
}

export interface CameraRecord extends Camera {
  flags: Flag[];
  drill?: true;
}

export interface AlarmRecord extends Alarm {
  /** When the gateway accepted the alarm (set when the feed does not say). */
  receivedAt: string;
  flags: Flag[];
  drill?: true;
  /** When `state` last changed (the gateway's log time), from the source or a console. */
  stateSince?: string;
  /** Operator actions from the console; absent until the first one. */
  handling?: AlarmHandling;
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
  /** Cameras that alarms have promoted onto the video tiles, until handled or timed out. */
  takeovers: Record<string, Takeover>;
  /** Video tiles pinned by duty officers, by `<wall>/<panel>/<slot>`. */
  pins: Record<string, Pin>;
  /** Three-colour risk per grid and township (`grid:<id>`, `township:<id>`), derived by the reducer. */
  risk: Record<string, AreaRisk>;
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
  takeovers: Takeover;
  pins: Pin;
  risk: AreaRisk;
}
export type CollectionName = keyof CollectionValues;
export const COLLECTION_NAMES = [
  'cameras',
  'alarms',
  'cases',
  'feeds',
  'channels',
  'drill',
  'takeovers',
  'pins',
  'risk',
] as const satisfies readonly CollectionName[];
