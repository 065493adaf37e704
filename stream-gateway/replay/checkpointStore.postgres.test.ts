import { describe, expect, it } from 'vitest';
import { createEmptyModel } from '../../live-model/createEmptyModel';
import { postgresReachable, testSchema } from '../../tests/support/postgres';
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
});
