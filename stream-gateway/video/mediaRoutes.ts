/**
 * Mounts a media server's channels on the gateway at `/media/<channel>/<file>`, behind the
 * `read` permission: the screens fetch video with the same token as everything else, from
 * the same origin (CSP: `media-src 'self' blob:`). `npm start` mounts the simulated
 * platform's media server here when MOCK_FEEDS=on; a real platform's absolute stream URLs
 * bypass it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { FeatureFactory } from '../GatewayContext';
import { readJsonBody, sendJson } from '../http/router';

export interface MediaHandler {
  handle(req: IncomingMessage, res: ServerResponse, channel: string, file: string): void;
  health(): Record<string, unknown>;
  /** A simulated media server can be told to break a channel (demos, fault tests). */
  setFault?(channel: string, fault: 'stall' | 'not-found' | null): void;
}

const FaultRequestSchema = z
  .object({
    channel: z.string().regex(/^[\w-]{1,64}$/, 'channel: letters, digits, - and _'),
    fault: z.enum(['stall', 'not-found']).nullable(),
  })
  .strict();

export function mediaRoutes(media: MediaHandler): FeatureFactory {
  return (ctx) => {
    ctx.router.add('GET', '/media/:channel/:file', 'read', ({ req, res, params }) =>
      media.handle(req, res, params.channel ?? '', params.file ?? ''),
    );
    const setFault = media.setFault?.bind(media);
    if (setFault)
      ctx.router.add('POST', '/api/media/faults', 'admin', async ({ req, res }) => {
        const body = await readJsonBody(req, 1024);
        if (!body.ok) return sendJson(res, body.status, { error: body.reason });
        const parsed = FaultRequestSchema.safeParse(body.value);
        if (!parsed.success)
          return sendJson(res, 400, { error: `fault: ${parsed.error.issues[0]?.message ?? 'invalid'}` });
        setFault(parsed.data.channel, parsed.data.fault);
        ctx.logger.info(parsed.data, 'media fault set by an administrator');
        sendJson(res, 200, parsed.data);
      });
    return { name: 'media', health: () => media.health() };
  };
}
