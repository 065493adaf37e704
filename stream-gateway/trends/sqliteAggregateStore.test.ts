import { createSqliteDatabase } from '../store/sqliteEventStore';
import { describeAggregateStore } from './aggregateStoreContract';
import { createSqliteAggregateStore } from './sqliteAggregateStore';

describeAggregateStore('sqlite', async () => createSqliteAggregateStore(createSqliteDatabase(':memory:')));
