/**
 * A gateway for the export tests and the report benchmark: the real features (trends, wall
 * layouts, screens, audit, the one Chromium launcher, reports with their schedule) on a real
 * SQLite store seeded with simulated history, at a fixed clock — so the same store and clock
 * give the same report. Tokens for a wall screen, an officer and an admin.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Principal } from '../../protocol/access';
import { auditApi } from '../../stream-gateway/audit/auditApi';
import { type AuditLog, createAuditLog } from '../../stream-gateway/audit/createAuditLog';
import { createUserStore } from '../../stream-gateway/auth/createUserStore';
import { userAdmin } from '../../stream-gateway/auth/userAdmin';
import { createGateway, type Gateway } from '../../stream-gateway/createGateway';
import { type HistoryBackfill, historyBackfill } from '../../stream-gateway/history/historyBackfill';
import { createPlaceLookup } from '../../stream-gateway/region/createPlaceLookup';
import { loadRegionPack } from '../../stream-gateway/region/loadRegionPack';
import { createChromiumLauncher } from '../../stream-gateway/render/createChromiumLauncher';
import { createRenderTokens } from '../../stream-gateway/render/createRenderTokens';
import { replayFeature } from '../../stream-gateway/replay/replayFeature';
import { createSqliteCheckpointStore } from '../../stream-gateway/replay/sqliteCheckpointStore';
import { type ReportsFeature, reportsFeature } from '../../stream-gateway/reports/reportsFeature';
import { createSqliteDatabase, createSqliteEventStore } from '../../stream-gateway/store/sqliteEventStore';
import { createCachedAggregateStore } from '../../stream-gateway/trends/createCachedAggregateStore';
import { loadPeaceIndexConfig } from '../../stream-gateway/trends/loadPeaceIndexConfig';
import { createSqliteAggregateStore } from '../../stream-gateway/trends/sqliteAggregateStore';
import { type TrendsFeature, trendsFeature } from '../../stream-gateway/trends/trendsFeature';
import { createWallViews } from '../../stream-gateway/wall/createWallViews';
import { screenMonitor } from '../../stream-gateway/wall/screenMonitor';
import { loadWallLayouts, type WallLayoutsFeature, wallLayouts } from '../../stream-gateway/wall/wallLayouts';

const ROOT = resolve(import.meta.dirname, '../..');

/** A duty officer who logs in at a wall screen to export (password as in tests/support/consoleUsers). */
export const REPORT_USER = { username: 'duty9', name: '李四', password: 'test-password-0123' } as const;

export const REPORT_TOKENS = {
  admin: 'report-test-admin-0000',
  officer: 'report-test-officer-000',
  wall: 'report-test-wall-000000',
} as const;

const PRINCIPALS: Record<string, Principal> = {
  [REPORT_TOKENS.admin]: { id: 'token:admin', role: 'admin', label: 'admin' },
  [REPORT_TOKENS.officer]: { id: 'user:zhang', role: 'officer', label: '张三' },
  [REPORT_TOKENS.wall]: { id: 'token:wall', role: 'wall', label: 'hall-1 screens', wall: 'hall-1' },
};

export interface ReportGateway {
  gateway: Gateway;
  url: string;
  dataDir: string;
  audit: AuditLog;
  reports: ReportsFeature;
  close(): Promise<void>;
}

export async function startReportGateway(options: {
  now: number;
  /** Days of simulated history (the last 2 as log events); 0: an empty store. */
  days?: number;
  schedule?: boolean;
  chromiumPath?: string;
  dataDir?: string;
}): Promise<ReportGateway> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'wall-reports-'));
  const db = createSqliteDatabase(join(dataDir, 'wall.db'));
  const pack = await loadRegionPack(join(ROOT, 'regions/naxi'));
  const places = createPlaceLookup(pack);
  const peace = loadPeaceIndexConfig();
  const layoutFile = join(ROOT, 'config/walls.json');
  const layouts = loadWallLayouts(layoutFile);
  if (!peace.ok || !layouts.ok) throw new Error('bad shipped configuration');
  const clock = () => options.now;
  const audit = createAuditLog(db, clock);
  const aggregates = createCachedAggregateStore(createSqliteAggregateStore(db));
  const checkpoints = createSqliteCheckpointStore(db);
  const renderTokens = createRenderTokens();
  const users = createUserStore(db);
  await users.create({ ...REPORT_USER, role: 'officer' });
  const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const days = options.days ?? 40;
  let gateway: Gateway | null = null;
  const feature = <T>(name: string) => gateway?.features.find((f) => f.name === name) as T | undefined;
  gateway = await createGateway({
    store: createSqliteEventStore(db),
    places,
    region: 'naxi',
    regionPack: pack,
    tz: 'Asia/Shanghai',
    logger: silent,
    now: clock,
    tickSeconds: 3600,
    clientDist: join(ROOT, 'wall-client/dist'),
    auth: {
      authenticate: (token) =>
        token ? (renderTokens.verify(token) ?? PRINCIPALS[token] ?? users.verifySession(token)) : null,
    },
    features: [
      createWallViews(db),
      wallLayouts(layoutFile, layouts.layout),
      screenMonitor(),
      auditApi(audit),
      userAdmin(users, audit),
      trendsFeature({ aggregates, config: peace.config }),
      replayFeature({ checkpoints }),
      reportsFeature({
        audit,
        launcher: createChromiumLauncher(
          options.chromiumPath ? { executablePath: options.chromiumPath } : {},
        ),
        renderTokens,
        layouts: () => feature<WallLayoutsFeature>('wall-layouts')?.current() ?? layouts.layout,
        dir: join(dataDir, 'reports'),
        schedule: { enabled: options.schedule ?? false, at: '07:00', langs: ['zh-CN'], formats: ['pdf'] },
        dataReady: () =>
          Promise.all([
            feature<HistoryBackfill>('history-backfill')?.done,
            feature<TrendsFeature>('trends')?.aggregator.ready,
          ]),
      }),
      ...(days > 0
        ? [
            historyBackfill({
              aggregates,
              config: peace.config,
              pack,
              places,
              seed: 20261125,
              alarmsPerHour: 60,
              days,
              logDays: 2,
              progress: { update: () => undefined, done: () => undefined },
              checkpoint: (day, seq, model) => checkpoints.save({ day, seq, model }, { replace: true }),
            }),
          ]
        : []),
    ],
  });
  const g = gateway;
  const { url } = await g.listen(0, '127.0.0.1');
  await feature<HistoryBackfill>('history-backfill')?.done;
  await feature<TrendsFeature>('trends')?.aggregator.ready;
  return {
    gateway: g,
    url,
    dataDir,
    audit,
    reports: feature<ReportsFeature>('reports') as ReportsFeature,
    close: () => g.close(),
  };
}
