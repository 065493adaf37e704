/**
 * Who may do what, for every HTTP route the gateway has (read from its own route list, so
 * a route added later is covered too) and every Socket.IO event: each role is allowed
 * exactly what protocol/access.ts gives it, refused the rest (401 without a credential,
 * 403 without the permission), and revocation ends live sockets at once.
 */
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, type Principal, type Role } from '../../protocol/access';
import { CLIENT_TO_SERVER_EVENTS } from '../../protocol/socketEvents';
import { createUser, login } from '../support/consoleUsers';
import { type GatewayProcess, startGatewayProcess, TEST_ADMIN_TOKEN } from '../support/gatewayProcess';
import { followModel, getJson, postJson, type WallClient } from '../support/socketWaits';

let g: GatewayProcess;

type Who = { name: string; role: Role | null; token: string | null; session?: string };
const who: Who[] = [];

beforeAll(async () => {
  g = await startGatewayProcess();
  const issue = async (role: Role, extra: Record<string, unknown> = {}) =>
    (await postJson(`${g.url}api/tokens`, { role, label: `roles test ${role}`, ...extra })).body
      .token as string;
  who.push({ name: 'nobody', role: null, token: null });
  who.push({ name: 'wall token', role: 'wall', token: await issue('wall', { wall: 'hall-1' }) });
  who.push({ name: 'feed token', role: 'feed', token: await issue('feed') });
  who.push({ name: 'admin token', role: 'admin', token: TEST_ADMIN_TOKEN });
  for (const role of ['officer', 'leader', 'admin'] as const) {
    await createUser(g.url, { username: `r-${role}`, name: `${role} person`, role });
    who.push({ name: `${role} session`, role, token: await login(g.url, `r-${role}`), session: `r-${role}` });
  }
});
afterAll(async () => {
  await g.kill();
});

/**
 * The access each known route must declare (issue 7's rules). A route not listed here (a
 * feature added later) is still checked against the access it declares.
 */
const REQUIRED: Record<string, string> = {
  'GET /health': 'public',
  'GET /metrics': 'public',
  'POST /api/login': 'public',
  'GET /api/whoami': 'read',
  'GET /api/region': 'read',
  'GET /api/live': 'read',
  'GET /api/rejected': 'read',
  'POST /api/logout': 'read',
  'POST /ingest/:feed': 'ingest',
  'POST /ingest/:feed/heartbeat': 'ingest',
  'POST /api/alarms/:id/actions': 'operate',
  'POST /api/exports': 'export',
  'GET /api/audit': 'audit',
  'GET /api/audit/verify': 'admin',
  'GET /api/routes': 'admin',
  'GET /api/screens': 'read',
  'GET /api/tokens': 'admin',
  'POST /api/tokens': 'admin',
  'DELETE /api/tokens/:id': 'admin',
  'GET /api/users': 'admin',
  'POST /api/users': 'admin',
  'PATCH /api/users/:username': 'admin',
  'GET /api/snapshot': 'export',
  'GET /api/reports': 'read',
  'GET /api/reports/:name': 'export',
  'POST /api/store/compact': 'admin',
};

const SAMPLE_PARAMS: Record<string, string> = {
  feed: 'alarms',
  id: 'no-such-id',
  username: 'no-such-user',
  name: 'daily-2000-01-01.zh-CN.pdf',
};

function toPath(pattern: string): string {
  return pattern.replace(/:(\w+)/g, (_, name: string) => SAMPLE_PARAMS[name] ?? 'x');
}

async function call(method: string, path: string, token: string | null): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${g.url}${path.slice(1)}`, {
    method,
    headers,
    ...(method === 'GET' ? {} : { body: '{}' }),
  });
  await res.arrayBuffer();
  return res.status;
}

describe('HTTP routes × roles', () => {
  it('every route: public ones open, the others 401 without a credential, 403 without the permission, allowed with it', async () => {
    const routes = (await getJson(`${g.url}api/routes`)).body.routes as {
      method: string;
      pattern: string;
      access: string;
    }[];
    const declared = Object.fromEntries(routes.map((r) => [`${r.method} ${r.pattern}`, r.access]));
    expect(Object.fromEntries(Object.keys(REQUIRED).map((k) => [k, declared[k]]))).toEqual(REQUIRED);
    const table: string[] = [];
    const wrong: string[] = [];
    for (const route of routes) {
      for (const w of who) {
        let token = w.token;
        // Logging out ends the session: use a throwaway one.
        if (route.pattern === '/api/logout' && w.session) token = await login(g.url, w.session);
        const status = await call(route.method, toPath(route.pattern), token);
        const principal = w.role ? ({ id: w.name, role: w.role, label: w.name } satisfies Principal) : null;
        const access = REQUIRED[`${route.method} ${route.pattern}`] ?? route.access;
        const expected =
          access === 'public'
            ? 'open'
            : !principal
              ? 401
              : can(principal, access as Parameters<typeof can>[1])
                ? 'allowed'
                : 403;
        const ok =
          expected === 'open' || expected === 'allowed'
            ? status !== 401 && status !== 403
            : status === expected;
        table.push(`${route.method} ${route.pattern} as ${w.name}: ${status}`);
        if (!ok)
          wrong.push(`${route.method} ${route.pattern} as ${w.name}: got ${status}, expected ${expected}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(table.length).toBe(routes.length * who.length);
  });

  it('the page shell, its assets and the login page need no token', async () => {
    for (const path of ['/', '/console', '/console/login']) {
      const res = await fetch(`${g.url}${path.slice(1)}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
    }
  });
});

function connect(
  token: string | null,
  auth: Record<string, unknown> = {},
): Promise<{ socket: WallClient; error: string | null }> {
  return new Promise((resolve) => {
    const socket: WallClient = io(g.url, {
      transports: ['websocket'],
      reconnection: false,
      auth: { ...(token ? { token } : {}), ...auth },
    });
    socket.once('snapshot', () => resolve({ socket, error: null }));
    socket.once('connect_error', (err) => {
      socket.close();
      resolve({ socket, error: err.message });
    });
  });
}

/** What each client event does for each role; the test fails when an event has no row. */
const EVENT_RULES: Record<(typeof CLIENT_TO_SERVER_EVENTS)[number], (role: Role) => 'allowed' | 'refused'> = {
  resync: () => 'allowed',
  // A screen's own health report (seq reached, fps, heap): every screen that may connect sends it.
  'screen:heartbeat': () => 'allowed',
  'view:set': (role) => (can({ id: 'x', role, label: 'x' }, 'view') ? 'allowed' : 'refused'),
};

describe('Socket.IO × roles', () => {
  it('the handshake: refused without a valid token and for feeds, a snapshot for every reading role', async () => {
    for (const w of who) {
      const { socket, error } = await connect(w.token);
      if (w.role === null) expect(error, w.name).toMatch(/^unauthorized/);
      else if (w.role === 'feed') expect(error, w.name).toMatch(/^forbidden/);
      else expect(error, w.name).toBeNull();
      socket.close();
    }
  });

  it('every client event, for every role that can connect', async () => {
    expect(Object.keys(EVENT_RULES).sort()).toEqual([...CLIENT_TO_SERVER_EVENTS].sort());
    for (const [i, w] of who.filter((x) => x.role !== null && x.role !== 'feed').entries()) {
      const role = w.role as Role;
      const screen = `roles-${i}`;
      const { socket } = await connect(w.token, { screen });
      const resynced = new Promise<unknown>((resolve) => socket.once('snapshot', resolve));
      socket.emit('resync', { lastSeq: null });
      expect(await resynced, `${w.name} resync`).toMatchObject({ seq: expect.any(Number) });
      expect(EVENT_RULES.resync(role)).toBe('allowed');

      const answer = await socket.timeout(5000).emitWithAck('view:set', { autoFocus: false });
      if (EVENT_RULES['view:set'](role) === 'allowed') expect(answer, w.name).toMatchObject({ ok: true });
      else expect(answer, w.name).toMatchObject({ ok: false });

      expect(EVENT_RULES['screen:heartbeat'](role)).toBe('allowed');
      socket.emit('screen:heartbeat', { seq: null, heapMB: 12, fps: 30, page: null, uptimeS: 5 });
      await expect
        .poll(async () => {
          const list = (await getJson(`${g.url}api/screens`)).body.screens as {
            screen: string;
            fps: number;
          }[];
          return list.find((s) => s.screen === screen)?.fps;
        })
        .toBe(30);
      socket.close();
    }
  });

  it("a wall token changes only its own wall's view, whatever wall its screen claims", async () => {
    const wall = who.find((w) => w.role === 'wall') as Who;
    const { socket } = await connect(wall.token, { wall: 'hall-2' });
    const answer = await socket.timeout(5000).emitWithAck('view:set', { focus: { kind: 'grid', id: 'G1' } });
    expect(answer).toMatchObject({ ok: true, value: { wall: 'hall-1', focus: { kind: 'grid', id: 'G1' } } });
    socket.close();
  });

  it('an unknown event changes nothing and the socket stays', async () => {
    const wall = who.find((w) => w.role === 'wall') as Who;
    const { socket } = await connect(wall.token);
    const before = (await getJson(`${g.url}api/live`)).body.seq;
    (socket as unknown as { emit(e: string, d: unknown): void }).emit('alarm:acknowledge', { id: 'x' });
    const pong = await socket.timeout(5000).emitWithAck('view:set', { autoFocus: true });
    expect(pong).toMatchObject({ ok: true });
    expect((await getJson(`${g.url}api/live`)).body.seq).toBe(before);
    socket.close();
  });

  it('revoking a token or disabling a user closes their open sockets at once', async () => {
    const screen = await postJson(`${g.url}api/tokens`, { role: 'wall', label: 'to revoke', wall: 'hall-1' });
    const follower = followModel(g.url, { token: screen.body.token });
    await follower.until(() => true, 'the snapshot');
    const closed = new Promise<string>((resolve) => follower.socket.once('disconnect', resolve));
    const res = await fetch(`${g.url}api/tokens/${screen.body.info.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    expect(await res.json()).toMatchObject({ socketsClosed: 1 });
    expect(await closed).toBe('io server disconnect');
    follower.close();

    await createUser(g.url, { username: 'leaving', name: '调离人员', role: 'officer' });
    const session = await login(g.url, 'leaving');
    const { socket } = await connect(session);
    const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const patch = await fetch(`${g.url}api/users/leaving`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ disabled: true }),
    });
    expect(patch.status).toBe(200);
    expect(await gone).toBe('io server disconnect');
    expect((await getJson(`${g.url}api/live`, session)).status).toBe(401);
    expect((await connect(session)).error).toMatch(/^unauthorized/);
  });
});
