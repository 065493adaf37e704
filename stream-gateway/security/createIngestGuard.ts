/**
 * Ingest limits per token: requests per second, items per second and bytes per request,
 * each with a default (configuration) that a token may override. A request over its rate
 * gets 429 with Retry-After and nothing of it is taken (the sender keeps and resends it);
 * a body or batch larger than the token may ever send gets 413.
 */
import type { Principal } from '../../protocol/access';
import { createRateLimiter } from './createRateLimiter';

export interface IngestLimits {
  requestsPerSecond: number;
  requestBurst: number;
  itemsPerSecond: number;
  itemBurst: number;
  /** Largest request body, bytes. */
  bodyBytes: number;
}

export const DEFAULT_INGEST_LIMITS: IngestLimits = {
  requestsPerSecond: 100,
  requestBurst: 500,
  itemsPerSecond: 5000,
  itemBurst: 50_000,
  bodyBytes: 4 * 1024 * 1024,
};

export type GuardAnswer =
  | { ok: true }
  | { ok: false; status: 413 | 429; reason: string; retryAfterS?: number };

export interface IngestGuard {
  limitsOf(principal: Principal): IngestLimits;
  /** Before the body is read: one request. */
  admit(principal: Principal): GuardAnswer;
  /** After it is parsed: the items in it. */
  charge(principal: Principal, items: number): GuardAnswer;
}

export function createIngestGuard(deps: {
  now: () => number;
  defaults?: Partial<IngestLimits>;
  /** A token's own limits, if it has any. */
  overrides?: (principal: Principal) => Partial<IngestLimits> | null;
}): IngestGuard {
  const defaults = { ...DEFAULT_INGEST_LIMITS, ...deps.defaults };
  const requests = createRateLimiter(
    { rate: defaults.requestsPerSecond, burst: defaults.requestBurst },
    deps.now,
  );
  const items = createRateLimiter({ rate: defaults.itemsPerSecond, burst: defaults.itemBurst }, deps.now);
  const keyOf = (p: Principal) => p.credential ?? p.id;
  const limitsOf = (p: Principal): IngestLimits => ({ ...defaults, ...(deps.overrides?.(p) ?? {}) });
  const refuse = (retryAfterMs: number, what: string): GuardAnswer => ({
    ok: false,
    status: 429,
    reason: `${what}: try again in ${Math.ceil(retryAfterMs / 1000)} s`,
    retryAfterS: Math.max(1, Math.ceil(retryAfterMs / 1000)),
  });
  return {
    limitsOf,
    admit(p) {
      const l = limitsOf(p);
      const r = requests.take(keyOf(p), 1, { rate: l.requestsPerSecond, burst: l.requestBurst });
      return r.ok
        ? r
        : refuse(r.retryAfterMs, `more than ${l.requestsPerSecond} ingest requests/s for this token`);
    },
    charge(p, n) {
      const l = limitsOf(p);
      if (n > l.itemBurst)
        return {
          ok: false,
          status: 413,
          reason: `a batch of ${n} items exceeds this token's limit of ${l.itemBurst}`,
        };
      const r = items.take(keyOf(p), n, { rate: l.itemsPerSecond, burst: l.itemBurst });
      return r.ok ? r : refuse(r.retryAfterMs, `more than ${l.itemsPerSecond} items/s for this token`);
    },
  };
}
