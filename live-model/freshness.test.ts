import { describe, expect, it } from 'vitest';
import { createUnknownStatus } from './createEmptyModel';
import { judgeFreshness } from './freshness';

const seen = (state: 'trusted' | 'degraded' | 'unavailable', reason?: string) => ({
  ...createUnknownStatus('alarms'),
  state,
  lastSeenAt: '2026-11-24T12:00:00.000Z',
  ...(reason ? { reason } : {}),
});
const at = (s: number) => Date.parse('2026-11-24T12:00:00.000Z') + s * 1000;

describe('judgeFreshness (cadence 30 s: degraded past 45 s, unavailable past 90 s)', () => {
  it('keeps a feed trusted within its cadence', () =>
    expect(judgeFreshness(seen('trusted'), at(40), 30)).toBeNull());
  it('degrades a feed silent past 1.5 cadences', () =>
    expect(judgeFreshness(seen('trusted'), at(50), 30)).toEqual({
      state: 'degraded',
      reason: 'silent 50 s (expected every 30 s)',
    }));
  it('makes a feed silent past 3 cadences unavailable', () =>
    expect(judgeFreshness(seen('degraded'), at(91), 30)?.state).toBe('unavailable'));
  it('never upgrades unavailable to degraded by the clock', () =>
    expect(judgeFreshness(seen('unavailable'), at(60), 30)).toBeNull());
  it('says nothing about a feed never heard from', () =>
    expect(judgeFreshness(createUnknownStatus('cases'), at(999), 30)).toBeNull());
  it('leaves an explicit offline (last will) alone until something arrives', () =>
    expect(judgeFreshness(seen('unavailable', 'offline'), at(1), 30)).toBeNull());
});
