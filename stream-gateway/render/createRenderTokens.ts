/**
 * Short-lived tokens for the gateway's own headless renderer: a rendered page (a screen for a
 * snapshot, the print route for a report) connects and reads like a screen, as the `system`
 * role (read only: it can change no wall's view). Kept in memory, valid for one render.
 */
import { randomBytes } from 'node:crypto';
import type { Principal } from '../../protocol/access';

export interface RenderTokens {
  /** A token for one render, valid `ttlMs`; `revoke` it when the render is done. */
  issue(label: string, wall?: string): string;
  revoke(token: string): void;
  /** The renderer's principal for a live token, else null (an authenticator in the chain). */
  verify(token: string): Principal | null;
  size(): number;
}

const PREFIX = 'render.';

export function createRenderTokens(options: { now?: () => number; ttlMs?: number } = {}): RenderTokens {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? 120_000;
  const live = new Map<string, { principal: Principal; expiresAt: number }>();
  const sweep = () => {
    const t = now();
    for (const [token, entry] of live) if (entry.expiresAt <= t) live.delete(token);
  };
  return {
    issue(label, wall) {
      sweep();
      const token = `${PREFIX}${randomBytes(24).toString('base64url')}`;
      const id = `system:renderer:${token.slice(PREFIX.length, PREFIX.length + 6)}`;
      live.set(token, {
        principal: { id, role: 'system', label, credential: id, ...(wall ? { wall } : {}) },
        expiresAt: now() + ttlMs,
      });
      return token;
    },
    revoke(token) {
      live.delete(token);
    },
    verify(token) {
      if (!token.startsWith(PREFIX)) return null;
      const entry = live.get(token);
      if (!entry) return null;
      if (entry.expiresAt <= now()) {
        live.delete(token);
        return null;
      }
      return entry.principal;
    },
    size: () => live.size,
  };
}
