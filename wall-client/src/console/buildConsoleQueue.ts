/**
 * The console's alarm queue as the officer works it: one tab per stage (to acknowledge, in
 * progress, escalated, closed, all), each in working order — red before yellow before green,
 * newest first; escalated ones lead the in-progress tab. Pure, so it is tested without a browser.
 */
import type { AlarmRecord } from '../../../protocol/liveModel';

export const QUEUE_FILTERS = ['new', 'active', 'escalated', 'closed', 'all'] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];

const SEVERITY_RANK = { red: 0, yellow: 1, green: 2 } as const;
const STATE_RANK = { new: 0, acknowledged: 1, dispatched: 2, closed: 3 } as const;

export function matchesFilter(a: AlarmRecord, filter: QueueFilter): boolean {
  switch (filter) {
    case 'new':
      return a.state === 'new';
    case 'active':
      return a.state === 'acknowledged' || a.state === 'dispatched';
    case 'escalated':
      return a.handling?.escalated !== undefined && a.state !== 'closed';
    case 'closed':
      return a.state === 'closed';
    case 'all':
      return true;
  }
}

const newestFirst = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);

function compare(filter: QueueFilter) {
  return (a: AlarmRecord, b: AlarmRecord): number => {
    if (filter === 'closed')
      return (
        newestFirst(a.stateSince ?? a.occurredAt, b.stateSince ?? b.occurredAt) || (a.id < b.id ? -1 : 1)
      );
    return (
      (filter === 'all' ? STATE_RANK[a.state] - STATE_RANK[b.state] : 0) ||
      Number(b.handling?.escalated !== undefined) - Number(a.handling?.escalated !== undefined) ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      newestFirst(a.occurredAt, b.occurredAt) ||
      (a.id < b.id ? -1 : 1)
    );
  };
}

export interface ConsoleQueue {
  rows: AlarmRecord[];
  /** How many alarms each tab holds. */
  counts: Record<QueueFilter, number>;
  /** How many the current tab holds (rows may be fewer). */
  total: number;
}

/**
 * @example buildConsoleQueue(model.alarms, 'new', 200) // { rows: [red new…, yellow new…], counts: { new: 3, … }, total: 3 }
 */
export function buildConsoleQueue(
  alarms: Readonly<Record<string, AlarmRecord>>,
  filter: QueueFilter,
  limit: number,
): ConsoleQueue {
  const counts: Record<QueueFilter, number> = { new: 0, active: 0, escalated: 0, closed: 0, all: 0 };
  const picked: AlarmRecord[] = [];
  for (const a of Object.values(alarms)) {
    for (const f of QUEUE_FILTERS) if (matchesFilter(a, f)) counts[f]++;
    if (matchesFilter(a, filter)) picked.push(a);
  }
  picked.sort(compare(filter));
  return { rows: picked.slice(0, limit), counts, total: picked.length };
}
