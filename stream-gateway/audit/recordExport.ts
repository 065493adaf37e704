/**
 * Exports (snapshots, reports — issue 8) carry a watermark naming who exported them and
 * when, and each export is an audit entry. A feature that renders an export calls
 * `recordExport` first and stamps `watermark.text` on the picture or every page.
 *
 * @example
 * const { watermark } = recordExport(audit, {
 *   principal, origin: requestOrigin(req), kind: 'report', target: 'daily/2026-11-24', format: 'pdf', tz,
 * });
 * drawFooter(watermark.text);
 */
import { zonedParts } from '../../live-model/zonedTime';
import type { Principal, Role } from '../../protocol/access';
import type { AuditActor, AuditOrigin, ExportWatermark } from '../../protocol/audit';
import type { AuditLog } from './createAuditLog';

const ROLE_ZH: Record<Role, string> = {
  wall: '大屏',
  officer: '值班员',
  leader: '带班领导',
  admin: '管理员',
  feed: '数据源',
  system: '系统',
};

export function toAuditActor(principal: Principal): AuditActor {
  return { id: principal.id, name: principal.label, role: principal.role };
}

/** `2026-11-25 20:14:05` in the zone. */
function localTime(atMs: number, tz: string): string {
  const p = zonedParts(atMs, tz);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
}

/**
 * The watermark line for an export, in the configured time zone.
 * @example buildWatermark({ id: 'user:zhang', name: '张三', role: 'officer' }, Date.parse('2026-11-25T12:14:05Z'), 'Asia/Shanghai', 42).text
 * // '导出：张三（值班员）2026-11-25 20:14:05 · 审计 #42'
 */
export function buildWatermark(by: AuditActor, atMs: number, tz: string, auditId: number): ExportWatermark {
  const when = localTime(atMs, tz);
  const roleZh = ROLE_ZH[by.role as Role] ?? by.role;
  return {
    text: `导出：${by.name}（${roleZh}）${when} · 审计 #${auditId}`,
    textEn: `Exported by ${by.name} (${by.role}) ${when} ${tz} · audit #${auditId}`,
    by,
    at: new Date(atMs).toISOString(),
    auditId,
  };
}

export interface ExportRequest {
  principal: Principal;
  origin: AuditOrigin;
  /** What is exported: `snapshot`, `report`, `audit`… */
  kind: string;
  /** Which one: `screen:centre`, `daily/2026-11-24`… */
  target?: string;
  format?: string;
  tz: string;
  detail?: Record<string, unknown>;
}

/** Writes the export to the audit log and returns the watermark to stamp on it. */
export function recordExport(audit: AuditLog, request: ExportRequest): ExportWatermark {
  const actor = toAuditActor(request.principal);
  const entry = audit.record({
    actor,
    action: 'export',
    target: request.target ? `${request.kind}:${request.target}` : request.kind,
    outcome: 'ok',
    detail: { kind: request.kind, ...(request.format ? { format: request.format } : {}), ...request.detail },
    origin: request.origin,
  });
  return buildWatermark(actor, Date.parse(entry.at), request.tz, entry.id);
}
