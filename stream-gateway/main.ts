/**
 * `npm start`: configuration → adapters → gateway → listen, plus the simulated district when
 * MOCK_FEEDS=on. Only wiring here; every part takes its dependencies.
 */
import { join, resolve } from 'node:path';
import pino from 'pino';
import { runLiveFeeds } from '../mock-feeds/runLiveFeeds';
import { parseConfig } from './config/parseConfig';
import { createGateway } from './createGateway';
import { ensureClientBuild } from './ensureClientBuild';
import { createMqttFeedSource } from './ingest/mqttFeedSource';
import { type EmbeddedBroker, startEmbeddedBroker } from './ingest/startEmbeddedBroker';
import { createPlaceLookup } from './region/createPlaceLookup';
import { loadRegionPack } from './region/loadRegionPack';
import { createSqliteDatabase, createSqliteEventStore } from './store/sqliteEventStore';

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

  const regionDir = config.REGION.includes('/')
    ? resolve(config.REGION)
    : join(ROOT, 'regions', config.REGION);
  const pack = await loadRegionPack(regionDir);
  const dataDir = resolve(config.DATA_DIR);
  const store = createSqliteEventStore(createSqliteDatabase(join(dataDir, 'wall.db')));
  const distDir = resolve(ROOT, config.CLIENT_DIST);
  const build = ensureClientBuild(ROOT, distDir, say);

  let broker: EmbeddedBroker | null = null;
  let mqttUrl: string | null = null;
  if (config.MQTT_URL === 'embedded') {
    broker = await startEmbeddedBroker(config.HOST, config.MQTT_EMBEDDED_PORT);
    mqttUrl = broker.url;
  } else if (config.MQTT_URL !== 'off') mqttUrl = config.MQTT_URL;

  const gateway = await createGateway({
    store,
    places: createPlaceLookup(pack),
    region: pack.region.id,
    tz: config.TZ,
    logger,
    clientDist: distDir,
    bodyLimit: config.INGEST_BODY_LIMIT,
    deltaIntervalMs: config.DELTA_INTERVAL_MS,
    tickSeconds: config.TICK_SECONDS,
    snapshotEvery: config.SNAPSHOT_EVERY,
    defaultMetrics: true,
    regionPack: pack,
    feedSources: ({ pipeline, heartbeat, metrics }) =>
      mqttUrl
        ? [
            createMqttFeedSource({
              url: mqttUrl,
              clientId: `wall-gateway-${pack.region.id}`,
              pipeline,
              heartbeat,
              onMalformed: (reason) => {
                metrics.malformed.inc({ source: 'mqtt' });
                logger.warn({ reason }, 'malformed mqtt message');
              },
              log: logger,
              now: Date.now,
            }),
          ]
        : [],
  });
  const { url } = await gateway.listen(config.PORT, config.HOST);
  say(
    `gateway serving ${url} (region ${pack.region.name}, store ${join(dataDir, 'wall.db')}, seq ${gateway.pipeline.seq})`,
  );
  if (mqttUrl) say(`MQTT ingest on ${mqttUrl} (topics wall/feeds/cameras|alarms|cases)`);

  let stopFeeds: (() => Promise<void>) | null = null;
  if (config.MOCK_FEEDS === 'on') {
    const feeds = runLiveFeeds({
      pack,
      gatewayUrl: url,
      mqttUrl,
      seed: config.MOCK_SEED,
      alarmsPerMinute: config.MOCK_RATE,
      tz: config.TZ,
      log: say,
    });
    stopFeeds = feeds.stop;
  }
  build.done.then((ok) => {
    if (ok) say(`open the wall: ${url}`);
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping ingest, flushing the log, closing sockets…`);
    await stopFeeds?.();
    await gateway.close();
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
