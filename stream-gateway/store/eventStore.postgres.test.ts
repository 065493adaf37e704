import { describe, onTestFinished } from 'vitest';
import { freshSchema, PG_TEST_URL, postgresReachable } from '../../tests/support/postgres';
import { describeEventStore } from './eventStoreContract';
import { createPgDatabase } from './pgDatabase';
import { createPgEventStore } from './pgEventStore';

const reachable = await postgresReachable();

describe.skipIf(!reachable)('PostgreSQL event store', () => {
  describeEventStore('postgres', async () => {
    const schema = await freshSchema();
    const opened: { close(): Promise<void> }[] = [];
    onTestFinished(async () => {
      for (const db of opened) await db.close();
      await schema.drop();
    });
    return {
      async open() {
        const db = createPgDatabase(PG_TEST_URL, { schema: schema.schema });
        opened.push(db);
        return createPgEventStore(db);
      },
    };
  });
});
