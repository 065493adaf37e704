/**
 * Security headers, the Content-Security-Policy and the origin checks for HTTP and
 * Socket.IO. The page runs no inline script; maplibre and hls.js get the blob: workers and
 * MSE media they need, and video may come from the configured media origins.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface SecurityConfig {
  /** Browser origins besides the gateway's own that may call the API and open sockets. */
  corsOrigins: readonly string[];
  /** Media servers (HLS/HTTP-FLV) the video tiles load from: media-src, connect-src, img-src. */
  mediaOrigins: readonly string[];
}

export const DEFAULT_SECURITY: SecurityConfig = { corsOrigins: [], mediaOrigins: [] };

/** `scheme://host[:port]`, lower case, as browsers send it in `Origin`; null if not one. */
export function toOrigin(value: string): string | null {
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * The page's Content-Security-Policy. No inline or eval'd script; inline *styles* stay
 * allowed because echarts' tooltips and maplibre's controls set style attributes (styles
 * cannot run script).
 * @example buildContentSecurityPolicy({ mediaOrigins: ['http://127.0.0.1:8090'] })
 */
export function buildContentSecurityPolicy(config: Pick<SecurityConfig, 'mediaOrigins'>): string {
  const media = config.mediaOrigins.join(' ');
  const withMedia = (list: string) => (media ? `${list} ${media}` : list);
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    withMedia("img-src 'self' data: blob:"),
    "font-src 'self' data:",
    withMedia("connect-src 'self'"),
    withMedia("media-src 'self' blob:"),
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export interface HttpSecurity {
  /** Headers every answer carries. */
  headers: Readonly<Record<string, string>>;
  /** Whether a request's Origin (if any) may talk to the gateway. */
  allowsOrigin(req: IncomingMessage): boolean;
  /**
   * Sets the headers and answers what must not go further (a preflight, a foreign origin).
   * Returns true when the request may go on to the router.
   */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

export function createHttpSecurity(config: SecurityConfig = DEFAULT_SECURITY): HttpSecurity {
  const allowed = new Set(config.corsOrigins.map((o) => toOrigin(o)).filter((o): o is string => o !== null));
  const headers = {
    'content-security-policy': buildContentSecurityPolicy(config),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  };

  /** Null: no Origin header (not a cross-origin browser request); else whether it is allowed. */
  function judge(req: IncomingMessage): { origin: string | null; ok: boolean } {
    const raw = req.headers.origin;
    if (raw === undefined) return { origin: null, ok: true };
    const origin = toOrigin(raw);
    if (!origin) return { origin: raw, ok: false };
    const host = req.headers.host?.toLowerCase();
    if (host && new URL(origin).host === host) return { origin, ok: true };
    return { origin, ok: allowed.has(origin) };
  }

  return {
    headers,
    allowsOrigin: (req) => judge(req).ok,
    handle(req, res) {
      for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
      res.setHeader('vary', 'Origin');
      const { origin, ok } = judge(req);
      if (!ok) {
        req.resume();
        res.writeHead(403, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error: `origin ${origin} is not allowed (CORS_ORIGINS)` }));
        return false;
      }
      if (origin) {
        res.setHeader('access-control-allow-origin', origin);
        res.setHeader('access-control-expose-headers', 'retry-after');
      }
      if (req.method === 'OPTIONS' && origin) {
        res.writeHead(204, {
          'access-control-allow-methods': 'GET, POST, PATCH, DELETE',
          'access-control-allow-headers': 'authorization, content-type, x-wall-console',
          'access-control-max-age': '600',
        });
        res.end();
        return false;
      }
      return true;
    },
  };
}
