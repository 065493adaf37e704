/**
 * `npm run scenario -- NAME [--speed N] [--drill] [--url URL] [--token ADMIN_TOKEN] [--region naxi]`
 * Plays a scenario against a running gateway. The admin token (or WALL_ADMIN_TOKEN) is used
 * once to issue the role tokens the scenario acts with (a feed, two officers, a leader).
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadRegionPack } from '../stream-gateway/region/loadRegionPack';
import { loadScenario } from './scenarios/loadScenario';
import { runScenario, type ScenarioRole } from './scenarios/runScenario';

async function issue(url: string, admin: string, role: string, label: string): Promise<string> {
  const res = await fetch(new URL('/api/tokens', url), {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ role, label }),
  });
  if (res.status !== 201)
    throw new Error(`cannot issue a ${role} token: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  return ((await res.json()) as { token: string }).token;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      speed: { type: 'string' },
      drill: { type: 'boolean', default: false },
      url: { type: 'string', default: `http://127.0.0.1:${process.env.PORT ?? 8080}/` },
      token: { type: 'string', default: process.env.WALL_ADMIN_TOKEN },
      region: { type: 'string', default: process.env.REGION ?? 'naxi' },
      mqtt: {
        type: 'string',
        default: process.env.MQTT_URL ?? `mqtt://127.0.0.1:${process.env.MQTT_EMBEDDED_PORT ?? 18830}`,
      },
    },
  });
  const name = positionals[0];
  if (!name)
    throw new Error(
      'usage: npm run scenario -- NAME [--speed N] [--drill] [--url URL] [--token ADMIN_TOKEN]',
    );
  if (!values.token)
    throw new Error(
      'an admin token is needed (--token or WALL_ADMIN_TOKEN) to issue the scenario its role tokens',
    );
  const scenario = loadScenario(name);
  const pack = await loadRegionPack(
    values.region.includes('/')
      ? resolve(values.region)
      : join(import.meta.dirname, '..', 'regions', values.region),
  );
  const roles: [ScenarioRole, string][] = [
    ['feed', 'feed'],
    ['officer-1', 'officer'],
    ['officer-2', 'officer'],
    ['leader', 'leader'],
    ['admin', 'admin'],
  ];
  const tokens = Object.fromEntries(
    await Promise.all(
      roles.map(async ([key, role]) => [
        key,
        key === 'admin'
          ? (values.token as string)
          : await issue(values.url, values.token as string, role, `scenario ${scenario.name}: ${key}`),
      ]),
    ),
  ) as Record<ScenarioRole, string>;
  const run = runScenario({
    scenario,
    pack,
    gatewayUrl: values.url,
    mqttUrl: values.mqtt === 'off' ? null : values.mqtt,
    tokens,
    ...(values.speed ? { speed: Number(values.speed) } : {}),
    ...(values.drill ? { drill: true } : {}),
    log: (m) => console.log(m),
  });
  const report = await run.done;
  await run.stop();
  process.exit(report.failures > 0 ? 1 : 0);
}

main().catch((err: Error) => {
  console.error(`scenario: ${err.message}`);
  process.exit(2);
});
