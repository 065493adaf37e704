/**
 * Where a request came from, for the audit log: the peer address (or the first
 * X-Forwarded-For hop when the gateway is configured to trust its proxy), the console
 * (desk) named in `X-Wall-Console`, and the browser. Never the query string: it may hold
 * a `?token=`.
 */
import type { IncomingMessage } from 'node:http';
import type { AuditOrigin } from '../../protocol/audit';

export const CONSOLE_HEADER = 'x-wall-console';

/**
 * A desk name as a console sends it (percent-encoded, since headers are Latin-1): letters,
 * digits, CJK, `-_.#` and spaces, at most 40.
 * @example toConsoleName(encodeURIComponent('值班台-1')) // '值班台-1'
 */
export function toConsoleName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  let decoded = value;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    // not percent-encoded: keep it as sent
  }
  const clean = decoded
    .replace(/[^\p{L}\p{N} _.#-]/gu, '')
    .trim()
    .slice(0, 40);
  return clean === '' ? null : clean;
}

export function requestOrigin(req: IncomingMessage, trustProxy = false): AuditOrigin {
  const forwarded = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  const hop = typeof forwarded === 'string' ? forwarded.split(',')[0]?.trim() : undefined;
  const ua = req.headers['user-agent'];
  return {
    ip: (hop || req.socket.remoteAddress) ?? null,
    console: toConsoleName(req.headers[CONSOLE_HEADER]),
    userAgent: typeof ua === 'string' ? ua.slice(0, 200) : null,
  };
}
