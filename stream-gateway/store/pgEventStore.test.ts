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

/** A fresh schema reached through a TCP relay that can cut the connection at COMMIT. */
async function storeBehindRelay() {
  const schema = await testSchema();
  const relay = await startTcpRelay(schema.url);
  onTestFinished(() => relay.close());
  const db = createPgDatabase(relay.url, { schema: schema.schema, max: 1 });
  onTestFinished(() => db.close());
  return { schema, relay, db };
}

describe.skipIf(!reachable)('PostgreSQL event store, connection lost at COMMIT', () => {
  it.each(['after', 'before'] as const)(
    'keeps only what it acknowledged (cut %s the server has the COMMIT)',
    async (at) => {
      const { schema, relay, db } = await storeBehindRelay();
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

describe.skipIf(!reachable)('PostgreSQL event store shared by two gateways (a cluster)', () => {
  it.each(['claims the log', 'writes after it'] as const)(
    'never clears an uncertain batch once another store %s',
    async (how) => {
      const { schema, relay, db } = await storeBehindRelay();
      const stale = await createPgEventStore(db);
      await stale.append([tick(1, 'one')]);
      relay.cutAtCommit('after');
      await expect(stale.append([tick(2, 'landed'), tick(3, 'landed')])).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
      // Another gateway takes over: it reads the log as it is (the batch landed) and goes on.
      const owner = await createPgEventStore(schema.database());
      if (how === 'claims the log') await owner.claimWriter?.();
      else await owner.append([tick(4, 'four')]);
      // The stale one's next append of the same seqs may not remove what the owner built on.
      await expect(stale.append([tick(2, 'stale')])).rejects.toThrow(/seq 2\.\.2 refused/);
      const expected = [tick(1, 'one'), tick(2, 'landed'), tick(3, 'landed')];
      if (how === 'writes after it') expected.push(tick(4, 'four'));
      expect(await owner.read(1, 10)).toEqual(expected);
    },
  );

  it('a store that claims the log keeps a batch of its own that landed (it is history now)', async () => {
    const schema = await testSchema();
    const relay = await startTcpRelay(schema.url);
    onTestFinished(() => relay.close());
    const db = createPgDatabase(relay.url, { schema: schema.schema, max: 1 });
    onTestFinished(() => db.close());
    const store = await createPgEventStore(db);
    relay.cutAtCommit('after');
    await expect(store.append([tick(1, 'landed')])).rejects.toBeInstanceOf(StoreUnavailableError);
    // Taking over (again): the model is rebuilt from the log, the batch included.
    await store.claimWriter?.();
    await store.append([tick(2, 'two')]);
    expect(await store.read(1, 10)).toEqual([tick(1, 'landed'), tick(2, 'two')]);
  });
});
