/**
 * `npm run bench:mqtt`: alarms through MQTT ingest (a private Mosquitto → the gateway process
 * → SQLite, acknowledged after the store) beside HTTP ingest in the same run, each on a fresh
 * gateway; then how long the gateway takes to be back after a broker restart (backoff).
 * Figures in docs/mqtt.md.
 */
import mqtt from 'mqtt';
import { alarmInput } from '../tests/fixtures/feedItems';
import { type GatewayProcess, startGatewayProcess, TEST_ADMIN_TOKEN } from '../tests/support/gatewayProcess';
import { mqttHealth } from '../tests/support/mqttFeeds';
import { startPrivateMosquitto } from '../tests/support/privateServices';

const TOTAL = Number(process.env.BENCH_ALARMS ?? 20_000);
const broker = await startPrivateMosquitto();
const rows = { push: (r: string) => console.log(r) };
console.log(`MQTT ingest bench, ${TOTAL} alarms per run, ${new Date().toISOString()}`);
const alarm = (prefix: string, i: number) => alarmInput({ id: `${prefix}-${i}`, severity: 'yellow' });

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function startMqttGateway(env: Record<string, string>): Promise<GatewayProcess> {
  const g = await startGatewayProcess({ env });
  await until(async () => (await mqttHealth(g.url)).state === 'connected', 'mqtt subscribed', 30_000);
  return g;
}

async function seqOf(g: GatewayProcess): Promise<number> {
  try {
    const res = await fetch(`${g.url}health`);
    return ((await res.json()) as { seq: number }).seq;
  } catch (err) {
    throw new Error(
      `gateway (exit ${g.child.exitCode} ${g.child.signalCode}) did not answer: ${(err as Error).message}\n${g.output().slice(-3000)}`,
    );
  }
}

async function mqttRun(name: string, perMessage: number): Promise<void> {
  const g = await startMqttGateway({ MQTT_URL: broker.url, MQTT_CLIENT_ID: `bench-${name}` });
  const client = await mqtt.connectAsync(broker.url, { clientId: `bench-pub-${name}` });
  const from = await seqOf(g);
  const started = performance.now();
  const sends: Promise<unknown>[] = [];
  for (let i = 0; i < TOTAL; i += perMessage) {
    const items = Array.from({ length: perMessage }, (_, k) => alarm(name, i + k));
    sends.push(
      client.publishAsync('wall/feeds/alarms', JSON.stringify(perMessage === 1 ? items[0] : items), {
        qos: 1,
      }),
    );
  }
  await Promise.all(sends);
  const published = performance.now() - started;
  await until(async () => (await seqOf(g)) >= from + TOTAL, `${TOTAL} alarms stored`);
  const stored = performance.now() - started;
  const h = await mqttHealth(g.url);
  rows.push(
    `mqtt ${String(perMessage).padStart(3)}/msg  ${Math.round(TOTAL / (stored / 1000))} alarms/s stored+acked (${h.acked} PUBACKs, broker had all after ${published.toFixed(0)} ms, stored after ${stored.toFixed(0)} ms)`,
  );
  await client.endAsync();
  await g.kill('SIGKILL');
}

async function httpBaseline(perRequest: number, concurrency: number): Promise<void> {
  // The per-token rate limit is not what is measured here.
  const g = await startGatewayProcess({ env: { INGEST_RATE: '1000000', INGEST_BURST: '10000000' } });
  const from = await seqOf(g);
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < TOTAL) {
      const i = next;
      next += perRequest;
      const res = await fetch(`${g.url}ingest/alarms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
        body: JSON.stringify(Array.from({ length: perRequest }, (_, k) => alarm(`http${perRequest}`, i + k))),
      });
      if (res.status !== 202) throw new Error(`HTTP ${res.status}`);
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await until(async () => (await seqOf(g)) >= from + TOTAL, `${TOTAL} alarms stored`);
  const ms = performance.now() - started;
  rows.push(
    `http ${String(perRequest).padStart(3)}/req  ${Math.round(TOTAL / (ms / 1000))} alarms/s stored (${concurrency} requests at a time, ${ms.toFixed(0)} ms)`,
  );
  await g.kill('SIGKILL');
}

async function outage(downMs: number): Promise<void> {
  const g = await startMqttGateway({ MQTT_URL: broker.url, MQTT_CLIENT_ID: 'bench-outage' });
  await broker.stop(true);
  await until(async () => (await mqttHealth(g.url)).state === 'down', 'mqtt down');
  const downSince = performance.now();
  await new Promise((r) => setTimeout(r, downMs));
  await broker.start();
  const upAt = performance.now();
  await until(async () => (await mqttHealth(g.url)).state === 'connected', 'mqtt back', 60_000);
  const back = performance.now();
  const h = await mqttHealth(g.url);
  rows.push(
    `broker down ${((upAt - downSince) / 1000).toFixed(1)} s: gateway subscribed again ${((back - upAt) / 1000).toFixed(1)} s after the broker was back (${h.connects} connects)`,
  );
  await g.kill('SIGKILL');
}

try {
  await mqttRun('one', 1);
  await mqttRun('hundred', 100);
  for (const [perRequest, concurrency] of [[100, 1]] as const)
    await httpBaseline(perRequest, concurrency).catch((err: Error) =>
      rows.push(
        `http ${perRequest}/req failed: ${err.message} (${String((err.cause as Error | undefined)?.message)})`,
      ),
    );
  for (const ms of [2000, 10_000]) await outage(ms);
} finally {
  await broker.dispose();
}

process.exit(0);
