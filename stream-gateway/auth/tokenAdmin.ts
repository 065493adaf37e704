/** Token administration over HTTP (admin only): list, issue, revoke. */
import { z } from 'zod';
import { ROLES } from '../../protocol/access';
import { WALL_ID } from '../../protocol/wallView';
import type { FeatureFactory } from '../GatewayContext';
import { readValidBody, sendJson } from '../http/router';
import type { TokenStore } from './createTokenStore';

const IssueSchema = z.object({
  role: z.enum(ROLES),
  label: z.string().min(1).max(80),
  wall: z.string().regex(WALL_ID).optional(),
});

export function tokenAdmin(tokens: TokenStore): FeatureFactory {
  return ({ router }) => {
    router
      .add('GET', '/api/tokens', 'admin', ({ res }) => sendJson(res, 200, { tokens: tokens.list() }))
      .add('POST', '/api/tokens', 'admin', async ({ req, res }) => {
        const body = await readValidBody(req, IssueSchema, { limit: 4096, label: 'token' });
        if (!body.ok) return sendJson(res, body.status, { error: body.reason });
        const { role, label, wall } = body.value;
        if (role === 'wall' && !wall)
          return sendJson(res, 400, { error: 'a wall token needs a wall (e.g. hall-1)' });
        sendJson(res, 201, tokens.issue(role, { label, ...(wall ? { wall } : {}) }));
      })
      .add('DELETE', '/api/tokens/:id', 'admin', ({ res, params }) => {
        const id = params.id ?? '';
        if (!tokens.revoke(id)) return sendJson(res, 404, { error: `no active token ${id}` });
        sendJson(res, 200, { revoked: id });
      });
    return { name: 'tokens' };
  };
}
