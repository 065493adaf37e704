import { describe, expect, it } from 'vitest';
import { createEmptyModel } from '../../../live-model/createEmptyModel';
import { reduceLiveModel } from '../../../live-model/reduceLiveModel';
import type { Envelope } from '../../../protocol/log';
import { alarmRecord } from '../../../tests/fixtures/feedItems';
import { advanceReplay, replayClock, replayStartedAt } from './advanceReplay';

const at = (min: number) => new Date(Date.parse('2026-11-24T12:00:00Z') + min * 60_000).toISOString();
const events: Envelope[] = [
  { seq: 1, kind: 'alarm', at: at(0), drill: false, data: alarmRecord({ id: 'A', receivedAt: at(0) }) },
  { seq: 2, kind: 'alarm', at: at(5), drill: false, data: alarmRecord({ id: 'B', receivedAt: at(5) }) },
  {
    seq: 3,
    kind: 'alarm',
    at: at(9),
    drill: false,
    data: alarmRecord({ id: 'A', state: 'acknowledged', version: 2, receivedAt: at(0) }),
  },
];

describe('advanceReplay', () => {
  it('applies the events up to the target with the live reducer, and only those', () => {
    const start = createEmptyModel();
    const p1 = advanceReplay({ model: start, applied: 0 }, start, events, Date.parse(at(6)));
    expect(p1.applied).toBe(2);
    expect(Object.keys(p1.model.alarms).sort()).toEqual(['A', 'B']);
    const p2 = advanceReplay(p1, start, events, Date.parse(at(10)));
    expect(p2.model.alarms.A?.state).toBe('acknowledged');
    // the same as reducing the whole day at once
    expect(p2.model).toEqual(reduceLiveModel(start, events).model);
    // nothing new: the very same position back
    expect(advanceReplay(p2, start, events, Date.parse(at(11)))).toBe(p2);
  });

  it('starts again from the day’s first model when the target goes back', () => {
    const start = createEmptyModel();
    const late = advanceReplay({ model: start, applied: 0 }, start, events, Date.parse(at(10)));
    const back = advanceReplay(late, start, events, Date.parse(at(1)));
    expect(back.applied).toBe(1);
    expect(back.model.alarms.A?.state).toBe('new');
    expect(back.model.alarms.B).toBeUndefined();
  });
});

describe('the replay clock', () => {
  const from = Date.parse('2026-11-23T16:00:00Z');
  const to = from + 86_400_000;
  it('runs at the chosen speed from when the replay started, within the day', () => {
    const startedAt = '2026-11-25T01:00:00.000Z';
    expect(replayClock({ speed: 60, startedAt }, from, to, Date.parse(startedAt) + 60_000)).toBe(
      from + 3_600_000,
    );
    expect(replayClock({ speed: 60, startedAt }, from, to, Date.parse(startedAt) + 10 * 3_600_000)).toBe(to);
  });

  it('can start at a chosen time of day', () => {
    const now = Date.parse('2026-11-25T01:00:00Z');
    const eight = from + 20 * 3_600_000; // 20:00 local
    const startedAt = replayStartedAt(from, eight, 60, now);
    expect(replayClock({ speed: 60, startedAt }, from, to, now)).toBe(eight);
  });
});
