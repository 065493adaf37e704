/**
 * `npm run bench:console [-- --rounds 60] [--strict]`: how long a duty officer's action takes
 * to reach every wall, against a real gateway process and five wall sockets.
 * - baseline (same run, same path without the console): a source system's update of an
 *   alarm through the public ingest, until all five walls show it;
 * - acknowledge: POST /api/alarms/:id/actions → 200, and → all five walls show it
 *   (decide, log, audit, publish);
 * - escalate: the same (both are published at once, not coalesced: human-paced actions);
 * - the second officer's conflict answer (409), and a login (scrypt).
 * Targets: acknowledge and escalate on every wall p95 ≤ 300 ms, conflict answer p95 ≤ 100 ms,
 * login median ≤ 500 ms. (The baseline waits out the 200 ms coalescing window of ordinary
 * changes; console actions are published at once.)
 */
import type { LiveModel } from '../protocol/liveModel';
import { alarmInput } from '../tests/fixtures/feedItems';
import { act, login, userSession } from '../tests/support/consoleUsers';
import { startGatewayProcess } from '../tests/support/gatewayProcess';
import { followModel, postJson } from '../tests/support/socketWaits';
import { isStrict, median, percentile, report, round } from './support/benchReport';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 60;
const WALLS = 5;
const g = await startGatewayProcess();
try {
  const zhang = await userSession(g.url, { username: 'zhang', name: '张三', role: 'officer' });
  const li = await userSession(g.url, { username: 'li', name: '李四', role: 'officer' });
  const wallToken = (
    await postJson(`${g.url}api/tokens`, { role: 'wall', label: 'bench wall', wall: 'hall-1' })
  ).body.token as string;
  const walls = Array.from({ length: WALLS }, () => followModel(g.url, { token: wallToken }));
  const now = new Date().toISOString();
  const ids = Array.from({ length: rounds }, (_, i) => `B-${i}`);
  await postJson(
    `${g.url}ingest/alarms`,
    ids.map((id) => alarmInput({ id, occurredAt: now, severity: 'yellow' })),
  );
  await Promise.all(walls.map((w) => w.until((m) => ids.every((id) => m.alarms[id]), 'all bench alarms')));

  const onEveryWall = async (predicate: (m: LiveModel) => boolean, start: () => Promise<unknown>) => {
    const seen = walls.map((w) =>
      w.until(predicate, 'the change on every wall').then(() => performance.now()),
    );
    const t0 = performance.now();
    await start();
    return Math.max(...(await Promise.all(seen))) - t0;
  };

  const sourceMs: number[] = [];
  const ackHttpMs: number[] = [];
  const ackWallsMs: number[] = [];
  const escalateWallsMs: number[] = [];
  const conflictMs: number[] = [];
  for (const id of ids) {
    sourceMs.push(
      await onEveryWall(
        (m) => m.alarms[id]?.version === 2,
        () =>
          postJson(
            `${g.url}ingest/alarms`,
            alarmInput({ id, occurredAt: now, severity: 'yellow', version: 2, text: 'v2' }),
          ),
      ),
    );
    let httpMs = 0;
    ackWallsMs.push(
      await onEveryWall(
        (m) => m.alarms[id]?.state === 'acknowledged',
        async () => {
          const t = performance.now();
          const r = await act(g.url, zhang, id, { action: 'acknowledge', expectedRevision: 0 });
          httpMs = performance.now() - t;
          if (r.status !== 200) throw new Error(`acknowledge ${id}: ${r.status}`);
        },
      ),
    );
    ackHttpMs.push(httpMs);
    const t = performance.now();
    const conflict = await act(g.url, li, id, { action: 'acknowledge', expectedRevision: 0 }, 'desk-2');
    conflictMs.push(performance.now() - t);
    if (conflict.status !== 409) throw new Error(`conflict ${id}: ${conflict.status}`);
    escalateWallsMs.push(
      await onEveryWall(
        (m) => m.alarms[id]?.handling?.escalated !== undefined,
        () => act(g.url, zhang, id, { action: 'escalate', expectedRevision: 1 }),
      ),
    );
  }
  for (const w of walls) w.close();

  const loginMs: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    await login(g.url, 'li');
    loginMs.push(performance.now() - t);
  }

  const row = (name: string, values: number[]) => ({
    path: name,
    n: values.length,
    'median ms': round(median(values)),
    'p95 ms': round(percentile(values, 95)),
    'max ms': round(Math.max(...values)),
  });
  const ratio = median(ackWallsMs) / median(sourceMs);
  const ok = report(
    'console-actions',
    [
      row(`baseline: source update → ${WALLS} walls`, sourceMs),
      row('acknowledge → 200', ackHttpMs),
      row(`acknowledge → ${WALLS} walls`, ackWallsMs),
      row(`escalate → ${WALLS} walls`, escalateWallsMs),
      row('second officer → 409', conflictMs),
      row('login (scrypt)', loginMs),
    ],
    [
      { name: 'acknowledge on every wall, p95', value: percentile(ackWallsMs, 95), max: 300, unit: 'ms' },
      { name: 'escalation on every wall, p95', value: percentile(escalateWallsMs, 95), max: 300, unit: 'ms' },
      { name: 'conflict answer, p95', value: percentile(conflictMs, 95), max: 100, unit: 'ms' },
      { name: 'login, median', value: median(loginMs), max: 500, unit: 'ms' },
    ],
    { ratioAcknowledgeToBaseline: round(ratio, 2), rounds, walls: WALLS },
  );
  console.log(`acknowledge → walls vs source update → walls (medians): ${round(ratio, 2)}x`);
  if (!ok && isStrict()) process.exitCode = 1;
} finally {
  await g.kill();
}
