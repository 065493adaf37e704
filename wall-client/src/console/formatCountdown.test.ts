import { describe, expect, it } from 'vitest';
import { formatCountdown } from './formatCountdown';

describe('formatCountdown', () => {
  it.each([
    [3_909_000, '1:05:09'],
    [270_000, '0:04:30'],
    [-61_000, '0:01:01'],
    [2 * 86_400_000 + 3 * 3_600_000 + 59_000, '2天 3:00'],
  ])('%d ms → %s', (ms, text) => expect(formatCountdown(ms, '天')).toBe(text));
});
