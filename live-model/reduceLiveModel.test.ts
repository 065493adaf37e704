import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../protocol/log';
import {
  alarmRecord,
  cameraRecord,
  caseRecord,
  envelope,
  minutesAfter,
  T0,
} from '../tests/fixtures/feedItems';
import { applyDelta } from './applyDelta';
import { createEmptyModel } from './createEmptyModel';
import { reduceLiveModel } from './reduceLiveModel';

describe('reduceLiveModel', () => {
  it('adds a new alarm and reports the change', () => {
    const { model, changes } = reduceLiveModel(createEmptyModel(), [envelope('alarm', alarmRecord())]);
    expect(model.alarms['ALM-1']?.severity).toBe('red');
    expect(changes).toContainEqual({ collection: 'alarms', id: 'ALM-1', value: model.alarms['ALM-1'] });
    expect(model.asOf).toBe(T0);
  });

  it('returns the very same model for a duplicate (same id and version)', () => {
    const first = reduceLiveModel(createEmptyModel(), [envelope('alarm', alarmRecord())]).model;
    const again = reduceLiveModel(first, [
      envelope('alarm', alarmRecord({ text: 'changed but same version' }), minutesAfter(T0, 1)),
    ]);
    expect(again.model).toBe(first);
    expect(again.changes).toEqual([]);
  });

  it('never lets an older version overwrite a newer one', () => {
    const v3 = reduceLiveModel(createEmptyModel(), [
      envelope('alarm', alarmRecord({ version: 3, state: 'dispatched' })),
    ]).model;
    const after = reduceLiveModel(v3, [
      envelope('alarm', alarmRecord({ version: 2, state: 'acknowledged' })),
    ]).model;
    expect(after.alarms['ALM-1']?.state).toBe('dispatched');
    expect(after).toBe(v3);
  });

  it('versions cameras by updatedAt', () => {
    const m1 = reduceLiveModel(createEmptyModel(), [
      envelope('camera', cameraRecord({ status: 'online', updatedAt: minutesAfter(T0, 5) })),
    ]).model;
    const older = reduceLiveModel(m1, [
      envelope('camera', cameraRecord({ status: 'offline', updatedAt: T0 })),
    ]).model;
    expect(older.cameras['51050300001320000001']?.status).toBe('online');
    const newer = reduceLiveModel(m1, [
      envelope('camera', cameraRecord({ status: 'offline', updatedAt: minutesAfter(T0, 6) })),
    ]).model;
    expect(newer.cameras['51050300001320000001']?.status).toBe('offline');
  });

  it('does not mutate the input model', () => {
    const base = reduceLiveModel(createEmptyModel(), [envelope('case', caseRecord())]).model;
    const frozen = structuredClone(base);
    reduceLiveModel(base, [
      envelope('case', caseRecord({ version: 2, status: 'triaged' })),
      envelope('alarm', alarmRecord()),
    ]);
    expect(base).toEqual(frozen);
  });

  it('marks the feed and channel trusted with their last-seen time when items arrive', () => {
    const at = minutesAfter(T0, 2);
    const { model } = reduceLiveModel(createEmptyModel(), [
      envelope('alarm', alarmRecord({ channel: 'police-110' }), at),
    ]);
    expect(model.feeds.alarms).toMatchObject({ state: 'trusted', lastSeenAt: at, lastEventAt: at });
    expect(model.channels['police-110']).toMatchObject({ state: 'trusted', lastEventAt: at });
  });

  it('a heartbeat refreshes lastSeenAt but not lastEventAt; offline makes the feed unavailable at once', () => {
    const m1 = reduceLiveModel(createEmptyModel(), [
      envelope('heartbeat', { feed: 'cases', status: 'alive' }, T0),
    ]).model;
    expect(m1.feeds.cases).toMatchObject({ state: 'trusted', lastSeenAt: T0, lastEventAt: null });
    const m2 = reduceLiveModel(m1, [
      envelope('heartbeat', { feed: 'cases', status: 'offline' }, minutesAfter(T0, 1)),
    ]).model;
    expect(m2.feeds.cases).toMatchObject({ state: 'unavailable', reason: 'offline' });
  });

  it('applies feed-status events from the freshness monitor, and recovery on the next item', () => {
    const m1 = reduceLiveModel(createEmptyModel(), [
      envelope('alarm', alarmRecord(), T0),
      envelope(
        'feed-status',
        { target: 'feed', id: 'alarms', state: 'unavailable', reason: 'silent 100 s' },
        minutesAfter(T0, 2),
      ),
    ]).model;
    expect(m1.feeds.alarms).toMatchObject({ state: 'unavailable', since: minutesAfter(T0, 2) });
    const m2 = reduceLiveModel(m1, [
      envelope('alarm', alarmRecord({ id: 'ALM-2' }), minutesAfter(T0, 3)),
    ]).model;
    expect(m2.feeds.alarms).toMatchObject({ state: 'trusted', since: minutesAfter(T0, 3) });
    expect(m2.feeds.alarms.reason).toBeUndefined();
  });

  it('a tick expires handled alarms after a day and finished cases after three days, keeps open ones', () => {
    const m1 = reduceLiveModel(createEmptyModel(), [
      envelope('alarm', alarmRecord({ id: 'handled', state: 'closed' })),
      envelope('alarm', alarmRecord({ id: 'unhandled', state: 'new' })),
      envelope('case', caseRecord({ id: 'done', status: 'closed', resolvedAt: T0 })),
      envelope('case', caseRecord({ id: 'open', status: 'in-mediation' })),
    ]).model;
    const dayLater = reduceLiveModel(m1, [envelope('tick', {}, minutesAfter(T0, 25 * 60))]);
    expect(Object.keys(dayLater.model.alarms)).toEqual(['unhandled']);
    expect(dayLater.changes).toContainEqual({ collection: 'alarms', id: 'handled', value: null });
    const later = reduceLiveModel(dayLater.model, [envelope('tick', {}, minutesAfter(T0, 73 * 60))]).model;
    expect(Object.keys(later.cases)).toEqual(['open']);
  });

  it('[property] applying the reported changes to the old model gives the new model', () => {
    const ids = fc.constantFrom('A', 'B', 'C');
    const event = fc.oneof(
      fc
        .record({
          id: ids,
          version: fc.integer({ min: 1, max: 5 }),
          minute: fc.integer({ min: 0, max: 3000 }),
        })
        .map(({ id, version, minute }) =>
          envelope(
            'alarm',
            alarmRecord({ id, version, state: version > 2 ? 'closed' : 'new' }),
            minutesAfter(T0, minute),
          ),
        ),
      fc
        .record({ id: ids, version: fc.integer({ min: 1, max: 5 }) })
        .map(({ id, version }) => envelope('case', caseRecord({ id, version }))),
      fc.integer({ min: 0, max: 6000 }).map((minute) => envelope('tick', {}, minutesAfter(T0, minute))),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), fc.array(event, { maxLength: 30 }), (first, second) => {
        const before = reduceLiveModel(createEmptyModel(), first).model;
        const { model, changes } = reduceLiveModel(before, second);
        expect(applyDelta(before, { changes, asOf: model.asOf })).toEqual(model);
      }),
    );
  });

  it('[property] reducing in one batch or event by event gives the same model', () => {
    const event = fc
      .record({
        id: fc.constantFrom('A', 'B'),
        version: fc.integer({ min: 1, max: 4 }),
        minute: fc.integer({ min: 0, max: 100 }),
      })
      .map(({ id, version, minute }) =>
        envelope('alarm', alarmRecord({ id, version }), minutesAfter(T0, minute)),
      );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events: Envelope[]) => {
        const batch = reduceLiveModel(createEmptyModel(), events).model;
        const single = events.reduce((m, e) => reduceLiveModel(m, [e]).model, createEmptyModel());
        expect(single).toEqual(batch);
      }),
    );
  });
});
