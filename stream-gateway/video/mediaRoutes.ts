/**
 * Mounts a media server's channels on the gateway at `/media/<channel>/<file>`, behind the
 * `read` permission: the screens fetch video with the same token as everything else, from
 * the same origin (CSP: `media-src 'self' blob:`). `npm start` mounts the simulated
 * platform's media server here when MOCK_FEEDS=on; a real platform's absolute stream URLs
 * bypass it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FeatureFactory } from '../GatewayContext';

export interface MediaHandler {
  handle(req: IncomingMessage, res: ServerResponse, channel: string, file: string): void;
  health(): Record<string, unknown>;
}

export function mediaRoutes(media: MediaHandler): FeatureFactory {
  return (ctx) => {
    ctx.router.add('GET', '/media/:channel/:file', 'read', ({ req, res, params }) =>
      media.handle(req, res, params.channel ?? '', params.file ?? ''),
    );
    return { name: 'media', health: () => media.health() };
  };
}
