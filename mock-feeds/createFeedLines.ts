/**
 * Feed lines for NDJSON files: the district's events in time order, with the camera
 * catalogue woven in so that each camera comes before the alarms that name it and all
 * three feeds appear early. Deterministic: the same arguments give the same lines.
 */
import type { RegionPack } from '../live-model/region/types';
import type { FeedLine } from '../protocol/schemas';
import {
  DEFAULT_SIMULATION,
  type SimulationOptions,
  simulateDistrict,
  withoutPlace,
} from './simulateDistrict';

/** Every how many lines a not-yet-listed catalogue camera is woven in. */
const CATALOGUE_EVERY = 4;

export function* createFeedLines(
  pack: RegionPack,
  options: Partial<SimulationOptions> & { seed: number; startMs: number },
): Generator<FeedLine> {
  const { cameras, events } = simulateDistrict(pack, { ...DEFAULT_SIMULATION, ...options });
  const byId = new Map(cameras.map((c) => [c.id, c]));
  const listed = new Set<string>();
  let catalogueIndex = 0;
  let written = 0;

  function* camera(id: string): Generator<FeedLine> {
    const c = byId.get(id);
    if (!c || listed.has(id)) return;
    listed.add(id);
    written++;
    yield { feed: 'cameras', data: withoutPlace(c) };
  }

  for (const { line } of events) {
    if (written % CATALOGUE_EVERY === 0) {
      while (catalogueIndex < cameras.length && listed.has((cameras[catalogueIndex] as { id: string }).id))
        catalogueIndex++;
      const next = cameras[catalogueIndex];
      if (next) yield* camera(next.id);
    }
    if (line.feed === 'alarms' && line.data.cameraId) yield* camera(line.data.cameraId);
    if (line.feed === 'cameras') listed.add(line.data.id);
    written++;
    yield line;
  }
}
