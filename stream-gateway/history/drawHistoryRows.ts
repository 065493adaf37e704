/**
 * The older history as daily aggregate rows, drawn from the week template: each day takes
 * the template items of its weekday, each repeated a Poisson number of times whose mean is
 * the day's rhythm (weekday, season, holidays, slow trend) times any incident's surge. Every
 * drawn item is a whole, consistent item, so district = Σ townships and resolved ≤ received
 * hold as in live data. Deterministic from the seed.
 */

import { daysBetween } from '../../live-model/aggregates/bucketsInRange';
import { rowKeyOf } from '../../live-model/aggregates/createAggregateFolder';
import { addDays, weekdayOf } from '../../live-model/zonedTime';
import { createRandom } from '../../mock-feeds/createRandom';
import { dayFactor, type Incident, incidentFactor } from '../../mock-feeds/historyRhythm';
import { MEASURES } from '../../protocol/trends';
import type { HistoryTemplate } from './buildHistoryTemplate';

export interface DrawOptions {
  template: HistoryTemplate;
  /** Days to draw, inclusive. */
  firstDay: string;
  lastDay: string;
  /** No row lies after this day (counts that would fall later are dropped). */
  latestDay: string;
  /** Where the slow trend reaches today's level. */
  anchorDay: string;
  incidents: readonly Incident[];
  seed: number;
}

/** A Poisson draw with a small mean (Knuth). */
function poisson(mean: number, next: () => number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = next();
  while (p > limit) {
    k++;
    p *= next();
  }
  return k;
}

/**
 * Yields the rows of each run of `chunkDays` days (a row may hold counts that spill into
 * the following days, e.g. a case resolved two days after it was received).
 */
export function* drawHistoryRows(
  o: DrawOptions,
  chunkDays = 30,
): Generator<{ rows: Map<string, number[]>; days: number }> {
  const random = createRandom(o.seed);
  const days = daysBetween(o.firstDay, o.lastDay);
  const m = MEASURES.length;
  for (let start = 0; start < days.length; start += chunkDays) {
    const chunk = days.slice(start, start + chunkDays);
    // per target: day offset within the chunk (spill-over included) → measures
    const acc = new Map<number, Map<number, Float64Array>>();
    chunk.forEach((day, di) => {
      const weekday = weekdayOf(day);
      const base = {
        alarms: dayFactor(day, 'alarms', o.anchorDay),
        cases: dayFactor(day, 'cases', o.anchorDay),
      };
      for (const item of o.template.byWeekday[weekday] ?? []) {
        const mean = base[item.kind] * incidentFactor(o.incidents, day, item.category, item.townshipId);
        const k = poisson(mean, random.next);
        if (k === 0) continue;
        for (const t of item.targets) {
          let byDay = acc.get(t);
          if (!byDay) {
            byDay = new Map();
            acc.set(t, byDay);
          }
          for (const [measure, offset, value] of item.entries) {
            let row = byDay.get(di + offset);
            if (!row) {
              row = new Float64Array(m);
              byDay.set(di + offset, row);
            }
            row[measure] = (row[measure] as number) + k * value;
          }
        }
      }
    });
    const rows = new Map<string, number[]>();
    const first = chunk[0] as string;
    for (const [t, byDay] of acc) {
      const [area, category] = o.template.targets[t] as [string, string];
      for (const [offset, row] of byDay) {
        const bucket = addDays(first, offset);
        if (bucket > o.latestDay) continue;
        rows.set(rowKeyOf({ gran: 'day', bucket, area, category }), Array.from(row));
      }
    }
    yield { rows, days: chunk.length };
  }
}
