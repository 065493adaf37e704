import { describe, expect, it, onTestFinished } from 'vitest';
import { createEmptyModel } from '../../live-model/createEmptyModel';
import { postgresReachable, testSchema } from '../../tests/support/postgres';
import { startTcpRelay } from '../../tests/support/tcpRelay';
import { createClusterRoles, ownerWrites } from '../cluster/whileOwner';
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

  it('shared by a cluster: only the owner writes, and a new owner reloads what was written', async () => {
    const schema = await testSchema();
    const [rolesA, rolesB] = [createClusterRoles(), createClusterRoles()];
    rolesA.set('owner');
    const a = await createPgCheckpointStore(schema.database(), ownerWrites(rolesA));
    const b = await createPgCheckpointStore(schema.database(), ownerWrites(rolesB));
    a.save({ day: '2026-11-24', seq: 7, model: createEmptyModel() });
    await a.flush();
    // The follower's own save stays in its memory: nothing of it reaches the shared table.
    b.save({ day: '2026-11-24', seq: 3, model: createEmptyModel() });
    b.prune('2026-11-25');
    await b.flush();
    expect(b.pending()).toBe(0);
    const stored = await createPgCheckpointStore(schema.database());
    expect(stored.atOrBefore('2026-11-24')?.seq).toBe(7);

    a.save({ day: '2026-11-25', seq: 9, model: createEmptyModel() });
    await a.flush();
    rolesA.set('follower');
    rolesB.set('owner');
    await expect.poll(() => b.atOrBefore('2026-11-25')).toMatchObject({ day: '2026-11-25', seq: 9 });
  });
});
