import { describe, expect, it } from 'vitest';
import { nextReconnectDelay } from './nextReconnectDelay';

describe('nextReconnectDelay', () => {
  const options = { minMs: 500, maxMs: 30_000 };
  it('doubles from the minimum up to the cap', () => {
    const highest = [1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => nextReconnectDelay(n, () => 1, options));
    expect(highest).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });
  it('keeps at least half of each step and jitters the rest', () => {
    expect(nextReconnectDelay(3, () => 0, options)).toBe(1000);
    expect(nextReconnectDelay(3, () => 0.5, options)).toBe(1500);
    const many = new Set(Array.from({ length: 50 }, () => nextReconnectDelay(4, Math.random, options)));
    expect(many.size).toBeGreaterThan(10);
    for (const d of many) expect(d >= 2000 && d <= 4000).toBe(true);
  });
  it('never overflows for a gateway that has been retrying for days', () => {
    expect(nextReconnectDelay(1e6, () => 1, options)).toBe(30_000);
  });
});
