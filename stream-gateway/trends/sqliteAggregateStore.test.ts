import { createSqliteDatabase } from '../store/sqliteEventStore';
import { describeAggregateStore } from './aggregateStoreContract';
import { createCachedAggregateStore } from './createCachedAggregateStore';
import { createSqliteAggregateStore } from './sqliteAggregateStore';

describeAggregateStore('sqlite', async () => createSqliteAggregateStore(createSqliteDatabase(':memory:')));

describeAggregateStore('sqlite behind the cache', async () =>
  createCachedAggregateStore(createSqliteAggregateStore(createSqliteDatabase(':memory:'))),
);
