import type { Role } from '../../protocol/access';
import type { TokenStore } from './createTokenStore';

/**
 * The first admin: WALL_ADMIN_TOKEN when set (registered once, hashed), otherwise a token
 * generated at the first start and printed once. Returns the token to print, if any.
 */
export function bootstrapAdmin(tokens: TokenStore, adminToken: string | undefined): string | null {
  if (adminToken) {
    if (!tokens.verify(adminToken))
      tokens.issue('admin', { label: 'admin (WALL_ADMIN_TOKEN)', token: adminToken });
    return null;
  }
  if (tokens.count() > 0) return null;
  return tokens.issue('admin', { label: 'bootstrap admin' }).token;
}

/**
 * A fresh token for a built-in client (the simulated feeds, the demo screens) on each start;
 * the previous one with the same label is revoked, so they never pile up.
 */
export function issueSessionToken(tokens: TokenStore, role: Role, label: string, wall?: string): string {
  for (const t of tokens.list()) if (t.label === label && t.revokedAt === null) tokens.revoke(t.id);
  return tokens.issue(role, { label, ...(wall ? { wall } : {}) }).token;
}
