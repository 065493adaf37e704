/**
 * Operator actions end to end against the real gateway: validated, applied through the
 * reducer as `alarm-action` events, persisted (they survive a restart), broadcast to every
 * wall, audited with who/when/where; conflicting actions resolve by revision; source
 * updates order against them as docs/console.md says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmInput } from '../fixtures/feedItems';
import { act, userSession } from '../support/consoleUsers';
import { type GatewayProcess, startGatewayProcess } from '../support/gatewayProcess';
import { followModel, getJson, type ModelFollower, postJson } from '../support/socketWaits';

let g: GatewayProcess;
let zhang: string;
let li: string;
let wallToken: string;
const followers: ModelFollower[] = [];

beforeAll(async () => {
  g = await startGatewayProcess();
  zhang = await userSession(g.url, { username: 'zhang', name: '张三', role: 'officer' });
  li = await userSession(g.url, { username: 'li', name: '李四', role: 'officer' });
  wallToken = (await postJson(`${g.url}api/tokens`, { role: 'wall', label: 'hall-1 centre', wall: 'hall-1' }))
    .body.token;
});
afterAll(async () => {
  for (const f of followers) f.close();
  await g.kill();
});

async function ingestAlarm(over: Parameters<typeof alarmInput>[0]) {
  const res = await postJson(
    `${g.url}ingest/alarms`,
    alarmInput({ occurredAt: new Date().toISOString(), ...over }),
  );
  expect(res.body).toMatchObject({ accepted: 1 });
}

function follow(token: string): ModelFollower {
  const f = followModel(g.url, { token });
  followers.push(f);
  return f;
}

describe('console actions', () => {
  it('acknowledge: applied, broadcast to every wall, audited with who, when and from which console', async () => {
    await ingestAlarm({ id: 'C-ACK', severity: 'red' });
    const wall = follow(wallToken);
    const otherConsole = follow(li);
    await wall.until((m) => m.alarms['C-ACK']?.state === 'new', 'the new alarm on the wall');

    const res = await act(g.url, zhang, 'C-ACK', { action: 'acknowledge', expectedRevision: 0 }, '值班台-1');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ok: true,
      alarm: {
        state: 'acknowledged',
        handling: {
          revision: 1,
          acknowledged: { by: { id: 'user:zhang', name: '张三', console: '值班台-1' } },
        },
      },
    });
    for (const f of [wall, otherConsole])
      await f.until(
        (m) =>
          m.alarms['C-ACK']?.handling?.acknowledged?.by.name === '张三' &&
          m.alarms['C-ACK']?.state === 'acknowledged',
        'the acknowledgement on every screen',
      );

    const audit = await getJson(`${g.url}api/audit?target=alarm:C-ACK`);
    expect(audit.body.entries).toEqual([
      expect.objectContaining({
        id: res.body.auditId,
        actor: { id: 'user:zhang', name: '张三', role: 'officer' },
        action: 'alarm.acknowledge',
        outcome: 'ok',
        detail: expect.objectContaining({ revision: 1, seq: res.body.seq }),
        origin: expect.objectContaining({ ip: '127.0.0.1', console: '值班台-1' }),
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);
  });

  it('two officers acknowledge at once: one wins, the other hears who and when, both are in the audit log', async () => {
    await ingestAlarm({ id: 'C-RACE' });
    const [a, b] = await Promise.all([
      act(g.url, zhang, 'C-RACE', { action: 'acknowledge', expectedRevision: 0 }, 'desk-1'),
      act(g.url, li, 'C-RACE', { action: 'acknowledge', expectedRevision: 0 }, 'desk-2'),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [won, lost] = a.status === 200 ? [a, b] : [b, a];
    const winner = won.body.alarm.handling.acknowledged.by;
    expect(lost.body).toMatchObject({
      ok: false,
      conflict: { code: 'already-acknowledged', by: winner, at: won.body.alarm.handling.acknowledged.at },
      alarm: { state: 'acknowledged' },
    });
    expect(lost.body.reason).toBe(
      `already acknowledged by ${winner.name} (officer, ${winner.console}) at ${won.body.alarm.handling.acknowledged.at}`,
    );
    const audit = await getJson(`${g.url}api/audit?target=alarm:C-RACE`);
    expect(audit.body.entries.map((e: { outcome: string }) => e.outcome).sort()).toEqual(['conflict', 'ok']);
  });

  it('an action on an older revision is refused as changed; the retry on the new revision applies', async () => {
    await ingestAlarm({ id: 'C-STALE', severity: 'yellow' });
    expect(
      (await act(g.url, zhang, 'C-STALE', { action: 'assign', expectedRevision: 0, unit: '安富派出所' }))
        .status,
    ).toBe(200);
    const stale = await act(g.url, li, 'C-STALE', {
      action: 'escalate',
      expectedRevision: 0,
      reason: '人数上升',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.conflict).toMatchObject({
      code: 'changed',
      action: 'assign',
      unit: '安富派出所',
      by: { name: '张三' },
    });
    const retry = await act(g.url, li, 'C-STALE', {
      action: 'escalate',
      expectedRevision: 1,
      reason: '人数上升',
    });
    expect(retry.status).toBe(200);
    expect(retry.body.alarm).toMatchObject({
      severity: 'red',
      state: 'dispatched',
      handling: { revision: 2, escalated: { to: 'leader', from: 'yellow', by: { name: '李四' } } },
    });
  });

  it('source updates keep what the officers did; a source close makes further actions conflict', async () => {
    await ingestAlarm({ id: 'C-SRC', channel: 'police-110' });
    expect(
      (await act(g.url, zhang, 'C-SRC', { action: 'assign', expectedRevision: 0, unit: '安富派出所' }))
        .status,
    ).toBe(200);
    await ingestAlarm({ id: 'C-SRC', channel: 'police-110', version: 2, state: 'acknowledged' });
    await ingestAlarm({
      id: 'C-SRC',
      channel: 'police-110',
      version: 3,
      state: 'dispatched',
      assignedTo: '司法所',
    });
    const live = await getJson(`${g.url}api/live`);
    expect(live.body.model.alarms['C-SRC']).toMatchObject({
      version: 3,
      state: 'dispatched',
      assignedTo: '安富派出所',
      handling: { revision: 1 },
    });
    await ingestAlarm({ id: 'C-SRC', channel: 'police-110', version: 4, state: 'closed' });
    const late = await act(g.url, li, 'C-SRC', { action: 'close', expectedRevision: 1, note: '现场已处置' });
    expect(late.status).toBe(409);
    expect(late.body.conflict).toMatchObject({ code: 'already-closed', by: null, source: 'police-110' });
    expect(late.body.reason).toMatch(/^already closed by its source system \(police-110\) at /);
    const older = await postJson(
      `${g.url}ingest/alarms`,
      alarmInput({ id: 'C-SRC', channel: 'police-110', version: 2, state: 'acknowledged' }),
    );
    expect(older.body).toMatchObject({ accepted: 0, duplicates: 1 });
  });

  it('refuses invalid commands with a reason and unknown alarms with 404, auditing both', async () => {
    await ingestAlarm({ id: 'C-BAD' });
    const noNote = await act(g.url, zhang, 'C-BAD', { action: 'close', expectedRevision: 0 });
    expect(noNote).toEqual({
      status: 400,
      body: { ok: false, reason: 'action: note: Invalid input: expected string, received undefined' },
    });
    const unknown = await act(g.url, zhang, 'C-BAD', { action: 'delete', expectedRevision: 0 });
    expect(unknown.status).toBe(400);
    const missing = await act(g.url, zhang, 'NO-SUCH', { action: 'acknowledge', expectedRevision: 0 });
    expect(missing.status).toBe(404);
    expect(missing.body.conflict.code).toBe('not-found');
    const audit = await getJson(`${g.url}api/audit?actor=user:zhang&limit=3`);
    expect(audit.body.entries.map((e: { outcome: string; target: string }) => [e.outcome, e.target])).toEqual(
      [
        ['not-found', 'alarm:NO-SUCH'],
        ['invalid', 'alarm:C-BAD'],
        ['invalid', 'alarm:C-BAD'],
      ],
    );
  });

  it('masks names and phone numbers an officer types, and counts them', async () => {
    await ingestAlarm({ id: 'C-NOTE' });
    const res = await act(g.url, zhang, 'C-NOTE', {
      action: 'close',
      expectedRevision: 0,
      note: '已联系报警人王小明，电话13812345678，纠纷已调解',
    });
    expect(res.status).toBe(200);
    expect(res.body.alarm.handling.closed.note).toBe('已联系报警人王某，电话[号码已隐去]，纠纷已调解');
    const metrics = await (await fetch(`${g.url}metrics`)).text();
    expect(metrics).toContain('wall_privacy_masked_total{feed="console",field="note"} 2');
    const audit = await getJson(`${g.url}api/audit?target=alarm:C-NOTE`);
    expect(JSON.stringify(audit.body)).not.toMatch(/王小明|13812345678/);
  });

  it('actions are in the log: a restarted gateway shows the same handling', async () => {
    const before = (await getJson(`${g.url}api/live`)).body.model.alarms;
    for (const f of followers.splice(0)) f.close();
    await g.kill();
    g = await startGatewayProcess({ dataDir: g.dataDir });
    const after = (await getJson(`${g.url}api/live`)).body.model.alarms;
    for (const id of ['C-ACK', 'C-RACE', 'C-STALE', 'C-SRC', 'C-NOTE']) expect(after[id]).toEqual(before[id]);
    expect(after['C-STALE'].handling.revision).toBe(2);
  });
});
