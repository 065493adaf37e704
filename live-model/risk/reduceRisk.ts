/**
 * Keeps the live model's `risk` collection equal to the risk rule applied to the whole model
 * at the risk clock — the model's `asOf` rounded down to the minute:
 * - when an alarm or case changes, its old contribution is taken away and the new one added
 *   (a few records touched, whatever the size of the model);
 * - when the risk clock moves (any event or a tick in a later minute), everything is counted
 *   again, because alarms leave the window and cases pass their deadlines with time.
 * So the result depends only on the model and its clock, never on how events were batched:
 * a replay of the log rebuilds the very same records.
 */
import type { AlarmRecord, CaseRecord } from '../../protocol/liveModel';
import { type AreaRisk, RISK_COUNT_KEYS, type RiskAreaKind, type RiskCounts } from '../../protocol/risk';
import type { ModelWriter } from '../modelWriter';
import {
  emptyRiskCounts,
  GRID_THRESHOLDS,
  REPEAT_MIN_REPORTS,
  rateRisk,
  TOWNSHIP_THRESHOLDS,
} from './rateRisk';
import { alarmContribution, caseContribution, type RiskContribution } from './riskContribution';

const MINUTE = 60_000;

/** The time the risk is computed for: `asOf` rounded down to the minute (null before any event). */
export function riskClockOf(asOf: string | null): number | null {
  if (asOf === null) return null;
  const t = Date.parse(asOf);
  return Number.isFinite(t) ? Math.floor(t / MINUTE) * MINUTE : null;
}

/** The record id of an area in the `risk` collection. */
export function riskIdOf(kind: RiskAreaKind, areaId: string): string {
  return `${kind}:${areaId}`;
}

interface Draft {
  kind: RiskAreaKind;
  areaId: string;
  counts: RiskCounts;
  matters: Record<string, number>;
}

function toRecord(d: Draft): AreaRisk {
  const rating = rateRisk(d.counts, d.kind === 'grid' ? GRID_THRESHOLDS : TOWNSHIP_THRESHOLDS);
  return {
    id: riskIdOf(d.kind, d.areaId),
    kind: d.kind,
    areaId: d.areaId,
    level: rating.level,
    points: rating.points,
    counts: d.counts,
    reasons: rating.reasons,
    matters: d.matters,
  };
}

function isEmpty(d: Draft): boolean {
  return RISK_COUNT_KEYS.every((k) => d.counts[k] === 0) && Object.keys(d.matters).length === 0;
}

function sameDraft(r: AreaRisk, d: Draft): boolean {
  if (!RISK_COUNT_KEYS.every((k) => r.counts[k] === d.counts[k])) return false;
  const keys = Object.keys(d.matters);
  return keys.length === Object.keys(r.matters).length && keys.every((k) => r.matters[k] === d.matters[k]);
}

/**
 * Township matters are keyed by grid and category, so that a township's repeat count is
 * exactly the sum over its grids, however the items are ordered.
 */
function matterKey(kind: RiskAreaKind, c: RiskContribution): string | null {
  if (c.matter === null) return null;
  return kind === 'grid' ? c.matter : `${c.gridId ?? ''}|${c.matter}`;
}

function addContribution(d: Draft, c: RiskContribution, sign: 1 | -1): void {
  for (const k of c.counts) d.counts[k] += sign;
  const key = matterKey(d.kind, c);
  if (key === null) return;
  const before = d.matters[key] ?? 0;
  const after = before + sign;
  if (after <= 0) delete d.matters[key];
  else d.matters[key] = after;
  d.counts.repeatMatters += Number(after >= REPEAT_MIN_REPORTS) - Number(before >= REPEAT_MIN_REPORTS);
}

function areasOf(c: RiskContribution): [RiskAreaKind, string][] {
  const areas: [RiskAreaKind, string][] = [];
  if (c.gridId !== null) areas.push(['grid', c.gridId]);
  if (c.townshipId !== null) areas.push(['township', c.townshipId]);
  return areas;
}

function sameContribution(a: RiskContribution | null, b: RiskContribution | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.gridId === b.gridId &&
    a.townshipId === b.townshipId &&
    a.matter === b.matter &&
    a.counts.length === b.counts.length &&
    a.counts.every((k, i) => b.counts[i] === k)
  );
}

type Item = { kind: 'alarm'; value: AlarmRecord } | { kind: 'case'; value: CaseRecord };

const ITEM_KIND = { alarms: 'alarm', cases: 'case' } as const;

/**
 * A writer that keeps the risk in step with every alarm and case it writes or removes, so
 * no updater (feeds, console actions, drills, expiry) can forget to. Before the first event
 * there is no clock: the recount that follows that event covers it.
 */
export function trackRisk(w: ModelWriter): ModelWriter {
  const move = (collection: string, before: unknown, after: unknown) => {
    const kind = ITEM_KIND[collection as keyof typeof ITEM_KIND];
    const clock = riskClockOf(w.asOf);
    if (!kind || clock === null) return;
    const wrap = (value: unknown) => (value === undefined ? undefined : ({ kind, value } as Item));
    updateRiskForItem(w, wrap(before), wrap(after), clock);
  };
  return {
    get: (c, id) => w.get(c, id),
    put(c, id, value) {
      const before = c === 'alarms' || c === 'cases' ? w.get(c, id) : undefined;
      w.put(c, id, value);
      if (c === 'alarms' || c === 'cases') move(c, before, value);
    },
    remove(c, id) {
      const before = c === 'alarms' || c === 'cases' ? w.get(c, id) : undefined;
      w.remove(c, id);
      if (before !== undefined) move(c, before, undefined);
    },
    table: (c) => w.table(c),
    setAsOf: (at) => w.setAsOf(at),
    get asOf() {
      return w.asOf;
    },
    get writes() {
      return w.writes;
    },
    finish: () => w.finish(),
  };
}

function contributionOf(item: Item | undefined, clockMs: number): RiskContribution | null {
  if (!item) return null;
  return item.kind === 'alarm'
    ? alarmContribution(item.value, clockMs)
    : caseContribution(item.value, clockMs);
}

/**
 * Moves one item's contribution from its old value to its new one (either may be absent).
 * `clockMs` must be the clock the current records were computed at.
 */
export function updateRiskForItem(
  w: ModelWriter,
  before: Item | undefined,
  after: Item | undefined,
  clockMs: number,
): void {
  const oldC = contributionOf(before, clockMs);
  const newC = contributionOf(after, clockMs);
  if (sameContribution(oldC, newC)) return;
  const drafts = new Map<string, Draft>();
  const touch = (c: RiskContribution, sign: 1 | -1) => {
    for (const [kind, areaId] of areasOf(c)) {
      const id = riskIdOf(kind, areaId);
      let d = drafts.get(id);
      if (!d) {
        const r = w.get('risk', id);
        d = r
          ? { kind, areaId, counts: { ...r.counts }, matters: { ...r.matters } }
          : { kind, areaId, counts: emptyRiskCounts(), matters: {} };
        drafts.set(id, d);
      }
      addContribution(d, c, sign);
    }
  };
  if (oldC) touch(oldC, -1);
  if (newC) touch(newC, 1);
  for (const [id, d] of drafts) {
    if (isEmpty(d)) w.remove('risk', id);
    else w.put('risk', id, toRecord(d));
  }
}

/** Counts every area again at `clockMs`; writes only the records that differ. */
export function recomputeRisk(w: ModelWriter, clockMs: number): void {
  // Keyed by the area's own id (not the record id) so a large recount builds no strings per item.
  const grids = new Map<string, Draft>();
  const townships = new Map<string, Draft>();
  const add = (c: RiskContribution | null) => {
    if (!c) return;
    if (c.gridId !== null) {
      let d = grids.get(c.gridId);
      if (!d) {
        d = { kind: 'grid', areaId: c.gridId, counts: emptyRiskCounts(), matters: {} };
        grids.set(c.gridId, d);
      }
      addContribution(d, c, 1);
    }
    if (c.townshipId !== null) {
      let d = townships.get(c.townshipId);
      if (!d) {
        d = { kind: 'township', areaId: c.townshipId, counts: emptyRiskCounts(), matters: {} };
        townships.set(c.townshipId, d);
      }
      addContribution(d, c, 1);
    }
  };
  // Indexed loops over Object.keys: for…in and Object.values are 2–3× slower on large tables.
  const alarms = w.table('alarms');
  const alarmIds = Object.keys(alarms);
  for (let i = 0; i < alarmIds.length; i++)
    add(alarmContribution(alarms[alarmIds[i] as string] as AlarmRecord, clockMs));
  const cases = w.table('cases');
  const caseIds = Object.keys(cases);
  for (let i = 0; i < caseIds.length; i++)
    add(caseContribution(cases[caseIds[i] as string] as CaseRecord, clockMs));
  const drafts = new Map<string, Draft>();
  for (const d of [...grids.values(), ...townships.values()]) drafts.set(riskIdOf(d.kind, d.areaId), d);
  const existing = w.table('risk');
  for (const id of Object.keys(existing)) if (!drafts.has(id)) w.remove('risk', id);
  for (const [id, d] of drafts) {
    const r = existing[id];
    if (isEmpty(d)) {
      if (r) w.remove('risk', id);
      continue;
    }
    if (r && sameDraft(r, d)) continue;
    w.put('risk', id, toRecord(d));
  }
}
