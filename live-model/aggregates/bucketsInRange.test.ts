import { describe, expect, it } from 'vitest';
import { bucketsInRange, weekOf } from './bucketsInRange';
import { createBucketer } from './createBucketer';

describe('buckets', () => {
  it('lists days, hours and Monday-weeks of a range', () => {
    expect(bucketsInRange('2026-11-29', '2026-12-01', 'day')).toEqual([
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
    ]);
    expect(bucketsInRange('2026-11-24', '2026-11-24', 'hour')).toHaveLength(24);
    expect(bucketsInRange('2026-11-24', '2026-11-24', 'hour')[20]).toBe('2026-11-24T20');
    // 2026-11-29 is a Sunday, 2026-11-30 a Monday
    expect(bucketsInRange('2026-11-29', '2026-12-07', 'week')).toEqual([
      '2026-11-23',
      '2026-11-30',
      '2026-12-07',
    ]);
    expect(weekOf('2026-11-30')).toBe('2026-11-30');
  });

  it('buckets instants by the day and hour of the zone', () => {
    const b = createBucketer('Asia/Shanghai');
    expect(b.day(Date.parse('2026-11-24T16:00:00Z'))).toBe('2026-11-25');
    expect(b.hour(Date.parse('2026-11-24T15:59:59Z'))).toBe('2026-11-24T23');
    const ny = createBucketer('America/New_York');
    // DST ends on 2026-11-01: 05:30Z is 01:30 EDT, 06:30Z is 01:30 EST
    expect(ny.hour(Date.parse('2026-11-01T05:30:00Z'))).toBe('2026-11-01T01');
    expect(ny.hour(Date.parse('2026-11-01T06:30:00Z'))).toBe('2026-11-01T01');
    expect(ny.day(Date.parse('2026-11-02T04:59:00Z'))).toBe('2026-11-01');
  });
});
