/**
 * A follower gateway passes ingest and API requests to the ingest owner as they are (method,
 * path, headers, body streamed), so feeds and consoles may talk to any gateway. A request
 * that was forwarded once is never forwarded again (no loops while roles change).
 */
import { Agent, type IncomingMessage, request, type ServerResponse } from 'node:http';
import { sendJson } from '../http/router';

export const FORWARDED_HEADER = 'x-wall-forwarded-by';

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

export function forwardToOwner(
  req: IncomingMessage,
  res: ServerResponse,
  owner: { id: string; url: string },
  via: string,
): void {
  const target = new URL(req.url ?? '/', owner.url);
  const headers: Record<string, string | string[] | undefined> = {
    ...req.headers,
    host: target.host,
    [FORWARDED_HEADER]: via,
  };
  const from = req.socket.remoteAddress;
  if (from) {
    const prior = req.headers['x-forwarded-for'];
    headers['x-forwarded-for'] = prior ? `${prior}, ${from}` : from;
  }
  const upstream = request(target, { method: req.method, headers, agent }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', (err) => {
    req.resume();
    if (res.headersSent) return void res.destroy();
    res.setHeader('retry-after', '1');
    sendJson(res, 503, {
      error: `the ingest owner ${owner.id} (${owner.url}) is unreachable: ${err.message}`,
    });
  });
  req.pipe(upstream);
}

export function wasForwarded(req: IncomingMessage): boolean {
  return req.headers[FORWARDED_HEADER] !== undefined;
}
