/**
 * The aggregates in PostgreSQL (scope `trends`), the same tables as SQLite. Keys are
 * `COLLATE "C"` so that bucket order and the `t:` < key < `t;` area ranges compare code
 * points, as in SQLite. A commit is one transaction: rows upserted with one UNNEST
 * statement, item states, forgotten items and the watermark.
 */
import type { ItemState } from '../../live-model/aggregates/createAggregateFolder';
import { parseRowKey } from '../../live-model/aggregates/createAggregateFolder';
import { MEASURES } from '../../protocol/trends';
import { migratePg, type PgDatabase } from '../store/pgDatabase';
import { type AggregateStore, type RowDeltas, type SeriesQuery, WatermarkMovedError } from './AggregateStore';

const COLS = MEASURES.map((_, i) => `m${i}`);
const SUMS = COLS.map((c) => `SUM(${c})::float8 AS ${c}`).join(', ');
const DERIVED = 0;
const IMPORTED = 1;
const KEY = 'text COLLATE "C" NOT NULL';

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE agg_rows (gran ${KEY}, category ${KEY}, area ${KEY}, bucket ${KEY},
     source smallint NOT NULL, ${COLS.map((c) => `${c} double precision NOT NULL DEFAULT 0`).join(', ')},
     PRIMARY KEY (gran, category, area, bucket, source));
   CREATE TABLE agg_items (key ${KEY} PRIMARY KEY, last_ms bigint NOT NULL, state text NOT NULL);
   CREATE TABLE agg_categories (area ${KEY}, category ${KEY}, PRIMARY KEY (area, category));
   CREATE TABLE agg_meta (key text PRIMARY KEY, value text NOT NULL);`,
];

type SumRow = Record<string, number> & { k: string };
type Tx = { query(text: string, values?: unknown[]): Promise<unknown> };

const toRow = (r: SumRow): number[] => COLS.map((c) => Number(r[c] ?? 0));

const UPSERT = `INSERT INTO agg_rows (gran, category, area, bucket, source, ${COLS.join(', ')})
  SELECT * FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[], $5::smallint[],
    ${COLS.map((_, i) => `$${i + 6}::float8[]`).join(', ')})
  ON CONFLICT (gran, category, area, bucket, source) DO UPDATE SET
  ${COLS.map((c) => `${c} = agg_rows.${c} + excluded.${c}`).join(', ')}`;

async function addRows(c: Tx, rows: RowDeltas, source: number): Promise<void> {
  if (rows.size === 0) return;
  const keys = [...rows.keys()].map(parseRowKey);
  const values = [...rows.values()];
  await c.query(UPSERT, [
    keys.map((k) => k.gran),
    keys.map((k) => k.category),
    keys.map((k) => k.area),
    keys.map((k) => k.bucket),
    keys.map(() => source),
    ...COLS.map((_, i) => values.map((v) => v[i] ?? 0)),
  ]);
  const categories = new Map<string, [string, string]>();
  for (const k of keys)
    if (k.category !== '' && k.gran === 'day')
      categories.set(`${k.area}\u0000${k.category}`, [k.area, k.category]);
  if (categories.size > 0)
    await c.query(
      `INSERT INTO agg_categories (area, category) SELECT * FROM UNNEST($1::text[], $2::text[])
       ON CONFLICT DO NOTHING`,
      [[...categories.values()].map((a) => a[0]), [...categories.values()].map((a) => a[1])],
    );
}

const SET_META =
  'INSERT INTO agg_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value';

export async function createPgAggregateStore(db: PgDatabase): Promise<AggregateStore> {
  await migratePg(db, MIGRATIONS, 'trends');
  const getMeta = async (key: string) =>
    (await db.query<{ value: string }>('SELECT value FROM agg_meta WHERE key = $1', [key]))[0]?.value ?? null;

  return {
    kind: 'postgres',
    watermark: async () => Number((await getMeta('watermark')) ?? 0),
    loadItems: async () =>
      (
        await db.query<{ key: string; last_ms: string; state: string }>(
          'SELECT key, last_ms, state FROM agg_items',
        )
      ).map((r): [string, ItemState] => [
        r.key,
        { lastMs: Number(r.last_ms), contribution: JSON.parse(r.state) },
      ]),
    commit: ({ rows, items, forget, seq, from }) =>
      db.tx(async (c) => {
        if (from !== undefined) {
          // The watermark row, locked: concurrent commits queue here and see each other's result.
          await c.query("INSERT INTO agg_meta (key, value) VALUES ('watermark', '0') ON CONFLICT DO NOTHING");
          const locked = await c.query<{ value: string }>(
            "SELECT value FROM agg_meta WHERE key = 'watermark' FOR UPDATE",
          );
          const found = Number(locked.rows[0]?.value ?? 0);
          if (found !== from) throw new WatermarkMovedError(from, found);
        }
        await addRows(c, rows, DERIVED);
        if (items.size > 0)
          await c.query(
            `INSERT INTO agg_items (key, last_ms, state) SELECT * FROM UNNEST($1::text[], $2::bigint[], $3::text[])
             ON CONFLICT (key) DO UPDATE SET last_ms = excluded.last_ms, state = excluded.state`,
            [
              [...items.keys()],
              [...items.values()].map((s) => s.lastMs),
              [...items.values()].map((s) => JSON.stringify(s.contribution)),
            ],
          );
        if (forget.length > 0) await c.query('DELETE FROM agg_items WHERE key = ANY($1::text[])', [forget]);
        await c.query(SET_META, ['watermark', String(seq)]);
      }),
    importRows: (rows) => db.tx((c) => addRows(c, rows, IMPORTED)),
    series: async (q: SeriesQuery) =>
      new Map(
        (
          await db.query<SumRow>(
            `SELECT bucket AS k, ${SUMS} FROM agg_rows WHERE gran = $1 AND category = $2 AND area = $3
             AND bucket >= $4 AND bucket <= $5 GROUP BY bucket ORDER BY bucket`,
            [q.gran, q.category, q.area, q.from, q.to],
          )
        ).map((r) => [r.k, toRow(r)]),
      ),
    totalsByArea: async (q) => {
      // 't:' < every township key < 't;' (';' follows ':' in code-point order).
      const upper = `${q.level.slice(0, -1)};`;
      const rows = await db.query<SumRow>(
        `SELECT area AS k, ${SUMS} FROM agg_rows WHERE gran = $1 AND category = '' AND area > $2 AND area < $3
         AND bucket >= $4 AND bucket <= $5 GROUP BY area ORDER BY area`,
        [q.gran, q.level, upper, q.from, q.to],
      );
      return new Map(rows.map((r) => [r.k, toRow(r)]));
    },
    totalsByCategory: async (q) => {
      const rows = await db.query<SumRow>(
        `SELECT category AS k, ${SUMS} FROM agg_rows WHERE gran = $1 AND area = $2 AND category <> ''
         AND bucket >= $3 AND bucket <= $4 GROUP BY category ORDER BY category`,
        [q.gran, q.area, q.from, q.to],
      );
      return new Map(rows.map((r) => [r.k, toRow(r)]));
    },
    pruneHours: async (before) => {
      await db.query("DELETE FROM agg_rows WHERE gran = 'hour' AND bucket < $1", [before]);
    },
    clearDerived: () =>
      db.tx(async (c) => {
        await c.query('DELETE FROM agg_rows WHERE source = $1', [DERIVED]);
        await c.query('DELETE FROM agg_items');
        await c.query("DELETE FROM agg_meta WHERE key = 'watermark'");
      }),
    getMeta,
    setMeta: async (key, value) => {
      await db.query(SET_META, [key, value]);
    },
  };
}
