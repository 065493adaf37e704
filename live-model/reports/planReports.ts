/**
 * Which reports a period makes and when they are due: a one-day period is a daily analysis
 * (日研判), a Monday–Sunday week a weekly analysis (周分析), anything else a period analysis.
 * Scheduled generation makes yesterday's daily report every day at a local time (07:00) and
 * last week's weekly report on Monday at the same time; a gateway that was down at that time
 * makes the latest due ones when it starts. Pure: time comes in as data.
 */
import type { ExportFormat, ReportKind, ReportLang } from '../../protocol/reports';
import type { ResolvedRange } from '../resolveRange';
import { addDays, dayKey, localToEpoch, weekdayOf } from '../zonedTime';

/** @example reportKindOf({ firstDay: '2026-11-16', lastDay: '2026-11-22', days: 7 }) // 'weekly' */
export function reportKindOf(range: Pick<ResolvedRange, 'firstDay' | 'days'>): ReportKind {
  if (range.days === 1) return 'daily';
  if (range.days === 7 && weekdayOf(range.firstDay) === 0) return 'weekly';
  return 'period';
}

export interface ReportName {
  kind: ReportKind;
  firstDay: string;
  lastDay: string;
  lang: ReportLang;
  format: ExportFormat;
}

/**
 * The file name of a report (safe on every file system, sorts by kind and date).
 * @example reportFileName({ kind: 'daily', firstDay: '2026-11-24', lastDay: '2026-11-24', lang: 'zh-CN', format: 'pdf' })
 * // 'daily-2026-11-24.zh-CN.pdf'
 */
export function reportFileName(r: ReportName): string {
  const days = r.firstDay === r.lastDay ? r.firstDay : `${r.firstDay}_${r.lastDay}`;
  return `${r.kind}-${days}.${r.lang}.${r.format}`;
}

const FILE_NAME =
  /^(daily|weekly|period)-(\d{4}-\d{2}-\d{2})(?:_(\d{4}-\d{2}-\d{2}))?\.(zh-CN|en)\.(pdf|png)$/;

/** Reads a report file name back; null for any other name (so a download names only reports). */
export function parseReportFileName(name: string): ReportName | null {
  const m = FILE_NAME.exec(name);
  if (!m?.[1] || !m[2] || !m[4] || !m[5]) return null;
  return {
    kind: m[1] as ReportKind,
    firstDay: m[2],
    lastDay: m[3] ?? m[2],
    lang: m[4] as ReportLang,
    format: m[5] as ExportFormat,
  };
}

const AT = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** `HH:MM` (24 h) → minutes after midnight; null when malformed. */
export function parseDailyAt(text: string): number | null {
  const m = AT.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

function runOn(day: string, at: string, tz: string): number {
  return localToEpoch(`${day}T${at}:00`, tz);
}

export interface DueReport {
  kind: 'daily' | 'weekly';
  /** `YYYY-MM-DD..YYYY-MM-DD`, the one range vocabulary. */
  range: string;
  firstDay: string;
  lastDay: string;
}

/**
 * The latest daily and weekly reports whose run time has passed at `nowMs`.
 * @example planDueReports(Date.parse('2026-11-30T00:00:00Z'), 'Asia/Shanghai', '07:00')
 * // [{ kind: 'daily', range: '2026-11-29..2026-11-29', … }, { kind: 'weekly', range: '2026-11-23..2026-11-29', … }]
 */
export function planDueReports(nowMs: number, tz: string, at: string): DueReport[] {
  const today = dayKey(nowMs, tz);
  const ranToday = nowMs >= runOn(today, at, tz);
  const daily = addDays(today, ranToday ? -1 : -2);
  // The Monday of this week, or of last week when this Monday's run is still to come.
  let monday = addDays(today, -weekdayOf(today));
  if (monday === today && !ranToday) monday = addDays(monday, -7);
  const weekFirst = addDays(monday, -7);
  const weekLast = addDays(monday, -1);
  return [
    { kind: 'daily', range: `${daily}..${daily}`, firstDay: daily, lastDay: daily },
    { kind: 'weekly', range: `${weekFirst}..${weekLast}`, firstDay: weekFirst, lastDay: weekLast },
  ];
}

/**
 * The next scheduled run after `nowMs` (every day at `at` in `tz`).
 * @example nextReportRun(Date.parse('2026-11-24T23:30:00Z'), 'Asia/Shanghai', '07:00') === Date.parse('2026-11-24T23:00:00Z') + 86_400_000
 */
export function nextReportRun(nowMs: number, tz: string, at: string): number {
  const today = dayKey(nowMs, tz);
  const todays = runOn(today, at, tz);
  return todays > nowMs ? todays : runOn(addDays(today, 1), at, tz);
}
