/**
 * The stream-gateway, assembled from its parts. It takes its dependencies (store, place
 * lookup, authenticator, clock, logger, features) so that tests run a real server on port 0
 * with a temporary store.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { type Cadences, DEFAULT_CADENCES } from '../live-model/freshness';
import type { RegionPack } from '../live-model/region/types';
import { can, type Principal } from '../protocol/access';
import type { ClockMessage } from '../protocol/messages';
import { FEED_NAMES, type FeedName } from '../protocol/schemas';
import type { ClientToServerEvents, HandshakeAuth, ServerToClientEvents } from '../protocol/socketEvents';
import { requestOrigin } from './audit/requestOrigin';
import { type Authenticator, tokenOf } from './auth/Authenticator';
import { createMetrics, type Metrics } from './createMetrics';
import { planFreshnessEvents } from './freshness/createFreshnessMonitor';
import type {
  ConnectionHandler,
  FeatureFactory,
  GatewayContext,
  GatewayFeature,
  Logger,
  RequestInterceptor,
  TokenVerifier,
} from './GatewayContext';
import { createRouter, type Router, sendJson } from './http/router';
import { createStaticHandler } from './http/serveStatic';
import { createHeartbeatHandler } from './ingest/createHeartbeatHandler';
import { addIngestRoutes } from './ingest/ingestRoutes';
import type { PlaceLookup } from './ingest/parseFeedItem';
import { createPipeline, type Pipeline } from './pipeline/createPipeline';
import { createPublisher, type Publisher } from './publish/createPublisher';
import { createHttpSecurity, DEFAULT_SECURITY, type SecurityConfig } from './security/createHttpSecurity';
import { createIngestGuard, type IngestLimits } from './security/createIngestGuard';
import { createStorageMonitor, runStorageMonitor } from './store/createStorageMonitor';
import type { EventStore } from './store/EventStore';
import { StoreUnavailableError } from './store/pgDatabase';
import { rebuildModel } from './store/rebuildModel';

export interface GatewayOptions {
  store: EventStore;
  places: PlaceLookup | null;
  region: string;
  tz: string;
  logger: Logger;
  auth: Authenticator;
  now?: () => number;
  cadences?: Cadences;
  clientDist?: string;
  bodyLimit?: number;
  deltaIntervalMs?: number;
  tickSeconds?: number;
  snapshotEvery?: number;
  defaultMetrics?: boolean;
  /** The region pack (WGS-84) the wall draws; served at /api/region. */
  regionPack?: RegionPack;
  /** Features plugged in at start (wall views, MQTT ingest, trends, console…), in order. */
  features?: readonly FeatureFactory[];
  /** Allowed browser origins and media origins (CSP); default: the gateway's own origin only. */
  security?: SecurityConfig;
  /** Default ingest limits per token (bodyLimit, when given, is the default body size). */
  ingestLimits?: Partial<IngestLimits>;
  /** A token's own ingest limits, if it has any. */
  ingestLimitsOf?: (principal: Principal) => Partial<IngestLimits> | null;
  /** Take the client address from X-Forwarded-For (behind a reverse proxy). */
  trustProxy?: boolean;
  /** Watch the free space of the store's directory; refuse new events below `minFreeMb` (docs/reliability.md). */
  storage?: {
    dir: string;
    minFreeMb: number;
    checkMs?: number;
    freeBytes?: (dir: string) => Promise<number>;
  };
}

export interface Gateway {
  http: HttpServer;
  io: Server<ClientToServerEvents, ServerToClientEvents>;
  pipeline: Pipeline;
  publisher: Publisher;
  router: Router;
  metrics: Metrics;
  features: readonly GatewayFeature[];
  listen(port: number, host: string): Promise<{ port: number; url: string }>;
  health(): Record<string, unknown>;
  /** Stops ingest, flushes the log and the sockets, closes the store. */
  close(): Promise<void>;
}

function feedOfKind(kind: string): FeedName | null {
  return kind === 'camera' ? 'cameras' : kind === 'alarm' ? 'alarms' : kind === 'case' ? 'cases' : null;
}

export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const now = options.now ?? Date.now;
  const cadences = options.cadences ?? DEFAULT_CADENCES;
  const { logger, auth } = options;
  const startedAt = now();
  const metrics = createMetrics({ defaultMetrics: options.defaultMetrics ?? false });
  const storage = options.storage
    ? createStorageMonitor({
        ...options.storage,
        now,
        onRefused: (reason) =>
          metrics.refused.inc({ reason: reason.startsWith('storage full') ? 'full' : 'low' }),
      })
    : null;
  await storage?.check();
  const store = storage ? storage.watch(options.store) : options.store;

  const initial = await rebuildModel(store);
  logger.info(
    { seq: initial.seq, replayed: initial.replayed, store: store.kind },
    'live model rebuilt from the log',
  );

  const rejectedCounts = new Map<string, number>();
  const pipeline = createPipeline({
    store,
    initial,
    places: options.places,
    tz: options.tz,
    now,
    ...(storage ? { admit: () => storage.admit() } : {}),
    onRejected: (feed, reason) => {
      metrics.rejected.inc({ feed, reason: reason.slice(0, 120) });
      rejectedCounts.set(feed, (rejectedCounts.get(feed) ?? 0) + 1);
    },
    onMasked: (feed, counts) => {
      for (const [field, n] of Object.entries(counts)) metrics.masked.inc({ feed, field }, n);
    },
  });
  const heartbeat = createHeartbeatHandler({ pipeline, cadences, now });

  const security = createHttpSecurity(options.security ?? DEFAULT_SECURITY);
  const ingestGuard = createIngestGuard({
    now,
    defaults: { ...(options.bodyLimit ? { bodyBytes: options.bodyLimit } : {}), ...options.ingestLimits },
    ...(options.ingestLimitsOf ? { overrides: options.ingestLimitsOf } : {}),
  });
  const http = createServer();
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, {
    serveClient: false,
    // Browsers from another origin than the gateway's own (or CORS_ORIGINS) get no socket.
    allowRequest: (req, callback) => callback(null, security.allowsOrigin(req)),
    cors: { origin: [...(options.security?.corsOrigins ?? [])] },
    maxHttpBufferSize: 1e6,
    pingInterval: 10_000,
    pingTimeout: 20_000,
  });
  const publisher = createPublisher({
    io,
    current: () => ({ seq: pipeline.seq, model: pipeline.model }),
    tz: options.tz,
    region: options.region,
    now,
    intervalMs: options.deltaIntervalMs ?? 200,
  });

  /** Per feed: when each committed batch came and how many of its items (pruned to the last minute). */
  const rates = new Map<FeedName, { at: number; n: number }[]>();
  let lastSnapshotSeq = initial.seq;
  const snapshotEvery = options.snapshotEvery ?? 20_000;
  pipeline.onCommit((batch) => {
    metrics.seq.set(batch.seq);
    // Backfilled history is not news: screens catch up with a snapshot when they notice the gap.
    if (!batch.history) publisher.publish(batch);
    // Counted per batch, not per event: a batch may hold thousands.
    const perFeed = new Map<FeedName, number>();
    for (const e of batch.history ? [] : batch.events) {
      const feed = feedOfKind(e.kind);
      if (feed) perFeed.set(feed, (perFeed.get(feed) ?? 0) + 1);
    }
    for (const [feed, n] of perFeed) {
      metrics.accepted.inc({ feed }, n);
      const list = rates.get(feed) ?? [];
      list.push({ at: now(), n });
      rates.set(feed, list);
      pruneRates(list);
    }
    if (batch.seq - lastSnapshotSeq >= snapshotEvery) {
      lastSnapshotSeq = batch.seq;
      void store
        .saveSnapshot({ seq: batch.seq, model: batch.model })
        .catch((err: Error) => logger.warn({ err: err.message }, 'snapshot not saved'));
    }
  });

  // A socket without a valid token is refused in the handshake (the client gets connect_error).
  const tokenVerifiers: TokenVerifier[] = [];
  io.use((socket, next) => {
    const handshake = (socket.handshake.auth ?? {}) as HandshakeAuth;
    const token = typeof handshake.token === 'string' ? handshake.token : null;
    const admit = (principal: Principal | null) => {
      if (!principal) return next(new Error('unauthorized: a valid token is required'));
      if (!can(principal, 'read'))
        return next(new Error(`forbidden: the ${principal.role} role may not read the model`));
      socket.data.principal = principal;
      next();
    };
    const principal = auth.authenticate(token);
    if (principal || !token || tokenVerifiers.length === 0) return admit(principal);
    // A token this gateway does not know may be known elsewhere (a cluster's ingest owner).
    void (async () => {
      for (const verify of tokenVerifiers) {
        const found = await verify(token).catch(() => null);
        if (found) return found;
      }
      return null;
    })().then(admit);
  });

  const connectionHandlers: ConnectionHandler[] = [];
  const interceptors: RequestInterceptor[] = [];
  io.on('connection', (socket) => {
    const handshake = (socket.handshake.auth ?? {}) as HandshakeAuth;
    const lastSeq =
      typeof handshake.lastSeq === 'number' && Number.isInteger(handshake.lastSeq) ? handshake.lastSeq : null;
    publisher.serve(socket, lastSeq);
    if (storage?.alarm()) socket.emit('clock', clockMessage());
    socket.on('resync', (req) =>
      publisher.serve(socket, req && typeof req.lastSeq === 'number' ? req.lastSeq : null),
    );
    for (const handler of connectionHandlers) handler(socket, socket.data.principal, handshake);
  });

  function pruneRates(list: { at: number; n: number }[]): void {
    const cutoff = now() - 60_000;
    let drop = 0;
    while (drop < list.length && (list[drop] as { at: number }).at < cutoff) drop++;
    list.splice(0, drop);
  }

  function ratePerMinute(feed: FeedName): number {
    const list = rates.get(feed) ?? [];
    pruneRates(list);
    return list.reduce((sum, b) => sum + b.n, 0);
  }

  const router = createRouter();
  const ctx: GatewayContext = {
    pipeline,
    publisher,
    heartbeat,
    io,
    router,
    metrics,
    store,
    auth,
    logger,
    now,
    tz: options.tz,
    region: options.region,
    regionPack: options.regionPack ?? null,
    originOf: (req) => requestOrigin(req, options.trustProxy === true),
    onConnection: (handler) => connectionHandlers.push(handler),
    intercept: (interceptor) => interceptors.push(interceptor),
    verifyTokens: (verifier) => tokenVerifiers.push(verifier),
  };
  const features = (options.features ?? []).map((make) => make(ctx));

  function health(): Record<string, unknown> {
    const model = pipeline.model;
    const feeds = Object.fromEntries(
      FEED_NAMES.map((f) => {
        const s = model.feeds[f];
        const entry = {
          state: s.state,
          lastSeenAt: s.lastSeenAt,
          lastEventAt: s.lastEventAt,
          ratePerMin: ratePerMinute(f),
          rejected: rejectedCounts.get(f) ?? 0,
        };
        return [f, s.reason ? { ...entry, reason: s.reason } : entry];
      }),
    );
    const channels = Object.fromEntries(
      Object.values(model.channels).map((s) => [s?.id, { state: s?.state, lastSeenAt: s?.lastSeenAt }]),
    );
    const featureHealth = Object.fromEntries(
      features.filter((f) => f.health).map((f) => [f.name, f.health?.()]),
    );
    const storageHealth = storage?.health();
    const degraded =
      storageHealth?.state === 'down' ||
      Object.values(featureHealth).some((h) => (h as { state?: string } | undefined)?.state === 'down');
    return {
      status: degraded ? 'degraded' : 'ok',
      uptimeS: Math.round((now() - startedAt) / 1000),
      seq: pipeline.seq,
      store: store.kind,
      ...(storageHealth ? { disk: storageHealth } : {}),
      region: options.region,
      feeds,
      channels,
      features: featureHealth,
      clients: publisher.stats(),
      rejectedTotal: [...rejectedCounts.values()].reduce((a, b) => a + b, 0),
    };
  }

  const regionJson = options.regionPack ? JSON.stringify(options.regionPack) : null;
  router
    .add('GET', '/health', 'public', ({ res }) => sendJson(res, 200, health()))
    .add('GET', '/metrics', 'public', async ({ res }) => {
      metrics.clients.set(publisher.stats().clients);
      res.writeHead(200, { 'content-type': metrics.registry.contentType });
      res.end(await metrics.registry.metrics());
    })
    .add('GET', '/api/whoami', 'read', ({ res, principal }) => {
      if (!principal) return;
      const { credential: _credential, ...who } = principal;
      sendJson(res, 200, who);
    })
    .add('GET', '/api/routes', 'admin', ({ res }) => sendJson(res, 200, { routes: router.list() }))
    .add('GET', '/api/region', 'read', ({ res }) => {
      if (!regionJson) return sendJson(res, 404, { error: 'no region pack loaded' });
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'private, max-age=300',
      });
      res.end(regionJson);
    })
    .add('GET', '/api/live', 'read', ({ res }) =>
      sendJson(res, 200, { seq: pipeline.seq, model: pipeline.model }),
    )
    .add('GET', '/api/rejected', 'read', async ({ res, url }) => {
      const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get('limit') ?? 100) || 100));
      sendJson(res, 200, { rejected: await store.readRejected(limit) });
    });
  addIngestRoutes(router, { pipeline, heartbeat, guard: ingestGuard, metrics, logger });

  const serveStatic = createStaticHandler(options.clientDist ?? 'wall-client/dist', () => security.headers);
  http.on('request', (req, res) => {
    if (req.url?.startsWith('/socket.io/')) return;
    if (!security.handle(req, res)) return;
    if (interceptors.some((take) => take(req, res))) return;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const principal = auth.authenticate(tokenOf(req, url));
    router
      .handle(req, res, principal)
      .then((handled) => {
        if (!handled) serveStatic(req, res);
      })
      .catch((err: Error) => {
        // The path only: a ?token= never reaches the logs.
        logger.error({ err: err.message, path: url.pathname }, 'request failed');
        // The database away (docs/storage.md) is said as such: 503 and its one-line reason.
        const unavailable = err instanceof StoreUnavailableError;
        if (!res.headersSent)
          sendJson(res, unavailable ? 503 : 500, { error: unavailable ? err.message : 'internal error' });
      });
  });

  const timers: NodeJS.Timeout[] = [];
  const every = (ms: number, fn: () => void) => timers.push(setInterval(fn, ms));
  every(1000, () => {
    // A follower in a cluster writes nothing: the ingest owner's clock decides freshness.
    if (pipeline.refusal !== null) return;
    const events = planFreshnessEvents(pipeline.model, now(), cadences);
    if (events.length > 0)
      void pipeline
        .appendSystem(events)
        .catch((err: Error) => logger.warn({ err: err.message }, 'feed status not stored'));
  });
  every((options.tickSeconds ?? 60) * 1000, () => {
    void pipeline
      .appendSystem([{ kind: 'tick', at: new Date(now()).toISOString(), drill: false, data: {} }])
      .catch(() => undefined);
  });
  function clockMessage(): ClockMessage {
    const alarm = storage?.alarm();
    return {
      serverTime: new Date(now()).toISOString(),
      seq: pipeline.seq,
      ...(alarm ? { storage: alarm } : {}),
    };
  }
  every(5000, () => io.local.emit('clock', clockMessage()));
  if (storage)
    runStorageMonitor(storage, {
      logger,
      every,
      checkMs: options.storage?.checkMs ?? 10_000,
      announce: () => io.local.emit('clock', clockMessage()),
    });

  let closed = false;
  return {
    http,
    io,
    pipeline,
    publisher,
    router,
    metrics,
    features,
    async listen(port, host) {
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => resolve());
      });
      for (const f of features) await f.start?.();
      const address = http.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      return { port: address.port, url: `http://${shownHost}:${address.port}/` };
    },
    health,
    async close() {
      if (closed) return;
      closed = true;
      for (const t of timers) clearInterval(t);
      for (const f of [...features].reverse()) await f.stop?.().catch(() => undefined);
      await pipeline.drain();
      publisher.flush();
      publisher.close();
      await store.saveSnapshot({ seq: pipeline.seq, model: pipeline.model }).catch(() => undefined);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      http.closeAllConnections?.();
      await store.close();
    },
  };
}
