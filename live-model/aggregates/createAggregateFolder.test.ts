import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../protocol/log';
import { MEASURES, type Measure } from '../../protocol/trends';
import { alarmRecord, caseRecord } from '../../tests/fixtures/feedItems';
import { createAggregateFolder, parseRowKey, rowKeyOf } from './createAggregateFolder';

const classes = { criminal: ['盗窃'], publicOrder: ['打架斗殴'] };
const TZ = 'Asia/Shanghai';
let seq = 0;
const env = (
  kind: 'alarm' | 'case',
  data: unknown,
  drill = false,
  at = '2026-11-24T12:00:00.000Z',
): Envelope => ({ seq: ++seq, kind, at, drill, data }) as Envelope;

function totals(rows: Map<string, number[]>, gran: string, bucket: string, area = '', category = '') {
  const row = rows.get(rowKeyOf({ gran: gran as 'day', bucket, area, category }));
  return Object.fromEntries(MEASURES.map((m, i) => [m, row?.[i] ?? 0]).filter(([, v]) => v !== 0)) as Partial<
    Record<Measure, number>
  >;
}

/** Sums row deltas from several folds, as the store does. */
function accumulate(into: Map<string, number[]>, rows: Map<string, number[]>) {
  for (const [k, r] of rows) {
    const cur = into.get(k) ?? new Array(MEASURES.length).fill(0);
    r.forEach((v, i) => {
      cur[i] += v;
    });
    into.set(k, cur);
  }
  return into;
}

describe('aggregate folding', () => {
  it('counts an alarm once however many versions arrive, in its day and hour in TZ', () => {
    const f = createAggregateFolder({ classes, tz: TZ });
    const a = alarmRecord({
      id: 'A1',
      occurredAt: '2026-11-24T16:30:00.000Z', // 00:30 on the 25th in Shanghai
      severity: 'red',
      category: '打架斗殴',
      channel: 'police-110',
      townshipId: 'T1',
      gridId: 'T1-01',
    });
    const rows = accumulate(new Map(), f.fold([env('alarm', a)]).rows);
    const second = f.fold([env('alarm', { ...a, state: 'acknowledged', version: 2 })]);
    expect(second.rows.size).toBe(0);
    expect(totals(rows, 'day', '2026-11-25')).toEqual({
      alarms: 1,
      redAlarms: 1,
      publicOrder: 1,
      'alarms.police-110': 1,
    });
    expect(totals(rows, 'hour', '2026-11-25T00', 't:T1')).toMatchObject({ alarms: 1 });
    expect(totals(rows, 'day', '2026-11-25', 't:T1', '打架斗殴')).toMatchObject({ alarms: 1, redAlarms: 1 });
    expect(totals(rows, 'day', '2026-11-25', 'g:T1-01')).toMatchObject({ alarms: 1 });
    // grids carry no category breakdown
    expect(
      rows.has(rowKeyOf({ gran: 'day', bucket: '2026-11-25', area: 'g:T1-01', category: '打架斗殴' })),
    ).toBe(false);
    expect(totals(rows, 'day', '2026-11-24')).toEqual({});
  });

  it('moves a count when a new version changes it (yellow → red, another category)', () => {
    const f = createAggregateFolder({ classes, tz: TZ });
    const a = alarmRecord({
      id: 'A2',
      occurredAt: '2026-11-24T02:00:00Z',
      severity: 'yellow',
      category: '盗窃',
    });
    const rows = accumulate(new Map(), f.fold([env('alarm', a)]).rows);
    accumulate(
      rows,
      f.fold([env('alarm', { ...a, severity: 'red', category: '打架斗殴', version: 2 })]).rows,
    );
    expect(totals(rows, 'day', '2026-11-24')).toEqual({
      alarms: 1,
      redAlarms: 1,
      publicOrder: 1,
      'alarms.video-analytics': 1,
    });
    expect(totals(rows, 'day', '2026-11-24', '', '盗窃')).toEqual({});
  });

  it('follows a case through its life cycle, each measure on its own day', () => {
    const f = createAggregateFolder({ classes, tz: TZ });
    const base = caseRecord({
      id: 'C1',
      townshipId: 'T1',
      receivedAt: '2026-11-24T15:30:00.000Z', // 23:30 on the 24th
      firstResponseDue: '2026-11-24T17:30:00.000Z',
      feedbackDue: '2026-11-26T15:30:00.000Z',
      channel: 'qr-code',
      repeatOf: 'C0',
    });
    const rows = new Map<string, number[]>();
    const versions = [
      base,
      { ...base, status: 'triaged', firstRespondedAt: '2026-11-24T16:10:00.000Z', version: 2 }, // 00:10 on the 25th, on time
      { ...base, status: 'overdue', firstRespondedAt: '2026-11-24T16:10:00.000Z', version: 3 },
      {
        ...base,
        status: 'resolved',
        firstRespondedAt: '2026-11-24T16:10:00.000Z',
        resolvedAt: '2026-11-27T01:00:00.000Z', // late: 09:00 on the 27th
        version: 4,
      },
      {
        ...base,
        status: 'visited',
        firstRespondedAt: '2026-11-24T16:10:00.000Z',
        resolvedAt: '2026-11-27T01:00:00.000Z',
        satisfaction: 4,
        version: 5,
      },
    ];
    for (const [i, v] of versions.entries())
      accumulate(rows, f.fold([env('case', v, false, i === 4 ? '2026-11-28T02:00:00Z' : undefined)]).rows);
    // a later re-send of the visited version (accepted on the 29th) keeps the visit on its day
    const visitedAgain = { ...(versions.at(-1) as object), version: 6 };
    accumulate(rows, f.fold([env('case', visitedAgain, false, '2026-11-29T02:00:00Z')]).rows);
    expect(totals(rows, 'day', '2026-11-24')).toEqual({ cases: 1, repeatCases: 1, 'cases.qr-code': 1 });
    expect(totals(rows, 'day', '2026-11-25')).toEqual({ responded: 1, respondedOnTime: 1 });
    // breached once (at the deadline, 23:30 on the 26th), not again when resolved late
    expect(totals(rows, 'day', '2026-11-26')).toEqual({ breached: 1 });
    expect(totals(rows, 'day', '2026-11-27', 't:T1')).toEqual({ resolved: 1 });
    // the follow-up visit counts when its score arrived (accepted at 10:00 on the 28th), once
    expect(totals(rows, 'day', '2026-11-28', 't:T1')).toEqual({ satisfactionSum: 4, satisfactionCount: 1 });
    expect(totals(rows, 'day', '2026-11-29', 't:T1')).toEqual({});
  });

  it('never counts drill events', () => {
    const f = createAggregateFolder({ classes, tz: TZ });
    const r = f.fold([
      env('alarm', alarmRecord({ id: 'D1' }), true),
      env('case', caseRecord({ id: 'D2' }), true),
    ]);
    expect(r.rows.size).toBe(0);
    expect(f.size).toBe(0);
  });

  it('gives the same rows whether events come one by one or in one batch', () => {
    const events: Envelope[] = [];
    for (let i = 0; i < 60; i++) {
      const a = alarmRecord({
        id: `R${i % 17}`,
        occurredAt: new Date(Date.parse('2026-11-24T00:00:00Z') + i * 977_000).toISOString(),
        severity: (['red', 'yellow', 'green'] as const)[i % 3],
        category: i % 2 ? '盗窃' : '噪音扰民',
        townshipId: `T${i % 3}`,
        version: Math.floor(i / 17) + 1,
      });
      events.push(env('alarm', a));
    }
    const one = createAggregateFolder({ classes, tz: TZ });
    const byOne = new Map<string, number[]>();
    for (const e of events) accumulate(byOne, one.fold([e]).rows);
    const batch = createAggregateFolder({ classes, tz: TZ }).fold(events).rows;
    for (const [k, row] of byOne) if (row.every((v) => v === 0)) byOne.delete(k);
    expect(new Map([...byOne].sort())).toEqual(new Map([...batch].sort()));
    // 17 distinct alarms in all
    const days = [...batch].filter(([k]) => {
      const key = parseRowKey(k);
      return key.gran === 'day' && key.area === '' && key.category === '';
    });
    expect(days.reduce((s, [, r]) => s + (r[0] as number), 0)).toBe(17);
  });

  it('keeps hour rows only where asked and forgets idle items', () => {
    const cutoff = Date.parse('2026-11-24T00:00:00Z');
    const f = createAggregateFolder({ classes, tz: TZ, keepHour: (ms) => ms >= cutoff });
    const r = f.fold([
      env('alarm', alarmRecord({ id: 'OLD', occurredAt: '2026-11-20T00:00:00Z' })),
      env('alarm', alarmRecord({ id: 'NEW', occurredAt: '2026-11-24T03:00:00Z' })),
    ]);
    const hours = [...r.rows.keys()].map(parseRowKey).filter((k) => k.gran === 'hour');
    expect(new Set(hours.map((k) => k.bucket))).toEqual(new Set(['2026-11-24T11']));
    expect(f.prune(cutoff)).toEqual(['alarm:OLD']);
    expect(f.size).toBe(1);
  });
});
