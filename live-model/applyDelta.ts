import type { CollectionName, LiveModel } from '../protocol/liveModel';
import type { DeltaMessage } from '../protocol/messages';

/**
 * Where a delta stands against the position a receiver has reached.
 * `apply`: it continues (or overlaps) the receiver's state; `stale`: nothing new in it;
 * `gap`: something between was missed, the receiver must resync.
 */
export function classifyDelta(
  lastSeq: number,
  delta: Pick<DeltaMessage, 'fromSeq' | 'seq'>,
): 'apply' | 'stale' | 'gap' {
  if (delta.seq <= lastSeq) return 'stale';
  if (delta.fromSeq > lastSeq + 1) return 'gap';
  return 'apply';
}

/**
 * Applies a delta's changes to a model without mutating it; tables that the delta does not
 * touch are shared with the input.
 * @example const next = applyDelta(model, { fromSeq: 5, seq: 7, asOf, changes });
 */
export function applyDelta(model: LiveModel, delta: Pick<DeltaMessage, 'changes' | 'asOf'>): LiveModel {
  if (delta.changes.length === 0 && delta.asOf === model.asOf) return model;
  const copies: Partial<Record<CollectionName, Record<string, unknown>>> = {};
  for (const change of delta.changes) {
    let table = copies[change.collection];
    if (!table) {
      table = { ...(model[change.collection] as Record<string, unknown>) };
      copies[change.collection] = table;
    }
    if (change.value === null) delete table[change.id];
    else table[change.id] = change.value;
  }
  return { ...model, ...copies, asOf: delta.asOf ?? model.asOf } as LiveModel;
}
