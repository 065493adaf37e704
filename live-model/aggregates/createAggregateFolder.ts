/**
 * Incremental aggregation: folds log events into row deltas. Each item's latest
 * contribution is remembered; a new version subtracts the old one and adds the new one, so
 * the sum over rows always equals the sum of every item's latest state. Rows:
 *   - the district (`area` ''), each township (`t:<id>`) and each grid (`g:<id>`);
 *   - all categories (`category` '') and, for the district and townships, each category;
 *   - per day and per hour (`gran`), days and hours in the configured zone.
 * Pure apart from its own state; the gateway persists rows and item states.
 */
import type { Envelope } from '../../protocol/log';
import { MEASURES } from '../../protocol/trends';
import { createBucketer } from './createBucketer';
import { type CategoryClasses, type Contribution, itemKey, toContribution } from './toContribution';

export type Gran = 'hour' | 'day';

export interface RowKey {
  gran: Gran;
  bucket: string;
  area: string;
  category: string;
}

export interface ItemState {
  contribution: Contribution;
  /** The latest moment any of its entries counts at: items idle long enough are forgotten. */
  lastMs: number;
}

export interface FoldResult {
  /** Row key (see rowKeyOf) → deltas in MEASURES order; rows whose deltas are all zero are left out. */
  rows: Map<string, number[]>;
  /** Items whose contribution changed (their new state). */
  items: Map<string, ItemState>;
}

export interface AggregateFolder {
  fold(events: readonly Envelope[]): FoldResult;
  /** Forgets items idle since before `beforeMs`; returns their keys. */
  prune(beforeMs: number): string[];
  readonly size: number;
}

const SEP = '\u0000';

export function rowKeyOf(k: RowKey): string {
  return `${k.gran}${SEP}${k.bucket}${SEP}${k.area}${SEP}${k.category}`;
}

export function parseRowKey(key: string): RowKey {
  const [gran, bucket, area, category] = key.split(SEP) as [Gran, string, string, string];
  return { gran, bucket, area, category };
}

function sameContribution(a: Contribution, b: Contribution): boolean {
  if (a.townshipId !== b.townshipId || a.gridId !== b.gridId || a.category !== b.category) return false;
  if (a.entries.length !== b.entries.length) return false;
  return a.entries.every((e, i) => {
    const f = b.entries[i] as [number, number, number];
    return e[0] === f[0] && e[1] === f[1] && e[2] === f[2];
  });
}

export interface FolderOptions {
  classes: CategoryClasses;
  tz: string;
  /** Whether an hour bucket is kept for an entry at `ms` (hours are kept for recent days only). */
  keepHour?: (ms: number) => boolean;
  /** Item states to start from (after a restart). */
  items?: Iterable<[string, ItemState]>;
}

/**
 * Adds a contribution, times `sign`, to row deltas.
 * @example addContribution(rows, contribution, 1, bucketer, () => true)
 */
export function addContribution(
  rows: Map<string, number[]>,
  c: Contribution,
  sign: number,
  bucketer: ReturnType<typeof createBucketer>,
  keepHour: (ms: number) => boolean,
): void {
  const targets: [string, string][] = [
    ['', ''],
    ['', c.category],
  ];
  if (c.townshipId) targets.push([`t:${c.townshipId}`, ''], [`t:${c.townshipId}`, c.category]);
  if (c.gridId) targets.push([`g:${c.gridId}`, '']);
  // An item's entries mostly share one moment (an alarm's all do): its rows are looked up once.
  let atMs = Number.NaN;
  let atRows: number[][] = [];
  for (const [measure, ms, value] of c.entries) {
    if (ms !== atMs) {
      atMs = ms;
      atRows = [];
      const buckets: [Gran, string][] = [['day', bucketer.day(ms)]];
      if (keepHour(ms)) buckets.push(['hour', bucketer.hour(ms)]);
      for (const [gran, bucket] of buckets)
        for (const [area, category] of targets) {
          const key = `${gran}${SEP}${bucket}${SEP}${area}${SEP}${category}`;
          let row = rows.get(key);
          if (!row) {
            row = new Array<number>(MEASURES.length).fill(0);
            rows.set(key, row);
          }
          atRows.push(row);
        }
    }
    for (const row of atRows) row[measure] = (row[measure] as number) + sign * value;
  }
}

export function createAggregateFolder(options: FolderOptions): AggregateFolder {
  const bucketer = createBucketer(options.tz);
  const keepHour = options.keepHour ?? (() => true);
  const items = new Map<string, ItemState>(options.items ?? []);

  return {
    fold(events) {
      const rows = new Map<string, number[]>();
      const changed = new Map<string, ItemState>();
      for (const e of events) {
        const key = itemKey(e);
        if (!key) continue;
        const prev = items.get(key);
        const next = toContribution(e, options.classes, prev?.contribution ?? null);
        if (!next) continue;
        if (prev && sameContribution(prev.contribution, next)) continue;
        if (prev) addContribution(rows, prev.contribution, -1, bucketer, keepHour);
        addContribution(rows, next, 1, bucketer, keepHour);
        const state: ItemState = {
          contribution: next,
          lastMs: next.entries.reduce((m, [, ms]) => Math.max(m, ms), 0),
        };
        items.set(key, state);
        changed.set(key, state);
      }
      for (const [key, row] of rows) if (row.every((v) => v === 0)) rows.delete(key);
      return { rows, items: changed };
    },
    prune(beforeMs) {
      const gone: string[] = [];
      for (const [key, s] of items)
        if (s.lastMs < beforeMs) {
          items.delete(key);
          gone.push(key);
        }
      return gone;
    },
    get size() {
      return items.size;
    },
  };
}
