/**
 * First start of the demo: a year of history so that trends mean something at once.
 * - The older days are imported as daily aggregates, drawn from a simulated week (as a
 *   centre brings the statistics of its previous system): trends, 环比 and 同比 work.
 * - The last `logDays` days are real events in the log, through the pipeline's history
 *   path (not broadcast): they can be replayed, and they rebuild the live model and the
 *   aggregates like any other log events.
 * Runs once into an empty store, in the background: the gateway serves (and /health answers)
 * meanwhile. Records where the simulation is anchored so that the live feeds continue it.
 */

import type { RegionPack } from '../../live-model/region/types';
import { addDays, dayKey, startOfDay } from '../../live-model/zonedTime';
import { historyIncidents } from '../../mock-feeds/historyRhythm';
import type { LiveModel } from '../../protocol/liveModel';
import type { PeaceIndexConfig } from '../../protocol/trends';
import type { FeatureFactory, GatewayFeature } from '../GatewayContext';
import type { PlaceLookup } from '../ingest/parseFeedItem';
import type { AggregateStore } from '../trends/AggregateStore';
import { backfillLog } from './backfillLog';
import { buildHistoryTemplate } from './buildHistoryTemplate';
import { createProgressBar, type ProgressBar } from './createProgressBar';
import { drawHistoryRows } from './drawHistoryRows';

/** Where the simulated district is anchored: the live feeds regenerate it from here. */
export interface SimulationAnchor {
  seed: number;
  alarmsPerHour: number;
  /** Start of the first day in the log. */
  anchorMs: number;
  /** Up to where the backfill logged events. */
  endMs: number;
  /** First day of imported aggregates. */
  importedFrom: string;
}

export interface HistoryBackfillOptions {
  aggregates: AggregateStore;
  config: PeaceIndexConfig;
  pack: RegionPack;
  places: PlaceLookup;
  seed: number;
  alarmsPerHour: number;
  /** Days of history in all (default 400: a year plus the 同比 of the last four weeks). */
  days?: number;
  /** Of which, the most recent days as events in the log (default 8). */
  logDays?: number;
  /** Run even if not empty? Only an empty store is backfilled. */
  progress?: ProgressBar;
  /** Records the model at the start of a day (the replay feature's checkpoint). */
  checkpoint?: (day: string, seq: number, model: LiveModel) => void;
}

export type HistoryBackfill = GatewayFeature & {
  /** Resolves with the anchor the live feeds continue from (null: nothing to continue). */
  done: Promise<SimulationAnchor | null>;
};

const META = 'simulation-anchor';

export function historyBackfill(o: HistoryBackfillOptions): FeatureFactory {
  return (ctx): HistoryBackfill => {
    let state: 'idle' | 'running' | 'done' | 'failed' = 'idle';
    let share = 0;
    let resolveDone: (a: SimulationAnchor | null) => void = () => undefined;
    const done = new Promise<SimulationAnchor | null>((r) => {
      resolveDone = r;
    });

    async function run(): Promise<SimulationAnchor | null> {
      const stored = await o.aggregates.getMeta(META);
      if (stored) return JSON.parse(stored) as SimulationAnchor;
      if (ctx.pipeline.seq > 0) return null;
      state = 'running';
      const started = Date.now();
      const bar = o.progress ?? createProgressBar('[wall] backfill');
      const endMs = ctx.now();
      const today = dayKey(endMs, ctx.tz);
      const logDays = o.logDays ?? 8;
      const totalDays = Math.max(o.days ?? 400, logDays + 1);
      const anchorDay = addDays(today, -logDays);
      const importedFrom = addDays(anchorDay, -(totalDays - logDays));
      const anchor: SimulationAnchor = {
        seed: o.seed,
        alarmsPerHour: o.alarmsPerHour,
        anchorMs: startOfDay(anchorDay, ctx.tz),
        endMs,
        importedFrom,
      };
      const IMPORT_SHARE = 0.35;

      const template = await buildHistoryTemplate({
        pack: o.pack,
        places: o.places,
        tz: ctx.tz,
        seed: o.seed ^ 0x5eed,
        alarmsPerHour: o.alarmsPerHour,
        classes: o.config.categoryClasses,
        startDay: addDays(importedFrom, -14),
      });
      const importDays = totalDays - logDays;
      let drawn = 0;
      for (const { rows, days } of drawHistoryRows({
        template,
        firstDay: importedFrom,
        lastDay: addDays(anchorDay, -1),
        latestDay: addDays(today, -1),
        anchorDay: today,
        incidents: historyIncidents(o.pack, anchorDay),
        seed: o.seed,
      })) {
        await o.aggregates.importRows(rows);
        drawn += days;
        share = (IMPORT_SHARE * drawn) / importDays;
        bar.update(share, `statistics ${addDays(importedFrom, drawn - 1)}`);
        await new Promise((r) => setImmediate(r));
      }
      const log = await backfillLog({
        pipeline: ctx.pipeline,
        pack: o.pack,
        tz: ctx.tz,
        seed: o.seed,
        alarmsPerHour: o.alarmsPerHour,
        anchorMs: anchor.anchorMs,
        endMs,
        checkpoint: o.checkpoint ?? (() => undefined),
        onProgress: (s, day) => {
          share = IMPORT_SHARE + (1 - IMPORT_SHARE) * s;
          bar.update(share, `events ${day}`);
        },
      });
      await ctx.store.saveSnapshot({ seq: ctx.pipeline.seq, model: ctx.pipeline.model });
      await o.aggregates.setMeta(META, JSON.stringify(anchor));
      bar.done(
        `${totalDays} days: ${importDays} as daily statistics, ${logDays + 1} as ${log.events} log events, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      return anchor;
    }

    return {
      name: 'history-backfill',
      done,
      start: async () => {
        run()
          .then((anchor) => {
            if (state === 'running') state = 'done';
            resolveDone(anchor);
          })
          .catch((err: Error) => {
            state = 'failed';
            ctx.logger.error({ err: err.message }, 'history backfill failed');
            resolveDone(null);
          });
      },
      health: () => ({ state, progress: Math.round(share * 100) / 100 }),
    };
  };
}
