/**
 * What only PostgreSQL can do to the log: a connection lost while a batch commits. Through a
 * TCP relay that cuts the client off at COMMIT — after the server has it, or before — the
 * store must end with exactly what it acknowledged.
 */
import { createServer, type Server, Socket } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Envelope } from '../../protocol/log';
import { postgresReachable, testSchema } from '../../tests/support/postgres';
import { createPgDatabase, StoreUnavailableError } from './pgDatabase';
import { createPgEventStore } from './pgEventStore';

const reachable = await postgresReachable();

/** A relay to the test server; `cutAtCommit` drops the client once, at its next COMMIT. */
async function startRelay(target: URL) {
  let mode: 'pass' | 'after-commit' | 'before-commit' = 'pass';
  const server: Server = createServer((client) => {
    const upstream = new Socket();
    upstream.connect(Number(target.port || 5432), target.hostname);
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
    client.on('data', (chunk: Buffer) => {
      const commit = chunk.includes('COMMIT') && mode !== 'pass';
      if (commit && mode === 'before-commit') {
        mode = 'pass';
        client.destroy();
        upstream.destroy();
        return;
      }
      upstream.write(chunk);
      if (commit) {
        mode = 'pass';
        // The server has the COMMIT; its answer never reaches the client.
        client.destroy();
        upstream.once('data', () => upstream.destroy());
      }
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!client.destroyed) client.write(chunk);
    });
    client.on('close', () => {
      if (mode === 'pass' && !upstream.destroyed) upstream.end();
    });
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address() as { port: number };
  const url = new URL(target);
  url.host = `127.0.0.1:${address.port}`;
  return {
    url: url.toString(),
    cut(at: 'after-commit' | 'before-commit') {
      mode = at;
    },
  };
}

const tick = (seq: number, text: string) =>
  ({
    seq,
    kind: 'tick',
    at: '2026-11-24T12:00:00.000Z',
    drill: false,
    data: { text },
  }) as unknown as Envelope;

describe.skipIf(!reachable)('PostgreSQL event store, connection lost at COMMIT', () => {
  it.each(['after-commit', 'before-commit'] as const)('keeps only what it acknowledged (%s)', async (at) => {
    const schema = await testSchema();
    const relay = await startRelay(new URL(schema.url));
    const db = createPgDatabase(relay.url, { schema: schema.schema, max: 1 });
    onTestFinished(() => db.close());
    const store = await createPgEventStore(db);
    await store.append([tick(1, 'one')]);
    relay.cut(at);
    const lost = await store.append([tick(2, 'lost'), tick(3, 'lost')]).catch((err: Error) => err);
    expect(lost).toBeInstanceOf(StoreUnavailableError);
    expect(db.health().state).toBe('down');
    // The same seqs again (the pipeline did not advance), now with other events.
    await store.append([tick(2, 'two')]);
    expect(db.health().state).toBe('up');
    const fresh = await createPgEventStore(schema.database());
    expect(await fresh.read(1, 10)).toEqual([tick(1, 'one'), tick(2, 'two')]);
  });
});
