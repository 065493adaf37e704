/**
 * A small HTTP router over node:http: method + path pattern (`/ingest/:feed`) → handler.
 * Kept tiny on purpose: the gateway has a handful of routes and no need for a framework.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { can, type Permission, type Principal } from '../../protocol/access';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  url: URL;
  /** Who is asking (null on public routes without a token). */
  principal: Principal | null;
}

/** A route is public, or needs a permission (401 without a valid token, 403 without the right). */
export type Access = 'public' | Permission;
export type Handler = (ctx: RouteContext) => void | Promise<void>;

interface Route {
  method: string;
  pattern: string;
  parts: string[];
  access: Access;
  handler: Handler;
}

/** A request refused for want of a token (401) or a permission (403). */
export interface Denial {
  req: IncomingMessage;
  principal: Principal | null;
  method: string;
  /** The route's pattern (`/api/alarms/:id/actions`), never the query string. */
  pattern: string;
  access: Permission;
  status: 401 | 403;
}

export interface RouteInfo {
  method: string;
  pattern: string;
  access: Access;
}

export interface Router {
  add(method: string, pattern: string, access: Access, handler: Handler): Router;
  /** Every route with the access it declares (the role tests walk this list). */
  list(): RouteInfo[];
  /** Called for every refused request (the audit log records them). */
  onDenied(listener: (denial: Denial) => void): void;
  /** Returns false when no route matched (the caller serves static files or 404). */
  handle(req: IncomingMessage, res: ServerResponse, principal: Principal | null): Promise<boolean>;
}

function match(route: Route, segments: string[]): Record<string, string> | null {
  if (route.parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const part = route.parts[i] as string;
    const seg = segments[i] as string;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(seg);
    else if (part !== seg) return null;
  }
  return params;
}

export function createRouter(): Router {
  const routes: Route[] = [];
  const deniedListeners: ((denial: Denial) => void)[] = [];
  const router: Router = {
    add(method, pattern, access, handler) {
      routes.push({ method, pattern, parts: pattern.split('/').filter(Boolean), access, handler });
      return router;
    },
    list: () => routes.map(({ method, pattern, access }) => ({ method, pattern, access })),
    onDenied(listener) {
      deniedListeners.push(listener);
    },
    async handle(req, res, principal) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const segments = url.pathname.split('/').filter(Boolean);
      let pathMatched = false;
      for (const route of routes) {
        const params = match(route, segments);
        if (!params) continue;
        pathMatched = true;
        if (route.method !== req.method) continue;
        if (route.access !== 'public' && !can(principal, route.access)) {
          req.resume();
          if (principal) sendJson(res, 403, { error: `the ${principal.role} role may not ${route.access}` });
          else sendJson(res, 401, { error: 'a valid token is required (Authorization: Bearer …)' });
          const denial: Denial = {
            req,
            principal,
            method: route.method,
            pattern: route.pattern,
            access: route.access,
            status: principal ? 403 : 401,
          };
          for (const l of deniedListeners) l(denial);
          return true;
        }
        await route.handler({ req, res, params, url, principal });
        return true;
      }
      if (pathMatched) {
        sendJson(res, 405, { error: `method ${req.method} not allowed on ${url.pathname}` });
        return true;
      }
      return false;
    },
  };
  return router;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export type BodyResult =
  | { ok: true; value: unknown }
  | { ok: false; status: 400 | 413 | 415; reason: string };

/** Reads and parses a JSON body up to `limit` bytes; never throws. */
export function readJsonBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      resolve({ ok: false, status: 413, reason: `body of ${declared} bytes exceeds the limit of ${limit}` });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        resolve({ ok: false, status: 413, reason: `body exceeds the limit of ${limit} bytes` });
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => {
      if (!done) resolve({ ok: false, status: 400, reason: 'request body could not be read' });
      done = true;
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      let text: string;
      try {
        text = utf8.decode(Buffer.concat(chunks));
      } catch {
        resolve({ ok: false, status: 400, reason: 'body is not valid UTF-8' });
        return;
      }
      try {
        resolve({ ok: true, value: JSON.parse(text) });
      } catch (err) {
        resolve({
          ok: false,
          status: 400,
          reason: `malformed JSON: ${(err as Error).message.split('\n')[0]}`,
        });
      }
    });
  });
}

/**
 * Reads a JSON body and validates it with a schema: the parsed value, or the status and a
 * one-line reason to answer with (`label: field: message`).
 */
export async function readValidBody<T>(
  req: IncomingMessage,
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
  },
  options: { limit: number; label: string },
): Promise<{ ok: true; value: T } | { ok: false; status: number; reason: string }> {
  const body = await readJsonBody(req, options.limit);
  if (!body.ok) return body;
  const parsed = schema.safeParse(body.value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    status: 400,
    reason: `${options.label}: ${issue?.path.map(String).join('.') || '(body)'}: ${issue?.message ?? 'invalid'}`,
  };
}
