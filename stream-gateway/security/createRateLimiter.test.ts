import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './createRateLimiter';

describe('rate limiter', () => {
  it('allows a burst, then the sustained rate, per key', () => {
    const clock = { t: 0 };
    const limiter = createRateLimiter({ rate: 10, burst: 5 }, () => clock.t);
    for (let i = 0; i < 5; i++) expect(limiter.take('feed-a')).toEqual({ ok: true });
    expect(limiter.take('feed-a')).toEqual({ ok: false, retryAfterMs: 100 });
    expect(limiter.take('feed-b')).toEqual({ ok: true });
    clock.t += 100;
    expect(limiter.take('feed-a')).toEqual({ ok: true });
    expect(limiter.take('feed-a').ok).toBe(false);
  });

  it('charges by cost, peeks without spending, and refuses more than a burst for good', () => {
    const clock = { t: 0 };
    const limiter = createRateLimiter({ rate: 100, burst: 1000 }, () => clock.t);
    expect(limiter.peek('k', 1000)).toEqual({ ok: true });
    expect(limiter.take('k', 600)).toEqual({ ok: true });
    expect(limiter.take('k', 600)).toEqual({ ok: false, retryAfterMs: 2000 });
    expect(limiter.take('k', 1001)).toEqual({ ok: false, retryAfterMs: Number.POSITIVE_INFINITY });
    expect(limiter.take('k', 5, { rate: 1, burst: 5 })).toEqual({ ok: true });
  });

  it('forgets idle keys beyond its size limit', () => {
    const clock = { t: 0 };
    const limiter = createRateLimiter({ rate: 1, burst: 1 }, () => clock.t, 100);
    for (let i = 0; i < 250; i++) {
      clock.t++;
      limiter.take(`ip-${i}`);
    }
    expect(limiter.size()).toBeLessThanOrEqual(100);
  });
});
