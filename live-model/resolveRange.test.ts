import { describe, expect, it } from 'vitest';
import { comparisonRanges, resolveRange } from './resolveRange';

const TZ = 'Asia/Shanghai';
// Wednesday 2026-11-25, 09:00 in Shanghai.
const NOW = Date.parse('2026-11-25T01:00:00Z');
const days = (text: string) => {
  const r = resolveRange(text, NOW, TZ);
  return r.ok ? [r.range.firstDay, r.range.lastDay, r.range.days] : r.reason;
};

describe('resolveRange', () => {
  it('today and yesterday follow the zone, not UTC', () => {
    expect(days('today')).toEqual(['2026-11-25', '2026-11-25', 1]);
    expect(days('yesterday')).toEqual(['2026-11-24', '2026-11-24', 1]);
    const r = resolveRange('yesterday', NOW, TZ);
    expect(r.ok && new Date(r.range.fromMs).toISOString()).toBe('2026-11-23T16:00:00.000Z');
  });
  it('last-7-days and last-4-weeks end yesterday', () => {
    expect(days('last-7-days')).toEqual(['2026-11-18', '2026-11-24', 7]);
    expect(days('last-4-weeks')).toEqual(['2026-10-28', '2026-11-24', 28]);
  });
  it('last-week is the previous Monday to Sunday', () =>
    expect(days('last-week')).toEqual(['2026-11-16', '2026-11-22', 7]));
  it('takes custom ranges inclusively', () =>
    expect(days('2026-11-01..2026-11-30')).toEqual(['2026-11-01', '2026-11-30', 30]));
  it.each(['tomorrow', '2026-02-30..2026-03-01', '2026-11-30..2026-11-01', ''])(
    'refuses %j with a reason',
    (text) => {
      expect(typeof days(text)).toBe('string');
    },
  );
  it('gives the previous period (环比) and the same period last year (同比)', () => {
    const r = resolveRange('last-week', NOW, TZ);
    if (!r.ok) throw new Error(r.reason);
    const { previous, lastYear } = comparisonRanges(r.range, TZ);
    expect([previous.firstDay, previous.lastDay]).toEqual(['2026-11-09', '2026-11-15']);
    expect([lastYear.firstDay, lastYear.lastDay]).toEqual(['2025-11-16', '2025-11-22']);
  });
});
