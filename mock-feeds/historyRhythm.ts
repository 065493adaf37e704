/**
 * The simulated district's year: how busy each day is (weekday, season, holidays, a slow
 * improvement like the seeds report — criminal cases −15% a year) and a few incidents
 * that stand out in the trends. Deterministic and pure; days are `YYYY-MM-DD` in TZ.
 */

import { createBucketer } from '../live-model/aggregates/createBucketer';
import type { RegionPack } from '../live-model/region/types';
import { addDays, daysApart, weekdayOf } from '../live-model/zonedTime';

export type RateKind = 'alarms' | 'cases';

/** Monday first. Citizens bring disputes to the one-window hall on weekdays; alarms peak at weekends. */
const WEEKDAY: Record<RateKind, readonly number[]> = {
  alarms: [0.94, 0.95, 0.96, 0.98, 1.05, 1.12, 1.0],
  cases: [1.2, 1.15, 1.1, 1.05, 1.0, 0.6, 0.5],
};

/** Spring Festival (春节) eve-ish start of the holiday, for the years the demo may run in. */
const SPRING_FESTIVAL: Record<number, string> = {
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-03',
};

function holiday(day: string): 'spring-festival' | 'national-day' | null {
  const sf = SPRING_FESTIVAL[Number(day.slice(0, 4))] ?? SPRING_FESTIVAL[Number(day.slice(0, 4)) + 1];
  if (sf) {
    const d = daysApart(sf, day);
    if (d >= -1 && d <= 6) return 'spring-festival';
  }
  const md = day.slice(5);
  return md >= '10-01' && md <= '10-07' ? 'national-day' : null;
}

/**
 * How busy a day is relative to an ordinary day now (1). `anchorDay` is where the slow trend
 * reaches today's level: a year earlier everything ran about 15% higher.
 * @example dayFactor('2026-07-18', 'alarms', '2026-11-25') // ≈ 1.2 (a summer Saturday, months back)
 */
export function dayFactor(day: string, what: RateKind, anchorDay: string): number {
  const weekday = weekdayOf(day);
  const doy = daysApart(`${day.slice(0, 4)}-01-01`, day);
  // Public-order incidents peak in the summer evenings (夏季治安高发), disputes less so.
  const season = 1 + (what === 'alarms' ? 0.12 : 0.05) * Math.sin((2 * Math.PI * (doy - 105)) / 365);
  const trend = 1 + (0.15 * Math.max(0, daysApart(day, anchorDay))) / 365;
  const h = holiday(day);
  const hol =
    h === 'spring-festival'
      ? what === 'cases'
        ? 0.3
        : 0.85
      : h === 'national-day'
        ? what === 'cases'
          ? 0.35
          : 1.15
        : 1;
  return (WEEKDAY[what][weekday] as number) * season * trend * hol;
}

export interface Incident {
  id: string;
  title: string;
  firstDay: string;
  lastDay: string;
  /** Township id, or null for the whole district. */
  townshipId: string | null;
  /** Alarm or case categories that surge, and by how much. */
  categories: readonly string[];
  multiplier: number;
}

function townshipByName(pack: RegionPack, name: string, fallbackIndex: number): string | null {
  const all = pack.townships.features.map((f) => f.properties);
  return (all.find((t) => t.name === name) ?? all[fallbackIndex % Math.max(all.length, 1)])?.id ?? null;
}

/** The most recent date with this month-day strictly before `before`. */
function lastBefore(monthDay: string, before: string): string {
  const year = Number(before.slice(0, 4));
  const thisYear = `${year}-${monthDay}`;
  return thisYear < before ? thisYear : `${year - 1}-${monthDay}`;
}

/**
 * Incidents that stand out in the year before `beforeDay` (the first day that is in the log).
 * @example historyIncidents(pack, '2026-11-17').map((i) => i.title)
 */
export function historyIncidents(pack: RegionPack, beforeDay: string): Incident[] {
  const flood = lastBefore('07-19', beforeDay);
  const sfYear = Number(beforeDay.slice(0, 4));
  const sf = [SPRING_FESTIVAL[sfYear], SPRING_FESTIVAL[sfYear - 1]].find(
    (d) => d !== undefined && d < beforeDay,
  );
  const incidents: Incident[] = [
    {
      id: 'flood',
      title: '主汛期强降雨，沿江水位超警戒',
      firstDay: flood,
      lastDay: addDays(flood, 2),
      townshipId: townshipByName(pack, '大渡口镇', 3),
      categories: ['水位超限', '安全隐患', '人员聚集'],
      multiplier: 9,
    },
    {
      id: 'wage-arrears',
      title: '春节前农民工欠薪集中求助',
      firstDay: addDays(sf ?? lastBefore('01-20', beforeDay), -21),
      lastDay: addDays(sf ?? lastBefore('01-20', beforeDay), -3),
      townshipId: null,
      categories: ['labour-wages', 'construction-payment', '欠薪求助'],
      multiplier: 3,
    },
    {
      id: 'national-day-crowds',
      title: '国庆假期广场人员聚集',
      firstDay: lastBefore('10-01', beforeDay),
      lastDay: addDays(lastBefore('10-01', beforeDay), 4),
      townshipId: townshipByName(pack, '安富街道', 0),
      categories: ['人员聚集', '车辆违停', '打架斗殴'],
      multiplier: 4,
    },
    {
      id: 'fire',
      title: '集贸市场火情',
      firstDay: addDays(beforeDay, -150),
      lastDay: addDays(beforeDay, -150),
      townshipId: townshipByName(pack, '护国镇', 4),
      categories: ['烟火识别', '烟感报警', '人员聚集'],
      multiplier: 14,
    },
    {
      id: 'mass-dispute',
      title: '在建工程拖欠工程款群体性纠纷',
      firstDay: addDays(beforeDay, -45),
      lastDay: addDays(beforeDay, -43),
      townshipId: townshipByName(pack, '永宁街道', 1),
      categories: ['construction-payment', 'labour-wages', '纠纷求助', '人员聚集'],
      multiplier: 10,
    },
  ];
  return incidents.filter((i) => i.firstDay < beforeDay);
}

/** The surge factor of an item of `category` in `townshipId` on `day` (1 when no incident applies). */
export function incidentFactor(
  incidents: readonly Incident[],
  day: string,
  category: string,
  townshipId: string | null,
): number {
  let f = 1;
  for (const i of incidents)
    if (
      day >= i.firstDay &&
      day <= i.lastDay &&
      i.categories.includes(category) &&
      (i.townshipId === null || i.townshipId === townshipId)
    )
      f *= i.multiplier;
  return f;
}

/** Share of cases that are repeat calls about a dispute still open at the same place. */
export const REPEAT_CASE_SHARE = 0.08;

/**
 * The simulation options that give the live district the same day-to-day rhythm as its
 * backfilled year (the backfill and the live feeds must use the same, so the log continues).
 */
export function districtRhythm(
  tz: string,
  anchorDay: string,
): { rateFactor: (ms: number, what: RateKind) => number; maxRateFactor: number; repeatCaseShare: number } {
  const dayOf = createBucketer(tz).day;
  const cache = new Map<string, number>();
  return {
    rateFactor: (ms, what) => {
      const key = `${dayOf(ms)}${what}`;
      let f = cache.get(key);
      if (f === undefined) {
        if (cache.size > 4000) cache.clear();
        f = dayFactor(key.slice(0, 10), what, anchorDay);
        cache.set(key, f);
      }
      return f;
    },
    maxRateFactor: 1.8,
    repeatCaseShare: REPEAT_CASE_SHARE,
  };
}
