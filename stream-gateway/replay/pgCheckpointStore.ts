/**
 * Replay checkpoints in PostgreSQL (scope `replay`). The CheckpointStore interface is
 * synchronous (the live pipeline saves one as it crosses midnight), so this store keeps the
 * checkpoints in memory — a few per retained day — loaded at start, and writes behind:
 * every save or prune marks what changed and a flush writes it in one transaction. A flush
 * that fails (the server is away) keeps everything marked and is tried again on the next
 * save and by the storage health probe, so nothing is lost while the process runs.
 *
 * Shared by a cluster (`writer`): only the ingest owner writes; elsewhere changes stay in
 * memory, and a gateway that becomes the owner first reloads what the last one wrote.
 */
import { upgradeModel } from '../../live-model/createEmptyModel';
import type { LiveModel } from '../../protocol/liveModel';
import type { SharedWriter } from '../cluster/whileOwner';
import { migratePg, type PgDatabase } from '../store/pgDatabase';
import type { CheckpointStore } from './sqliteCheckpointStore';

const MIGRATIONS = [
  'CREATE TABLE replay_checkpoints (day text COLLATE "C" PRIMARY KEY, seq bigint NOT NULL, model text NOT NULL);',
];

type Kept = { seq: number; model?: LiveModel; json?: string };

export type PgCheckpointStore = CheckpointStore & {
  /** Days saved or pruned in memory and not yet written. */
  pending(): number;
};

export async function createPgCheckpointStore(
  db: PgDatabase,
  writer?: SharedWriter,
): Promise<PgCheckpointStore> {
  await migratePg(db, MIGRATIONS, 'replay');
  const kept = new Map<string, Kept>();
  const load = async () => {
    for (const r of await db.query<{ day: string; seq: string; model: string }>(
      'SELECT day, seq, model FROM replay_checkpoints',
    ))
      if (!dirty.has(r.day)) kept.set(r.day, { seq: Number(r.seq), json: r.model });
  };
  const sorted = () => [...kept.keys()].sort();
  /** Day → the change count when it was marked (a save during a flush marks it again). */
  const dirty = new Map<string, number>();
  let changes = 0;
  let pruneBefore: string | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  await load();
  writer?.onChange((active) => {
    if (active) void load().catch(() => undefined);
  });

  async function writeOnce(): Promise<void> {
    const days = [...dirty];
    const prune = pruneBefore;
    if (writer && !writer.active()) {
      // Another gateway writes the shared checkpoints: this one's stay in its memory.
      dirty.clear();
      pruneBefore = null;
      return;
    }
    await db.tx(async (c) => {
      if (prune) await c.query('DELETE FROM replay_checkpoints WHERE day < $1', [prune]);
      const rows = days.flatMap(([day]) => {
        const k = kept.get(day);
        return k ? [{ day, seq: k.seq, model: k.json ?? JSON.stringify(k.model) }] : [];
      });
      if (rows.length > 0)
        await c.query(
          `INSERT INTO replay_checkpoints (day, seq, model)
           SELECT * FROM UNNEST($1::text[], $2::bigint[], $3::text[])
           ON CONFLICT (day) DO UPDATE SET seq = excluded.seq, model = excluded.model`,
          [rows.map((r) => r.day), rows.map((r) => r.seq), rows.map((r) => r.model)],
        );
    });
    for (const [day, at] of days) if (dirty.get(day) === at) dirty.delete(day);
    if (pruneBefore === prune) pruneBefore = null;
  }

  function flush(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await writeOnce();
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  }
  const flushSoon = () => void flush().catch(() => undefined);
  db.beforeClose(async () => {
    if (dirty.size > 0 || pruneBefore) await flush();
  });

  return {
    save({ day, seq, model }, options = {}) {
      if (options.replace === false && kept.has(day)) return;
      kept.set(day, { seq, model });
      dirty.set(day, ++changes);
      flushSoon();
    },
    atOrBefore(day) {
      const found = sorted()
        .filter((d) => d <= day)
        .at(-1);
      const k = found ? kept.get(found) : undefined;
      if (!found || !k) return null;
      const model = k.model ?? (JSON.parse(k.json as string) as LiveModel);
      return { day: found, seq: k.seq, model: upgradeModel(model) };
    },
    seqAfter: (day) => {
      const next = sorted().find((d) => d > day);
      return next ? (kept.get(next)?.seq ?? null) : null;
    },
    days: sorted,
    prune(beforeDay) {
      for (const day of kept.keys()) if (day < beforeDay) kept.delete(day);
      for (const day of dirty.keys()) if (day < beforeDay) dirty.delete(day);
      if (!pruneBefore || beforeDay > pruneBefore) pruneBefore = beforeDay;
      flushSoon();
    },
    flush: async () => {
      if (dirty.size > 0 || pruneBefore) await flush();
    },
    pending: () => dirty.size + (pruneBefore ? 1 : 0),
  };
}
