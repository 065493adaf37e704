/**
 * The recent days as real events in the log (so that they can be replayed): the simulated
 * district from `anchorMs` to `endMs`, through the pipeline's history path (validated,
 * normalised and masked like any ingest, logged with their own times, never broadcast),
 * with an hourly clock tick and a replay checkpoint at the start of every day.
 */
import { createBucketer } from '../../live-model/aggregates/createBucketer';
import type { RegionPack } from '../../live-model/region/types';
import { districtRhythm } from '../../mock-feeds/historyRhythm';
import { DEFAULT_SIMULATION, simulateDistrict, withoutPlace } from '../../mock-feeds/simulateDistrict';
import type { LiveModel } from '../../protocol/liveModel';
import type { HistoryItem, Pipeline } from '../pipeline/createPipeline';

const HOUR = 3_600_000;
const BATCH = 1000;

export interface BackfillLogOptions {
  pipeline: Pipeline;
  pack: RegionPack;
  tz: string;
  seed: number;
  alarmsPerHour: number;
  anchorMs: number;
  endMs: number;
  /** Called at each day boundary with the model as the day began. */
  checkpoint(day: string, seq: number, model: LiveModel): void;
  onProgress(share: number, day: string): void;
}

export async function backfillLog(o: BackfillLogOptions): Promise<{ events: number; rejected: number }> {
  const bucketer = createBucketer(o.tz);
  const { cameras, events } = simulateDistrict(o.pack, {
    ...DEFAULT_SIMULATION,
    ...districtRhythm(o.tz, bucketer.day(o.endMs)),
    tz: o.tz,
    seed: o.seed,
    startMs: o.anchorMs,
    alarmsPerHour: o.alarmsPerHour,
  });
  let accepted = 0;
  let rejected = 0;
  const send = async (items: HistoryItem[]) => {
    if (items.length === 0) return;
    const r = await o.pipeline.ingestHistory(items);
    accepted += r.accepted;
    rejected += r.rejected.length;
  };
  await send(cameras.map((c) => ({ feed: 'cameras', data: withoutPlace(c), atMs: o.anchorMs - HOUR })));

  let day = bucketer.day(o.anchorMs);
  o.checkpoint(day, o.pipeline.seq, o.pipeline.model);
  let hour = Math.floor(o.anchorMs / HOUR);
  let batch: HistoryItem[] = [];
  for (const e of events) {
    if (e.atMs > o.endMs) break;
    const h = Math.floor(e.atMs / HOUR);
    if (h !== hour || batch.length >= BATCH) {
      await send(batch);
      batch = [];
    }
    if (h > hour) await new Promise((r) => setImmediate(r)); // the gateway serves meanwhile
    while (h > hour) {
      hour++;
      const at = new Date(hour * HOUR).toISOString();
      await o.pipeline.appendSystem([{ kind: 'tick', at, drill: false, data: {} }], { history: true });
      const d = bucketer.day(hour * HOUR);
      if (d !== day) {
        day = d;
        o.checkpoint(day, o.pipeline.seq, o.pipeline.model);
      }
      o.onProgress((hour * HOUR - o.anchorMs) / (o.endMs - o.anchorMs), day);
    }
    batch.push({ feed: e.line.feed, data: e.line.data, atMs: e.atMs });
  }
  await send(batch);
  return { events: accepted, rejected };
}
