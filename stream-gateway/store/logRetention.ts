/**
 * The event log over months: snapshots plus a bounded tail. Every `everyHours` (and on
 * `POST /api/store/compact`, admin) the gateway saves a snapshot of the live model and asks
 * the store to delete the events logged before the retention window that everything else
 * has already used: the snapshot covers the model, the trend aggregates have folded them
 * (their daily rows are kept for years), the replay checkpoints cover the replayable days.
 */
import { createBucketer } from '../../live-model/aggregates/createBucketer';
import { addDays, startOfDay } from '../../live-model/zonedTime';
import type { AuditLog } from '../audit/createAuditLog';
import { toAuditActor } from '../audit/recordExport';
import type { FeatureFactory, GatewayFeature } from '../GatewayContext';
import { sendJson } from '../http/router';
import type { CompactResult, EventStore, StoredSnapshot } from './EventStore';

const FIRST_RUN_MS = 5 * 60_000;

export interface LogRetentionOptions {
  /** Whole days of events kept before today (in TZ). */
  retentionDays: number;
  /** Hours between compactions; 0: only on command. */
  everyHours: number;
  /** The log seq the derived stores have folded (trend aggregates); nothing after it goes. */
  foldedSeq?: () => Promise<number>;
  audit?: AuditLog;
}

export interface CompactionReport extends CompactResult {
  at: string;
  before: string;
  ms: number;
}

export type LogRetentionFeature = GatewayFeature & { compactNow(): Promise<CompactionReport | null> };

/** Saves a snapshot of the live model, then compacts the log up to `before` (the shared core of the feature and the CLI). */
export async function compactLog(
  store: EventStore,
  current: StoredSnapshot,
  before: string,
  foldedSeq: number,
): Promise<CompactResult | null> {
  if (!store.compact) return null;
  await store.saveSnapshot({ seq: current.seq, model: current.model });
  return store.compact({ before, maxSeq: foldedSeq });
}

/** The start (ISO) of the oldest day kept: today minus `retentionDays`, in TZ. */
export function retentionStart(nowMs: number, tz: string, retentionDays: number): string {
  const today = createBucketer(tz).day(nowMs);
  return new Date(startOfDay(addDays(today, -retentionDays), tz)).toISOString();
}

export function logRetention(options: LogRetentionOptions): FeatureFactory {
  return (ctx): LogRetentionFeature => {
    let last: CompactionReport | null = null;
    let failed: string | null = null;
    let running: Promise<CompactionReport | null> | null = null;
    const timers: NodeJS.Timeout[] = [];

    async function run(): Promise<CompactionReport | null> {
      const started = ctx.now();
      const before = retentionStart(started, ctx.tz, options.retentionDays);
      const folded = options.foldedSeq ? await options.foldedSeq() : ctx.pipeline.seq;
      const result = await compactLog(
        ctx.store,
        { seq: ctx.pipeline.seq, model: ctx.pipeline.model },
        before,
        folded,
      );
      if (!result) return null;
      last = { ...result, before, at: new Date(started).toISOString(), ms: ctx.now() - started };
      failed = null;
      ctx.logger.info(last, 'event log compacted');
      return last;
    }
    const compactNow = () => {
      running ??= run()
        .catch((err: Error) => {
          failed = err.message;
          ctx.logger.error({ err: err.message }, 'event log not compacted');
          throw err;
        })
        .finally(() => {
          running = null;
        });
      return running;
    };

    ctx.router.add('POST', '/api/store/compact', 'admin', async ({ req, res, principal }) => {
      req.resume();
      const report = await compactNow().catch((err: Error) => err);
      options.audit?.record({
        actor: principal ? toAuditActor(principal) : null,
        action: 'store.compact',
        outcome: report instanceof Error ? 'failed' : 'ok',
        detail: report instanceof Error ? { reason: report.message } : { ...report },
        origin: ctx.originOf(req),
      });
      if (report instanceof Error) return sendJson(res, 500, { error: `not compacted: ${report.message}` });
      if (!report) return sendJson(res, 501, { error: `the ${ctx.store.kind} store keeps every event` });
      sendJson(res, 200, report);
    });

    return {
      name: 'log-retention',
      compactNow,
      start: async () => {
        if (options.everyHours <= 0) return;
        // The first run soon after start, so a gateway restarted more often than everyHours compacts too.
        const quietly = () => void compactNow().catch(() => undefined);
        timers.push(setTimeout(quietly, FIRST_RUN_MS), setInterval(quietly, options.everyHours * 3_600_000));
        for (const t of timers) t.unref();
      },
      stop: async () => {
        for (const t of timers) clearTimeout(t);
        await running?.catch(() => undefined);
      },
      health: () => ({
        retentionDays: options.retentionDays,
        everyHours: options.everyHours,
        last,
        ...(failed ? { state: 'failed', reason: failed } : {}),
      }),
    };
  };
}
