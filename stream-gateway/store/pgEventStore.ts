/**
 * The event log in PostgreSQL (scope `events`): the same tables as SQLite, a batch appended
 * with one multi-row INSERT (UNNEST) in one transaction, a seq already there refused.
 *
 * A batch whose COMMIT went out but whose answer never came back (the server went away)
 * may or may not be in. The pipeline treats it as refused (the sender got 503, nobody saw
 * it); so before the next append the store removes whatever of it landed, and the log stays
 * equal to what the gateway published.
 */
import type { Envelope } from '../../protocol/log';
import type { EventStore, RejectedEntry, StoredSnapshot } from './EventStore';
import { migratePg, type PgDatabase, StoreUnavailableError } from './pgDatabase';

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE events (seq bigint PRIMARY KEY, kind text NOT NULL, at text NOT NULL,
     drill boolean NOT NULL DEFAULT false, data text NOT NULL);
   CREATE TABLE snapshots (seq bigint PRIMARY KEY, model text NOT NULL);
   CREATE TABLE rejected (id bigserial PRIMARY KEY, at text NOT NULL, feed text NOT NULL,
     reason text NOT NULL, payload text NOT NULL);`,
];

type Row = { seq: string; kind: Envelope['kind']; at: string; drill: boolean; data: string };

export async function createPgEventStore(db: PgDatabase): Promise<EventStore> {
  await migratePg(db, MIGRATIONS, 'events');
  /** Seqs of a batch whose outcome is unknown (see above). */
  let uncertain: { from: number; to: number } | null = null;

  return {
    kind: 'postgres',
    async lastSeq() {
      const rows = await db.query<{ seq: string | null }>('SELECT MAX(seq) AS seq FROM events');
      return Number(rows[0]?.seq ?? 0);
    },
    async append(events) {
      if (events.length === 0) return;
      const from = (events[0] as Envelope).seq;
      const to = (events.at(-1) as Envelope).seq;
      try {
        await db.tx(async (c) => {
          if (uncertain) {
            await c.query('DELETE FROM events WHERE seq BETWEEN $1 AND $2', [uncertain.from, uncertain.to]);
          }
          await c.query(
            `INSERT INTO events (seq, kind, at, drill, data)
             SELECT * FROM UNNEST($1::bigint[], $2::text[], $3::text[], $4::boolean[], $5::text[])`,
            [
              events.map((e) => e.seq),
              events.map((e) => e.kind),
              events.map((e) => e.at),
              events.map((e) => e.drill === true),
              events.map((e) => JSON.stringify(e.data)),
            ],
          );
        });
        uncertain = null;
      } catch (err) {
        if (err instanceof StoreUnavailableError) {
          // Widen, never narrow: an earlier uncertain batch may still be in.
          uncertain = uncertain
            ? { from: Math.min(uncertain.from, from), to: Math.max(uncertain.to, to) }
            : { from, to };
        } else if ((err as { code?: string }).code === '23505') {
          throw new Error(`seq ${from}..${to} refused: a seq in it is already in the log`);
        }
        throw err;
      }
    },
    async read(fromSeq, limit) {
      const rows = await db.query<Row>(
        'SELECT seq, kind, at, drill, data FROM events WHERE seq >= $1 ORDER BY seq LIMIT $2',
        [fromSeq, limit],
      );
      return rows.map(
        (r) =>
          ({
            seq: Number(r.seq),
            kind: r.kind,
            at: r.at,
            drill: r.drill,
            data: JSON.parse(r.data),
          }) as Envelope,
      );
    },
    async saveSnapshot({ seq, model }: StoredSnapshot) {
      await db.tx(async (c) => {
        await c.query(
          'INSERT INTO snapshots (seq, model) VALUES ($1, $2) ON CONFLICT (seq) DO UPDATE SET model = excluded.model',
          [seq, JSON.stringify(model)],
        );
        await c.query('DELETE FROM snapshots WHERE seq < $1', [seq]);
      });
    },
    async loadSnapshot() {
      const rows = await db.query<{ seq: string; model: string }>(
        'SELECT seq, model FROM snapshots ORDER BY seq DESC LIMIT 1',
      );
      const row = rows[0];
      return row ? { seq: Number(row.seq), model: JSON.parse(row.model) } : null;
    },
    async appendRejected(entries: readonly RejectedEntry[]) {
      if (entries.length === 0) return;
      await db.query(
        `INSERT INTO rejected (at, feed, reason, payload)
         SELECT * FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[])`,
        [
          entries.map((r) => r.at),
          entries.map((r) => r.feed),
          entries.map((r) => r.reason),
          entries.map((r) => r.payload),
        ],
      );
    },
    readRejected: (limit) =>
      db.query<RejectedEntry>('SELECT at, feed, reason, payload FROM rejected ORDER BY id DESC LIMIT $1', [
        limit,
      ]),
    close: () => db.close(),
  };
}
