import { describe, expect, it } from 'vitest';
import { postgresReachable, testSchema } from '../../tests/support/postgres';
import { describeEventStore } from './eventStoreContract';
import { createPgEventStore } from './pgEventStore';

const reachable = await postgresReachable();

describe.skipIf(!reachable)('PostgreSQL event store', () => {
  describeEventStore('postgres', async () => {
    const schema = await testSchema();
    return { open: () => createPgEventStore(schema.database()) };
  });

  it('records each migration once per scope in schema_migrations', async () => {
    const schema = await testSchema();
    await createPgEventStore(schema.database());
    const db = schema.database();
    await createPgEventStore(db);
    expect(await db.query('SELECT scope, version FROM schema_migrations ORDER BY version')).toEqual([
      { scope: 'events', version: 1 },
      { scope: 'events', version: 2 },
    ]);
  });
});
