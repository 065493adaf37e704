/**
 * The aggregates in SQLite, in the same database file as the log (scope `trends`). One
 * clustered table keyed (gran, category, area, bucket, source): a trend is one index range,
 * a year of daily district rows is a few hundred rows.
 */
import type Database from 'better-sqlite3';
import { parseRowKey } from '../../live-model/aggregates/createAggregateFolder';
import { MEASURES } from '../../protocol/trends';
import { migrateSqlite } from '../store/sqliteEventStore';
import {
  type AggregateStore,
  type DerivedChange,
  type RowDeltas,
  type SeriesQuery,
  WatermarkMovedError,
} from './AggregateStore';

const COLS = MEASURES.map((_, i) => `m${i}`);
const SUMS = COLS.map((c) => `SUM(${c}) AS ${c}`).join(', ');
const DERIVED = 0;
const IMPORTED = 1;

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE agg_rows (gran TEXT NOT NULL, category TEXT NOT NULL, area TEXT NOT NULL, bucket TEXT NOT NULL,
     source INTEGER NOT NULL, ${COLS.map((c) => `${c} REAL NOT NULL DEFAULT 0`).join(', ')},
     PRIMARY KEY (gran, category, area, bucket, source)) WITHOUT ROWID;
   CREATE TABLE agg_items (key TEXT PRIMARY KEY, last_ms INTEGER NOT NULL, state TEXT NOT NULL) WITHOUT ROWID;
   CREATE TABLE agg_categories (area TEXT NOT NULL, category TEXT NOT NULL, PRIMARY KEY (area, category)) WITHOUT ROWID;
   CREATE TABLE agg_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
];

type SumRow = Record<string, number> & { k: string };

function toRow(r: SumRow): number[] {
  return COLS.map((c) => r[c] ?? 0);
}

export function createSqliteAggregateStore(db: Database.Database): AggregateStore {
  migrateSqlite(db, MIGRATIONS, 'trends');
  const upsert = db.prepare(
    `INSERT INTO agg_rows (gran, category, area, bucket, source, ${COLS.join(', ')})
     VALUES (?, ?, ?, ?, ?, ${COLS.map(() => '?').join(', ')})
     ON CONFLICT (gran, category, area, bucket, source) DO UPDATE SET
     ${COLS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`,
  );
  const addCategory = db.prepare('INSERT OR IGNORE INTO agg_categories (area, category) VALUES (?, ?)');
  const saveItem = db.prepare('INSERT OR REPLACE INTO agg_items (key, last_ms, state) VALUES (?, ?, ?)');
  const forgetItem = db.prepare('DELETE FROM agg_items WHERE key = ?');
  const getMeta = db.prepare<[string], { value: string }>('SELECT value FROM agg_meta WHERE key = ?');
  const setMeta = db.prepare('INSERT OR REPLACE INTO agg_meta (key, value) VALUES (?, ?)');
  const series = db.prepare<[string, string, string, string, string], SumRow>(
    `SELECT bucket AS k, ${SUMS} FROM agg_rows WHERE gran = ? AND category = ? AND area = ?
     AND bucket >= ? AND bucket <= ? GROUP BY bucket ORDER BY bucket`,
  );
  const byArea = db.prepare<[string, string, string, string, string], SumRow>(
    `SELECT area AS k, ${SUMS} FROM agg_rows WHERE gran = ? AND category = '' AND area > ? AND area < ?
     AND bucket >= ? AND bucket <= ? GROUP BY area`,
  );
  const total = db.prepare<[string, string, string, string, string], SumRow & { n: number }>(
    `SELECT COUNT(*) AS n, ${SUMS} FROM agg_rows WHERE gran = ? AND category = ? AND area = ?
     AND bucket >= ? AND bucket <= ?`,
  );
  const categoriesOf = db.prepare<[string], { category: string }>(
    "SELECT category FROM agg_categories WHERE area = ? AND category <> ''",
  );

  function addRows(rows: RowDeltas, source: number): void {
    for (const [key, row] of rows) {
      const k = parseRowKey(key);
      upsert.run(k.gran, k.category, k.area, k.bucket, source, ...row);
      if (k.category !== '' && k.gran === 'day') addCategory.run(k.area, k.category);
    }
  }

  const commitTx = db.transaction(({ rows, items, forget, seq, from }: DerivedChange) => {
    const found = Number(getMeta.get('watermark')?.value ?? 0);
    if (from !== undefined && found !== from) throw new WatermarkMovedError(from, found);
    addRows(rows, DERIVED);
    for (const [key, state] of items) saveItem.run(key, state.lastMs, JSON.stringify(state.contribution));
    for (const key of forget) forgetItem.run(key);
    setMeta.run('watermark', String(seq));
  });
  const importTx = db.transaction((rows: RowDeltas) => addRows(rows, IMPORTED));

  return {
    kind: 'sqlite',
    watermark: async () => Number(getMeta.get('watermark')?.value ?? 0),
    loadItems: async () =>
      db
        .prepare<[], { key: string; last_ms: number; state: string }>(
          'SELECT key, last_ms, state FROM agg_items',
        )
        .all()
        .map((r) => [r.key, { lastMs: r.last_ms, contribution: JSON.parse(r.state) }]),
    commit: async (change) => commitTx(change),
    importRows: async (rows) => importTx(rows),
    series: async (q: SeriesQuery) =>
      new Map(series.all(q.gran, q.category, q.area, q.from, q.to).map((r) => [r.k, toRow(r)])),
    totalsByArea: async (q) => {
      // 't:' < every township key < 't;' (';' follows ':' in code-point order).
      const upper = `${q.level.slice(0, -1)};`;
      return new Map(byArea.all(q.gran, q.level, upper, q.from, q.to).map((r) => [r.k, toRow(r)]));
    },
    totalsByCategory: async (q) => {
      const out = new Map<string, number[]>();
      for (const { category } of categoriesOf.all(q.area)) {
        const r = total.get(q.gran, category, q.area, q.from, q.to);
        if (r && r.n > 0) out.set(category, toRow(r));
      }
      return out;
    },
    pruneHours: async (before) => {
      db.prepare("DELETE FROM agg_rows WHERE gran = 'hour' AND bucket < ?").run(before);
    },
    clearDerived: async () => {
      db.transaction(() => {
        db.prepare('DELETE FROM agg_rows WHERE source = ?').run(DERIVED);
        db.prepare('DELETE FROM agg_items').run();
        db.prepare("DELETE FROM agg_meta WHERE key = 'watermark'").run();
      })();
    },
    getMeta: async (key) => getMeta.get(key)?.value ?? null,
    setMeta: async (key, value) => {
      setMeta.run(key, value);
    },
  };
}
