/**
 * The public HTTP ingest: `POST /ingest/<feed>` (one item or an array) and
 * `POST /ingest/<feed>/heartbeat`, each within its token's rate and size limits.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '../../protocol/access';
import { FEED_NAMES, type FeedName } from '../../protocol/schemas';
import type { Metrics } from '../createMetrics';
import type { Logger } from '../GatewayContext';
import { type Router, readJsonBody, sendJson } from '../http/router';
import { type Pipeline, WriteRefusedError } from '../pipeline/createPipeline';
import type { IngestGuard } from '../security/createIngestGuard';
import { StorageRefusal } from '../store/createStorageMonitor';
import type { HeartbeatHandler } from './createHeartbeatHandler';

export interface IngestRouteDeps {
  pipeline: Pipeline;
  heartbeat: HeartbeatHandler;
  guard: IngestGuard;
  metrics: Metrics;
  logger: Logger;
}

/** A drill's items come with `?drill=1` or the header `x-wall-drill: 1`. */
function isDrill(header: string | string[] | undefined, url: URL): boolean {
  return header === '1' || url.searchParams.get('drill') === '1';
}

export function addIngestRoutes(router: Router, deps: IngestRouteDeps): void {
  const { pipeline, heartbeat, guard, metrics, logger } = deps;

  function refuse(
    res: ServerResponse,
    who: Principal,
    answer: { status: 413 | 429; reason: string; retryAfterS?: number },
    unread?: IncomingMessage,
  ): void {
    unread?.resume();
    metrics.throttled.inc({
      token: who.credential ?? who.id,
      reason: answer.status === 413 ? 'size' : 'rate',
    });
    if (answer.retryAfterS) res.setHeader('retry-after', String(answer.retryAfterS));
    sendJson(res, answer.status, { error: answer.reason });
  }

  router
    .add('POST', '/ingest/:feed', 'ingest', async ({ req, res, params, principal, url }) => {
      const feed = params.feed as FeedName;
      if (!FEED_NAMES.includes(feed))
        return sendJson(res, 404, { error: `unknown feed "${params.feed}" (use ${FEED_NAMES.join(', ')})` });
      const who = principal as Principal;
      const admitted = guard.admit(who);
      if (!admitted.ok) return refuse(res, who, admitted, req);
      const body = await readJsonBody(req, guard.limitsOf(who).bodyBytes);
      if (!body.ok) {
        if (body.status === 413) metrics.throttled.inc({ token: who.credential ?? who.id, reason: 'size' });
        else metrics.malformed.inc({ source: 'http' });
        return sendJson(res, body.status, { error: body.reason });
      }
      const items = Array.isArray(body.value) ? body.value : [body.value];
      const charged = guard.charge(who, items.length);
      if (!charged.ok) return refuse(res, who, charged);
      try {
        sendJson(
          res,
          202,
          await pipeline.ingest(feed, items, { drill: isDrill(req.headers['x-wall-drill'], url) }),
        );
      } catch (err) {
        if (err instanceof WriteRefusedError) return sendJson(res, 503, { error: err.message });
        // Storage short: refused loudly (counted where refused); the feed keeps the batch and retries.
        if (err instanceof StorageRefusal) return sendJson(res, 507, { error: err.message });
        logger.error({ err: (err as Error).message, feed }, 'ingest batch not stored');
        sendJson(res, 503, { error: `store unavailable: ${(err as Error).message}` });
      }
    })
    .add('POST', '/ingest/:feed/heartbeat', 'ingest', async ({ req, res, params, principal }) => {
      const feed = params.feed as FeedName;
      if (!FEED_NAMES.includes(feed)) return sendJson(res, 404, { error: `unknown feed "${params.feed}"` });
      const who = principal as Principal;
      const admitted = guard.admit(who);
      if (!admitted.ok) return refuse(res, who, admitted, req);
      const body = await readJsonBody(req, 16 * 1024);
      if (!body.ok) return sendJson(res, body.status, { error: body.reason });
      const result = await heartbeat(feed, body.value);
      sendJson(res, result.ok ? 202 : 400, result.ok ? { logged: result.logged } : { error: result.reason });
    });
}
