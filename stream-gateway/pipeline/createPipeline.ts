/**
 * The ingest pipeline: validate → reduce (in a draft) → append to the log → commit → notify.
 * Batches run one at a time, so seqs are consecutive and the model always equals the log.
 * If the store refuses a batch, the draft is dropped and nothing of it is published.
 * Group commit: ingest requests that queue up while a batch is being stored are taken
 * together as one batch (one draft of the model, one store transaction, one publish), each
 * caller still getting its own result once the whole batch is durable. Under load the groups
 * grow by themselves, so the per-batch costs (copying the touched tables of the model, the
 * transaction) are paid once for many requests.
 */
import { createModelWriter } from '../../live-model/modelWriter';
import { applyEvent } from '../../live-model/reduceLiveModel';
import type { LiveModel } from '../../protocol/liveModel';
import { DRILL_PREFIX } from '../../protocol/liveModel';
import { type Envelope, FEED_EVENT_KIND, type NewEnvelope } from '../../protocol/log';
import type { Change } from '../../protocol/messages';
import type { FeedName } from '../../protocol/schemas';
import { maskRawItem } from '../ingest/maskPersonalData';
import { type ParseContext, type PlaceLookup, parseFeedItem } from '../ingest/parseFeedItem';
import type { EventStore, RejectedEntry } from '../store/EventStore';

export interface IngestResult {
  accepted: number;
  /** Same id and version again, or an older version: accepted as a no-op. */
  duplicates: number;
  rejected: { index: number; reason: string }[];
}

/** What every listener learns after a batch is durable. */
export interface CommittedBatch {
  events: readonly Envelope[];
  changes: readonly Change[];
  model: LiveModel;
  fromSeq: number;
  seq: number;
  /** The batch holds a new red alarm: publish at once. */
  urgent: boolean;
  /** Backfilled history: stored and aggregated, never broadcast to the walls as deltas. */
  history: boolean;
}

/** One item of backfilled history, accepted as if at `atMs`. */
export interface HistoryItem {
  feed: FeedName;
  data: unknown;
  atMs: number;
}

export interface PipelineDeps {
  store: EventStore;
  initial: { seq: number; model: LiveModel };
  places: PlaceLookup | null;
  tz: string;
  /** The edge's clock; the pure core never reads one. */
  now: () => number;
  onRejected?: (feed: string, reason: string) => void;
  /** Throws to refuse a feed batch before anything of it is read (storage short). */
  admit?: () => void;
  /** Personal data masked in a batch, per feed field (`rejected` for rejected payloads). */
  onMasked?: (feed: FeedName, counts: Readonly<Record<string, number>>) => void;
}

export interface Pipeline {
  readonly model: LiveModel;
  readonly seq: number;
  /** Parses and ingests a batch of feed items; `drill` marks them as an exercise. */
  ingest(feed: FeedName, items: readonly unknown[], options?: { drill?: boolean }): Promise<IngestResult>;
  /**
   * Ingests backfilled history: each item is validated and normalised as if it arrived at
   * its own `atMs` (so past items are not flagged past-dated) and logged with that time.
   * Listeners see `history: true`; the gateway does not broadcast such batches.
   */
  ingestHistory(items: readonly HistoryItem[]): Promise<IngestResult>;
  /** Appends events the gateway itself produces (heartbeats, feed status, ticks). */
  appendSystem(events: readonly NewEnvelope[], options?: { history?: boolean }): Promise<Envelope[]>;
  /**
   * Decides against the current model inside the pipeline's queue — no other batch can come
   * between the decision and its append — and appends what it returns (operator actions:
   * check the revision, then log). `urgent` publishes at once.
   */
  appendDecided<T>(
    decide: (model: LiveModel) => { result: T; events: readonly NewEnvelope[]; urgent?: boolean },
  ): Promise<{ result: T; events: Envelope[] }>;
  onCommit(listener: (batch: CommittedBatch) => void): () => void;
  /** Resolves when all queued batches are done. */
  drain(): Promise<void>;
  /** Why writes are refused (a follower gateway in a cluster), or null when this pipeline writes. */
  readonly refusal: string | null;
  /**
   * Cluster roles: a reason makes every later write fail with a {@link WriteRefusedError}
   * (queued batches still finish); null lets writes through again (this gateway owns ingest).
   */
  setRefusal(reason: string | null): void;
  /**
   * A follower takes the owner's model and seq as they are (after the queued batches); no
   * listener is told, nothing is stored: the owner's deltas reach the screens as they were.
   * Given a loader, it runs in the queue (no batch in between) and null changes nothing.
   */
  follow(next: PipelineState | (() => Promise<PipelineState | null>)): Promise<boolean>;
}

export interface PipelineState {
  seq: number;
  model: LiveModel;
}

/** A write sent to a gateway that does not own ingest (see docs/topology.md). */
export class WriteRefusedError extends Error {}

const PAYLOAD_KEEP = 2000;
/** A group stops taking requests at this many items (bounds one transaction and one publish). */
const MAX_GROUP_ITEMS = 2000;

/** Items of one ingest request, all of one kind (drill or not). */
interface ItemRequest {
  items: readonly HistoryItem[];
  drill: boolean;
}

/** An ingest call waiting for its group to be stored. */
interface PendingIngest {
  feed: FeedName;
  items: readonly unknown[];
  drill: boolean;
  resolve: (result: IngestResult) => void;
  reject: (err: unknown) => void;
}

/**
 * A drill item lives beside the live ones without touching them: its id is namespaced
 * (`drill:<id>`) and it is marked, so it never mixes into live statistics.
 */
function toDrillRecord<T extends { id: string; cameraId?: string }>(record: T): T {
  return { ...record, id: `${DRILL_PREFIX}${record.id}`, drill: true };
}

function truncatePayload(raw: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(raw) ?? String(raw);
  } catch {
    text = String(raw);
  }
  return text.length > PAYLOAD_KEEP ? `${text.slice(0, PAYLOAD_KEEP)}…` : text;
}

export function createPipeline(deps: PipelineDeps): Pipeline {
  let model = deps.initial.model;
  let seq = deps.initial.seq;
  let queue: Promise<unknown> = Promise.resolve();
  let refusal: string | null = null;
  const listeners = new Set<(batch: CommittedBatch) => void>();

  function enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  /** Queues any other task; ingest requests after it form a new group, so calls keep their order. */
  function serial<T>(task: () => Promise<T>): Promise<T> {
    open = null;
    return enqueue(task);
  }

  /** A write: refused at its turn in the queue when this gateway does not own ingest. */
  function write<T>(task: () => Promise<T>): Promise<T> {
    return serial(() => (refusal === null ? task() : Promise.reject(new WriteRefusedError(refusal))));
  }

  async function commit(draft: {
    events: Envelope[];
    urgent: boolean;
    history: boolean;
    w: ReturnType<typeof createModelWriter>;
  }): Promise<void> {
    if (draft.events.length === 0) return;
    await deps.store.append(draft.events);
    const { model: next, changes } = draft.w.finish();
    const fromSeq = seq + 1;
    model = next;
    seq = (draft.events.at(-1) as Envelope).seq;
    const batch: CommittedBatch = {
      events: draft.events,
      changes,
      model,
      fromSeq,
      seq,
      urgent: draft.urgent,
      history: draft.history,
    };
    for (const l of listeners) l(batch);
  }

  async function append(
    newEvents: readonly NewEnvelope[],
    urgent: boolean,
    history: boolean,
  ): Promise<Envelope[]> {
    const w = createModelWriter(model);
    const events = newEvents.map((e, i) => ({ ...e, seq: seq + i + 1 }) as Envelope);
    for (const e of events) applyEvent(w, e);
    await commit({ events, urgent, history, w });
    return events;
  }

  /**
   * Parses, reduces (in one draft), logs and commits the items of several requests as one
   * batch; one result per request.
   */
  async function ingestItems(requests: readonly ItemRequest[], history: boolean): Promise<IngestResult[]> {
    const w = createModelWriter(model);
    const ctx: ParseContext = {
      nowMs: 0,
      tz: deps.tz,
      places: deps.places,
      model: { cameras: w.table('cameras') },
    };
    const rejectedEntries: RejectedEntry[] = [];
    const events: Envelope[] = [];
    let urgent = false;
    const masked = new Map<FeedName, Record<string, number>>();
    const count = (feed: FeedName, field: string, n: number) => {
      if (n <= 0) return;
      const m = masked.get(feed) ?? {};
      m[field] = (m[field] ?? 0) + n;
      masked.set(feed, m);
    };
    let lastAtMs = Number.NaN;
    let lastAt = '';
    const results = requests.map(({ items, drill }) => {
      const result: IngestResult = { accepted: 0, duplicates: 0, rejected: [] };
      items.forEach(({ feed, data: raw, atMs }, index) => {
        // A request's items share one arrival time: formatted once.
        if (atMs !== lastAtMs) {
          lastAtMs = atMs;
          lastAt = new Date(atMs).toISOString();
        }
        const at = lastAt;
        ctx.nowMs = atMs;
        const parsed = parseFeedItem(feed, raw, ctx);
        if (!parsed.ok) {
          result.rejected.push({ index, reason: parsed.reason });
          // Kept for the operators to see why, so masked like everything else.
          const safe = maskRawItem(raw);
          count(feed, 'rejected', safe.count);
          rejectedEntries.push({ at, feed, reason: parsed.reason, payload: truncatePayload(safe.value) });
          deps.onRejected?.(feed, parsed.reason);
          return;
        }
        const envelope = {
          seq: seq + events.length + 1,
          kind: FEED_EVENT_KIND[feed],
          at,
          drill,
          data: drill ? toDrillRecord(parsed.record) : parsed.record,
        } as Envelope;
        const existedBefore =
          feed === 'alarms' && w.get('alarms', (envelope.data as { id: string }).id) !== undefined;
        if (!applyEvent(w, envelope)) {
          result.duplicates++;
          return;
        }
        for (const [field, n] of Object.entries(parsed.maskedFields)) count(feed, field, n);
        events.push(envelope);
        result.accepted++;
        if (feed === 'alarms' && !existedBefore) {
          const alarm = parsed.record as { severity: string; state: string };
          if (alarm.severity === 'red' && alarm.state === 'new') urgent = true;
        }
      });
      return result;
    });
    if (rejectedEntries.length > 0) await deps.store.appendRejected(rejectedEntries);
    await commit({ events, urgent, history, w });
    for (const [feed, counts] of masked) deps.onMasked?.(feed, counts);
    return results;
  }

  /** The group still taking ingest requests: queued, not started, nothing else queued after it. */
  let open: { pending: PendingIngest[]; items: number } | null = null;

  function ingestGrouped(pending: PendingIngest): void {
    if (open && open.items + pending.items.length <= MAX_GROUP_ITEMS) {
      open.pending.push(pending);
      open.items += pending.items.length;
      return;
    }
    const group = { pending: [pending], items: pending.items.length };
    open = group;
    void enqueue(async () => {
      if (open === group) open = null;
      const nowMs = deps.now();
      try {
        if (refusal !== null) throw new WriteRefusedError(refusal);
        // A full disk refuses the whole group before anything of it is reduced (507).
        deps.admit?.();
        const results = await ingestItems(
          group.pending.map((p) => ({
            items: p.items.map((data) => ({ feed: p.feed, data, atMs: nowMs })),
            drill: p.drill,
          })),
          false,
        );
        group.pending.forEach((p, i) => {
          p.resolve(results[i] as IngestResult);
        });
      } catch (err) {
        for (const p of group.pending) p.reject(err);
      }
    });
  }

  return {
    get model() {
      return model;
    },
    get seq() {
      return seq;
    },
    ingest(feed, items, options = {}) {
      return new Promise((resolve, reject) =>
        ingestGrouped({ feed, items, drill: options.drill === true, resolve, reject }),
      );
    },
    ingestHistory(items) {
      return write(async () => (await ingestItems([{ items, drill: false }], true))[0] as IngestResult);
    },
    appendSystem(newEvents, options = {}) {
      return write(() => append(newEvents, false, options.history === true));
    },
    appendDecided(decide) {
      return write(async () => {
        const decision = decide(model);
        const events = await append(decision.events, decision.urgent === true, false);
        return { result: decision.result, events };
      });
    },
    onCommit(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    drain: () => serial(async () => undefined),
    get refusal() {
      return refusal;
    },
    setRefusal(reason) {
      refusal = reason;
    },
    follow(next) {
      return serial(async () => {
        const state = typeof next === 'function' ? await next() : next;
        if (!state) return false;
        model = state.model;
        seq = state.seq;
        return true;
      });
    },
  };
}
