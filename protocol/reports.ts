/**
 * The exports contract (issue 8): wall snapshots and the daily/weekly analysis reports —
 * what the APIs take and answer, the generated-reports list, and the signal a rendered page
 * gives when every panel has drawn its data.
 */
import { z } from 'zod';

export const EXPORT_FORMATS = ['png', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const REPORT_LANGS = ['zh-CN', 'en'] as const;
export type ReportLang = (typeof REPORT_LANGS)[number];

/** 日研判 (one day), 周分析 (a Monday–Sunday week), or an analysis of any other period. */
export const REPORT_KINDS = ['daily', 'weekly', 'period'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** `GET /api/snapshot?wall=&screen=&format=png|pdf[&page=][&lang=]`. */
export const SnapshotQuerySchema = z
  .object({
    wall: z.string().regex(/^[\w-]{1,40}$/, 'a wall id such as hall-1'),
    screen: z.string().regex(/^[a-z][\w-]{0,39}$/, 'a screen id such as centre'),
    format: z.enum(EXPORT_FORMATS).default('png'),
    /** The page of a rotating screen; default the page that screen shows now. */
    page: z
      .string()
      .regex(/^[a-z][\w-]{0,39}$/)
      .optional(),
    lang: z.enum(REPORT_LANGS).optional(),
  })
  .strict();
export type SnapshotQuery = z.infer<typeof SnapshotQuerySchema>;

/** `GET /api/reports?range=&format=[&lang=][&width=]` (without `range`: the list). */
export const ReportQuerySchema = z
  .object({
    range: z.string().min(1).max(40),
    format: z.enum(EXPORT_FORMATS).default('pdf'),
    lang: z.enum(REPORT_LANGS).default('zh-CN'),
    /** PNG width in pixels (A4 pages stacked); default 1240 (150 dpi). */
    width: z.coerce.number().int().min(400).max(4000).optional(),
  })
  .strict();
export type ReportQuery = z.infer<typeof ReportQuerySchema>;

/** A figure the report prints, and the API answer it comes from (so anyone can check it). */
export interface ReportFigure {
  key: string;
  /** As printed, e.g. `1,234` or `▲12.0%`. */
  text: string;
  value: number | null;
  /** API path and the field in its answer, e.g. `/api/trends/summary?range=…#current.counts.alarms`. */
  source: string;
}

/** What a generated report file is, kept beside it as `<name>.json`. */
export interface ReportManifest {
  name: string;
  kind: ReportKind;
  range: string;
  firstDay: string;
  lastDay: string;
  lang: ReportLang;
  format: ExportFormat;
  pages: number;
  generatedAt: string;
  /** Who it was exported by (the scheduler is `system`), and its audit entry. */
  by: string;
  auditId: number;
  watermark: string;
  figures: ReportFigure[];
  renderMs: number;
}

export interface ReportEntry extends Omit<ReportManifest, 'figures' | 'watermark'> {
  bytes: number;
  /** Download address (permission `export`; each download is an audit entry). */
  url: string;
}

export interface ReportsListResponse {
  dir: string;
  reports: ReportEntry[];
  schedule: {
    enabled: boolean;
    /** Daily at this local time (TZ); the weekly report on Monday at the same time. */
    at: string;
    tz: string;
    nextRunAt: string | null;
    lastRunAt: string | null;
    lastError: string | null;
    langs: ReportLang[];
    formats: ExportFormat[];
  };
}

/**
 * The signal between a rendered page and the renderer (attributes of `<html>`): the page
 * sets `data-render-ready="true"` once every panel has drawn its data (and fonts are
 * loaded), `data-render-pending` to the panels still waiting, and `data-render-failed` with a
 * reason when a panel cannot draw. Elements with `data-ready="false"` hold the signal too.
 */
export const RENDER_SIGNAL = {
  ready: 'data-render-ready',
  pending: 'data-render-pending',
  failed: 'data-render-failed',
  waiting: '[data-ready="false"]',
} as const;

/**
 * A snapshot is the screen at its canvas size with a footer strip below it (the centre, the
 * screen, the data time, live or the period, the watermark), so nothing on the screen is
 * covered. @example snapshotFooterHeight(1080) // 43
 */
export function snapshotFooterHeight(canvasHeight: number): number {
  return Math.round(canvasHeight * 0.04);
}
