/**
 * Several gateways behind one Redis (REDIS_URL), see docs/topology.md. One gateway owns ingest
 * at a time (a Redis lease with an epoch as fencing token): it runs the pipeline and appends
 * every delta it sends to a Redis stream under the id `<seq>-0`. The others follow: they
 * apply those deltas to their own copy of the model and send them, unchanged, to their own
 * screens; a gap (or a new owner whose line does not join theirs) makes them take the owner's
 * snapshot. Ingest and API requests that reach a follower are forwarded to the owner. Wall
 * rooms (the shared view of one wall) span gateways through the Socket.IO Redis adapter.
 */
import { applyDelta } from '../../live-model/applyDelta';
import type { LiveModel } from '../../protocol/liveModel';
import type { FeatureFactory, GatewayFeature } from '../GatewayContext';
import type { PipelineState } from '../pipeline/createPipeline';
import { rebuildModel } from '../store/rebuildModel';
import {
  ACQUIRE,
  APPEND_DELTA,
  clusterKeys,
  type LeaseHolder,
  parseLeaseHolder,
  RELEASE,
  RENEW,
  WRITE_SNAPSHOT,
} from './clusterScripts';
import { connectClusterRedis } from './connectClusterRedis';
import { forwardToOwner, wasForwarded } from './forwardToOwner';
import { judgeStreamEntry } from './judgeStreamEntry';
import { parseClusterSnapshot, parseDeltaEntry } from './parseClusterMessages';
import { createOwnerVerifier } from './verifyWithOwner';
import { type ClusterRole, type ClusterRoles, createClusterRoles } from './whileOwner';

export interface RedisClusterOptions {
  url: string;
  /** This gateway's name in the cluster (unique, no `|`). */
  gatewayId: string;
  /** Prefix of every key and channel, so that several clusters (or tests) share one Redis. */
  prefix: string;
  /** How long the owner's lease lasts without renewal; a follower takes over after about twice this. */
  leaseMs: number;
  /** Where the others forward requests to this gateway; default the address it listens on. */
  advertiseUrl?: string | null;
  /** Every gateway uses the same EventStore (PostgreSQL): a new owner continues from its log. */
  sharedStore: boolean;
  /** Deltas kept in the stream for followers that fell behind (approximate). */
  streamMaxLen?: number;
  /** Told of every role change (features that run only on the owner, see whileOwner). */
  roles?: ClusterRoles;
}

export interface RedisClusterFeature extends GatewayFeature {
  role(): ClusterRole;
}

const SNAPSHOT_WANTED = 'wall-cluster:snapshot-wanted';
/** Requests a follower passes on to the owner (everything that reads or writes the log). */
const FORWARDED_PATHS = ['/ingest/', '/api/'];

interface Followed {
  seq: number;
  model: LiveModel;
  /** The owner epoch this model came from; null: this gateway's own (not yet the cluster's). */
  epoch: number | null;
}

export function redisCluster(options: RedisClusterOptions): FeatureFactory {
  return (ctx): RedisClusterFeature => {
    const { pipeline, publisher, io, logger, store, now } = ctx;
    const keys = clusterKeys(options.prefix);
    const leaseMs = options.leaseMs;
    const maxLen = options.streamMaxLen ?? 10_000;
    const redis = connectClusterRedis(options.url, options.prefix, io);
    const { cmd, reader } = redis;

    const roles = options.roles ?? createClusterRoles();
    let role: ClusterRole = 'follower';
    const become = (next: ClusterRole) => {
      role = next;
      roles.set(next);
    };
    let stopped = false;
    let lease: LeaseHolder | null = null;
    let owner: LeaseHolder | null = null;
    let ownUrl = options.advertiseUrl ?? '';
    let missingSince: number | null = null;
    let followed: Followed = { seq: pipeline.seq, model: pipeline.model, epoch: null };
    let lastId = `${pipeline.seq}-0`;
    /** The seq a snapshot must reach before following goes on (null: none needed). */
    let resyncFrom: number | null = 0;
    let publishedSeq = pipeline.seq;
    let seenHead = { head: 0, seq: -1 };
    const counts = { relayed: 0, published: 0, publishFailed: 0, resyncs: 0, malformed: 0, takeovers: 0 };

    const refusal = () =>
      owner
        ? `not the ingest owner: this gateway follows ${owner.id} (${owner.url})`
        : 'no ingest owner elected yet (cluster): try again shortly';
    pipeline.setRefusal(refusal());

    let chain: Promise<unknown> = Promise.resolve();
    /** Role changes and applied deltas never interleave. */
    function critical<T>(task: () => Promise<T>): Promise<T> {
      const run = chain.then(task);
      chain = run.catch(() => undefined);
      return run;
    }
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

    // --- owner: deltas out, snapshots on request -------------------------------------------
    publisher.onDelta((delta) => {
      if (role !== 'owner' || !lease) return;
      publishedSeq = delta.seq;
      const args = [lease.value, maxLen, `${delta.seq}-0`, lease.epoch, JSON.stringify(delta)];
      cmd.eval(APPEND_DELTA, 2, keys.owner, keys.deltas, ...args).then(
        () => counts.published++,
        (err: Error) => {
          // Followers notice the missing delta by its seq and take a snapshot.
          counts.publishFailed++;
          redis.noteError(err.message);
          // Not ours any more, or Redis restarted empty: the renewal decides which.
          if (err.message.includes('FENCED')) runTick();
        },
      );
    });

    let snapshotTimer: NodeJS.Timeout | null = null;
    function writeSnapshotSoon(): void {
      if (snapshotTimer || role !== 'owner') return;
      snapshotTimer = setTimeout(() => {
        snapshotTimer = null;
        if (role !== 'owner' || !lease) return;
        const text = JSON.stringify({ epoch: lease.epoch, seq: pipeline.seq, model: pipeline.model });
        cmd.eval(WRITE_SNAPSHOT, 2, keys.owner, keys.snapshot, lease.value, text).catch((err: Error) => {
          redis.noteError(err.message);
        });
      }, 50);
    }
    io.on(SNAPSHOT_WANTED, () => writeSnapshotSoon());

    async function takeOver(holder: LeaseHolder): Promise<void> {
      await critical(async () => {
        if (stopped) return;
        let state: PipelineState;
        if (options.sharedStore) {
          // A stalled ex-owner may no longer clear a batch of its own from the shared log.
          await store.claimWriter?.();
          state = await rebuildModel(store);
        } else {
          // The local log lacks what was followed: it restarts from the followed model.
          const stored = await store.lastSeq();
          state = { seq: Math.max(followed.seq, stored), model: followed.model };
          await store.saveSnapshot(state);
        }
        await pipeline.follow(state);
        // The shared log may hold what the last owner never published: screens start from it.
        if (state.seq !== followed.seq) publisher.resnapshot();
        followed = { ...state, epoch: holder.epoch };
        publishedSeq = state.seq;
        lease = holder;
        owner = holder;
        become('owner');
        resyncFrom = null;
        counts.takeovers++;
        pipeline.setRefusal(null);
        writeSnapshotSoon();
        logger.info({ id: options.gatewayId, epoch: holder.epoch, seq: state.seq }, 'cluster: owning ingest');
      });
    }

    /**
     * An owner that stalled past its lease may have written to the shared log after the next
     * owner read it; the lease holder then continues from the log instead of failing on every
     * seq it reuses (the stalled one is refused by the log and steps down at its renewal).
     */
    async function catchUpWithSharedLog(): Promise<void> {
      const caughtUp = await pipeline.follow(async () =>
        (await store.lastSeq()) > pipeline.seq ? rebuildModel(store) : null,
      );
      if (!caughtUp) return;
      logger.warn(
        { seq: pipeline.seq },
        'cluster: the shared log was ahead of this owner; continuing from it',
      );
      followed = { seq: pipeline.seq, model: pipeline.model, epoch: lease?.epoch ?? null };
      publisher.resnapshot();
      writeSnapshotSoon();
    }

    async function stepDown(reason: string): Promise<void> {
      await critical(async () => {
        if (role !== 'owner') return;
        become('follower');
        lease = null;
        pipeline.setRefusal(refusal());
        await pipeline.drain();
        publisher.flush();
        // Epoch unknown: the screens get the new owner's snapshot, whatever this one had.
        followed = { seq: pipeline.seq, model: pipeline.model, epoch: null };
        resyncFrom = 0;
        logger.warn({ id: options.gatewayId, reason }, 'cluster: following again');
      });
    }

    // --- the lease: renew as owner, watch (and take when free) as follower ------------------
    async function tick(): Promise<void> {
      if (role === 'owner' && lease) {
        const r = await cmd.eval(
          RENEW,
          3,
          keys.owner,
          keys.epoch,
          keys.head,
          lease.value,
          leaseMs,
          lease.epoch,
          publishedSeq,
        );
        if (r === 2) {
          logger.warn({ id: options.gatewayId }, 'cluster: Redis had lost the lease; owning ingest again');
          writeSnapshotSoon();
        }
        if (r === 0) await stepDown('another gateway holds the lease');
        else if (options.sharedStore) await catchUpWithSharedLog();
        return;
      }
      const [held, headText] = await cmd.mget(keys.owner, keys.head);
      const holder = parseLeaseHolder(held ?? null);
      // Ours from before a quick restart (same id and address): no need to wait for it to expire.
      if (holder && holder.id === options.gatewayId && holder.url === ownUrl) return takeOver(holder);
      owner = holder;
      pipeline.setRefusal(refusal());
      if (holder) {
        missingSince = null;
        // Quiet since a burst whose end this gateway missed: the head says how far the owner is.
        const head = Number(headText ?? 0);
        if (head > followed.seq && seenHead.head === head && seenHead.seq === followed.seq)
          resyncFrom ??= head;
        seenHead = { head, seq: followed.seq };
        return;
      }
      missingSince ??= now();
      // The last owner gets the first chance after a Redis restart (its renewal comes sooner).
      if (now() - missingSince < leaseMs) return;
      const candidateSeq = options.sharedStore ? Number.MAX_SAFE_INTEGER : followed.seq;
      const args = [options.gatewayId, ownUrl, leaseMs, candidateSeq];
      const won = parseLeaseHolder(
        (await cmd.eval(ACQUIRE, 3, keys.owner, keys.epoch, keys.deltas, ...args)) as string,
      );
      if (won?.id === options.gatewayId) await takeOver(won);
      else owner = won;
    }

    // --- follower: the stream in, snapshots when something is missing -----------------------
    async function applyEntry(raw: [string, string[]]): Promise<void> {
      if (role !== 'follower' || resyncFrom !== null) return;
      const parsed = parseDeltaEntry(raw);
      if (!parsed.ok) {
        counts.malformed++;
        logger.warn({ reason: parsed.reason }, 'cluster: stream entry skipped');
        lastId = raw[0];
        return;
      }
      const { id, epoch, delta } = parsed.value;
      const judged = judgeStreamEntry(followed, epoch, delta);
      if (judged.verdict === 'resync') {
        resyncFrom = judged.resyncFrom;
        return;
      }
      lastId = id;
      if (judged.verdict === 'stale') return;
      followed = { seq: delta.seq, model: applyDelta(followed.model, delta), epoch };
      await pipeline.follow(followed);
      publisher.relay(delta);
      counts.relayed++;
    }

    async function resync(need: number): Promise<void> {
      const parsed = parseClusterSnapshot(await cmd.get(keys.snapshot));
      const snap = parsed?.ok ? parsed.value : null;
      if (!snap || !owner || snap.epoch !== owner.epoch || snap.seq < need) {
        io.serverSideEmit(SNAPSHOT_WANTED, options.gatewayId);
        await pause(200);
        return;
      }
      await critical(async () => {
        if (role !== 'follower') return;
        const rewound = snap.seq < followed.seq || snap.epoch !== followed.epoch;
        followed = { seq: snap.seq, model: snap.model, epoch: snap.epoch };
        lastId = `${snap.seq}-0`;
        resyncFrom = null;
        counts.resyncs++;
        await pipeline.follow(followed);
        // Screens here may hold what the new line does not: they start again from this one.
        if (rewound) publisher.resnapshot();
        logger.info({ seq: snap.seq, epoch: snap.epoch, rewound }, 'cluster: took the owner snapshot');
      });
    }

    async function follow(): Promise<void> {
      while (!stopped) {
        try {
          if (role !== 'follower') await pause(250);
          else if (resyncFrom !== null) await resync(resyncFrom);
          else {
            const batch = await reader.xread('COUNT', 500, 'BLOCK', 1000, 'STREAMS', keys.deltas, lastId);
            for (const [, entries] of batch ?? [])
              for (const raw of entries) await critical(() => applyEntry(raw));
          }
        } catch (err) {
          if (stopped) return;
          redis.noteError((err as Error).message);
          await pause(250);
        }
      }
    }

    const verifyWithOwner = createOwnerVerifier({ owner: () => owner, via: options.gatewayId, now });
    ctx.verifyTokens((token) => (role === 'follower' ? verifyWithOwner(token) : Promise.resolve(null)));
    ctx.intercept((req, res) => {
      if (role === 'owner' || !owner || wasForwarded(req)) return false;
      if (!FORWARDED_PATHS.some((p) => req.url?.startsWith(p))) return false;
      forwardToOwner(req, res, owner, options.gatewayId);
      return true;
    });

    let ticker: NodeJS.Timeout | null = null;
    let ticking = false;
    const runTick = () => {
      if (ticking || stopped) return;
      ticking = true;
      tick()
        .catch((err: Error) => {
          redis.noteError(err.message);
        })
        .finally(() => {
          ticking = false;
        });
    };
    let following: Promise<void> = Promise.resolve();

    return {
      name: 'cluster',
      role: () => role,
      async start() {
        if (!ownUrl) {
          const address = io.httpServer.address();
          if (address && typeof address === 'object')
            ownUrl = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}/`;
        }
        await Promise.race([new Promise((r) => cmd.once('ready', r)), pause(Math.min(leaseMs, 3000))]);
        runTick();
        ticker = setInterval(runTick, Math.max(50, Math.floor(leaseMs / 3)));
        following = follow();
      },
      async stop() {
        if (stopped) return;
        pipeline.setRefusal('this gateway is stopping');
        await pipeline.drain();
        publisher.flush();
        stopped = true;
        if (ticker) clearInterval(ticker);
        if (snapshotTimer) clearTimeout(snapshotTimer);
        if (lease) await cmd.eval(RELEASE, 1, keys.owner, lease.value).catch(() => undefined);
        redis.close();
        await following;
      },
      health() {
        const up = cmd.status === 'ready';
        return {
          state: up ? 'up' : 'down',
          redis: up ? 'up' : 'down',
          ...(up ? {} : { reason: `redis unreachable: ${redis.lastError() ?? cmd.status}` }),
          id: options.gatewayId,
          role,
          owner: owner ? { id: owner.id, url: owner.url, epoch: owner.epoch } : null,
          seq: pipeline.seq,
          resyncing: resyncFrom !== null,
          ...counts,
        };
      },
    };
  };
}
