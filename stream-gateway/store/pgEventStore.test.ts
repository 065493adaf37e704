/**
 * What only PostgreSQL can do to the log: a connection lost while a batch commits. Through a
 * TCP relay that cuts the client off at COMMIT — after the server has it, or before — the
 * store must end with exactly what it acknowledged.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Envelope } from '../../protocol/log';
import { postgresReachable, testSchema } from '../../tests/support/postgres';
import { startTcpRelay } from '../../tests/support/tcpRelay';
import { createPgDatabase, StoreUnavailableError } from './pgDatabase';
import { createPgEventStore } from './pgEventStore';

const reachable = await postgresReachable();

const tick = (seq: number, text: string) =>
  ({
    seq,
    kind: 'tick',
    at: '2026-11-24T12:00:00.000Z',
    drill: false,
    data: { text },
  }) as unknown as Envelope;

describe.skipIf(!reachable)('PostgreSQL event store, connection lost at COMMIT', () => {
  it.each(['after', 'before'] as const)(
    'keeps only what it acknowledged (cut %s the server has the COMMIT)',
    async (at) => {
      const schema = await testSchema();
      const relay = await startTcpRelay(schema.url);
      onTestFinished(() => relay.close());
      const db = createPgDatabase(relay.url, { schema: schema.schema, max: 1 });
      onTestFinished(() => db.close());
      const store = await createPgEventStore(db);
      await store.append([tick(1, 'one')]);
      relay.cutAtCommit(at);
      const lost = await store.append([tick(2, 'lost'), tick(3, 'lost')]).catch((err: Error) => err);
      expect(lost).toBeInstanceOf(StoreUnavailableError);
      expect(db.health().state).toBe('down');
      // The same seqs again (the pipeline did not advance), now with other events.
      await store.append([tick(2, 'two')]);
      expect(db.health().state).toBe('up');
      const fresh = await createPgEventStore(schema.database());
      expect(await fresh.read(1, 10)).toEqual([tick(1, 'one'), tick(2, 'two')]);
    },
  );
});
