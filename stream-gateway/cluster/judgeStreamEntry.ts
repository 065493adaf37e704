import { classifyDelta } from '../../live-model/applyDelta';
import type { DeltaMessage } from '../../protocol/messages';

/**
 * What a follower does with the next delta of the stream, given where it stands (its seq and
 * the owner epoch its model came from; null: its own model, not yet the cluster's):
 * `apply` it, skip it as `stale`, or take a snapshot that reaches `resyncFrom` — when
 * something between is missing, or a new owner's line does not join its own exactly.
 * @example judgeStreamEntry({ seq: 5, epoch: 2 }, 2, { fromSeq: 6, seq: 8 }) // { verdict: 'apply' }
 */
export function judgeStreamEntry(
  at: { seq: number; epoch: number | null },
  epoch: number,
  delta: Pick<DeltaMessage, 'fromSeq' | 'seq'>,
): { verdict: 'apply' | 'stale' } | { verdict: 'resync'; resyncFrom: number } {
  const verdict = classifyDelta(at.seq, delta);
  const joins = at.epoch === epoch || (at.epoch !== null && delta.fromSeq === at.seq + 1);
  if (!joins || verdict === 'gap') return { verdict: 'resync', resyncFrom: Math.max(0, delta.fromSeq - 1) };
  return { verdict };
}
