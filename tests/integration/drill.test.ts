/**
 * Drill mode end to end over the public ingest: drill items are namespaced and marked, kept
 * out of today's live figures, beside a live item with the same id, and cleared when the
 * drill stops.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectTodayCounts } from '../../live-model/selectors/selectTodayCounts';
import { alarmInput } from '../fixtures/feedItems';
import { type GatewayProcess, startGatewayProcess } from '../support/gatewayProcess';
import { followModel, postJson } from '../support/socketWaits';

let g: GatewayProcess;
beforeAll(async () => {
  g = await startGatewayProcess();
});
afterAll(async () => {
  await g.kill();
});

describe('drill mode', () => {
  it('runs beside live feeds without touching them', async () => {
    const watcher = followModel(g.url);
    await watcher.until((_m, seq) => seq >= 0, 'snapshot');
    const now = new Date().toISOString();
    expect((await postJson(`${g.url}api/drill`, { state: 'start', name: '人员聚集处置演练' })).status).toBe(
      202,
    );
    await postJson(`${g.url}ingest/alarms`, alarmInput({ id: 'SAME', occurredAt: now, severity: 'yellow' }));
    const drill = await postJson(
      `${g.url}ingest/alarms?drill=1`,
      alarmInput({ id: 'SAME', occurredAt: now, severity: 'red' }),
    );
    expect(drill.body).toMatchObject({ accepted: 1 });

    const model = await watcher.until(
      (m) => m.alarms['drill:SAME'] !== undefined && m.alarms.SAME !== undefined,
      'the live and the drill alarm',
    );
    expect(model.drill.current).toMatchObject({ active: true, name: '人员聚集处置演练' });
    expect(model.alarms.SAME).toMatchObject({ severity: 'yellow' });
    expect(model.alarms.SAME?.drill).toBeUndefined();
    expect(model.alarms['drill:SAME']).toMatchObject({ severity: 'red', drill: true });
    const counts = selectTodayCounts(model, Date.now(), 'Asia/Shanghai');
    expect(counts).toMatchObject({ alarms: 1, redAlarms: 0 });

    await postJson(`${g.url}api/drill`, { state: 'stop', name: '人员聚集处置演练' });
    const after = await watcher.until((m) => m.drill.current?.active === false, 'the drill to stop');
    expect(Object.keys(after.alarms)).toEqual(['SAME']);
    watcher.close();
  });

  it('refuses a drill command without the right token', async () => {
    expect((await postJson(`${g.url}api/drill`, { state: 'start', name: 'x' }, null)).status).toBe(401);
    expect((await postJson(`${g.url}api/drill`, { state: 'begin', name: 'x' })).status).toBe(400);
  });
});
