/**
 * A full disk is met loudly, never by losing events silently (docs/reliability.md). The
 * monitor watches the free space of DATA_DIR (fs.statfs) against a threshold and notes
 * every write the store refused for lack of space (SQLITE_FULL, ENOSPC). While either
 * holds, feed ingest is refused (HTTP 507 with a one-line reason, a counter), /health says
 * `storage: down` and the walls show a banner; events already accepted are all in the log.
 */
import { statfs } from 'node:fs/promises';
import type { StorageAlarm } from '../../protocol/messages';
import type { Logger } from '../GatewayContext';
import type { EventStore } from './EventStore';

/** Refused for lack of storage: the HTTP ingest answers 507 with the message. */
export class StorageRefusal extends Error {}

export interface StorageMonitorOptions {
  dir: string;
  /** Below this many MB free on `dir`, new events are refused. */
  minFreeMb: number;
  /** After the store refused a write for lack of space, refuse without trying for this long. */
  holdMs?: number;
  now: () => number;
  /** fs.statfs by default; free bytes available to this process. */
  freeBytes?: (dir: string) => Promise<number>;
  /** Told of every refusal (a counter). */
  onRefused?: (reason: string) => void;
}

export interface StorageMonitor {
  /** Measures the free space now; returns whether the alarm changed. */
  check(): Promise<boolean>;
  /** Why new events are refused now, or null. */
  refusal(): string | null;
  /** Before a feed batch: throws the refusal (and counts it) while storage is short. */
  admit(): void;
  alarm(): StorageAlarm | null;
  health(): { state: 'ok' | 'down'; freeMb: number | null; minFreeMb: number; reason?: string };
  /** The store with its writes watched: a full-disk error becomes a StorageRefusal and raises the alarm. */
  watch(store: EventStore): EventStore;
  onChange(listener: (alarm: StorageAlarm | null) => void): void;
}

const MB = 1024 * 1024;

/** SQLITE_FULL (and its extended codes), ENOSPC, EDQUOT: the store had no room for a write. */
export function isStorageFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(SQLITE_FULL|ENOSPC|EDQUOT)/.test(code);
}

async function statfsFree(dir: string): Promise<number> {
  const s = await statfs(dir);
  return s.bavail * s.bsize;
}

export function createStorageMonitor(options: StorageMonitorOptions): StorageMonitor {
  const holdMs = options.holdMs ?? 10_000;
  const freeBytes = options.freeBytes ?? statfsFree;
  let freeMb: number | null = null;
  let fullAt: number | null = null;
  let fullReason = '';
  let lowSince: string | null = null;
  let shown: string | null = null;
  const listeners: ((alarm: StorageAlarm | null) => void)[] = [];

  const low = () => freeMb !== null && freeMb < options.minFreeMb;
  function current(): StorageAlarm | null {
    if (fullAt !== null)
      return { state: 'full', freeMb, reason: fullReason, since: new Date(fullAt).toISOString() };
    if (low())
      return {
        state: 'low',
        freeMb,
        reason: `storage low: ${freeMb} MB free for ${options.dir}, below STORAGE_MIN_FREE_MB=${options.minFreeMb}; new events are refused until space is freed`,
        since: lowSince ?? new Date(options.now()).toISOString(),
      };
    return null;
  }
  /** Tells the listeners when the alarm appears, changes state or clears. */
  function changed(): boolean {
    if (!low()) lowSince = null;
    else lowSince ??= new Date(options.now()).toISOString();
    const alarm = current();
    const key = alarm ? alarm.state : null;
    if (key === shown) return false;
    shown = key;
    for (const l of listeners) l(alarm);
    return true;
  }
  function refusal(): string | null {
    if (fullAt !== null && options.now() - fullAt < holdMs) return fullReason;
    return low() ? (current()?.reason ?? null) : null;
  }
  function refuse(reason: string): never {
    options.onRefused?.(reason);
    throw new StorageRefusal(reason);
  }
  /** Runs a write; a full-disk error raises the alarm, a success after one clears it. */
  async function guarded<T>(write: () => Promise<T>): Promise<T> {
    try {
      const result = await write();
      if (fullAt !== null) {
        fullAt = null;
        changed();
      }
      return result;
    } catch (err) {
      if (!isStorageFull(err)) throw err;
      fullAt = options.now();
      fullReason = `storage full: the store refused a write (${(err as Error).message}); new events are refused until space is freed`;
      changed();
      return refuse(fullReason);
    }
  }

  return {
    async check() {
      freeMb = Math.floor((await freeBytes(options.dir)) / MB);
      return changed();
    },
    refusal,
    alarm: current,
    health() {
      const alarm = current();
      return {
        state: alarm ? 'down' : 'ok',
        freeMb,
        minFreeMb: options.minFreeMb,
        ...(alarm ? { reason: alarm.reason } : {}),
      };
    },
    admit() {
      const reason = refusal();
      if (reason) refuse(reason);
    },
    watch(store) {
      const watched: EventStore = {
        kind: store.kind,
        lastSeq: () => store.lastSeq(),
        append: (events) => guarded(() => store.append(events)),
        read: (fromSeq, limit) => store.read(fromSeq, limit),
        saveSnapshot: (snapshot) => guarded(() => store.saveSnapshot(snapshot)),
        loadSnapshot: () => store.loadSnapshot(),
        appendRejected: (entries) => guarded(() => store.appendRejected(entries)),
        readRejected: (limit) => store.readRejected(limit),
        close: () => store.close(),
      };
      const compact = store.compact?.bind(store);
      return compact ? { ...watched, compact } : watched;
    },
    onChange: (listener) => {
      listeners.push(listener);
    },
  };
}

/**
 * Measures every `checkMs`, logs every change of the alarm (and one already there at start)
 * and announces it (the gateway sends the screens a clock message that carries it).
 */
export function runStorageMonitor(
  monitor: StorageMonitor,
  deps: {
    logger: Logger;
    every: (ms: number, fn: () => void) => void;
    checkMs: number;
    announce: () => void;
  },
): void {
  const { logger } = deps;
  deps.every(deps.checkMs, () => {
    monitor.check().catch((err: Error) => logger.warn({ err: err.message }, 'free space not measured'));
  });
  monitor.onChange((alarm) => {
    if (alarm) logger.error({ storage: alarm }, alarm.reason);
    else logger.info({}, 'storage alarm cleared: ingest accepts events again');
    deps.announce();
  });
  const atStart = monitor.alarm();
  if (atStart) logger.error({ storage: atStart }, atStart.reason);
}
