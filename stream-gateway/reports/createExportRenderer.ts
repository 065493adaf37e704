/**
 * Renders exports through the gateway's own pages: a wall screen for a snapshot, the print
 * route for a report. It mints a one-render token for the headless page (the `system` role:
 * read only), builds the address, and asks the one Chromium launcher to capture it. Used by
 * the API, the schedule and the `npm run report` command alike.
 */

import type { ResolvedRange } from '../../live-model/resolveRange';
import { type ExportFormat, type ReportLang, snapshotFooterHeight } from '../../protocol/reports';
import type { ScreenLayout } from '../../protocol/wallLayout';
import type { ChromiumLauncher } from '../render/createChromiumLauncher';
import type { RenderTokens } from '../render/createRenderTokens';
import { type RenderResult, renderPage } from '../render/renderPage';

/** A4 at 96 CSS px per inch. */
export const A4_CSS = { width: 794, height: 1123 } as const;
export const A4_RATIO = 297 / 210;
export const DEFAULT_PNG_WIDTH = 1240;

export interface ExportRenderer {
  snapshot(q: {
    wall: string;
    screen: ScreenLayout;
    page: string | null;
    format: ExportFormat;
    lang: ReportLang;
    watermark: string;
  }): Promise<RenderResult>;
  report(q: {
    range: ResolvedRange;
    format: ExportFormat;
    lang: ReportLang;
    watermark: string;
    /** PNG width in pixels (pages stacked). */
    width?: number;
  }): Promise<RenderResult>;
}

export interface ExportRendererDeps {
  launcher: ChromiumLauncher;
  tokens: RenderTokens;
  /** The gateway's own address (`http://127.0.0.1:8080`), known once it listens. */
  baseUrl: () => string;
  tz: string;
  now: () => number;
  readyTimeoutMs?: number;
}

export function createExportRenderer(deps: ExportRendererDeps): ExportRenderer {
  async function withToken<T>(label: string, wall: string | undefined, fn: (token: string) => Promise<T>) {
    const token = deps.tokens.issue(label, wall);
    try {
      return await fn(token);
    } finally {
      deps.tokens.revoke(token);
    }
  }
  const timeout = deps.readyTimeoutMs ?? 25_000;
  return {
    snapshot(q) {
      return withToken(`snapshot ${q.wall}/${q.screen.id}`, q.wall, (token) => {
        const params = new URLSearchParams({
          wall: q.wall,
          screen: q.screen.id,
          render: 'snapshot',
          lang: q.lang,
          wm: q.watermark,
          ...(q.page ? { page: q.page } : {}),
          token,
        });
        const { width, height } = q.screen.canvas;
        const viewport = { width, height: height + snapshotFooterHeight(height) };
        return renderPage(deps.launcher, {
          url: `${deps.baseUrl()}/?${params}`,
          viewport,
          output: q.format === 'png' ? { format: 'png' } : { format: 'pdf', page: 'viewport' },
          media: 'screen',
          tz: deps.tz,
          lang: q.lang,
          readyTimeoutMs: timeout,
        });
      });
    },
    report(q) {
      return withToken(`report ${q.range.firstDay}..${q.range.lastDay}`, undefined, (token) => {
        const params = new URLSearchParams({
          range: `${q.range.firstDay}..${q.range.lastDay}`,
          lang: q.lang,
          now: new Date(deps.now()).toISOString(),
          tz: deps.tz,
          wm: q.watermark,
          token,
        });
        const width = q.width ?? DEFAULT_PNG_WIDTH;
        return renderPage(deps.launcher, {
          url: `${deps.baseUrl()}/print/report?${params}`,
          viewport: A4_CSS,
          deviceScaleFactor: q.format === 'png' ? width / A4_CSS.width : 1,
          output: q.format === 'png' ? { format: 'png' } : { format: 'pdf', page: 'a4' },
          media: 'print',
          tz: deps.tz,
          lang: q.lang,
          readyTimeoutMs: timeout,
        });
      });
    },
  };
}
