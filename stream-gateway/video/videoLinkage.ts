/**
 * Alarm-to-video linkage in the gateway: after every batch with alarm changes, and every
 * second for time-outs, it runs the pure takeover rule over the live model and logs what is
 * due as `video` events — so every screen, every reconnect, every restart and every replay
 * sees the same takeovers, and each one reverts by itself. Also takes pin/unpin requests.
 */
import { z } from 'zod';
import {
  DEFAULT_TAKEOVER_RULES,
  planTakeovers,
  type TakeoverRules,
} from '../../live-model/video/planTakeovers';
import type { NewEnvelope } from '../../protocol/log';
import { PANEL_ID, pinId, type VideoEventData } from '../../protocol/video';
import { WALL_ID } from '../../protocol/wallView';
import type { FeatureFactory } from '../GatewayContext';
import { readJsonBody, sendJson } from '../http/router';
import { DEFAULT_WALL } from '../wall/resolveWall';

export interface VideoLinkageOptions {
  rules?: TakeoverRules;
  /** How often time-outs are checked (ms). */
  sweepMs?: number;
}

const PinRequestSchema = z
  .object({
    wall: z.string().regex(WALL_ID, 'wall: letters, digits, - and _').optional(),
    panel: z.string().regex(PANEL_ID, 'panel: letters, digits, - and _'),
    slot: z.number().int().min(0).max(63),
    /** The camera to hold in the tile; null unpins it. */
    cameraId: z.string().min(1).max(64).nullable(),
  })
  .strict();

export function videoLinkage(options: VideoLinkageOptions = {}): FeatureFactory {
  return (ctx) => {
    const rules = options.rules ?? DEFAULT_TAKEOVER_RULES;
    const counts = { takeovers: 0, reverts: 0, failures: 0 };
    let pending = new Set<string>();
    // The first run (and a run after a failure) looks at every alarm: nothing is missed
    // across a restart or a store hiccup.
    let everything = true;
    let running = false;
    let again = false;
    let timer: NodeJS.Timeout | null = null;

    const append = (data: VideoEventData[]) => {
      const at = new Date(ctx.now()).toISOString();
      return ctx.pipeline.appendSystem(
        data.map((d): NewEnvelope => ({ kind: 'video', at, drill: false, data: d })),
      );
    };

    const plan = async (): Promise<void> => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          const candidates = everything ? undefined : [...pending];
          pending = new Set();
          everything = false;
          const due = planTakeovers(ctx.pipeline.model, ctx.now(), rules, candidates);
          if (due.length === 0) continue;
          await append(due);
          for (const d of due) {
            if (d.op === 'takeover') counts.takeovers++;
            else counts.reverts++;
          }
        } while (again);
      } catch (err) {
        counts.failures++;
        everything = true;
        ctx.logger.warn({ err: (err as Error).message }, 'video takeovers not stored; retrying');
      } finally {
        running = false;
      }
    };

    ctx.pipeline.onCommit((batch) => {
      let relevant = false;
      for (const c of batch.changes) {
        if (c.collection !== 'alarms') continue;
        relevant = true;
        if (c.value) pending.add(c.id);
      }
      if (relevant) void plan();
    });

    ctx.router.add('POST', '/api/video/pins', 'view', async ({ req, res, principal }) => {
      const body = await readJsonBody(req, 4096);
      if (!body.ok) return sendJson(res, body.status, { error: body.reason });
      const parsed = PinRequestSchema.safeParse(body.value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return sendJson(res, 400, {
          error: `pin: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`,
        });
      }
      const { panel, slot, cameraId } = parsed.data;
      const wall = principal?.wall ?? parsed.data.wall ?? DEFAULT_WALL;
      if (principal?.wall && parsed.data.wall && parsed.data.wall !== principal.wall)
        return sendJson(res, 403, { error: `this token belongs to wall ${principal.wall}` });
      const id = pinId(wall, panel, slot);
      const by = principal?.label ?? 'unknown';
      if (cameraId === null) {
        await append([{ op: 'unpin', id, by }]);
        return sendJson(res, 200, { unpinned: id });
      }
      if (!ctx.pipeline.model.cameras[cameraId])
        return sendJson(res, 400, { error: `pin: unknown camera ${cameraId}` });
      const pin = { id, wall, panel, slot, cameraId, by, at: new Date(ctx.now()).toISOString() };
      await append([{ op: 'pin', pin }]);
      sendJson(res, 200, { pinned: pin });
    });

    return {
      name: 'video-linkage',
      async start() {
        await plan();
        timer = setInterval(() => void plan(), options.sweepMs ?? 1000);
      },
      async stop() {
        if (timer) clearInterval(timer);
      },
      health: () => ({
        state: 'up',
        active: Object.keys(ctx.pipeline.model.takeovers).length,
        pins: Object.keys(ctx.pipeline.model.pins).length,
        ...counts,
      }),
    };
  };
}
