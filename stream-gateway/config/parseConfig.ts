/**
 * Configuration from the environment, with documented defaults (see docs/configuration.md).
 * A bad value stops start-up with a one-line reason.
 */
import { z } from 'zod';

const onOff = z.enum(['on', 'off']);
/** A comma-separated list of browser origins (`http://host:port`), empty by default. */
const origins = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  )
  .refine(
    (list) => list.every((o) => /^https?:\/\/[^/\s]+\/?$/i.test(o)),
    'comma-separated origins such as http://10.0.0.5:8090 (no path)',
  )
  .transform((list) => list.map((o) => new URL(o).origin));
const port = z.coerce.number().int().min(0).max(65535);
/** A comma-separated list of allowed values (`zh-CN,en`). */
const listOf = <T extends string>(values: readonly [T, ...T[]], fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v) => [
      ...new Set(
        v
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    ])
    .refine((list) => list.length > 0 && list.every((x) => (values as readonly string[]).includes(x)), {
      message: `comma-separated, each one of ${values.join(', ')}`,
    })
    .transform((list) => list as T[]);

const ConfigSchema = z.object({
  PORT: port.default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('data'),
  /** PostgreSQL for the event log, trend aggregates and replay checkpoints (docs/storage.md); unset: SQLite in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(
      /^postgres(ql)?:\/\/[^\s]+$/,
      'use a postgres:// or postgresql:// URL (postgres://user:password@host:5432/db)',
    )
    .refine((url) => URL.canParse(url), 'not a URL (percent-encode special characters in the password)')
    .optional(),
  /** `embedded` starts an in-process broker on MQTT_EMBEDDED_PORT; `off` disables MQTT ingest. */
  MQTT_URL: z
    .string()
    .regex(/^(embedded|off|mqtts?:\/\/.+|wss?:\/\/.+)$/, 'use embedded, off or an mqtt:// URL')
    .default('embedded'),
  MQTT_EMBEDDED_PORT: port.default(18830),
  /** The MQTT client id: stable, so the broker keeps the gateway's session; default wall-gateway-<region>. */
  MQTT_CLIENT_ID: z
    .string()
    .regex(/^[\w.:-]{1,64}$/, 'letters, digits, _ . : - (at most 64)')
    .optional(),
  /** Where the feeds publish: <root>/<feed>, <root>/<feed>/heartbeat, <root>/<feed>/status. */
  MQTT_TOPIC_ROOT: z
    .string()
    .regex(/^[^#+/\s]+(\/[^#+/\s]+)*$/, 'a topic prefix without wildcards or a leading/trailing slash')
    .default('wall/feeds'),
  MOCK_FEEDS: onOff.default('on'),
  /** Live mock alarms per minute, before the daily rhythm (a real district sends fewer; the wall should move). */
  MOCK_RATE: z.coerce.number().min(0).max(100_000).default(1),
  MOCK_SEED: z.coerce.number().int().default(20261125),
  TZ: z
    .string()
    .default('Asia/Shanghai')
    .refine((tz) => isValidTimeZone(tz), 'not an IANA time zone (e.g. Asia/Shanghai)'),
  REGION: z
    .string()
    .regex(/^[\w./-]+$/, 'a region pack id such as naxi, or a path')
    .default('naxi'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SNAPSHOT_EVERY: z.coerce.number().int().min(100).default(20_000),
  INGEST_BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .default(4 * 1024 * 1024),
  /** Multiplies every feed's expected cadence (docs/freshness.md); below 1 for tests and demos. */
  CADENCE_SCALE: z.coerce.number().min(0.01).max(100).default(1),
  TICK_SECONDS: z.coerce.number().min(1).max(3600).default(60),
  DELTA_INTERVAL_MS: z.coerce.number().int().min(10).max(5000).default(200),
  CLIENT_DIST: z.string().default('wall-client/dist'),
  /** A scripted scenario to play at start (mock-feeds/scenarios/NAME.json); implies MOCK_FEEDS=off unless set. */
  SCENARIO: z
    .string()
    .regex(/^[\w./-]+$/, 'a scenario name such as evening-story')
    .optional(),
  SCENARIO_SPEED: z.coerce.number().min(0.1).max(100_000).optional(),
  SCENARIO_DRILL: onOff.default('off'),
  /** The simulated platform's media server at /media: `auto` = with MOCK_FEEDS=on or a SCENARIO. */
  MOCK_MEDIA: z.enum(['auto', 'on', 'off']).default('auto'),
  /** The wall layout file (walls, screens, panels); hot-reloaded. */
  WALL_LAYOUT_FILE: z.string().default('config/walls.json'),
  /** Browser origins besides the gateway's own that may use the API and sockets (CORS, Socket.IO). */
  CORS_ORIGINS: origins,
  /** Media servers the video tiles load HLS/FLV from (Content-Security-Policy media-src, connect-src). */
  MEDIA_ORIGINS: origins,
  /** Behind a reverse proxy: take the client address from X-Forwarded-For for the audit log. */
  TRUST_PROXY: onOff.default('off'),
  /** How long a console login lasts (a duty shift). */
  SESSION_HOURS: z.coerce.number().min(0.1).max(72).default(12),
  /** Ingest items per second per token (sustained) and at once (burst); a token may have its own. */
  INGEST_RATE: z.coerce.number().min(1).max(1_000_000).default(5000),
  INGEST_BURST: z.coerce.number().int().min(1).max(10_000_000).default(50_000),
  /** Backfill a year of simulated history into an empty store: `auto` = when MOCK_FEEDS=on. */
  BACKFILL: z.enum(['auto', 'on', 'off']).default('auto'),
  /** Days of backfilled history (the last 8 as log events, the rest as daily statistics). */
  BACKFILL_DAYS: z.coerce.number().int().min(2).max(1000).default(400),
  /** Of which the most recent days go into the log as events (replayable); the rest are daily statistics. */
  BACKFILL_LOG_DAYS: z.coerce.number().int().min(1).max(30).default(8),
  /** A centre's own peace-index configuration (weights, thresholds); default: the shipped one. */
  PEACE_INDEX_CONFIG: z.string().min(1).optional(),
  /** Days that can be replayed (a checkpoint per day is kept this long). */
  REPLAY_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  /** Days of log events kept before today; older ones go once a snapshot covers them (docs/reliability.md). */
  RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(180),
  /** Hours between log compactions (0: only on POST /api/store/compact or npm run compact). */
  COMPACT_EVERY_HOURS: z.coerce.number().min(0).max(8760).default(6),
  /** Below this many MB free for DATA_DIR, new events are refused (HTTP 507) and the walls show an alarm. */
  STORAGE_MIN_FREE_MB: z.coerce.number().min(0).max(10_000_000).default(200),
  /** Seconds between free-space measurements. */
  STORAGE_CHECK_SECONDS: z.coerce.number().min(1).max(3600).default(10),
  /** Scheduled reports (daily at REPORTS_AT, weekly on Monday) into DATA_DIR/reports. */
  REPORTS: onOff.default('on'),
  /** Local time (TZ) of the scheduled reports, HH:MM. */
  REPORTS_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time HH:MM such as 07:00')
    .default('07:00'),
  REPORT_LANGS: listOf(['zh-CN', 'en'], 'zh-CN'),
  REPORT_FORMATS: listOf(['pdf', 'png'], 'pdf'),
  /** The headless Chromium for snapshots and reports (Debian's by default). */
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  /** Several gateways behind one Redis (docs/topology.md); unset: one gateway, nothing changes. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/.+/, 'a redis:// or rediss:// URL such as redis://127.0.0.1:6379')
    .optional(),
  /** This gateway's name in the cluster (unique per gateway); default host name and process id. */
  GATEWAY_ID: z
    .string()
    .regex(/^[\w.:-]{1,64}$/, 'letters, digits, . _ : - (at most 64)')
    .optional(),
  /** Prefix of the cluster's Redis keys and channels (one per centre sharing a Redis). */
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w.:-]{1,64}$/, 'letters, digits, . _ : - (at most 64)')
    .default('wall'),
  /** The ingest owner's lease; a follower takes over about two leases after the owner died. */
  CLUSTER_LEASE_MS: z.coerce.number().int().min(200).max(60_000).default(5000),
  /** Where the other gateways reach this one (forwarded ingest); default the address it listens on. */
  CLUSTER_URL: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, 'an http:// URL such as http://10.0.0.5:8080/')
    .optional(),
  /** The bootstrap admin token; when unset one is generated at the first start and printed once. */
  WALL_ADMIN_TOKEN: z.string().min(16, 'use at least 16 characters').max(200).optional(),
});

export type Config = z.output<typeof ConfigSchema>;

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; reason: string };

/**
 * Reads the configuration from an environment object; empty strings count as unset.
 * @example parseConfig({ PORT: '9000' }) // { ok: true, config: { PORT: 9000, ... } }
 */
export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  // A scenario plays on a quiet district unless the simulated feeds are asked for explicitly.
  if (cleaned.SCENARIO && cleaned.MOCK_FEEDS === undefined) cleaned.MOCK_FEEDS = 'off';
  const parsed = ConfigSchema.safeParse(cleaned);
  if (parsed.success) return { ok: true, config: parsed.data };
  const issue = parsed.error.issues[0];
  const key = issue?.path.join('.') ?? '?';
  // A password in a URL never reaches the console or the logs.
  const shown = (env[key] ?? '').replace(/^([a-z][\w+.-]*:\/\/[^/:@\s]*):[^@\s]*@/i, '$1:***@');
  return {
    ok: false,
    reason: `bad config ${key}=${JSON.stringify(shown)}: ${issue?.message ?? 'invalid'}`,
  };
}
