/**
 * Heartbeats from feeds (HTTP, MQTT, last will). A heartbeat that only repeats what the
 * model already knows is not logged: the log holds at most a few per cadence, not thousands.
 */
import type { Cadences } from '../../live-model/freshness';
import type { HeartbeatData } from '../../protocol/log';
import { type FeedName, HeartbeatSchema } from '../../protocol/schemas';
import type { Pipeline } from '../pipeline/createPipeline';

export type HeartbeatResult = { ok: true; logged: boolean } | { ok: false; reason: string };

export function createHeartbeatHandler(deps: { pipeline: Pipeline; cadences: Cadences; now: () => number }) {
  return async (feed: FeedName, raw: unknown): Promise<HeartbeatResult> => {
    const parsed = HeartbeatSchema.safeParse(raw ?? {});
    if (!parsed.success)
      return { ok: false, reason: `heartbeat: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
    const data: HeartbeatData = {
      feed,
      status: parsed.data.status,
      ...(parsed.data.channel ? { channel: parsed.data.channel } : {}),
    };
    const model = deps.pipeline.model;
    const status = data.channel ? model.channels[data.channel] : model.feeds[feed];
    const nowMs = deps.now();
    const id = data.channel ?? feed;
    const quietFor = Math.min((deps.cadences[id as keyof Cadences] ?? 60) / 3, 30) * 1000;
    const recent = status?.lastSeenAt && nowMs - Date.parse(status.lastSeenAt) < quietFor;
    if (data.status === 'alive' && status?.state === 'trusted' && recent) return { ok: true, logged: false };
    await deps.pipeline.appendSystem([
      { kind: 'heartbeat', at: new Date(nowMs).toISOString(), drill: false, data },
    ]);
    return { ok: true, logged: true };
  };
}
export type HeartbeatHandler = ReturnType<typeof createHeartbeatHandler>;
