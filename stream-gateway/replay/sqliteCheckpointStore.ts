/**
 * Replay checkpoints: the live model as it was when each day began (in TZ), so that a day
 * can be replayed from its start without reducing the whole log. One row per day; old
 * days are pruned. An interface so that another store can hold them.
 */
import type Database from 'better-sqlite3';
import { upgradeModel } from '../../live-model/createEmptyModel';
import type { LiveModel } from '../../protocol/liveModel';
import { migrateSqlite } from '../store/sqliteEventStore';

export interface Checkpoint {
  day: string;
  /** The last log seq before the day began. */
  seq: number;
  model: LiveModel;
}

export interface CheckpointStore {
  /** Saves a checkpoint; `replace: false` keeps one already there. */
  save(checkpoint: Checkpoint, options?: { replace?: boolean }): void;
  /** The checkpoint of the latest day ≤ `day`, or null. */
  atOrBefore(day: string): Checkpoint | null;
  /** The seq of the first checkpoint after `day`, or null. */
  seqAfter(day: string): number | null;
  days(): string[];
  prune(beforeDay: string): void;
  /** Resolves when every save and prune so far is durable (a store that writes behind). */
  flush(): Promise<void>;
}

export function createSqliteCheckpointStore(db: Database.Database): CheckpointStore {
  migrateSqlite(
    db,
    ['CREATE TABLE replay_checkpoints (day TEXT PRIMARY KEY, seq INTEGER NOT NULL, model TEXT NOT NULL);'],
    'replay',
  );
  const replace = db.prepare('INSERT OR REPLACE INTO replay_checkpoints (day, seq, model) VALUES (?, ?, ?)');
  const keep = db.prepare('INSERT OR IGNORE INTO replay_checkpoints (day, seq, model) VALUES (?, ?, ?)');
  const before = db.prepare<[string], { day: string; seq: number; model: string }>(
    'SELECT day, seq, model FROM replay_checkpoints WHERE day <= ? ORDER BY day DESC LIMIT 1',
  );
  const after = db.prepare<[string], { seq: number }>(
    'SELECT seq FROM replay_checkpoints WHERE day > ? ORDER BY day LIMIT 1',
  );
  return {
    save({ day, seq, model }, options = {}) {
      (options.replace === false ? keep : replace).run(day, seq, JSON.stringify(model));
    },
    atOrBefore(day) {
      const r = before.get(day);
      // A checkpoint saved before the model gained a field still loads with that field's empty value.
      return r ? { day: r.day, seq: r.seq, model: upgradeModel(JSON.parse(r.model) as LiveModel) } : null;
    },
    seqAfter: (day) => after.get(day)?.seq ?? null,
    days: () =>
      db
        .prepare<[], { day: string }>('SELECT day FROM replay_checkpoints ORDER BY day')
        .all()
        .map((r) => r.day),
    prune(beforeDay) {
      db.prepare('DELETE FROM replay_checkpoints WHERE day < ?').run(beforeDay);
    },
    flush: async () => undefined,
  };
}
