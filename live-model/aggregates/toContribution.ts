/**
 * What one item (an alarm or a case, in its latest version) adds to the aggregates: its area,
 * its category and a list of (measure, moment, value) entries. A new version of the item
 * replaces its old contribution (see diffContributions), so counts follow each item's
 * latest state and a re-sent version is never counted twice. Pure.
 */
import type { AlarmRecord, CaseRecord } from '../../protocol/liveModel';
import type { Envelope } from '../../protocol/log';
import { MEASURES, type Measure, type PeaceIndexConfig } from '../../protocol/trends';

/** `[measure index in MEASURES, epoch ms the count belongs to, value]`. */
export type ContributionEntry = [number, number, number];

export interface Contribution {
  townshipId: string | null;
  gridId: string | null;
  category: string;
  entries: ContributionEntry[];
}

export const MEASURE_INDEX = Object.fromEntries(MEASURES.map((m, i) => [m, i])) as Record<Measure, number>;

export type CategoryClasses = PeaceIndexConfig['categoryClasses'];

function alarmContribution(a: AlarmRecord, classes: CategoryClasses): Contribution | null {
  const at = Date.parse(a.occurredAt);
  if (Number.isNaN(at)) return null;
  const entries: ContributionEntry[] = [
    [MEASURE_INDEX.alarms, at, 1],
    [MEASURE_INDEX[`alarms.${a.channel}`], at, 1],
  ];
  if (a.severity === 'red') entries.push([MEASURE_INDEX.redAlarms, at, 1]);
  if (classes.criminal.includes(a.category)) entries.push([MEASURE_INDEX.criminal, at, 1]);
  if (classes.publicOrder.includes(a.category)) entries.push([MEASURE_INDEX.publicOrder, at, 1]);
  return { townshipId: a.townshipId ?? null, gridId: a.gridId ?? null, category: a.category, entries };
}

function caseContribution(c: CaseRecord, at: number, previous: Contribution | null): Contribution | null {
  const received = Date.parse(c.receivedAt);
  if (Number.isNaN(received)) return null;
  const entries: ContributionEntry[] = [
    [MEASURE_INDEX.cases, received, 1],
    [MEASURE_INDEX[`cases.${c.channel}`], received, 1],
  ];
  if (c.repeatOf) entries.push([MEASURE_INDEX.repeatCases, received, 1]);
  if (c.firstRespondedAt) {
    const t = Date.parse(c.firstRespondedAt);
    entries.push([MEASURE_INDEX.responded, t, 1]);
    if (t <= Date.parse(c.firstResponseDue)) entries.push([MEASURE_INDEX.respondedOnTime, t, 1]);
  }
  const due = Date.parse(c.feedbackDue);
  const resolved = c.resolvedAt ? Date.parse(c.resolvedAt) : null;
  if (resolved !== null) {
    entries.push([MEASURE_INDEX.resolved, resolved, 1]);
    if (resolved <= due) entries.push([MEASURE_INDEX.resolvedOnTime, resolved, 1]);
  }
  if (c.status === 'overdue' || (resolved !== null && resolved > due))
    entries.push([MEASURE_INDEX.breached, due, 1]);
  if (c.satisfaction !== undefined) {
    // The follow-up visit counts when it was made: when the score first arrived (the record has no visit time).
    const earlier = previous?.entries.find(([m]) => m === MEASURE_INDEX.satisfactionCount)?.[1];
    const t = earlier ?? (Number.isNaN(at) ? (resolved ?? received) : at);
    entries.push([MEASURE_INDEX.satisfactionSum, t, c.satisfaction]);
    entries.push([MEASURE_INDEX.satisfactionCount, t, 1]);
  }
  return { townshipId: c.townshipId ?? null, gridId: c.gridId ?? null, category: c.category, entries };
}

/** The key that identifies an item across versions (`alarm:ID`, `case:ID`); null for other kinds. */
export function itemKey(e: Envelope): string | null {
  if (e.kind === 'alarm' || e.kind === 'case') return `${e.kind}:${e.data.id}`;
  return null;
}

/**
 * The contribution of the item an envelope carries; null for kinds that count nothing
 * (cameras, heartbeats, ticks, and any kind added later) and for drill events. `previous`:
 * the item's contribution so far (a follow-up score keeps the time it first arrived).
 * @example toContribution(alarmEnvelope, config.categoryClasses)
 *   // { townshipId: '510503001', gridId: '510503001-01', category: '盗窃', entries: [[0, t, 1], …] }
 */
export function toContribution(
  e: Envelope,
  classes: CategoryClasses,
  previous: Contribution | null = null,
): Contribution | null {
  if (e.drill) return null;
  if (e.kind === 'alarm') return alarmContribution(e.data, classes);
  if (e.kind === 'case') return caseContribution(e.data, Date.parse(e.at), previous);
  return null;
}
