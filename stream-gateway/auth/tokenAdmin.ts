/**
 * Token administration over HTTP (admin only): list, issue, revoke. A token may carry its
 * own ingest limits. Revoking ends the token's live sockets at once; issuing and revoking
 * are in the audit log (never the token itself).
 */
import { z } from 'zod';
import { TOKEN_ROLES } from '../../protocol/access';
import { WALL_ID } from '../../protocol/wallView';
import type { AuditLog } from '../audit/createAuditLog';
import { toAuditActor } from '../audit/recordExport';
import type { FeatureFactory } from '../GatewayContext';
import { readValidBody, sendJson } from '../http/router';
import type { TokenStore } from './createTokenStore';
import { disconnectSockets } from './disconnectSockets';

const Rate = z.number().positive().max(1_000_000);
const IssueSchema = z.object({
  role: z.enum(TOKEN_ROLES),
  label: z.string().min(1).max(80),
  wall: z.string().regex(WALL_ID).optional(),
  limits: z
    .object({
      requestsPerSecond: Rate,
      requestBurst: Rate,
      itemsPerSecond: Rate,
      itemBurst: Rate,
      bodyBytes: z
        .number()
        .int()
        .min(1024)
        .max(64 * 1024 * 1024),
    })
    .partial()
    .strict()
    .optional(),
});

export function tokenAdmin(tokens: TokenStore, audit?: AuditLog): FeatureFactory {
  return ({ router, io, originOf }) => {
    router
      .add('GET', '/api/tokens', 'admin', ({ res }) => sendJson(res, 200, { tokens: tokens.list() }))
      .add('POST', '/api/tokens', 'admin', async ({ req, res, principal }) => {
        const body = await readValidBody(req, IssueSchema, { limit: 4096, label: 'token' });
        if (!body.ok) return sendJson(res, body.status, { error: body.reason });
        const { role, label, wall, limits } = body.value;
        if (role === 'wall' && !wall)
          return sendJson(res, 400, { error: 'a wall token needs a wall (e.g. hall-1)' });
        const issued = tokens.issue(role, {
          label,
          ...(wall ? { wall } : {}),
          ...(limits ? { limits } : {}),
        });
        if (principal)
          audit?.record({
            actor: toAuditActor(principal),
            action: 'token.issue',
            target: `token:${issued.info.id}`,
            outcome: 'ok',
            detail: { role, label, ...(wall ? { wall } : {}), ...(limits ? { limits } : {}) },
            origin: originOf(req),
          });
        sendJson(res, 201, issued);
      })
      .add('DELETE', '/api/tokens/:id', 'admin', ({ req, res, params, principal }) => {
        const id = params.id ?? '';
        if (!tokens.revoke(id)) return sendJson(res, 404, { error: `no active token ${id}` });
        const closed = disconnectSockets(io, (p) => p.credential === id);
        if (principal)
          audit?.record({
            actor: toAuditActor(principal),
            action: 'token.revoke',
            target: `token:${id}`,
            outcome: 'ok',
            detail: { socketsClosed: closed },
            origin: originOf(req),
          });
        sendJson(res, 200, { revoked: id, socketsClosed: closed });
      });
    return { name: 'tokens' };
  };
}
