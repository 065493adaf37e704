/**
 * Drills (演练): `POST /api/drill {state: start|stop, name}` marks the start and end of an
 * exercise in the log. While one runs, every screen shows a drill banner; drill items
 * (`?drill=1` on ingest) are namespaced `drill:<id>`, kept out of live statistics, and
 * cleared from the live model when the drill stops.
 */
import { z } from 'zod';
import type { FeatureFactory } from '../GatewayContext';
import { readValidBody, sendJson } from '../http/router';

const DrillSchema = z.object({ state: z.enum(['start', 'stop']), name: z.string().min(1).max(60) });

export function drillControl(): FeatureFactory {
  return (ctx) => {
    ctx.router.add('POST', '/api/drill', 'ingest', async ({ req, res }) => {
      const body = await readValidBody(req, DrillSchema, { limit: 4096, label: 'drill' });
      if (!body.ok) return sendJson(res, body.status, { error: body.reason });
      const [event] = await ctx.pipeline.appendSystem([
        { kind: 'drill', at: new Date(ctx.now()).toISOString(), drill: true, data: body.value },
      ]);
      sendJson(res, 202, { seq: event?.seq, drill: ctx.pipeline.model.drill.current });
    });
    return { name: 'drill', health: () => ctx.pipeline.model.drill.current ?? { active: false } };
  };
}
