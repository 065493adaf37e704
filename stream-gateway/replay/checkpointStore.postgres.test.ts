import { describe, expect, it, onTestFinished } from 'vitest';
import { createEmptyModel } from '../../live-model/createEmptyModel';
import { postgresReachable, testSchema } from '../../tests/support/postgres';
import { startTcpRelay } from '../../tests/support/tcpRelay';
import { createPgDatabase } from '../store/pgDatabase';
import { describeCheckpointStore } from './checkpointStoreContract';
import { createPgCheckpointStore } from './pgCheckpointStore';

const reachable = await postgresReachable();

describe.skipIf(!reachable)('PostgreSQL checkpoint store', () => {
  describeCheckpointStore('postgres', async () => {
    const schema = await testSchema();
    return { open: () => createPgCheckpointStore(schema.database()) };
  });

  it('writes what it keeps in memory when the database closes', async () => {
    const schema = await testSchema();
    const db = schema.database();
    const s = await createPgCheckpointStore(db);
    s.save({ day: '2026-11-24', seq: 7, model: createEmptyModel() });
    await db.close();
    expect((await createPgCheckpointStore(schema.database())).atOrBefore('2026-11-24')?.seq).toBe(7);
  });

  it('keeps a checkpoint it could not write and writes it once the server is back', async () => {
    const schema = await testSchema();
    const relay = await startTcpRelay(schema.url);
    onTestFinished(() => relay.close());
    const db = createPgDatabase(relay.url, { schema: schema.schema });
    onTestFinished(() => db.close());
    const s = await createPgCheckpointStore(db);
    relay.refuse(true);
    s.save({ day: '2026-11-24', seq: 7, model: createEmptyModel() });
    await expect(s.flush()).rejects.toThrow(/^PostgreSQL unavailable: /);
    expect(s.pending()).toBe(1);
    expect(s.atOrBefore('2026-11-24')?.seq).toBe(7);
    relay.refuse(false);
    await s.flush();
    expect(s.pending()).toBe(0);
    expect((await createPgCheckpointStore(schema.database())).atOrBefore('2026-11-24')?.seq).toBe(7);
  });
});
