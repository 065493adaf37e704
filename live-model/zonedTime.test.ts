import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayKey,
  daysApart,
  localToEpoch,
  startOfDay,
  tzOffsetMinutes,
  weekdayOf,
} from './zonedTime';

describe('zoned time', () => {
  it('knows Shanghai is UTC+8', () =>
    expect(tzOffsetMinutes(Date.parse('2026-11-25T00:00:00Z'), 'Asia/Shanghai')).toBe(480));
  it('puts 17:00 UTC on the next Shanghai day', () =>
    expect(dayKey(Date.parse('2026-11-24T17:00:00Z'), 'Asia/Shanghai')).toBe('2026-11-25'));
  it('reads a local time in the zone', () =>
    expect(localToEpoch('2026-11-25T20:13:00', 'Asia/Shanghai')).toBe(Date.parse('2026-11-25T12:13:00Z')));
  it('finds midnight of a Shanghai day', () =>
    expect(new Date(startOfDay('2026-11-25', 'Asia/Shanghai')).toISOString()).toBe(
      '2026-11-24T16:00:00.000Z',
    ));
  it('handles daylight saving in zones that have it', () => {
    expect(localToEpoch('2026-07-01T12:00:00', 'Europe/Berlin')).toBe(Date.parse('2026-07-01T10:00:00Z'));
    expect(localToEpoch('2026-01-01T12:00:00', 'Europe/Berlin')).toBe(Date.parse('2026-01-01T11:00:00Z'));
  });
  it('adds days across month ends', () => expect(addDays('2026-11-30', 1)).toBe('2026-12-01'));
});

describe('weekdays and day differences', () => {
  it('counts Monday as the first day and days between keys', () => {
    expect(weekdayOf('2026-11-30')).toBe(0);
    expect(weekdayOf('2026-11-29')).toBe(6);
    expect(daysApart('2026-11-24', '2026-12-01')).toBe(7);
    expect(daysApart('2026-12-01', '2026-11-24')).toBe(-7);
  });
});
