/**
 * Keeps the aggregates up to date with the log: folds every committed batch (live and
 * backfilled history) as it commits, catches up from its watermark after a restart, and
 * can rebuild the derived rows from the whole log. Work runs one task at a time, in seq
 * order; the pure folding is live-model/aggregates.
 */
import {
  type AggregateFolder,
  createAggregateFolder,
  type FoldResult,
  type ItemState,
} from '../../live-model/aggregates/createAggregateFolder';
import { createBucketer } from '../../live-model/aggregates/createBucketer';
import type { CategoryClasses } from '../../live-model/aggregates/toContribution';
import type { Envelope } from '../../protocol/log';
import type { SharedWriter } from '../cluster/whileOwner';
import type { Logger } from '../GatewayContext';
import type { Pipeline } from '../pipeline/createPipeline';
import type { EventStore } from '../store/EventStore';
import { type AggregateStore, WatermarkMovedError } from './AggregateStore';

const DAY = 86_400_000;
const PAGE = 5000;

export interface TrendAggregatorDeps {
  aggregates: AggregateStore;
  pipeline: Pipeline;
  store: EventStore;
  classes: CategoryClasses;
  tz: string;
  now: () => number;
  logger: Logger;
  /** Days for which hour rows are kept (default 14). */
  hourDays?: number;
  /** Days an item is remembered after its last count (default 14; longer than any re-send). */
  itemDays?: number;
  /**
   * With aggregates shared by several gateways (a cluster on one PostgreSQL): whether this one
   * writes them now — the ingest owner only. Without it the aggregator always writes.
   */
  writer?: SharedWriter;
}

export interface TrendAggregator {
  /** Resolves when the aggregates have caught up with the log as it was at creation. */
  ready: Promise<void>;
  /** Resolves when every batch committed so far is folded in. */
  settled(): Promise<void>;
  /** Drops the derived rows and folds the whole log again. */
  rebuild(): Promise<{ events: number }>;
  health(): { state: AggregatorState; seq: number; items: number };
  stop(): void;
}

/** `following`: another gateway writes the shared aggregates; this one only reads them. */
type AggregatorState = 'catching-up' | 'ready' | 'failed' | 'following';

export function createTrendAggregator(deps: TrendAggregatorDeps): TrendAggregator {
  const hourDays = deps.hourDays ?? 14;
  const itemDays = deps.itemDays ?? 14;
  const bucketer = createBucketer(deps.tz);
  let folder: AggregateFolder | null = null;
  let seq = 0;
  let state: AggregatorState = deps.writer?.active() === false ? 'following' : 'catching-up';
  const writing = () => deps.writer?.active() !== false;
  let queue: Promise<unknown> = Promise.resolve();
  let lastPruneDay = '';

  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task);
    queue = run.catch((err: Error) => {
      state = 'failed';
      deps.logger.error({ err: err.message }, 'trend aggregates not updated');
    });
    return run;
  };

  const makeFolder = (items?: Iterable<[string, ItemState]>) =>
    createAggregateFolder({
      classes: deps.classes,
      tz: deps.tz,
      keepHour: (ms) => ms >= deps.now() - hourDays * DAY,
      ...(items ? { items } : {}),
    });

  async function apply(events: readonly Envelope[], toSeq: number): Promise<void> {
    if (!folder || toSeq <= seq) return;
    const fresh = events.filter((e) => e.seq > seq);
    const result: FoldResult = folder.fold(fresh);
    const today = bucketer.day(deps.now());
    let forget: string[] = [];
    if (today !== lastPruneDay) {
      lastPruneDay = today;
      forget = folder.prune(deps.now() - itemDays * DAY);
      await deps.aggregates.pruneHours(bucketer.hour(deps.now() - hourDays * DAY));
    }
    // A compare-and-set on the watermark: a writer that is not where the store is (a stale
    // cluster owner, a second gateway) writes nothing.
    await deps.aggregates.commit({ rows: result.rows, items: result.items, forget, seq: toSeq, from: seq });
    seq = toSeq;
  }

  async function catchUp(target: number): Promise<number> {
    let folded = 0;
    while (seq < target) {
      const page = await deps.store.read(seq + 1, PAGE);
      if (page.length === 0) break;
      const within = page.filter((e) => e.seq <= target);
      await apply(within, (within.at(-1) as Envelope).seq);
      folded += within.length;
      if (within.length < page.length) break;
    }
    return folded;
  }

  const target = deps.pipeline.seq;
  const ready = serial(async () => {
    if (!writing()) return;
    seq = await deps.aggregates.watermark();
    if (seq > target) {
      deps.logger.warn({ watermark: seq, log: target }, 'aggregates are ahead of the log: rebuilding them');
      await deps.aggregates.clearDerived();
      seq = 0;
    }
    folder = makeFolder(await deps.aggregates.loadItems());
    const started = Date.now();
    const folded = await catchUp(target);
    if (folded > 0)
      deps.logger.info(
        { events: folded, ms: Date.now() - started },
        'trend aggregates caught up with the log',
      );
    state = 'ready';
  });

  // After a failed write (the store was away) the folder may hold what never landed: start
  // again from what the store has, and fold the log from its watermark.
  async function resync(): Promise<void> {
    // What this process holds in memory may miss another writer's rows.
    deps.aggregates.refresh?.();
    seq = await deps.aggregates.watermark();
    folder = makeFolder(await deps.aggregates.loadItems());
    const folded = await catchUp(deps.pipeline.seq);
    state = 'ready';
    deps.logger.info({ seq, events: folded }, 'trend aggregates caught up again after a failed write');
  }

  const unsubscribe = deps.pipeline.onCommit((batch) => {
    void serial(async () => {
      if (!writing()) return;
      if (state === 'failed' || state === 'following') await resync();
      try {
        // The pipeline jumped ahead (a cluster owner that continued from the shared log):
        // what lies between comes from the log.
        if (batch.fromSeq > seq + 1) await catchUp(batch.seq);
        else await apply(batch.events, batch.seq);
      } catch (err) {
        if (!(err instanceof WatermarkMovedError)) throw err;
        deps.logger.warn({ reason: err.message }, 'trend aggregates: continuing from what the store has');
        await resync();
      }
    });
  });
  // Becoming the writer: continue from the store's watermark; following: read only.
  deps.writer?.onChange((active) => {
    void serial(async () => {
      if (active) {
        state = 'catching-up';
        await resync();
      } else state = 'following';
    });
  });

  return {
    ready,
    settled: () => serial(async () => undefined),
    rebuild: () =>
      serial(async () => {
        if (!writing()) throw new Error('another gateway writes the trend aggregates (the ingest owner)');
        state = 'catching-up';
        await deps.aggregates.clearDerived();
        seq = 0;
        folder = makeFolder();
        const events = await catchUp(deps.pipeline.seq);
        state = 'ready';
        return { events };
      }),
    health: () => ({ state, seq, items: folder?.size ?? 0 }),
    stop: () => {
      unsubscribe();
    },
  };
}
