/**
 * People at the console: `POST /api/login` (public: user name and password → a session
 * token), `POST /api/logout`, and user administration for admins (`GET/POST /api/users`,
 * `PATCH /api/users/:username`). Failed logins are slowed per address and user name, and
 * every login, logout and change is in the audit log (never a password).
 */
import { z } from 'zod';
import type { AuditLog } from '../audit/createAuditLog';
import { toAuditActor } from '../audit/recordExport';
import type { FeatureFactory } from '../GatewayContext';
import { readJsonBody, readValidBody, sendJson } from '../http/router';
import { createRateLimiter } from '../security/createRateLimiter';
import { tokenOf } from './Authenticator';
import type { UserStore } from './createUserStore';
import { USER_ROLES } from './createUserStore';
import { disconnectSockets } from './disconnectSockets';

const Username = z.string().regex(/^[a-z][a-z0-9._-]{1,31}$/, 'lower-case letters, digits and . _ -, 2–32');
const Password = z.string().min(10, 'at least 10 characters').max(200);
const DisplayName = z.string().trim().min(1).max(40);

const LoginSchema = z.object({ username: z.string().max(64), password: z.string().max(200) });
const CreateSchema = z
  .object({ username: Username, name: DisplayName, role: z.enum(USER_ROLES), password: Password })
  .strict()
  .refine((u) => u.password !== u.username, {
    message: 'the password must differ from the user name',
    path: ['password'],
  });
const PatchSchema = z
  .object({ name: DisplayName, role: z.enum(USER_ROLES), password: Password, disabled: z.boolean() })
  .partial()
  .strict();

/** Five wrong passwords per address and user name, then one more every 30 s. */
const FAILED_LOGINS = { rate: 1 / 30, burst: 5 };

export function userAdmin(users: UserStore, audit: AuditLog): FeatureFactory {
  return ({ router, io, now, originOf }) => {
    const failures = createRateLimiter(FAILED_LOGINS, now);
    router
      .add('POST', '/api/login', 'public', async ({ req, res }) => {
        const origin = originOf(req);
        const body = await readJsonBody(req, 4096);
        const parsed = body.ok ? LoginSchema.safeParse(body.value) : null;
        if (!body.ok || !parsed?.success)
          return sendJson(res, 400, { error: 'login: send {"username": "…", "password": "…"}' });
        const username = parsed.data.username.trim().toLowerCase();
        const key = `${origin.ip}|${username}`;
        const wait = failures.peek(key);
        if (!wait.ok) {
          const s = Math.max(1, Math.ceil(wait.retryAfterMs / 1000));
          audit.record({
            actor: null,
            action: 'login',
            target: `user:${username}`,
            outcome: 'denied',
            detail: { reason: 'too many failed attempts' },
            origin,
          });
          res.setHeader('retry-after', String(s));
          return sendJson(res, 429, { error: `too many failed attempts: try again in ${s} s` });
        }
        const result = await users.login(username, parsed.data.password, origin);
        if (!result.ok) {
          failures.take(key);
          audit.record({
            actor: null,
            action: 'login',
            target: `user:${username}`,
            outcome: 'failed',
            detail: { reason: result.reason },
            origin,
          });
          return sendJson(res, 401, {
            error: result.reason === 'disabled' ? 'this user is disabled' : 'wrong user name or password',
          });
        }
        const { user, token, expiresAt, sessionId } = result;
        audit.record({
          actor: { id: `user:${user.username}`, name: user.name, role: user.role },
          action: 'login',
          target: `user:${user.username}`,
          outcome: 'ok',
          detail: { session: sessionId, expiresAt },
          origin,
        });
        sendJson(res, 200, {
          token,
          expiresAt,
          user: { username: user.username, name: user.name, role: user.role },
        });
      })
      .add('POST', '/api/logout', 'read', ({ req, res, url, principal }) => {
        req.resume();
        const token = tokenOf(req, url);
        const sessionId = token ? users.logout(token) : null;
        if (!sessionId)
          return sendJson(res, 400, { error: 'not a login session (tokens are revoked by an admin)' });
        disconnectSockets(io, (p) => p.credential === sessionId);
        if (principal)
          audit.record({
            actor: toAuditActor(principal),
            action: 'logout',
            target: principal.id,
            outcome: 'ok',
            detail: { session: sessionId },
            origin: originOf(req),
          });
        sendJson(res, 200, { loggedOut: true });
      })
      .add('GET', '/api/users', 'admin', ({ res }) => sendJson(res, 200, { users: users.list() }))
      .add('POST', '/api/users', 'admin', async ({ req, res, principal }) => {
        const body = await readValidBody(req, CreateSchema, { limit: 4096, label: 'user' });
        if (!body.ok) return sendJson(res, body.status, { error: body.reason });
        const created = await users.create(body.value);
        if (!created) return sendJson(res, 409, { error: `user ${body.value.username} exists` });
        if (principal)
          audit.record({
            actor: toAuditActor(principal),
            action: 'user.create',
            target: `user:${created.username}`,
            outcome: 'ok',
            detail: { name: created.name, role: created.role },
            origin: originOf(req),
          });
        sendJson(res, 201, { user: created });
      })
      .add('PATCH', '/api/users/:username', 'admin', async ({ req, res, params, principal }) => {
        const body = await readValidBody(req, PatchSchema, { limit: 4096, label: 'user' });
        if (!body.ok) return sendJson(res, body.status, { error: body.reason });
        const username = params.username ?? '';
        const updated = await users.update(username, body.value);
        if (!updated) return sendJson(res, 404, { error: `no user ${username}` });
        const { password, ...shown } = body.value;
        if (password || body.value.disabled || body.value.role)
          disconnectSockets(io, (p) => p.id === `user:${username}`);
        if (principal)
          audit.record({
            actor: toAuditActor(principal),
            action: 'user.update',
            target: `user:${username}`,
            outcome: 'ok',
            detail: { ...shown, ...(password ? { password: 'changed' } : {}) },
            origin: originOf(req),
          });
        sendJson(res, 200, { user: updated });
      });
    return { name: 'users' };
  };
}
