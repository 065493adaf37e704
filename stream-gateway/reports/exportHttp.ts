/** HTTP helpers of the export routes: the query, the file answer, the stamp in file names. */
import type { ServerResponse } from 'node:http';
import { zonedParts } from '../../live-model/zonedTime';
import type { RenderResult } from '../render/renderPage';

export const EXPORT_MIME = { png: 'image/png', pdf: 'application/pdf' } as const;

/** A query string read with a schema: the value, or a one-line reason (`label: field: message`). */
export function parseQuery<T>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
  },
  url: URL,
  label: string,
): { ok: true; value: T } | { ok: false; reason: string } {
  const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    reason: `${label}: ${issue?.path.map(String).join('.') || 'query'}: ${issue?.message}`,
  };
}

/** Answers a rendered export as a download, with its audit number and render time. */
export function sendExport(
  res: ServerResponse,
  result: RenderResult,
  name: string,
  format: keyof typeof EXPORT_MIME,
  auditId: number,
): void {
  res.writeHead(200, {
    'content-type': EXPORT_MIME[format],
    'content-length': result.body.length,
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'no-store',
    'x-audit-id': String(auditId),
    'x-render-ms': String(result.ms),
    ...(typeof result.info.pages === 'number' ? { 'x-report-pages': String(result.info.pages) } : {}),
  });
  res.end(result.body);
}

/** `20261125-093012` in the zone, for file names. */
export function fileStamp(ms: number, tz: string): string {
  const p = zonedParts(ms, tz);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}${two(p.month)}${two(p.day)}-${two(p.hour)}${two(p.minute)}${two(p.second)}`;
}
