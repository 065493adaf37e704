/**
 * Tokens live in each gateway's own store, and token and login requests are forwarded to the
 * ingest owner, so a screen's token is often one only the owner knows. A follower asks the
 * owner who it is (GET /api/whoami) and remembers the answer for a while. A token revoked on
 * the owner closes sockets there at once; here it fails at the next connection or within
 * the remembered time.
 */
import { type Principal, ROLES } from '../../protocol/access';
import { FORWARDED_HEADER } from './forwardToOwner';

const KEEP_MS = 30_000;
const KEEP_UNKNOWN_MS = 3_000;
const MAX_KEPT = 5_000;

/** The owner's whoami answer as a principal, or null when it is not one. */
export function parseWhoami(body: unknown): Principal | null {
  const who = body as Partial<Principal> | null;
  if (typeof who !== 'object' || who === null) return null;
  if (typeof who.id !== 'string' || typeof who.label !== 'string') return null;
  if (!(ROLES as readonly string[]).includes(who.role as string)) return null;
  if (who.wall !== undefined && typeof who.wall !== 'string') return null;
  return {
    id: who.id,
    role: who.role as Principal['role'],
    label: who.label,
    ...(who.wall ? { wall: who.wall } : {}),
  };
}

export function createOwnerVerifier(deps: {
  owner: () => { url: string } | null;
  via: string;
  now: () => number;
}): (token: string) => Promise<Principal | null> {
  const kept = new Map<string, { principal: Principal | null; until: number }>();
  return async (token) => {
    const owner = deps.owner();
    if (!owner) return null;
    const known = kept.get(token);
    if (known && known.until > deps.now()) return known.principal;
    const res = await fetch(new URL('api/whoami', owner.url), {
      headers: { authorization: `Bearer ${token}`, [FORWARDED_HEADER]: deps.via },
      signal: AbortSignal.timeout(3000),
    });
    const body: unknown = await res.json().catch(() => null);
    const principal = res.status === 200 ? parseWhoami(body) : null;
    if (kept.size >= MAX_KEPT) kept.clear();
    kept.set(token, { principal, until: deps.now() + (principal ? KEEP_MS : KEEP_UNKNOWN_MS) });
    return principal;
  };
}
