/**
 * Where the gateway keeps things, decided in one place. Without DATABASE_URL everything is
 * in one SQLite file (DATA_DIR/wall.db). With DATABASE_URL (postgres://…) the event log
 * (events, snapshots, rejected items), the trend aggregates and the replay checkpoints are
 * in PostgreSQL; tokens, users, the audit log and wall views stay in the local SQLite file
 * (docs/storage.md says why). The `feature` reports the storage in /health and, while
 * PostgreSQL is away, probes it so that the state and the written-behind checkpoints
 * recover as soon as it is back.
 */
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { SharedWriter } from '../cluster/whileOwner';
import type { FeatureFactory } from '../GatewayContext';
import { createPgCheckpointStore } from '../replay/pgCheckpointStore';
import { type CheckpointStore, createSqliteCheckpointStore } from '../replay/sqliteCheckpointStore';
import type { AggregateStore } from '../trends/AggregateStore';
import { createCachedAggregateStore } from '../trends/createCachedAggregateStore';
import { createPgAggregateStore } from '../trends/pgAggregateStore';
import { createSqliteAggregateStore } from '../trends/sqliteAggregateStore';
import type { EventStore } from './EventStore';
import { createPgDatabase } from './pgDatabase';
import { createPgEventStore } from './pgEventStore';
import { createSqliteDatabase, createSqliteEventStore } from './sqliteEventStore';

export interface Stores {
  /** The local SQLite database: tokens, users, audit, wall views (and all the rest without DATABASE_URL). */
  db: Database.Database;
  store: EventStore;
  aggregates: AggregateStore;
  checkpoints: CheckpointStore;
  /** The `storage` entry of /health (state `down` makes the gateway `degraded`). */
  feature: FeatureFactory;
  /** One line for the start-up message, without credentials. */
  describe: string;
  /** Idempotent; after the gateway has closed. */
  close(): Promise<void>;
}

export interface OpenStoresOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** With PostgreSQL shared by a cluster: whether this gateway writes the replay checkpoints now (the owner). */
  writer?: SharedWriter | undefined;
  /** Probe period while PostgreSQL is down or checkpoints wait to be written (default 1000 ms). */
  probeMs?: number;
}

export async function openStores(options: OpenStoresOptions): Promise<Stores> {
  const file = join(options.dataDir, 'wall.db');
  const db = createSqliteDatabase(file);
  const closeSqlite = async () => {
    if (db.open) db.close();
  };
  if (!options.databaseUrl) {
    return {
      db,
      store: createSqliteEventStore(db),
      aggregates: createCachedAggregateStore(createSqliteAggregateStore(db)),
      checkpoints: createSqliteCheckpointStore(db),
      feature: () => ({ name: 'storage', health: () => ({ kind: 'sqlite', state: 'up', file }) }),
      describe: `sqlite ${file}`,
      close: closeSqlite,
    };
  }
  const pg = createPgDatabase(options.databaseUrl);
  try {
    const store = await createPgEventStore(pg);
    const aggregates = createCachedAggregateStore(await createPgAggregateStore(pg));
    const checkpoints = await createPgCheckpointStore(pg, options.writer);
    const probeMs = options.probeMs ?? 1000;
    const feature: FeatureFactory = (ctx) => {
      let timer: NodeJS.Timeout | null = null;
      let ticks = 0;
      let busy = false;
      const probe = async () => {
        const down = pg.health().state === 'down';
        // While up, a ping every few seconds notices an outage even when nothing is written.
        if (down || ticks++ % 5 === 0) {
          const up = await pg.ping();
          if (up && down) ctx.logger.info({ where: pg.where }, 'PostgreSQL reachable again');
          if (!up && !down) ctx.logger.error({ reason: pg.health().reason }, 'PostgreSQL unavailable');
        }
        if (pg.health().state === 'up' && checkpoints.pending() > 0) await checkpoints.flush();
      };
      return {
        name: 'storage',
        start: async () => {
          timer = setInterval(() => {
            if (busy) return;
            busy = true;
            probe()
              .catch(() => undefined)
              .finally(() => {
                busy = false;
              });
          }, probeMs);
          timer.unref();
        },
        stop: async () => {
          if (timer) clearInterval(timer);
        },
        health: () => ({
          kind: 'postgres',
          where: pg.where,
          ...pg.health(),
          local: file,
          checkpointsPending: checkpoints.pending(),
        }),
      };
    };
    return {
      db,
      store,
      aggregates,
      checkpoints,
      feature,
      describe: `postgres ${pg.where} (tokens, users, audit, wall views: ${file})`,
      close: async () => {
        await pg.close();
        await closeSqlite();
      },
    };
  } catch (err) {
    await pg.close().catch(() => undefined);
    await closeSqlite();
    throw err;
  }
}
