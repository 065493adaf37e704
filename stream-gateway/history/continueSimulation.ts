/**
 * How the simulated district's live feeds go on after the backfill or a restart: the same
 * simulation, regenerated from its anchor, sending only what the log does not have yet — so
 * cases received before a restart still move on, and ids never collide.
 */
import { dayKey } from '../../live-model/zonedTime';
import { districtRhythm } from '../../mock-feeds/historyRhythm';
import type { LiveFeedsOptions } from '../../mock-feeds/runLiveFeeds';
import type { LiveModel } from '../../protocol/liveModel';
import type { SimulationAnchor } from './historyBackfill';

export function continueSimulation(
  anchor: SimulationAnchor | null,
  model: LiveModel,
  feeds: { seed: number; alarmsPerHour: number; tz: string },
): Pick<LiveFeedsOptions, 'resume' | 'simulation'> {
  if (!anchor || anchor.seed !== feeds.seed || anchor.alarmsPerHour !== feeds.alarmsPerHour) return {};
  const seen = [model.feeds.alarms.lastEventAt, model.feeds.cases.lastEventAt]
    .filter((t): t is string => t !== null)
    .map((t) => Date.parse(t));
  return {
    resume: { startMs: anchor.anchorMs, resumeAfterMs: Math.max(anchor.endMs, ...seen) },
    simulation: districtRhythm(feeds.tz, dayKey(anchor.endMs, feeds.tz)),
  };
}
