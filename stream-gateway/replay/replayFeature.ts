/**
 * Replay of a past day through the same reducer as live: the gateway keeps a checkpoint
 * of the model at the start of each day and serves the day's log events in pages; the
 * wall reduces them at the chosen speed (wall-client/src/replay).
 *   GET /api/replay/days                 days that can be replayed
 *   GET /api/replay?day=YYYY-MM-DD        the model when the day began, and its log position
 *   GET /api/replay/events?day&after&limit  the day's events after a seq, in log order
 */

import { daysBetween } from '../../live-model/aggregates/bucketsInRange';
import { createBucketer } from '../../live-model/aggregates/createBucketer';
import { createEmptyModel } from '../../live-model/createEmptyModel';
import { reduceLiveModel } from '../../live-model/reduceLiveModel';
import { addDays, startOfDay } from '../../live-model/zonedTime';
import type { LiveModel } from '../../protocol/liveModel';
import type { Envelope } from '../../protocol/log';
import type { ReplayDayResponse, ReplayEventsResponse } from '../../protocol/trends';
import type { FeatureFactory, GatewayFeature } from '../GatewayContext';
import { sendJson } from '../http/router';
import type { EventStore } from '../store/EventStore';
import type { Checkpoint, CheckpointStore } from './sqliteCheckpointStore';

const PAGE = 5000;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

export interface ReplayFeatureOptions {
  checkpoints: CheckpointStore;
  /** Days kept for replay (default 14). */
  keepDays?: number;
}

export type ReplayFeature = GatewayFeature & {
  /** Records the model at the start of `day` (the history backfill calls this as it crosses days). */
  checkpoint(day: string, seq: number, model: LiveModel): void;
};

/** The day's first checkpoint, fast-forwarded over any events before the day that follow it. */
async function startOfDayModel(
  store: EventStore,
  checkpoints: CheckpointStore,
  day: string,
  dayStartIso: string,
): Promise<Checkpoint> {
  const cp = checkpoints.atOrBefore(day) ?? { day: '', seq: 0, model: createEmptyModel() };
  if (cp.day === day) return cp;
  let { seq, model } = cp;
  for (;;) {
    const page = await store.read(seq + 1, PAGE);
    const before: Envelope[] = [];
    let reached = false;
    for (const e of page) {
      if (e.at >= dayStartIso) {
        reached = true;
        break;
      }
      before.push(e);
    }
    model = reduceLiveModel(model, before).model;
    seq = before.at(-1)?.seq ?? seq;
    if (reached || page.length < PAGE) return { day, seq, model };
  }
}

export function replayFeature(options: ReplayFeatureOptions): FeatureFactory {
  return (ctx): ReplayFeature => {
    const { checkpoints } = options;
    const keepDays = options.keepDays ?? 14;
    const bucketer = createBucketer(ctx.tz);
    const dayStartIso = (day: string) => new Date(startOfDay(day, ctx.tz)).toISOString();
    // Live days: the model after the last batch of a day is the next day's checkpoint.
    const live = { day: bucketer.day(ctx.now()), seq: ctx.pipeline.seq, model: ctx.pipeline.model };
    const unsubscribe = ctx.pipeline.onCommit((batch) => {
      if (batch.history) return;
      const first = batch.events[0];
      const day = first ? bucketer.day(Date.parse(first.at)) : live.day;
      if (day > live.day) {
        checkpoints.save({ day, seq: live.seq, model: live.model }, { replace: false });
        checkpoints.prune(addDays(day, -keepDays));
        live.day = day;
      }
      live.seq = batch.seq;
      live.model = batch.model;
    });

    const parseDay = (value: string | null): string | null => {
      if (!value || !DAY_RE.test(value)) return null;
      const today = bucketer.day(ctx.now());
      return value <= today && value >= addDays(today, -keepDays) ? value : null;
    };

    ctx.router
      .add('GET', '/api/replay/days', 'read', async ({ res }) => {
        const today = bucketer.day(ctx.now());
        const first = (await ctx.store.read(1, 1))[0];
        const oldest = first ? bucketer.day(Date.parse(first.at)) : today;
        const from = [oldest, addDays(today, -keepDays)].sort().at(-1) as string;
        sendJson(res, 200, { days: from <= today ? daysBetween(from, today) : [] });
      })
      .add('GET', '/api/replay', 'read', async ({ res, url }) => {
        const day = parseDay(url.searchParams.get('day'));
        if (!day)
          return sendJson(res, 400, { error: `day must be YYYY-MM-DD within the last ${keepDays} days` });
        const start = await startOfDayModel(ctx.store, checkpoints, day, dayStartIso(day));
        const body: ReplayDayResponse = {
          day,
          fromMs: startOfDay(day, ctx.tz),
          toMs: startOfDay(addDays(day, 1), ctx.tz),
          seq: start.seq,
          model: start.model,
        };
        sendJson(res, 200, body);
      })
      .add('GET', '/api/replay/events', 'read', async ({ res, url }) => {
        const day = parseDay(url.searchParams.get('day'));
        const after = Number(url.searchParams.get('after') ?? 0);
        const limit = Math.min(PAGE, Math.max(1, Number(url.searchParams.get('limit') ?? PAGE) || PAGE));
        if (!day || !Number.isInteger(after) || after < 0)
          return sendJson(res, 400, { error: 'day (YYYY-MM-DD) and after (a seq) are required' });
        const from = dayStartIso(day);
        const to = dayStartIso(addDays(day, 1));
        const bound = checkpoints.seqAfter(day) ?? Number.POSITIVE_INFINITY;
        const page = await ctx.store.read(after + 1, limit);
        const within = page.filter((e) => e.seq <= bound);
        const events = within.filter((e) => e.at >= from && e.at < to);
        const more = within.length === page.length && page.length === limit;
        const body: ReplayEventsResponse = { day, events, next: more ? (page.at(-1)?.seq ?? null) : null };
        sendJson(res, 200, body);
      });

    return {
      name: 'replay',
      checkpoint(day, seq, model) {
        checkpoints.save({ day, seq, model }, { replace: true });
      },
      health: () => ({ days: checkpoints.days().length }),
      stop: async () => {
        unsubscribe();
      },
    };
  };
}
