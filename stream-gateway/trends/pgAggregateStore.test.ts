import { describe } from 'vitest';
import { postgresReachable, testSchema } from '../../tests/support/postgres';
import { describeAggregateStore } from './aggregateStoreContract';
import { createCachedAggregateStore } from './createCachedAggregateStore';
import { createPgAggregateStore } from './pgAggregateStore';

const reachable = await postgresReachable();

describe.skipIf(!reachable)('PostgreSQL aggregate store', () => {
  describeAggregateStore('postgres', async () => createPgAggregateStore((await testSchema()).database()));
  describeAggregateStore('postgres behind the cache', async () =>
    createCachedAggregateStore(await createPgAggregateStore((await testSchema()).database())),
  );
});
