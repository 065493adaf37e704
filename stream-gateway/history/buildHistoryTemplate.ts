/**
 * A week of the simulated district, as aggregate contributions per item: the template from
 * which the older history is drawn. Two flat weeks are simulated (so every case received in
 * the second half of the first week has lived its whole life cycle), each item's last version
 * is normalised exactly as ingest does (grid lookup), and its contribution is kept relative to
 * the day it began.
 */
import { createBucketer } from '../../live-model/aggregates/createBucketer';
import { type CategoryClasses, toContribution } from '../../live-model/aggregates/toContribution';
import type { RegionPack } from '../../live-model/region/types';
import { addDays, daysApart, startOfDay, weekdayOf } from '../../live-model/zonedTime';
import { REPEAT_CASE_SHARE } from '../../mock-feeds/historyRhythm';
import { DEFAULT_SIMULATION, simulateDistrict } from '../../mock-feeds/simulateDistrict';
import type { Envelope } from '../../protocol/log';
import type { FeedLine } from '../../protocol/schemas';
import { type PlaceLookup, parseFeedItem } from '../ingest/parseFeedItem';

const DAY = 86_400_000;

export interface TemplateItem {
  kind: 'alarms' | 'cases';
  category: string;
  townshipId: string | null;
  /** Indices into `targets` (the rows the item counts in). */
  targets: number[];
  /** [measure index, days after the item's first day, value]. */
  entries: [number, number, number][];
}

export interface HistoryTemplate {
  /** Items by the weekday they began on (Monday = 0). */
  byWeekday: TemplateItem[][];
  /** Row targets: [area, category]. */
  targets: [string, string][];
}

export interface TemplateOptions {
  pack: RegionPack;
  places: PlaceLookup;
  tz: string;
  seed: number;
  alarmsPerHour: number;
  classes: CategoryClasses;
  /** Any day; the simulation runs from it (its weekday does not matter). */
  startDay: string;
}

/** Lets the event loop breathe (the gateway serves meanwhile). */
const breathe = () => new Promise((r) => setImmediate(r));

export async function buildHistoryTemplate(o: TemplateOptions): Promise<HistoryTemplate> {
  const bucketer = createBucketer(o.tz);
  const startMs = startOfDay(o.startDay, o.tz);
  const { events } = simulateDistrict(o.pack, {
    ...DEFAULT_SIMULATION,
    tz: o.tz,
    seed: o.seed,
    startMs,
    alarmsPerHour: o.alarmsPerHour,
    repeatCaseShare: REPEAT_CASE_SHARE,
  });
  const latest = new Map<string, { line: FeedLine; atMs: number }>();
  let n = 0;
  for (const e of events) {
    if (e.atMs >= startMs + 14 * DAY) break;
    if (++n % 5000 === 0) await breathe();
    if (e.line.feed === 'cameras') continue;
    latest.set(`${e.line.feed}:${e.line.data.id}`, { line: e.line, atMs: e.atMs });
  }

  const keep = { first: addDays(o.startDay, 3), last: addDays(o.startDay, 9) };
  const targetIndex = new Map<string, number>();
  const targets: [string, string][] = [];
  const target = (area: string, category: string) => {
    const key = `${area}\u0000${category}`;
    let i = targetIndex.get(key);
    if (i === undefined) {
      i = targets.length;
      targets.push([area, category]);
      targetIndex.set(key, i);
    }
    return i;
  };
  const byWeekday: TemplateItem[][] = Array.from({ length: 7 }, () => []);
  const ctx = { nowMs: 0, tz: o.tz, places: o.places, model: { cameras: {} } };
  for (const { line, atMs } of latest.values()) {
    if (line.feed === 'cameras') continue;
    if (++n % 2000 === 0) await breathe();
    ctx.nowMs = atMs;
    const parsed = parseFeedItem(line.feed, line.data, ctx);
    if (!parsed.ok) continue;
    const kind = line.feed === 'alarms' ? 'alarm' : 'case';
    const c = toContribution(
      { seq: 0, kind, at: new Date(atMs).toISOString(), drill: false, data: parsed.record } as Envelope,
      o.classes,
    );
    if (!c) continue;
    const record = parsed.record as { occurredAt?: string; receivedAt?: string };
    const firstDay = bucketer.day(Date.parse(record.occurredAt ?? record.receivedAt ?? ''));
    if (firstDay < keep.first || firstDay > keep.last) continue;
    const areas: number[] = [target('', ''), target('', c.category)];
    if (c.townshipId) areas.push(target(`t:${c.townshipId}`, ''), target(`t:${c.townshipId}`, c.category));
    if (c.gridId) areas.push(target(`g:${c.gridId}`, ''));
    (byWeekday[weekdayOf(firstDay)] as TemplateItem[]).push({
      kind: line.feed,
      category: c.category,
      townshipId: c.townshipId,
      targets: areas,
      entries: c.entries.map(([m, ms, v]) => [m, daysApart(firstDay, bucketer.day(ms)), v]),
    });
  }
  return { byWeekday, targets };
}
