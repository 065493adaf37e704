import type { LiveModel } from '../../protocol/liveModel';
import { CASE_DONE_STATUSES } from '../../protocol/schemas';
import { addDays, dayKey, startOfDay } from '../zonedTime';
import { selectCaseDeadline } from './selectCaseDeadline';

export interface TodayCounts {
  alarms: number;
  redAlarms: number;
  unhandledAlarms: number;
  casesReceived: number;
  openCases: number;
  atRiskCases: number;
  overdueCases: number;
  camerasOnline: number;
  camerasTotal: number;
}

/**
 * Today's figures (the day of `nowMs` in `tz`) from the live model; drill items excluded.
 * @example selectTodayCounts(model, Date.now(), 'Asia/Shanghai').redAlarms
 */
export function selectTodayCounts(model: LiveModel, nowMs: number, tz: string): TodayCounts {
  const today = dayKey(nowMs, tz);
  const from = startOfDay(today, tz);
  const to = startOfDay(addDays(today, 1), tz);
  const isToday = (iso: string) => {
    const t = Date.parse(iso);
    return t >= from && t < to;
  };
  const counts: TodayCounts = {
    alarms: 0,
    redAlarms: 0,
    unhandledAlarms: 0,
    casesReceived: 0,
    openCases: 0,
    atRiskCases: 0,
    overdueCases: 0,
    camerasOnline: 0,
    camerasTotal: 0,
  };
  for (const a of Object.values(model.alarms)) {
    if (a.drill) continue;
    if (a.state === 'new') counts.unhandledAlarms++;
    if (!isToday(a.occurredAt)) continue;
    counts.alarms++;
    if (a.severity === 'red') counts.redAlarms++;
  }
  for (const c of Object.values(model.cases)) {
    if (c.drill) continue;
    if (isToday(c.receivedAt)) counts.casesReceived++;
    if (CASE_DONE_STATUSES.includes(c.status)) continue;
    counts.openCases++;
    const sla = selectCaseDeadline(c, nowMs).state;
    if (sla === 'at-risk') counts.atRiskCases++;
    if (sla === 'breached') counts.overdueCases++;
  }
  for (const cam of Object.values(model.cameras)) {
    if (cam.drill) continue;
    counts.camerasTotal++;
    if (cam.status === 'online') counts.camerasOnline++;
  }
  return counts;
}
