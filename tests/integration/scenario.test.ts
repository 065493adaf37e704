/**
 * Scripted scenarios against a real gateway: steps reach the wall through the public
 * interfaces, compressed in time; a silenced channel turns unavailable; a storm lands in
 * full; a drill run keeps its items apart.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../mock-feeds/scenarios/loadScenario';
import { runScenario, type ScenarioRole } from '../../mock-feeds/scenarios/runScenario';
import { parseScenario } from '../../mock-feeds/scenarios/scenarioSchema';
import { loadRegionPackSync } from '../../stream-gateway/region/loadRegionPack';
import { type GatewayProcess, startGatewayProcess, TEST_ADMIN_TOKEN } from '../support/gatewayProcess';
import { followModel, postJson } from '../support/socketWaits';

const pack = loadRegionPackSync(resolve(import.meta.dirname, '../../regions/naxi'));
let g: GatewayProcess;
let tokens: Record<ScenarioRole, string>;

beforeAll(async () => {
  // Cadences at a tenth (police-110: 3 s) so that an outage shows within seconds.
  g = await startGatewayProcess({ env: { CADENCE_SCALE: '0.1' } });
  const issue = async (role: string) =>
    (await postJson(`${g.url}api/tokens`, { role, label: `scenario test ${role}` })).body.token as string;
  tokens = {
    feed: await issue('feed'),
    'officer-1': await issue('officer'),
    'officer-2': await issue('officer'),
    leader: await issue('leader'),
    admin: TEST_ADMIN_TOKEN,
  };
});
afterAll(async () => {
  await g.kill();
});

function play(json: unknown, options: { speed?: number; drill?: boolean; heartbeatMs?: number } = {}) {
  const parsed = parseScenario(json, 'inline');
  if (!parsed.ok) throw new Error(parsed.reason);
  return runScenario({
    scenario: parsed.scenario,
    pack,
    gatewayUrl: g.url,
    mqttUrl: null,
    tokens,
    log: () => undefined,
    ...options,
  });
}

describe('scenarios', () => {
  it('plays feed, view and storm steps in order, compressed', async () => {
    const watcher = followModel(g.url);
    await watcher.until((_m, seq) => seq >= 0, 'snapshot');
    const run = play(
      {
        name: 'mini',
        title: 'mini',
        speed: 600,
        steps: [
          {
            at: '00:00',
            do: 'feed',
            feed: 'alarms',
            data: {
              id: 'S-1',
              occurredAt: '@now',
              channel: 'police-110',
              category: '纠纷求助',
              severity: 'yellow',
              near: { place: '510503001-square', east: 40 },
              state: 'new',
              version: 1,
            },
          },
          { at: '10:00', do: 'view', as: 'leader', patch: { focus: { kind: 'alarm', id: 'S-1' } } },
          { at: '20:00', do: 'storm', count: 200, over: '10:00', redShare: 0.05, seed: 3 },
        ],
      },
      { speed: 600 },
    );
    const report = await run.done;
    await run.stop();
    expect(report.failures).toBe(0);
    expect(report.outcomes.map((o) => o.do)).toEqual(['feed', 'view', 'storm']);
    const model = await watcher.until((m) => Object.keys(m.alarms).length === 201, 'the alarm and the storm');
    expect(model.alarms['S-1']).toMatchObject({ townshipId: '510503001' });
    watcher.close();
  });

  it('a silenced channel turns degraded then unavailable while the others stay trusted', async () => {
    const watcher = followModel(g.url);
    await watcher.until((_m, seq) => seq >= 0, 'snapshot');
    const run = play(
      {
        name: 'hush',
        title: 'hush',
        steps: [
          { at: '00:00', do: 'silence', feed: 'alarms', channel: 'police-110', for: '10:00' },
          { at: '02:00', do: 'wait' },
        ],
      },
      { speed: 1, heartbeatMs: 1000 },
    );
    await watcher.until(
      (m) => m.channels['police-110']?.state === 'degraded',
      'police-110 to be degraded',
      30_000,
    );
    await watcher.until(
      (m) => m.channels['police-110']?.state === 'unavailable',
      'police-110 to be unavailable',
      30_000,
    );
    const model = watcher.model();
    expect(model?.channels['hotline-12345']?.state).toBe('trusted');
    expect(model?.feeds.alarms.state).toBe('trusted');
    await run.stop();
    watcher.close();
  }, 90_000);

  it('the shipped storm scenario lands every alarm', async () => {
    const before = Object.keys(
      (
        await (
          await fetch(`${g.url}api/live`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })
        ).json()
      ).model.alarms,
    ).length;
    const run = runScenario({
      scenario: loadScenario('alarm-storm'),
      pack,
      gatewayUrl: g.url,
      mqttUrl: null,
      tokens,
      log: () => undefined,
      speed: 20,
    });
    const report = await run.done;
    await run.stop();
    expect(report.failures).toBe(0);
    const after = Object.keys(
      (
        await (
          await fetch(`${g.url}api/live`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })
        ).json()
      ).model.alarms,
    ).length;
    expect(after - before).toBe(3000);
  });
});
