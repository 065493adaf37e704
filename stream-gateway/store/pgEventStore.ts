/**
 * The event log in PostgreSQL (scope `events`): the same tables as SQLite, a batch appended
 * with one multi-row INSERT (UNNEST) in one transaction, a seq already there refused.
 *
 * A batch whose COMMIT went out but whose answer never came back (the server went away)
 * may or may not be in. The pipeline treats it as refused (the sender got 503, nobody saw
 * it); so before the next append the store removes whatever of it landed, and the log stays
 * equal to what the gateway published. Several gateways may share the log (a cluster, one
 * writer at a time): each row names the store that wrote it (`writer`, random per process),
 * and the clean-up removes only this store's rows, only while nothing was written after them,
 * and only while no other store has claimed the log since (`event_writer`, claimWriter).
 */
import { randomBytes } from 'node:crypto';
import type { Envelope } from '../../protocol/log';
import type { EventStore, RejectedEntry, StoredSnapshot } from './EventStore';
import { migratePg, type PgDatabase, StoreUnavailableError } from './pgDatabase';

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE events (seq bigint PRIMARY KEY, kind text NOT NULL, at text NOT NULL,
     drill boolean NOT NULL DEFAULT false, data text NOT NULL);
   CREATE TABLE snapshots (seq bigint PRIMARY KEY, model text NOT NULL);
   CREATE TABLE rejected (id bigserial PRIMARY KEY, at text NOT NULL, feed text NOT NULL,
     reason text NOT NULL, payload text NOT NULL);`,
  `ALTER TABLE events ADD COLUMN writer text NOT NULL DEFAULT '';
   CREATE TABLE event_writer (id int PRIMARY KEY CHECK (id = 1), writer text NOT NULL);`,
];

/** In one transaction: the rows of an uncertain batch that are still this store's to remove. */
const CLEAN_UP = `DELETE FROM events WHERE seq BETWEEN $1 AND $2 AND writer = $3
  AND NOT EXISTS (SELECT 1 FROM events WHERE seq > $2)
  AND COALESCE((SELECT writer FROM event_writer WHERE id = 1 FOR SHARE), $3) = $3`;

type Row = { seq: string; kind: Envelope['kind']; at: string; drill: boolean; data: string };

export async function createPgEventStore(db: PgDatabase): Promise<EventStore> {
  await migratePg(db, MIGRATIONS, 'events');
  const writer = randomBytes(6).toString('hex');
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
            await c.query(CLEAN_UP, [uncertain.from, uncertain.to, writer]);
          }
          await c.query(
            `INSERT INTO events (seq, kind, at, drill, data, writer)
             SELECT u.*, $6 FROM UNNEST($1::bigint[], $2::text[], $3::text[], $4::boolean[], $5::text[]) AS u`,
            [
              events.map((e) => e.seq),
              events.map((e) => e.kind),
              events.map((e) => e.at),
              events.map((e) => e.drill === true),
              events.map((e) => JSON.stringify(e.data)),
              writer,
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
    async claimWriter() {
      // The claimer takes the log as it is: a batch of its own that landed is history now.
      uncertain = null;
      await db.query(
        `INSERT INTO event_writer (id, writer) VALUES (1, $1)
         ON CONFLICT (id) DO UPDATE SET writer = excluded.writer`,
        [writer],
      );
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
