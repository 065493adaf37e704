/**
 * A real gateway on port 0 over a SQLite file with the trends and replay features (the
 * Naxi region pack, a fixed clock, an admin token), for tests of the trends API and of
 * what the log keeps. Resolves once the aggregator has caught up with the log.
 */
import shipped from '../../live-model/peace-index/peaceIndexConfig.json';
import type { RegionPack } from '../../live-model/region/types';
import { PeaceIndexConfigSchema } from '../../protocol/trends';
import { createGateway, type Gateway } from '../../stream-gateway/createGateway';
import type { FeatureFactory } from '../../stream-gateway/GatewayContext';
import { createPlaceLookup } from '../../stream-gateway/region/createPlaceLookup';
import { replayFeature } from '../../stream-gateway/replay/replayFeature';
import { createSqliteCheckpointStore } from '../../stream-gateway/replay/sqliteCheckpointStore';
import type { EventStore } from '../../stream-gateway/store/EventStore';
import { createSqliteDatabase, createSqliteEventStore } from '../../stream-gateway/store/sqliteEventStore';
import type { AggregateStore } from '../../stream-gateway/trends/AggregateStore';
import { createCachedAggregateStore } from '../../stream-gateway/trends/createCachedAggregateStore';
import { createSqliteAggregateStore } from '../../stream-gateway/trends/sqliteAggregateStore';
import { type TrendsFeature, trendsFeature } from '../../stream-gateway/trends/trendsFeature';

export const PEACE_CONFIG = PeaceIndexConfigSchema.parse(shipped);
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface TrendsGateway {
  gateway: Gateway;
  url: string;
  store: EventStore;
  trends: TrendsFeature;
}

export async function startTrendsGateway(options: {
  dbFile: string;
  pack: RegionPack;
  token: string;
  now: number;
  keepDays?: number;
  /** Further features, given the aggregate store (e.g. log retention). */
  more?: (aggregates: AggregateStore) => FeatureFactory[];
}): Promise<TrendsGateway> {
  const db = createSqliteDatabase(options.dbFile);
  const aggregates = createCachedAggregateStore(createSqliteAggregateStore(db));
  const store = createSqliteEventStore(db);
  const gateway = await createGateway({
    store,
    places: createPlaceLookup(options.pack),
    region: 'naxi',
    regionPack: options.pack,
    tz: 'Asia/Shanghai',
    logger: silent,
    now: () => options.now,
    auth: {
      authenticate: (t) => (t === options.token ? { id: 'test', role: 'admin', label: 'test' } : null),
    },
    tickSeconds: 3600,
    features: [
      trendsFeature({ aggregates, config: PEACE_CONFIG }),
      replayFeature({
        checkpoints: createSqliteCheckpointStore(db),
        ...(options.keepDays ? { keepDays: options.keepDays } : {}),
      }),
      ...(options.more?.(aggregates) ?? []),
    ],
  });
  const url = (await gateway.listen(0, '127.0.0.1')).url;
  const trends = gateway.features.find((f) => f.name === 'trends') as TrendsFeature;
  await trends.aggregator.ready;
  return { gateway, url, store, trends };
}
