/**
 * Copy-on-write access to a live model while a batch of events is reduced: each touched
 * collection is copied once per batch, not once per event, so a batch of a thousand alarms
 * costs one copy of the alarm table. The base model is never mutated.
 */
import type { CollectionName, CollectionValues, LiveModel } from '../protocol/liveModel';
import type { Change } from '../protocol/messages';

export interface ReduceResult {
  /** The new model; the very same object as the input when nothing changed. */
  model: LiveModel;
  /** One entry per changed item, its final value (null: removed). */
  changes: Change[];
}

export interface ModelWriter {
  get<C extends CollectionName>(collection: C, id: string): CollectionValues[C] | undefined;
  put<C extends CollectionName>(collection: C, id: string, value: CollectionValues[C]): void;
  remove(collection: CollectionName, id: string): void;
  /** The current (draft) table of a collection; read-only for the caller. */
  table<C extends CollectionName>(collection: C): Readonly<Record<string, CollectionValues[C]>>;
  setAsOf(at: string): void;
  readonly asOf: string | null;
  /** How many item writes happened so far (lets a caller see whether one event changed anything). */
  readonly writes: number;
  finish(): ReduceResult;
}

type Table = Record<string, unknown>;
const EMPTY: Table = Object.freeze({});

export function createModelWriter(base: LiveModel): ModelWriter {
  const copies: Partial<Record<CollectionName, Table>> = {};
  const changes = new Map<string, Change>();
  let asOf = base.asOf;
  let writes = 0;

  // `?? EMPTY`: a snapshot saved before a collection existed (e.g. `risk`) lacks it.
  const read = (c: CollectionName): Table => (copies[c] ?? base[c] ?? EMPTY) as Table;
  const write = (c: CollectionName): Table => {
    let t = copies[c];
    if (!t) {
      t = { ...(base[c] as Table | undefined) };
      copies[c] = t;
    }
    return t;
  };

  return {
    get: (c, id) => read(c)[id] as never,
    put(c, id, value) {
      write(c)[id] = value;
      changes.set(`${c}\u0000${id}`, { collection: c, id, value } as Change);
      writes++;
    },
    remove(c, id) {
      if (!(id in read(c))) return;
      delete write(c)[id];
      changes.set(`${c}\u0000${id}`, { collection: c, id, value: null } as Change);
      writes++;
    },
    table: (c) => read(c) as never,
    setAsOf(at) {
      if (asOf === null || at > asOf) asOf = at;
    },
    get asOf() {
      return asOf;
    },
    get writes() {
      return writes;
    },
    finish() {
      if (changes.size === 0 && asOf === base.asOf) return { model: base, changes: [] };
      return { model: { ...base, ...copies, asOf } as LiveModel, changes: [...changes.values()] };
    },
  };
}
