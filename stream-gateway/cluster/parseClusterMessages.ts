/**
 * What the cluster reads back from Redis: delta stream entries and the owner's snapshot.
 * Another gateway wrote them, but Redis is shared, so a malformed one is reported, not trusted.
 */
import type { LiveModel } from '../../protocol/liveModel';
import type { DeltaMessage } from '../../protocol/messages';

export interface DeltaEntry {
  /** The stream id, `<seq>-0`. */
  id: string;
  /** The owner's epoch (fencing token) that wrote it. */
  epoch: number;
  delta: DeltaMessage;
}

export interface ClusterSnapshot {
  epoch: number;
  seq: number;
  model: LiveModel;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

function isDelta(v: unknown): v is DeltaMessage {
  const d = v as DeltaMessage | null;
  return (
    typeof d === 'object' &&
    d !== null &&
    Number.isInteger(d.fromSeq) &&
    Number.isInteger(d.seq) &&
    d.fromSeq <= d.seq + 1 &&
    Array.isArray(d.changes)
  );
}

/** One XREAD entry `[id, [field, value, …]]` with fields `e` (epoch) and `d` (delta JSON). */
export function parseDeltaEntry(raw: [string, string[]]): Parsed<DeltaEntry> {
  const [id, fields] = raw;
  const get = (name: string) => {
    const i = fields.indexOf(name);
    return i >= 0 && i % 2 === 0 ? fields[i + 1] : undefined;
  };
  const epoch = Number(get('e'));
  if (!Number.isInteger(epoch)) return { ok: false, reason: `stream entry ${id}: no epoch` };
  try {
    const delta: unknown = JSON.parse(get('d') ?? '');
    if (!isDelta(delta)) return { ok: false, reason: `stream entry ${id}: not a delta` };
    return { ok: true, value: { id, epoch, delta } };
  } catch (err) {
    return { ok: false, reason: `stream entry ${id}: ${(err as Error).message}` };
  }
}

export function parseClusterSnapshot(text: string | null): Parsed<ClusterSnapshot> | null {
  if (text === null) return null;
  try {
    const s = JSON.parse(text) as ClusterSnapshot;
    if (!Number.isInteger(s.epoch) || !Number.isInteger(s.seq) || typeof s.model !== 'object' || !s.model)
      return { ok: false, reason: 'cluster snapshot: missing epoch, seq or model' };
    return { ok: true, value: s };
  } catch (err) {
    return { ok: false, reason: `cluster snapshot: ${(err as Error).message}` };
  }
}

/** The seq part of a stream id (`<seq>-0`). */
export function seqOfEntryId(id: string): number {
  return Number(id.split('-')[0]);
}
