import type { IncomingMessage } from 'node:http';
import type { Principal } from '../../protocol/access';

/** Turns a presented token into a principal (or null). */
export interface Authenticator {
  authenticate(token: string | null | undefined): Principal | null;
}

/**
 * The token a request presents: `Authorization: Bearer …`, else a `token` query parameter
 * (for what cannot set headers, such as a wall screen's first load or a media URL).
 */
export function tokenOf(req: IncomingMessage, url: URL): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  return url.searchParams.get('token');
}
