/**
 * Watches the clock for the freshness contract: when a feed or channel has been silent past
 * its cadence, logs a `feed-status` event (so the wall and a replay both see the outage).
 * Recovery needs no event from here: anything arriving marks the feed trusted in the reducer.
 */
import { type Cadences, judgeFreshness } from '../../live-model/freshness';
import type { FeedStatus, LiveModel } from '../../protocol/liveModel';
import type { NewEnvelope } from '../../protocol/log';

/** The feed-status events that the model needs at `nowMs`; empty when all states stand. */
export function planFreshnessEvents(
  model: LiveModel,
  nowMs: number,
  cadences: Cadences,
): NewEnvelope<'feed-status'>[] {
  const at = new Date(nowMs).toISOString();
  const out: NewEnvelope<'feed-status'>[] = [];
  const visit = (target: 'feed' | 'channel', status: FeedStatus | undefined) => {
    if (!status) return;
    const cadence = cadences[status.id as keyof Cadences];
    if (cadence === undefined) return;
    const verdict = judgeFreshness(status, nowMs, cadence);
    if (!verdict) return;
    const data = {
      target,
      id: status.id,
      state: verdict.state,
      ...(verdict.reason ? { reason: verdict.reason } : {}),
    };
    out.push({ kind: 'feed-status', at, drill: false, data });
  };
  for (const s of Object.values(model.feeds)) visit('feed', s);
  for (const s of Object.values(model.channels)) visit('channel', s);
  return out;
}
