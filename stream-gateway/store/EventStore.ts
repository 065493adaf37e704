/**
 * The durable event log behind the gateway. SQLite is the embedded default; PostgreSQL
 * implements the same interface. One writer (the pipeline) assigns seqs; the store refuses
 * a seq it already has rather than overwrite it.
 */
import type { LiveModel } from '../../protocol/liveModel';
import type { Envelope } from '../../protocol/log';

export interface RejectedEntry {
  at: string;
  feed: string;
  reason: string;
  /** The raw message, truncated to a bounded size. */
  payload: string;
}

export interface StoredSnapshot {
  seq: number;
  model: LiveModel;
}

/** What a compaction may delete: the log's oldest events, never one a reader still needs. */
export interface CompactOptions {
  /** Events logged before this time (ISO) may go, and rejected entries older than it. */
  before: string;
  /** …up to this seq at most (what the trend aggregates have folded); the store also keeps
   * every event after its latest snapshot, so a restart still rebuilds the same model. */
  maxSeq: number;
}

export interface CompactResult {
  events: number;
  rejected: number;
  /** The oldest seq left in the log (null when the log is empty). */
  firstSeq: number | null;
}

export interface EventStore {
  readonly kind: string;
  /** Highest seq in the log, 0 when empty. */
  lastSeq(): Promise<number>;
  /** Appends envelopes atomically (all or none), in seq order. */
  append(events: readonly Envelope[]): Promise<void>;
  /** Envelopes with seq >= fromSeq, ascending, at most `limit`. */
  read(fromSeq: number, limit: number): Promise<Envelope[]>;
  saveSnapshot(snapshot: StoredSnapshot): Promise<void>;
  loadSnapshot(): Promise<StoredSnapshot | null>;
  appendRejected(entries: readonly RejectedEntry[]): Promise<void>;
  readRejected(limit: number): Promise<RejectedEntry[]>;
  /**
   * A log shared by several gateways (a cluster on PostgreSQL): this store becomes its writer.
   * From then on no other store clears an uncertain batch of its own (docs/storage.md).
   */
  claimWriter?(): Promise<void>;
  /** Deletes the prefix of the log that `options` allow (optional: a store may keep everything). */
  compact?(options: CompactOptions): Promise<CompactResult>;
  close(): Promise<void>;
}
