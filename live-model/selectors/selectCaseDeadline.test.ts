import { describe, expect, it } from 'vitest';
import { caseRecord, minutesAfter, T0 } from '../../tests/fixtures/feedItems';
import { selectCaseDeadline } from './selectCaseDeadline';

const at = (minutes: number) => Date.parse(minutesAfter(T0, minutes));

describe('selectCaseDeadline', () => {
  it('runs the 2 h first-response clock until someone responds', () => {
    expect(selectCaseDeadline(caseRecord(), at(60))).toMatchObject({
      clock: 'first-response',
      used: 0.5,
      state: 'ok',
    });
    expect(selectCaseDeadline(caseRecord(), at(90))).toMatchObject({ used: 0.75, state: 'at-risk' });
    expect(selectCaseDeadline(caseRecord(), at(121))).toMatchObject({
      state: 'breached',
      remainingMs: -60_000,
    });
  });
  it('then runs the 48 h feedback clock', () => {
    const c = caseRecord({ status: 'triaged', firstRespondedAt: minutesAfter(T0, 30) });
    expect(selectCaseDeadline(c, at(24 * 60))).toMatchObject({ clock: 'feedback', used: 0.5, state: 'ok' });
    expect(selectCaseDeadline(c, at(47 * 60))).toMatchObject({ state: 'at-risk' });
    expect(selectCaseDeadline(c, at(48 * 60 + 1))).toMatchObject({ state: 'breached' });
  });
  it('stops the clock once the case is resolved', () => {
    expect(selectCaseDeadline(caseRecord({ status: 'resolved' }), at(5000)).state).toBe('done');
  });
});
