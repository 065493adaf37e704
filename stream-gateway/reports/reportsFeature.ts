/**
 * Exports (issue 8) as a gateway feature:
 *   GET /api/snapshot?wall=&screen=&format=png|pdf[&page=][&lang=]   (export) a screen as it shows now
 *   GET /api/reports                                                  (read) the generated reports, the schedule
 *   GET /api/reports?range=&format=pdf|png[&lang=][&width=]           (export) a report made now
 *   GET /api/reports/:name                                            (export) a generated report file
 * Every export is an audit entry and carries its watermark (who, when, audit number); a render
 * that fails is an audit entry too. Where Chromium is missing the answer is 503 with a
 * one-line reason. Scheduled reports: createReportScheduler.
 */
import { createReadStream } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { reportFileName, reportKindOf } from '../../live-model/reports/planReports';
import { resolveRange } from '../../live-model/resolveRange';
import { can, type Principal } from '../../protocol/access';
import type { AuditOrigin } from '../../protocol/audit';
import {
  type ReportManifest,
  ReportQuerySchema,
  type ReportsListResponse,
  SnapshotQuerySchema,
} from '../../protocol/reports';
import type { ScreenLayout, WallLayoutFile } from '../../protocol/wallLayout';
import type { AuditLog } from '../audit/createAuditLog';
import { recordExport, toAuditActor } from '../audit/recordExport';
import type { FeatureFactory, GatewayFeature } from '../GatewayContext';
import { sendJson } from '../http/router';
import { type ChromiumLauncher, RendererUnavailableError } from '../render/createChromiumLauncher';
import type { RenderTokens } from '../render/createRenderTokens';
import { createExportRenderer, type ExportRenderer } from './createExportRenderer';
import { createReportScheduler, type ReportScheduler, type ScheduleConfig } from './createReportScheduler';
import { EXPORT_MIME, fileStamp, parseQuery, sendExport } from './exportHttp';
import { createReportFiles, type ReportFiles } from './reportFiles';

export interface ReportsOptions {
  audit: AuditLog;
  launcher: ChromiumLauncher;
  renderTokens: RenderTokens;
  /** The wall layout file as loaded now. */
  layouts: () => WallLayoutFile;
  /** The page a screen shows now (from its heartbeat), if known. */
  screenPage?: (wall: string, screen: string) => string | null;
  /** The reports directory (DATA_DIR/reports). */
  dir: string;
  schedule?: ScheduleConfig;
  /** Scheduled reports wait for this (history backfilled, aggregates caught up). */
  dataReady?: () => Promise<unknown>;
  readyTimeoutMs?: number;
}

export type ReportsFeature = GatewayFeature & {
  launcher: ChromiumLauncher;
  renderer: ExportRenderer;
  scheduler: ReportScheduler;
  files: ReportFiles;
};

/** The scheduler exports in the gateway's own name. */
export const SCHEDULER: Principal = { id: 'system:scheduler', role: 'system', label: '定时报告' };
const SYSTEM_ORIGIN: AuditOrigin = { ip: null, console: 'scheduler', userAgent: null };

export function reportsFeature(options: ReportsOptions): FeatureFactory {
  return (ctx): ReportsFeature => {
    const { audit, launcher } = options;
    const baseUrl = () => {
      const address = ctx.io.httpServer.address() as AddressInfo | null;
      if (!address) throw new RendererUnavailableError('the gateway is not listening yet');
      const host = ['0.0.0.0', '::', ''].includes(address.address)
        ? '127.0.0.1'
        : address.family === 'IPv6'
          ? `[${address.address}]`
          : address.address;
      return `http://${host}:${address.port}`;
    };
    const renderer = createExportRenderer({
      launcher,
      tokens: options.renderTokens,
      baseUrl,
      tz: ctx.tz,
      now: ctx.now,
      ...(options.readyTimeoutMs ? { readyTimeoutMs: options.readyTimeoutMs } : {}),
    });
    const files = createReportFiles(options.dir);

    /** A render that failed after the export was recorded: an audit entry, and a one-line answer. */
    function failed(
      res: import('node:http').ServerResponse,
      principal: Principal,
      origin: AuditOrigin,
      target: string,
      err: unknown,
    ) {
      const reason = (err as Error).message.split('\n')[0] ?? 'render failed';
      audit.record({
        actor: toAuditActor(principal),
        action: 'export',
        target,
        outcome: 'failed',
        detail: { reason },
        origin,
      });
      ctx.logger.warn({ target, err: reason }, 'export failed');
      if (err instanceof RendererUnavailableError && err.retryAfterS)
        res.setHeader('retry-after', String(err.retryAfterS));
      sendJson(res, 503, { error: reason });
    }

    const scheduler = createReportScheduler({
      config: options.schedule ?? { enabled: false, at: '07:00', langs: ['zh-CN'], formats: ['pdf'] },
      tz: ctx.tz,
      now: ctx.now,
      files,
      logger: ctx.logger,
      async generate(due, lang, format, name) {
        const r = resolveRange(due.range, ctx.now(), ctx.tz);
        if (!r.ok) throw new Error(r.reason);
        const watermark = recordExport(audit, {
          principal: SCHEDULER,
          origin: SYSTEM_ORIGIN,
          tz: ctx.tz,
          kind: 'report',
          target: `${due.kind}/${due.firstDay}`,
          format,
          detail: { scheduled: true, lang, file: name },
        });
        const result = await renderer.report({
          range: r.range,
          format,
          lang,
          watermark: lang === 'en' ? watermark.textEn : watermark.text,
        });
        const manifest: ReportManifest = {
          name,
          kind: due.kind,
          range: due.range,
          firstDay: due.firstDay,
          lastDay: due.lastDay,
          lang,
          format,
          pages: Number(result.info.pages ?? 0),
          generatedAt: watermark.at,
          by: SCHEDULER.label,
          auditId: watermark.auditId,
          watermark: lang === 'en' ? watermark.textEn : watermark.text,
          figures: (result.info.figures as ReportManifest['figures']) ?? [],
          renderMs: result.ms,
        };
        files.write(manifest, result.body);
      },
    });

    function findScreen(wall: string, screen: string): ScreenLayout | null {
      return (
        options
          .layouts()
          .walls.find((w) => w.id === wall)
          ?.screens.find((s) => s.id === screen) ?? null
      );
    }

    ctx.router
      .add('GET', '/api/snapshot', 'export', async ({ req, res, url, principal }) => {
        if (!principal) return;
        const parsed = parseQuery(SnapshotQuerySchema, url, 'snapshot');
        if (!parsed.ok) return sendJson(res, 400, { error: parsed.reason });
        const q = parsed.value;
        const screen = findScreen(q.wall, q.screen);
        if (!screen)
          return sendJson(res, 404, { error: `no screen ${q.wall}/${q.screen} in the wall layout file` });
        if (q.page && !screen.pages.some((p) => p.id === q.page))
          return sendJson(res, 404, { error: `screen ${q.wall}/${q.screen} has no page ${q.page}` });
        const missing = launcher.missing();
        if (missing) return sendJson(res, 503, { error: missing });
        const origin = ctx.originOf(req);
        const page = q.page ?? options.screenPage?.(q.wall, q.screen) ?? null;
        const lang = q.lang ?? 'zh-CN';
        const target = `${q.wall}/${q.screen}`;
        const watermark = recordExport(audit, {
          principal,
          origin,
          tz: ctx.tz,
          kind: 'snapshot',
          target,
          format: q.format,
          detail: { lang, ...(page ? { page } : {}) },
        });
        try {
          const result = await renderer.snapshot({
            wall: q.wall,
            screen,
            page,
            format: q.format,
            lang,
            watermark: lang === 'en' ? watermark.textEn : watermark.text,
          });
          sendExport(
            res,
            result,
            `snapshot-${q.wall}-${q.screen}-${fileStamp(ctx.now(), ctx.tz)}.${q.format}`,
            q.format,
            watermark.auditId,
          );
        } catch (err) {
          failed(res, principal, origin, `snapshot:${target}`, err);
        }
      })
      .add('GET', '/api/reports', 'read', async ({ req, res, url, principal }) => {
        if (!principal) return;
        if (!url.searchParams.has('range')) {
          const body: ReportsListResponse = {
            dir: files.dir,
            reports: files.list(),
            schedule: scheduler.status(),
          };
          return sendJson(res, 200, body);
        }
        const origin = ctx.originOf(req);
        if (!can(principal, 'export')) {
          audit.record({
            actor: toAuditActor(principal),
            action: 'access.denied',
            target: 'route:GET /api/reports?range',
            outcome: 'denied',
            detail: { needs: 'export', status: 403 },
            origin,
          });
          return sendJson(res, 403, { error: `the ${principal.role} role may not export` });
        }
        const parsed = parseQuery(ReportQuerySchema, url, 'report');
        if (!parsed.ok) return sendJson(res, 400, { error: parsed.reason });
        const q = parsed.value;
        const r = resolveRange(q.range, ctx.now(), ctx.tz);
        if (!r.ok) return sendJson(res, 400, { error: r.reason });
        const missing = launcher.missing();
        if (missing) return sendJson(res, 503, { error: missing });
        const kind = reportKindOf(r.range);
        const name = reportFileName({
          kind,
          firstDay: r.range.firstDay,
          lastDay: r.range.lastDay,
          lang: q.lang,
          format: q.format,
        });
        const target = `${kind}/${r.range.firstDay}${r.range.days > 1 ? `..${r.range.lastDay}` : ''}`;
        const watermark = recordExport(audit, {
          principal,
          origin,
          tz: ctx.tz,
          kind: 'report',
          target,
          format: q.format,
          detail: { lang: q.lang, range: q.range, ...(q.width ? { width: q.width } : {}) },
        });
        try {
          const result = await renderer.report({
            range: r.range,
            format: q.format,
            lang: q.lang,
            watermark: q.lang === 'en' ? watermark.textEn : watermark.text,
            ...(q.width ? { width: q.width } : {}),
          });
          sendExport(res, result, name, q.format, watermark.auditId);
        } catch (err) {
          failed(res, principal, origin, `report:${target}`, err);
        }
      })
      .add('GET', '/api/reports/:name', 'export', ({ req, res, params, principal }) => {
        if (!principal) return;
        const path = files.pathOf(params.name ?? '');
        if (!path) return sendJson(res, 404, { error: `no generated report ${params.name}` });
        const format = path.endsWith('.png') ? 'png' : 'pdf';
        const watermark = recordExport(audit, {
          principal,
          origin: ctx.originOf(req),
          tz: ctx.tz,
          kind: 'report-file',
          target: params.name,
          format,
        });
        res.writeHead(200, {
          'content-type': EXPORT_MIME[format],
          'content-disposition': `attachment; filename="${params.name}"`,
          'cache-control': 'no-store',
          'x-audit-id': String(watermark.auditId),
        });
        createReadStream(path).pipe(res);
      });

    return {
      name: 'reports',
      launcher,
      renderer,
      scheduler,
      files,
      start: async () => scheduler.start(options.dataReady?.()),
      stop: async () => {
        scheduler.stop();
        await launcher.close();
      },
      health: () => ({
        renderer: launcher.health(),
        schedule: scheduler.status(),
        reports: files.list().length,
      }),
    };
  };
}
