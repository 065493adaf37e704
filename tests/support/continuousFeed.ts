/**
 * A feed that ingests alarms over HTTP without pause, one small batch per request, and
 * remembers exactly which ids the gateway acknowledged with a 2xx — the promise a test of
 * backups, crashes or a full disk holds the gateway to. Requests that fail (the gateway
 * is down, the disk is full) are counted and retried with new ids after a short backoff.
 */
import { alarmInput } from '../fixtures/feedItems';
import { postJson } from './socketWaits';

export interface ContinuousFeed {
  /** Ids the gateway answered 2xx for, in order. */
  readonly accepted: string[];
  /** Requests answered otherwise or not at all, by status (0: no answer). */
  readonly failures: Map<number, number>;
  /** Point the feed at another address (a restarted gateway). */
  retarget(url: string): void;
  stop(): Promise<void>;
}

export function startContinuousFeed(
  url: string,
  options: { prefix?: string; batch?: number } = {},
): ContinuousFeed {
  const prefix = options.prefix ?? 'FEED';
  const batch = options.batch ?? 5;
  let target = url;
  let stopped = false;
  let n = 0;
  const accepted: string[] = [];
  const failures = new Map<number, number>();
  const fail = (status: number) => failures.set(status, (failures.get(status) ?? 0) + 1);
  const loop = (async () => {
    while (!stopped) {
      const ids = Array.from({ length: batch }, () => `${prefix}-${++n}`);
      const items = ids.map((id) => alarmInput({ id, severity: 'yellow' }));
      const answer = await postJson(`${target}ingest/alarms`, items).catch(() => null);
      if (answer && answer.status >= 200 && answer.status < 300 && answer.body.accepted === batch) {
        accepted.push(...ids);
        continue;
      }
      fail(answer?.status ?? 0);
      // A backoff against a gateway that is down, not a synchronisation.
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return {
    accepted,
    failures,
    retarget: (next) => {
      target = next;
    },
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}
