/**
 * What the gateway sends the wall over Socket.IO: one snapshot on connect, then deltas.
 * Both always carry the live model; history goes through the HTTP API.
 */
import type { CollectionName, CollectionValues, LiveModel } from './liveModel';

/** One changed item; `value: null` means it left the live model. */
export type Change = {
  [C in CollectionName]: { collection: C; id: string; value: CollectionValues[C] | null };
}[CollectionName];

export interface SnapshotMessage {
  /** The log position the model reflects. */
  seq: number;
  /** Server wall-clock time when sent (lets a screen estimate its clock offset). */
  serverTime: string;
  /** Time zone for days and schedules (e.g. Asia/Shanghai). */
  tz: string;
  /** The region pack in use, e.g. `naxi`. */
  region: string;
  model: LiveModel;
}

/**
 * Changes covering log positions fromSeq..seq (inclusive), coalesced: each item appears
 * once with its value as of `seq`. A delta may overlap the receiver's position (apply it);
 * a delta whose fromSeq is beyond lastSeq+1 means a gap (ask for a resync).
 */
export interface DeltaMessage {
  fromSeq: number;
  seq: number;
  /** The model's asOf after the delta. */
  asOf: string | null;
  changes: Change[];
}

/** The gateway's storage is short: new events are refused until space is freed (docs/reliability.md). */
export interface StorageAlarm {
  /** `low`: free space under the threshold; `full`: the store refused a write. */
  state: 'low' | 'full';
  freeMb: number | null;
  /** One line for the operators (English; the wall shows its own words). */
  reason: string;
  since: string;
}

/** Sent every few seconds: proves the link is live on a quiet night. */
export interface ClockMessage {
  serverTime: string;
  seq: number;
  /** Present while the gateway's storage is short. */
  storage?: StorageAlarm;
}

export interface ResyncRequest {
  lastSeq: number | null;
}
