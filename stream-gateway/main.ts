/**
 * `npm start`: configuration → adapters → gateway → listen, plus the simulated district when
 * MOCK_FEEDS=on. Only wiring here; every part takes its dependencies.
 */
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { DEFAULT_CADENCES, scaleCadences } from '../live-model/freshness';
import { createMockMediaServer } from '../mock-feeds/media/createMockMediaServer';
import { findFfmpeg, mediaCacheDir } from '../mock-feeds/media/encodeMediaPatterns';
import { runLiveFeeds } from '../mock-feeds/runLiveFeeds';
import { loadScenario } from '../mock-feeds/scenarios/loadScenario';
import { runScenario } from '../mock-feeds/scenarios/runScenario';
import { auditApi } from './audit/auditApi';
import { createAuditLog } from './audit/createAuditLog';
import { bootstrapAdmin, issueSessionToken } from './auth/bootstrapTokens';
import { ensureDemoUsers } from './auth/bootstrapUsers';
import { createTokenStore } from './auth/createTokenStore';
import { createUserStore } from './auth/createUserStore';
import { tokenAdmin } from './auth/tokenAdmin';
import { userAdmin } from './auth/userAdmin';
import { redisCluster } from './cluster/redisCluster';
import { createClusterRoles, ownerWrites, whileOwner } from './cluster/whileOwner';
import { parseConfig } from './config/parseConfig';
import { alarmActionsApi } from './console/alarmActionsApi';
import { createGateway } from './createGateway';
import { drillControl } from './drill/drillControl';
import { ensureClientBuild } from './ensureClientBuild';
import type { FeatureFactory } from './GatewayContext';
import { continueSimulation } from './history/continueSimulation';
import { type HistoryBackfill, historyBackfill } from './history/historyBackfill';
import { mqttIngest } from './ingest/mqttIngest';
import { type EmbeddedBroker, startEmbeddedBroker } from './ingest/startEmbeddedBroker';
import { createPlaceLookup } from './region/createPlaceLookup';
import { loadRegionPack } from './region/loadRegionPack';
import { createChromiumLauncher } from './render/createChromiumLauncher';
import { createRenderTokens } from './render/createRenderTokens';
import { replayFeature } from './replay/replayFeature';
import { reportsFeature } from './reports/reportsFeature';
import { writeGatewayLock } from './store/gatewayLock';
import { logRetention } from './store/logRetention';
import { openStores } from './store/openStores';
import { loadPeaceIndexConfig } from './trends/loadPeaceIndexConfig';
import { type TrendsFeature, trendsFeature } from './trends/trendsFeature';
import { mediaRoutes } from './video/mediaRoutes';
import { videoLinkage } from './video/videoLinkage';
import { createWallViews } from './wall/createWallViews';
import { DEFAULT_WALL } from './wall/resolveWall';
import { type ScreenMonitor, screenMonitor } from './wall/screenMonitor';
import { loadWallLayouts, type WallLayoutsFeature, wallLayouts } from './wall/wallLayouts';

const ROOT = resolve(import.meta.dirname, '..');

async function main(): Promise<void> {
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    console.error(parsed.reason);
    process.exit(2);
  }
  const config = parsed.config;
  process.env.TZ = config.TZ;
  const logger = pino({ level: config.LOG_LEVEL, base: { svc: 'stream-gateway' } });
  const say = (msg: string) => console.log(`[wall] ${msg}`);

  const layoutFile = resolve(ROOT, config.WALL_LAYOUT_FILE);
  const layouts = loadWallLayouts(layoutFile);
  if (!layouts.ok) {
    console.error(`bad wall layout: ${layouts.reason}`);
    process.exit(2);
  }
  const peace = loadPeaceIndexConfig(config.PEACE_INDEX_CONFIG);
  if (!peace.ok) {
    console.error(`bad peace-index config: ${peace.reason}`);
    process.exit(2);
  }
  const regionDir = config.REGION.includes('/')
    ? resolve(config.REGION)
    : join(ROOT, 'regions', config.REGION);
  const pack = await loadRegionPack(regionDir);
  const dataDir = resolve(config.DATA_DIR);
  // In a cluster only the ingest owner subscribes to MQTT and, on a shared PostgreSQL, writes
  // the derived data: trend aggregates and replay checkpoints (docs/topology.md).
  const roles = config.REDIS_URL ? createClusterRoles() : null;
  const sharedWriter = roles && config.DATABASE_URL ? ownerWrites(roles) : null;
  const stores = await openStores({
    dataDir,
    databaseUrl: config.DATABASE_URL,
    writer: sharedWriter ?? undefined,
  });
  const { db, store, aggregates, checkpoints } = stores;
  const tokens = createTokenStore(db);
  const firstAdmin = bootstrapAdmin(tokens, config.WALL_ADMIN_TOKEN);
  const users = createUserStore(db, { sessionHours: config.SESSION_HOURS });
  const audit = createAuditLog(db);
  const distDir = resolve(ROOT, config.CLIENT_DIST);
  const build = ensureClientBuild(ROOT, distDir, say);

  let broker: EmbeddedBroker | null = null;
  let mqttUrl: string | null = null;
  if (config.MQTT_URL === 'embedded') {
    broker = await startEmbeddedBroker(config.HOST, config.MQTT_EMBEDDED_PORT);
    mqttUrl = broker.url;
  } else if (config.MQTT_URL !== 'off') mqttUrl = config.MQTT_URL;

  // The simulated platform's media server (HLS per camera) is mounted at /media; encoding
  // its patterns the first time runs in the background.
  const mockMedia =
    config.MOCK_MEDIA === 'on' ||
    (config.MOCK_MEDIA === 'auto' && (config.MOCK_FEEDS === 'on' || Boolean(config.SCENARIO)));
  const media = mockMedia
    ? createMockMediaServer({ cacheDir: mediaCacheDir(ROOT), ffmpegPath: await findFfmpeg(), log: say })
    : null;
  const features: FeatureFactory[] = [
    stores.feature,
    ...(config.REDIS_URL
      ? [
          redisCluster({
            url: config.REDIS_URL,
            gatewayId: config.GATEWAY_ID ?? `${hostname()}-${process.pid}`,
            prefix: config.REDIS_PREFIX,
            leaseMs: config.CLUSTER_LEASE_MS,
            advertiseUrl: config.CLUSTER_URL ?? null,
            sharedStore: store.kind !== 'sqlite',
            ...(roles ? { roles } : {}),
          }),
        ]
      : []),
    createWallViews(db),
    wallLayouts(layoutFile, layouts.layout),
    screenMonitor(),
    drillControl(),
    tokenAdmin(tokens, audit),
    userAdmin(users, audit),
    auditApi(audit),
    alarmActionsApi(audit),
    videoLinkage(),
  ];
  if (media) features.push(mediaRoutes(media));
  const mqttTopicRoot = config.MQTT_TOPIC_ROOT;
  if (mqttUrl) {
    const mqtt = mqttIngest({
      url: mqttUrl,
      clientId: config.MQTT_CLIENT_ID ?? `wall-gateway-${pack.region.id}`,
      topicRoot: mqttTopicRoot,
    });
    features.push(roles ? whileOwner(roles, mqtt) : mqtt);
  }
  const places = createPlaceLookup(pack);
  features.push(
    trendsFeature({ aggregates, config: peace.config, ...(sharedWriter ? { writer: sharedWriter } : {}) }),
    replayFeature({ checkpoints, keepDays: config.REPLAY_DAYS }),
    logRetention({
      // Replayable days need their events: the window is never shorter than REPLAY_DAYS.
      retentionDays: Math.max(config.RETENTION_DAYS, config.REPLAY_DAYS + 1),
      everyHours: config.COMPACT_EVERY_HOURS,
      foldedSeq: () => aggregates.watermark(),
      audit,
    }),
  );
  // Snapshots and reports: one headless Chromium, tokens for its pages, scheduled reports.
  const renderTokens = createRenderTokens();
  const featureOf = <T>(name: string) => gateway.features.find((f) => f.name === name) as T | undefined;
  features.push(
    reportsFeature({
      audit,
      launcher: createChromiumLauncher({ executablePath: config.CHROMIUM_PATH }),
      renderTokens,
      layouts: () => featureOf<WallLayoutsFeature>('wall-layouts')?.current() ?? layouts.layout,
      screenPage: (wall, screen) => featureOf<ScreenMonitor>('screens')?.pageOf(wall, screen) ?? null,
      dir: join(dataDir, 'reports'),
      schedule: {
        enabled: config.REPORTS === 'on',
        at: config.REPORTS_AT,
        langs: config.REPORT_LANGS,
        formats: config.REPORT_FORMATS,
      },
      dataReady: () =>
        Promise.all([
          featureOf<HistoryBackfill>('history-backfill')?.done,
          featureOf<TrendsFeature>('trends')?.aggregator.ready,
        ]),
    }),
  );
  const backfill = config.BACKFILL === 'on' || (config.BACKFILL === 'auto' && config.MOCK_FEEDS === 'on');
  if (backfill)
    features.push(
      historyBackfill({
        aggregates,
        config: peace.config,
        pack,
        places,
        seed: config.MOCK_SEED,
        alarmsPerHour: config.MOCK_RATE * 60,
        days: config.BACKFILL_DAYS,
        logDays: config.BACKFILL_LOG_DAYS,
        checkpoint: (day, seq, model) => checkpoints.save({ day, seq, model }, { replace: true }),
      }),
    );

  const gateway = await createGateway({
    store,
    places,
    region: pack.region.id,
    regionPack: pack,
    tz: config.TZ,
    logger,
    auth: {
      authenticate: (token) =>
        token ? (renderTokens.verify(token) ?? tokens.verify(token) ?? users.verifySession(token)) : null,
    },
    security: { corsOrigins: config.CORS_ORIGINS, mediaOrigins: config.MEDIA_ORIGINS },
    trustProxy: config.TRUST_PROXY === 'on',
    storage: {
      dir: dataDir,
      minFreeMb: config.STORAGE_MIN_FREE_MB,
      checkMs: config.STORAGE_CHECK_SECONDS * 1000,
    },
    ingestLimits: { itemsPerSecond: config.INGEST_RATE, itemBurst: config.INGEST_BURST },
    ingestLimitsOf: (p) => (p.credential ? tokens.limitsOf(p.credential) : null),
    clientDist: distDir,
    bodyLimit: config.INGEST_BODY_LIMIT,
    deltaIntervalMs: config.DELTA_INTERVAL_MS,
    tickSeconds: config.TICK_SECONDS,
    snapshotEvery: config.SNAPSHOT_EVERY,
    cadences: scaleCadences(DEFAULT_CADENCES, config.CADENCE_SCALE),
    defaultMetrics: true,
    features,
  });
  const { url } = await gateway.listen(config.PORT, config.HOST);
  const releaseLock = writeGatewayLock(dataDir, url);
  say(
    `gateway serving ${url} (region ${pack.region.name}, store ${stores.describe}, seq ${gateway.pipeline.seq})`,
  );
  if (firstAdmin) say(`admin token (shown once, keep it): ${firstAdmin}`);
  if (mqttUrl) say(`MQTT ingest on ${mqttUrl} (topics ${mqttTopicRoot}/cameras|alarms|cases)`);

  let stopFeeds: (() => Promise<void>) | null = null;
  let stopping = false;
  let screenToken: string | null = null;
  const history = gateway.features.find((f) => f.name === 'history-backfill') as HistoryBackfill | undefined;
  // A demo (the simulated district or a scenario) has console users to log in with.
  if (config.MOCK_FEEDS === 'on' || config.SCENARIO)
    for (const u of await ensureDemoUsers(users))
      say(`demo console user (password shown once, keep it): ${u.username} / ${u.password}`);
  if (config.MOCK_FEEDS === 'on') {
    screenToken = issueSessionToken(tokens, 'wall', `demo screens of ${DEFAULT_WALL}`, DEFAULT_WALL);
    const feedToken = issueSessionToken(tokens, 'feed', 'simulated district (mock-feeds)');
    // The live district continues the backfilled one (same simulation, same ids) once it is in.
    void (history?.done ?? Promise.resolve(null)).then((anchor) => {
      if (stopping) return;
      const feeds = runLiveFeeds({
        ...continueSimulation(anchor, gateway.pipeline.model, {
          seed: config.MOCK_SEED,
          alarmsPerHour: config.MOCK_RATE * 60,
          tz: config.TZ,
        }),
        pack,
        gatewayUrl: url,
        mqttUrl,
        mqttTopicRoot,
        seed: config.MOCK_SEED,
        alarmsPerMinute: config.MOCK_RATE,
        tz: config.TZ,
        token: feedToken,
        log: say,
        onCamera: (c) => media?.setCameraStatus(c.id, c.status),
      });
      stopFeeds = feeds.stop;
    });
  }
  let stopScenario: (() => Promise<void>) | null = null;
  if (config.SCENARIO) {
    const scenario = loadScenario(config.SCENARIO);
    const token = (role: 'feed' | 'officer' | 'leader' | 'admin', who: string) =>
      issueSessionToken(tokens, role, `scenario ${who}`);
    const run = runScenario({
      scenario,
      pack,
      gatewayUrl: url,
      mqttUrl,
      mqttTopicRoot,
      tokens: {
        feed: token('feed', 'feed'),
        'officer-1': token('officer', '值班员甲'),
        'officer-2': token('officer', '值班员乙'),
        leader: token('leader', '带班领导'),
        admin: token('admin', 'admin'),
      },
      ...(config.SCENARIO_SPEED ? { speed: config.SCENARIO_SPEED } : {}),
      ...(config.SCENARIO_DRILL === 'on' ? { drill: true } : {}),
      log: (m) => say(`scenario: ${m}`),
    });
    stopScenario = run.stop;
    screenToken ??= issueSessionToken(tokens, 'wall', `demo screens of ${DEFAULT_WALL}`, DEFAULT_WALL);
  }
  build.done.then((ok) => {
    if (!ok) return;
    if (screenToken) {
      say(`open the wall: ${url}?token=${screenToken}`);
      for (const screen of layouts.layout.walls.find((w) => w.id === DEFAULT_WALL)?.screens ?? []) {
        say(
          `  ${DEFAULT_WALL} ${screen.id.padEnd(7)} ${url}?wall=${DEFAULT_WALL}&screen=${screen.id}&token=${screenToken}`,
        );
      }
    } else say(`open the wall: ${url} (a screen needs a token: ?token=…)`);
    say(`duty console: ${url}console (log in; an admin creates users: POST /api/users)`);
  });

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping ingest, flushing the log, closing sockets…`);
    await stopFeeds?.();
    await stopScenario?.();
    await gateway.close();
    await stores.close();
    releaseLock();
    await broker?.close();
    say('stopped cleanly');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: Error) => {
  console.error(`[wall] start-up failed: ${err.message}`);
  process.exit(1);
});
