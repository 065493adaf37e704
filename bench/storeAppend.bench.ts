/**
 * `node --import tsx bench/storeAppend.bench.ts`: appending alarm envelopes to the event
 * log, one event per commit and 100 per commit, PostgreSQL (the shared test server or
 * WALL_TEST_DATABASE_URL, a fresh schema dropped afterwards) beside SQLite (a temp file) in
 * the same run; then reading the log back in pages of 5,000. Figures in docs/storage.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Envelope } from '../protocol/log';
import type { EventStore } from '../stream-gateway/store/EventStore';
import { createPgDatabase } from '../stream-gateway/store/pgDatabase';
import { createPgEventStore } from '../stream-gateway/store/pgEventStore';
import { createSqliteDatabase, createSqliteEventStore } from '../stream-gateway/store/sqliteEventStore';
import { alarmInput } from '../tests/fixtures/feedItems';
import { freshSchema, PG_TEST_URL } from '../tests/support/postgres';

const envelope = (seq: number) =>
  ({
    seq,
    kind: 'alarm',
    at: '2026-11-25T00:00:00.000Z',
    drill: false,
    data: alarmInput({ id: `A${seq}` }),
  }) as unknown as Envelope;

async function measure(name: string, store: EventStore, batch: number, total: number): Promise<void> {
  let seq = await store.lastSeq();
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < total / batch; i++) {
    const events = Array.from({ length: batch }, () => envelope(++seq));
    const t = performance.now();
    await store.append(events);
    latencies.push(performance.now() - t);
  }
  const ms = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => (latencies[Math.floor(latencies.length * q)] ?? 0).toFixed(2);
  const readStarted = performance.now();
  let read = 0;
  for (let from = 1; ; ) {
    const page = await store.read(from, 5000);
    read += page.length;
    if (page.length < 5000) break;
    from = (page.at(-1) as Envelope).seq + 1;
  }
  const readMs = performance.now() - readStarted;
  console.log(
    `${name.padEnd(10)} batch ${String(batch).padStart(3)}: ${Math.round(total / (ms / 1000))} events/s, append p50 ${at(0.5)} ms p99 ${at(0.99)} ms; read ${read} back in ${readMs.toFixed(0)} ms`,
  );
}

for (const [batch, total] of [
  [1, 5000],
  [100, 50_000],
] as const) {
  const schema = await freshSchema();
  const db = createPgDatabase(PG_TEST_URL, { schema: schema.schema });
  await measure('postgres', await createPgEventStore(db), batch, total);
  await db.close();
  await schema.drop();
  const dir = mkdtempSync(join(tmpdir(), 'bench-store-'));
  const store = createSqliteEventStore(createSqliteDatabase(join(dir, 'wall.db')));
  await measure('sqlite', store, batch, total);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
