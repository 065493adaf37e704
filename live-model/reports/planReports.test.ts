import { describe, expect, it } from 'vitest';
import { resolveRange } from '../resolveRange';
import {
  nextReportRun,
  parseDailyAt,
  parseReportFileName,
  planDueReports,
  reportFileName,
  reportKindOf,
} from './planReports';

const TZ = 'Asia/Shanghai';
const local = (iso: string) => Date.parse(`${iso}+08:00`);

describe('report kinds and names', () => {
  it('a day is a daily report, a Monday–Sunday week a weekly one, anything else a period', () => {
    const now = local('2026-11-25T09:00:00');
    const kind = (text: string) => {
      const r = resolveRange(text, now, TZ);
      if (!r.ok) throw new Error(r.reason);
      return reportKindOf(r.range);
    };
    expect(kind('yesterday')).toBe('daily');
    expect(kind('today')).toBe('daily');
    expect(kind('last-week')).toBe('weekly');
    expect(kind('2026-11-17..2026-11-23')).toBe('period'); // seven days from a Tuesday
    expect(kind('last-4-weeks')).toBe('period');
  });

  it('names files by kind, days, language and format, and reads them back', () => {
    const daily = {
      kind: 'daily',
      firstDay: '2026-11-24',
      lastDay: '2026-11-24',
      lang: 'zh-CN',
      format: 'pdf',
    } as const;
    expect(reportFileName(daily)).toBe('daily-2026-11-24.zh-CN.pdf');
    const weekly = {
      ...daily,
      kind: 'weekly',
      firstDay: '2026-11-16',
      lastDay: '2026-11-22',
      lang: 'en',
      format: 'png',
    } as const;
    expect(reportFileName(weekly)).toBe('weekly-2026-11-16_2026-11-22.en.png');
    expect(parseReportFileName(reportFileName(weekly))).toEqual(weekly);
    expect(parseReportFileName(reportFileName(daily))).toEqual(daily);
    for (const bad of ['../wall.db', 'daily-2026-11-24.zh-CN.pdf.json', 'daily-2026-11-24.fr.pdf', 'x.pdf'])
      expect(parseReportFileName(bad), bad).toBeNull();
  });
});

describe('the schedule', () => {
  it('reads HH:MM', () => {
    expect(parseDailyAt('07:00')).toBe(420);
    expect(parseDailyAt('23:59')).toBe(1439);
    for (const bad of ['7:00', '24:00', '07:60', '0700', '']) expect(parseDailyAt(bad), bad).toBeNull();
  });

  it('before 07:00 the due daily report is the day before yesterday; from 07:00 yesterday', () => {
    const before = planDueReports(local('2026-11-25T06:59:00'), TZ, '07:00');
    expect(before[0]).toMatchObject({ kind: 'daily', range: '2026-11-23..2026-11-23' });
    const after = planDueReports(local('2026-11-25T07:00:00'), TZ, '07:00');
    expect(after[0]).toMatchObject({ kind: 'daily', range: '2026-11-24..2026-11-24' });
  });

  it('the weekly report of last week is due from Monday 07:00 until the next Monday 07:00', () => {
    // 2026-11-30 is a Monday
    expect(planDueReports(local('2026-11-30T06:00:00'), TZ, '07:00')[1]).toMatchObject({
      kind: 'weekly',
      range: '2026-11-16..2026-11-22',
    });
    expect(planDueReports(local('2026-11-30T07:00:00'), TZ, '07:00')[1]).toMatchObject({
      range: '2026-11-23..2026-11-29',
    });
    expect(planDueReports(local('2026-12-06T23:00:00'), TZ, '07:00')[1]).toMatchObject({
      range: '2026-11-23..2026-11-29',
    });
  });

  it('the next run is today at the time if still to come, else tomorrow', () => {
    expect(nextReportRun(local('2026-11-25T06:00:00'), TZ, '07:00')).toBe(local('2026-11-25T07:00:00'));
    expect(nextReportRun(local('2026-11-25T07:00:00'), TZ, '07:00')).toBe(local('2026-11-26T07:00:00'));
    expect(nextReportRun(local('2026-11-25T23:59:00'), 'UTC', '00:30')).toBe(
      Date.parse('2026-11-26T00:30:00Z'),
    );
  });
});
