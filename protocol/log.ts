/**
 * The durable log: every accepted feed item, heartbeat, feed-status change and clock tick
 * is stored as an envelope `{seq, kind, at, drill, data}` before it changes the model.
 * `seq` is the log position: persisted, strictly increasing, never reset by a restart.
 */
import type { AlarmCommand } from './alarmActions';
import type { Actor, AlarmRecord, CameraRecord, CaseRecord, FeedState } from './liveModel';
import type { AlarmChannel, FeedName } from './schemas';
import type { VideoEventData } from './video';

export interface HeartbeatData {
  feed: FeedName;
  channel?: AlarmChannel;
  status: 'alive' | 'offline';
}

export interface FeedStatusData {
  target: 'feed' | 'channel';
  id: string;
  state: FeedState;
  reason?: string;
}

/**
 * An operator's action on an alarm, as decided by the gateway (validated, free text masked):
 * the command without its expected revision, who did it, and the revision it creates.
 */
export type AlarmActionData = {
  alarmId: string;
  actor: Actor;
  revision: number;
} & DistributiveOmit<AlarmCommand, 'expectedRevision'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Data carried by each kind of log event. New kinds are added here and in the reducer's table. */
export interface LogEventData {
  camera: CameraRecord;
  alarm: AlarmRecord;
  case: CaseRecord;
  heartbeat: HeartbeatData;
  'feed-status': FeedStatusData;
  /** The clock moved on: expires old items. Logged so that replays are deterministic. */
  tick: Record<string, never>;
  /** A drill (演练) starts or stops; stopping clears its items from the live model. */
  drill: DrillData;
  /** A duty officer acknowledged, assigned, escalated or closed an alarm at the console. */
  'alarm-action': AlarmActionData;
  /** A camera taken over by an alarm or given back; a tile pinned or unpinned (protocol/video.ts). */
  video: VideoEventData;
}

export interface DrillData {
  state: 'start' | 'stop';
  name: string;
}
export type EventKind = keyof LogEventData;
export const EVENT_KINDS = [
  'camera',
  'alarm',
  'case',
  'heartbeat',
  'feed-status',
  'tick',
  'drill',
  'alarm-action',
  'video',
] as const satisfies readonly EventKind[];

export type Envelope<K extends EventKind = EventKind> = {
  [P in K]: {
    seq: number;
    kind: P;
    /** When the gateway accepted it (ISO, UTC). Time enters the pure core only as this. */
    at: string;
    /** Drill (演练) events never mix into live statistics. */
    drill: boolean;
    data: LogEventData[P];
  };
}[K];

/** An envelope before the store has given it a seq. */
export type NewEnvelope<K extends EventKind = EventKind> = K extends EventKind
  ? Omit<Envelope<K>, 'seq'>
  : never;

/** Which log event kind carries each feed's items. */
export const FEED_EVENT_KIND = {
  cameras: 'camera',
  alarms: 'alarm',
  cases: 'case',
} as const satisfies Record<FeedName, EventKind>;
