/**
 * What the print route (`/print/report?…`) is asked to print: the gateway's renderer passes
 * the period as explicit days, its clock, its time zone and the export's watermark, so the
 * page depends on nothing but the store and these. Pure.
 */
import { type ResolvedRange, resolveRange } from '../../../live-model/resolveRange';
import type { ReportLang } from '../../../protocol/reports';

export interface ReportParams {
  range: ResolvedRange;
  lang: ReportLang;
  /** The gateway's clock when the report was asked for (epoch ms). */
  nowMs: number;
  tz: string;
  watermark: string;
}

/** @example readReportParams('?range=2026-11-24..2026-11-24&now=2026-11-25T01:00:00Z&tz=Asia/Shanghai').ok // true */
export function readReportParams(
  search: string,
): { ok: true; params: ReportParams } | { ok: false; reason: string } {
  const q = new URLSearchParams(search);
  const nowMs = Date.parse(q.get('now') ?? '');
  if (!Number.isFinite(nowMs)) return { ok: false, reason: 'now: an ISO time is required' };
  const tz = q.get('tz') ?? 'Asia/Shanghai';
  const r = resolveRange(q.get('range') ?? '', nowMs, tz);
  if (!r.ok) return r;
  return {
    ok: true,
    params: {
      range: r.range,
      lang: q.get('lang') === 'en' ? 'en' : 'zh-CN',
      nowMs,
      tz,
      watermark: q.get('wm') ?? '',
    },
  };
}
