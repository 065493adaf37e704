/**
 * The audit log over HTTP: `GET /api/audit` (leaders, admins) with filters and paging,
 * `GET /api/audit/verify` (admins: walks the hash chain), and `POST /api/exports` for
 * exports made in the browser (records the export, answers the watermark to stamp).
 * Every refused request that would have changed something is recorded as `access.denied`.
 */
import { z } from 'zod';
import { AUDIT_OUTCOMES } from '../../protocol/audit';
import type { FeatureFactory } from '../GatewayContext';
import { readValidBody, sendJson } from '../http/router';
import type { AuditLog } from './createAuditLog';
import { recordExport, toAuditActor } from './recordExport';

const Iso = z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString());
const QuerySchema = z.object({
  since: Iso.optional(),
  until: Iso.optional(),
  actor: z.string().max(80).optional(),
  action: z.string().max(60).optional(),
  target: z.string().max(120).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const ExportSchema = z
  .object({
    kind: z.string().regex(/^[a-z][a-z-]{1,30}$/, 'a kind such as snapshot or report'),
    target: z.string().min(1).max(100).optional(),
    format: z
      .string()
      .regex(/^[a-z0-9]{2,8}$/, 'a format such as png or pdf')
      .optional(),
  })
  .strict();

export function auditApi(audit: AuditLog): FeatureFactory {
  return ({ router, originOf, tz }) => {
    router.onDenied((d) => {
      // Reads without a token are noise (a screen before its token); attempts to change something are not.
      if (d.method === 'GET' && d.status === 401) return;
      audit.record({
        actor: d.principal ? toAuditActor(d.principal) : null,
        action: 'access.denied',
        target: `route:${d.method} ${d.pattern}`,
        outcome: 'denied',
        detail: { needs: d.access, status: d.status },
        origin: originOf(d.req),
      });
    });
    router
      .add('GET', '/api/audit', 'audit', ({ res, url }) => {
        const parsed = QuerySchema.safeParse(Object.fromEntries(url.searchParams));
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          return sendJson(res, 400, { error: `audit: ${issue?.path.join('.')}: ${issue?.message}` });
        }
        const { before, limit, ...filters } = parsed.data;
        const entries = audit.query({ ...filters, limit, ...(before ? { beforeId: before } : {}) });
        const last = entries.at(-1);
        sendJson(res, 200, { entries, next: entries.length === limit && last ? last.id : null });
      })
      .add('GET', '/api/audit/verify', 'admin', ({ res }) => sendJson(res, 200, audit.verify()))
      .add('POST', '/api/exports', 'export', async ({ req, res, principal }) => {
        const body = await readValidBody(req, ExportSchema, { limit: 4096, label: 'export' });
        if (!body.ok) return sendJson(res, body.status, { error: body.reason });
        if (!principal) return;
        const watermark = recordExport(audit, { principal, origin: originOf(req), tz, ...body.value });
        sendJson(res, 201, { watermark });
      });
    return { name: 'audit' };
  };
}
