/**
 * `npm run report -- --range yesterday|last-week|YYYY-MM-DD..YYYY-MM-DD --format pdf|png --out FILE
 *   [--lang en] [--width 1240] [--now ISO] [--url URL --token T]`
 *
 * Makes a daily/weekly analysis report from the store in DATA_DIR: it starts the gateway on
 * that store in this process (no feeds, no MQTT, a free local port), renders the report with
 * the gateway's own renderer, records the export in the audit log and writes FILE. When a
 * gateway already serves DATA_DIR (one writer per store) or `--url` is given, that gateway
 * makes it (`GET /api/reports`) with `--token` (or WALL_TOKEN). Fails with one line.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { reportKindOf } from '../../live-model/reports/planReports';
import { resolveRange } from '../../live-model/resolveRange';
import type { Principal } from '../../protocol/access';
import { EXPORT_FORMATS, type ExportFormat, REPORT_LANGS, type ReportLang } from '../../protocol/reports';
import { createAuditLog } from '../audit/createAuditLog';
import { recordExport } from '../audit/recordExport';
import { parseConfig } from '../config/parseConfig';
import { createGateway } from '../createGateway';
import { ensureClientBuild } from '../ensureClientBuild';
import { createPlaceLookup } from '../region/createPlaceLookup';
import { loadRegionPack } from '../region/loadRegionPack';
import { chromiumMissingReason, createChromiumLauncher } from '../render/createChromiumLauncher';
import { createRenderTokens } from '../render/createRenderTokens';
import { readGatewayLock, writeGatewayLock } from '../store/gatewayLock';
import { openStores } from '../store/openStores';
import { loadPeaceIndexConfig } from '../trends/loadPeaceIndexConfig';
import { type TrendsFeature, trendsFeature } from '../trends/trendsFeature';
import { loadWallLayouts } from '../wall/wallLayouts';
import { type ReportsFeature, reportsFeature } from './reportsFeature';

const ROOT = resolve(import.meta.dirname, '../..');
const USAGE =
  'usage: npm run report -- --range yesterday|last-week|YYYY-MM-DD..YYYY-MM-DD --format pdf|png --out FILE [--lang en] [--width 1240] [--now ISO] [--url URL --token T]';

class CliError extends Error {
  constructor(
    message: string,
    readonly code = 1,
  ) {
    super(message);
  }
}

interface Request {
  range: string;
  format: ExportFormat;
  lang: ReportLang;
  out: string;
  width?: number;
  now?: number;
  url?: string;
  token?: string;
}

function parse(argv: string[]): Request {
  const { values } = parseArgs({
    args: argv,
    options: {
      range: { type: 'string' },
      format: { type: 'string', default: 'pdf' },
      out: { type: 'string' },
      lang: { type: 'string', default: 'zh-CN' },
      width: { type: 'string' },
      now: { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string' },
    },
    strict: true,
  });
  if (!values.range || !values.out) throw new CliError(USAGE, 2);
  if (!(EXPORT_FORMATS as readonly string[]).includes(values.format))
    throw new CliError(`--format: pdf or png`, 2);
  if (!(REPORT_LANGS as readonly string[]).includes(values.lang))
    throw new CliError(`--lang: zh-CN or en`, 2);
  const width = values.width === undefined ? undefined : Number(values.width);
  if (width !== undefined && !(Number.isInteger(width) && width >= 400 && width <= 4000))
    throw new CliError('--width: pixels, 400 to 4000', 2);
  const now = values.now === undefined ? undefined : Date.parse(values.now);
  if (now !== undefined && Number.isNaN(now))
    throw new CliError('--now: an ISO time such as 2026-11-25T07:00:00+08:00', 2);
  const token = values.token ?? process.env.WALL_TOKEN;
  return {
    range: values.range,
    format: values.format as ExportFormat,
    lang: values.lang as ReportLang,
    out: resolve(values.out),
    ...(width ? { width } : {}),
    ...(now !== undefined ? { now } : {}),
    ...(values.url ? { url: values.url } : {}),
    ...(token ? { token } : {}),
  };
}

/** Asks a running gateway to make the report. */
async function viaGateway(req: Request, url: string): Promise<string> {
  if (!req.token)
    throw new CliError(
      `a gateway serves this store at ${url}: pass --token (an officer's, leader's or admin's) or WALL_TOKEN to have it make the report`,
    );
  const params = new URLSearchParams({
    range: req.range,
    format: req.format,
    lang: req.lang,
    ...(req.width ? { width: String(req.width) } : {}),
  });
  const res = await fetch(new URL(`api/reports?${params}`, url.endsWith('/') ? url : `${url}/`), {
    headers: { authorization: `Bearer ${req.token}` },
  }).catch((err: Error) => {
    throw new CliError(`cannot reach the gateway at ${url}: ${err.message}`);
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: string } | null;
    throw new CliError(`the gateway answered ${res.status}: ${body?.error ?? res.statusText}`);
  }
  const body = Buffer.from(await res.arrayBuffer());
  writeFileSync(req.out, body);
  return `${req.out} (${res.headers.get('x-report-pages') ?? '?'} pages, ${Math.round(body.length / 1024)} KB, audit #${res.headers.get('x-audit-id')}, made by ${url})`;
}

/** Starts the gateway on the store in this process, makes the report, stops. */
async function inProcess(req: Request): Promise<string> {
  const parsed = parseConfig(process.env);
  if (!parsed.ok) throw new CliError(parsed.reason, 2);
  const config = parsed.config;
  const missing = chromiumMissingReason(config.CHROMIUM_PATH);
  if (missing) throw new CliError(missing, 2);
  const dataDir = resolve(config.DATA_DIR);
  const dbFile = join(dataDir, 'wall.db');
  if (!existsSync(dbFile))
    throw new CliError(`no store at ${dbFile} (set DATA_DIR, or start the gateway once)`);
  const clock = req.now === undefined ? Date.now : () => req.now as number;
  const range = resolveRange(req.range, clock(), config.TZ);
  if (!range.ok) throw new CliError(range.reason, 2);
  const peace = loadPeaceIndexConfig(config.PEACE_INDEX_CONFIG);
  if (!peace.ok) throw new CliError(`bad peace-index config: ${peace.reason}`, 2);
  const layouts = loadWallLayouts(resolve(ROOT, config.WALL_LAYOUT_FILE));
  if (!layouts.ok) throw new CliError(`bad wall layout: ${layouts.reason}`, 2);
  const pack = await loadRegionPack(
    config.REGION.includes('/') ? resolve(config.REGION) : join(ROOT, 'regions', config.REGION),
  );
  const distDir = resolve(ROOT, config.CLIENT_DIST);
  if (!(await ensureClientBuild(ROOT, distDir, () => undefined).done))
    throw new CliError('the wall-client build failed: run npm run build to see why');

  // The same stores as the gateway: the log and aggregates in PostgreSQL when DATABASE_URL is set.
  const stores = await openStores({ dataDir, databaseUrl: config.DATABASE_URL });
  const audit = createAuditLog(stores.db, clock);
  const renderTokens = createRenderTokens();
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const gateway = await createGateway({
    store: stores.store,
    places: createPlaceLookup(pack),
    region: pack.region.id,
    regionPack: pack,
    tz: config.TZ,
    logger: quiet,
    now: clock,
    auth: { authenticate: (token) => (token ? renderTokens.verify(token) : null) },
    clientDist: distDir,
    tickSeconds: 3600,
    features: [
      trendsFeature({
        aggregates: stores.aggregates,
        config: peace.config,
      }),
      reportsFeature({
        audit,
        launcher: createChromiumLauncher({ executablePath: config.CHROMIUM_PATH }),
        renderTokens,
        layouts: () => layouts.layout,
        dir: join(dataDir, 'reports'),
      }),
    ],
  });
  let release: () => void = () => undefined;
  try {
    const { url } = await gateway.listen(0, '127.0.0.1');
    release = writeGatewayLock(dataDir, url);
    await (gateway.features.find((f) => f.name === 'trends') as TrendsFeature).aggregator.ready;
    const reports = gateway.features.find((f) => f.name === 'reports') as ReportsFeature;
    const kind = reportKindOf(range.range);
    const user = userInfo().username;
    const principal: Principal = { id: `cli:${user}`, role: 'system', label: `npm run report (${user})` };
    const watermark = recordExport(audit, {
      principal,
      origin: { ip: null, console: 'npm run report', userAgent: null },
      tz: config.TZ,
      kind: 'report',
      target: `${kind}/${range.range.firstDay}${range.range.days > 1 ? `..${range.range.lastDay}` : ''}`,
      format: req.format,
      detail: { lang: req.lang, range: req.range, out: req.out },
    });
    const result = await reports.renderer.report({
      range: range.range,
      format: req.format,
      lang: req.lang,
      watermark: req.lang === 'en' ? watermark.textEn : watermark.text,
      ...(req.width ? { width: req.width } : {}),
    });
    writeFileSync(req.out, result.body);
    return `${req.out} (${kind} ${range.range.firstDay}..${range.range.lastDay}, ${String(result.info.pages ?? '?')} pages, ${Math.round(result.body.length / 1024)} KB, audit #${watermark.auditId}, rendered in ${(result.ms / 1000).toFixed(1)} s)`;
  } finally {
    await gateway.close();
    await stores.close();
    release();
  }
}

async function main(): Promise<void> {
  const req = parse(process.argv.slice(2));
  const dataDir = resolve(process.env.DATA_DIR || 'data');
  const running = req.url ? null : readGatewayLock(dataDir);
  const target = req.url ?? running?.url;
  const wrote = target ? await viaGateway(req, target) : await inProcess(req);
  console.log(`[report] wrote ${wrote}`);
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(`[report] ${err.message.split('\n')[0]}`);
    process.exit(err instanceof CliError ? err.code : 1);
  },
);
