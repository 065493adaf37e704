/**
 * The audit log through the gateway: logins (and failed ones, slowed down), refused
 * attempts, user and token administration, exports with their watermark; who may read it;
 * no secret in it; append-only over HTTP too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmInput } from '../fixtures/feedItems';
import { act, createUser, login, TEST_PASSWORD, userSession } from '../support/consoleUsers';
import { type GatewayProcess, startGatewayProcess } from '../support/gatewayProcess';
import { getJson, postJson } from '../support/socketWaits';

let g: GatewayProcess;
let officer: string;
let leader: string;

beforeAll(async () => {
  g = await startGatewayProcess();
  officer = await userSession(g.url, { username: 'a-officer', name: '赵值班', role: 'officer' });
  leader = await userSession(g.url, { username: 'a-leader', name: '钱领导', role: 'leader' });
});
afterAll(async () => {
  await g.kill();
});

const entries = async (query: string) => (await getJson(`${g.url}api/audit?${query}`)).body.entries;

describe('audit log', () => {
  it('records logins with the address, failed ones without a password, and slows guessing down', async () => {
    await createUser(g.url, { username: 'guess', name: '孙某人', role: 'officer' });
    for (let i = 0; i < 5; i++)
      expect(
        (await postJson(`${g.url}api/login`, { username: 'guess', password: `wrong-${i}` }, null)).status,
      ).toBe(401);
    const blocked = await fetch(`${g.url}api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'guess', password: TEST_PASSWORD }),
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    const log = await entries('target=user:guess');
    expect(log.map((e: { outcome: string }) => e.outcome)).toEqual([
      'denied',
      'failed',
      'failed',
      'failed',
      'failed',
      'failed',
      'ok',
    ]);
    expect(log[1]).toMatchObject({
      actor: null,
      action: 'login',
      detail: { reason: 'bad-credentials' },
      origin: { ip: '127.0.0.1' },
    });
    expect(log[6]).toMatchObject({
      action: 'user.create',
      actor: { role: 'admin' },
      detail: { name: '孙某人', role: 'officer' },
    });
    const text = JSON.stringify(await entries('limit=500'));
    expect(text).not.toContain(TEST_PASSWORD);
    expect(text).not.toContain('wrong-0');
    expect((await entries('action=login&outcome=ok&actor=user:a-officer'))[0]).toMatchObject({
      actor: { id: 'user:a-officer', name: '赵值班', role: 'officer' },
      detail: { session: expect.stringMatching(/^ses_/) },
    });
  });

  it('records attempts refused for want of a permission, with who tried', async () => {
    const wall = await postJson(`${g.url}api/tokens`, { role: 'wall', label: 'left screen', wall: 'hall-1' });
    await postJson(`${g.url}ingest/alarms`, alarmInput({ id: 'AU-1' }));
    expect(
      (await act(g.url, wall.body.token, 'AU-1', { action: 'acknowledge', expectedRevision: 0 })).status,
    ).toBe(403);
    expect((await postJson(`${g.url}api/users`, { username: 'x' }, officer)).status).toBe(403);
    const denied = await entries('action=access.denied');
    expect(denied.slice(0, 2)).toEqual([
      expect.objectContaining({
        actor: { id: 'user:a-officer', name: '赵值班', role: 'officer' },
        target: 'route:POST /api/users',
        outcome: 'denied',
        detail: { needs: 'admin', status: 403 },
      }),
      expect.objectContaining({
        actor: { id: wall.body.info.id, name: 'left screen', role: 'wall' },
        target: 'route:POST /api/alarms/:id/actions',
        detail: { needs: 'operate', status: 403 },
      }),
    ]);
  });

  it('token administration is audited, never with the token itself', async () => {
    const issued = await postJson(`${g.url}api/tokens`, { role: 'feed', label: 'camera platform' });
    await fetch(`${g.url}api/tokens/${issued.body.info.id}`, {
      method: 'DELETE',
      headers: { authorization: 'Bearer test-admin-token-0123456789' },
    });
    const log = await entries(`target=token:${issued.body.info.id}`);
    expect(log.map((e: { action: string }) => e.action)).toEqual(['token.revoke', 'token.issue']);
    expect(JSON.stringify(log)).not.toContain(issued.body.token);
  });

  it('an export returns its watermark and is an audit entry', async () => {
    const res = await postJson(
      `${g.url}api/exports`,
      { kind: 'snapshot', target: 'hall-1/centre', format: 'png' },
      officer,
    );
    expect(res.status).toBe(201);
    expect(res.body.watermark).toMatchObject({
      text: expect.stringMatching(/^导出：赵值班（值班员）\d{4}-\d\d-\d\d \d\d:\d\d:\d\d · 审计 #\d+$/),
      by: { id: 'user:a-officer', name: '赵值班', role: 'officer' },
    });
    const [entry] = await entries(`target=snapshot:hall-1/centre`);
    expect(entry).toMatchObject({
      id: res.body.watermark.auditId,
      action: 'export',
      detail: { kind: 'snapshot', format: 'png' },
    });
    const wall = await postJson(`${g.url}api/tokens`, { role: 'wall', label: 'no export', wall: 'hall-1' });
    expect((await postJson(`${g.url}api/exports`, { kind: 'snapshot' }, wall.body.token)).status).toBe(403);
  });

  it('leaders and admins read it, filtered and paged; officers do not; nobody edits it over HTTP', async () => {
    expect((await getJson(`${g.url}api/audit`, officer)).status).toBe(403);
    const page1 = await getJson(`${g.url}api/audit?limit=2`, leader);
    expect(page1.status).toBe(200);
    expect(page1.body.entries).toHaveLength(2);
    const page2 = await getJson(`${g.url}api/audit?limit=2&before=${page1.body.next}`, leader);
    expect(page2.body.entries[0].id).toBe(page1.body.entries[1].id - 1);
    expect((await getJson(`${g.url}api/audit?outcome=maybe`, leader)).status).toBe(400);
    expect(
      (await fetch(`${g.url}api/audit`, { method: 'DELETE', headers: { authorization: `Bearer ${leader}` } }))
        .status,
    ).toBe(405);
    expect((await getJson(`${g.url}api/audit/verify`)).body).toEqual({
      ok: true,
      entries: expect.any(Number),
    });
  });

  it('a logout ends the session and is audited', async () => {
    const token = await login(g.url, 'a-leader');
    expect((await postJson(`${g.url}api/logout`, {}, token)).status).toBe(200);
    expect((await getJson(`${g.url}api/live`, token)).status).toBe(401);
    expect((await entries('action=logout'))[0]).toMatchObject({
      actor: { id: 'user:a-leader' },
      outcome: 'ok',
    });
  });
});
