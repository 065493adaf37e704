/**
 * Token buckets keyed by who is asking (a token id, an address): `rate` per second refill,
 * up to `burst`. The clock is injected, so tests need no waiting. Idle keys are forgotten.
 */

export interface Bucket {
  /** Sustained rate, units per second. */
  rate: number;
  /** Most units that may be spent at once. */
  burst: number;
}

export type Take = { ok: true } | { ok: false; retryAfterMs: number };

export interface RateLimiter {
  /** Spends `cost` units of `key`'s bucket, or says how long until it could. */
  take(key: string, cost?: number, bucket?: Bucket): Take;
  /** Whether `cost` units could be spent now, without spending them. */
  peek(key: string, cost?: number, bucket?: Bucket): Take;
  size(): number;
}

export function createRateLimiter(defaults: Bucket, now: () => number, maxKeys = 10_000): RateLimiter {
  const state = new Map<string, { tokens: number; at: number }>();

  function refill(key: string, bucket: Bucket): { tokens: number; at: number } {
    const t = now();
    const s = state.get(key) ?? { tokens: bucket.burst, at: t };
    s.tokens = Math.min(bucket.burst, s.tokens + ((t - s.at) / 1000) * bucket.rate);
    s.at = t;
    if (!state.has(key)) {
      if (state.size >= maxKeys) {
        // Forget the longest-idle half; a forgotten key starts with a full bucket.
        const keys = [...state.entries()].sort((a, b) => a[1].at - b[1].at).slice(0, maxKeys / 2);
        for (const [k] of keys) state.delete(k);
      }
      state.set(key, s);
    }
    return s;
  }

  function check(key: string, cost: number, bucket: Bucket, spend: boolean): Take {
    const s = refill(key, bucket);
    if (cost <= s.tokens) {
      if (spend) s.tokens -= cost;
      return { ok: true };
    }
    if (cost > bucket.burst) return { ok: false, retryAfterMs: Number.POSITIVE_INFINITY };
    return { ok: false, retryAfterMs: Math.ceil(((cost - s.tokens) / bucket.rate) * 1000) };
  }

  return {
    take: (key, cost = 1, bucket = defaults) => check(key, cost, bucket, true),
    peek: (key, cost = 1, bucket = defaults) => check(key, cost, bucket, false),
    size: () => state.size,
  };
}
