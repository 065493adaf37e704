/**
 * MQTT ingest on the embedded broker (the `npm start` default) and on the machine's shared
 * Mosquitto: valid alarms land, malformed messages (bad JSON, wrong types, unknown topics,
 * bad heartbeats) are acknowledged, counted with a one-line reason, and the process stays up.
 */
import { Socket } from 'node:net';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { alarmInput } from '../fixtures/feedItems';
import { STRICT } from '../support/browser';
import type { GatewayProcess } from '../support/gatewayProcess';
import {
  connectAlarmPublisher,
  mqttHealth,
  numbered,
  startMqttGateway,
  waitForAlarms,
} from '../support/mqttFeeds';
import { freePort } from '../support/privateServices';
import { getJson } from '../support/socketWaits';

const running: GatewayProcess[] = [];
afterAll(async () => {
  for (const g of running) await g.kill('SIGKILL');
});

/** Whether the shared Mosquitto answers on 127.0.0.1:1883 (bounded). */
function sharedMosquittoUp(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(1883, '127.0.0.1');
  });
}

describe('MQTT ingest', { timeout: 90_000 }, () => {
  it('on the embedded broker: valid alarms land; malformed ones are acknowledged and counted with a reason', async () => {
    const port = await freePort();
    const g = await startMqttGateway({ MQTT_URL: 'embedded', MQTT_EMBEDDED_PORT: String(port) }, { running });
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { clientId: 'wall-test-malformed' });
    try {
      const send = (topic: string, payload: string) => client.publishAsync(topic, payload, { qos: 1 });
      await send('wall/feeds/alarms', '{"id": "x", ');
      await send('wall/feeds/alarms', '42');
      await send('wall/feeds/alarms', JSON.stringify({ ...alarmInput({ id: 'MAL-LAT' }), lat: 'north' }));
      await send(
        'wall/feeds/alarms',
        JSON.stringify([alarmInput({ id: 'MAL-OK-1' }), { ...alarmInput({ id: 'MAL-SEV' }), severity: 5 }]),
      );
      await send('wall/feeds/weather', '{}');
      await send('wall/feeds/alarms/heartbeat', '{"status":"sleepy"}');
      await send('wall/feeds/alarms', JSON.stringify(alarmInput({ id: 'MAL-OK-2', severity: 'yellow' })));
    } finally {
      await client.endAsync();
    }
    await waitForAlarms(g, ['MAL-OK-1', 'MAL-OK-2']);
    await expect.poll(async () => (await mqttHealth(g.url)).acked).toBe(7);
    const health = await mqttHealth(g.url);
    expect(health).toMatchObject({
      state: 'connected',
      received: 7,
      malformed: 4,
      rejected: 2,
      gatewayStatus: 'ok',
    });
    expect(health.lastMalformed).toMatch(/^wall\/feeds\/alarms\/heartbeat: heartbeat: /);
    const out = g.output();
    for (const reason of [
      'wall/feeds/alarms: malformed JSON: ',
      'wall/feeds/alarms: expected a JSON object or an array of objects, got number',
      'wall/feeds/weather: unknown feed \\"weather\\"',
    ])
      expect(out).toContain(reason);
    const metrics = await (await fetch(`${g.url}metrics`)).text();
    expect(metrics).toMatch(/wall_ingest_malformed_total\{source="mqtt"\} 4/);
    const rejected = (await getJson(`${g.url}api/rejected`)).body as { rejected: { reason: string }[] };
    expect(rejected.rejected.map((r) => r.reason)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^alarms: lat: /),
        expect.stringMatching(/^alarms: severity: /),
      ]),
    );
    const live = (await getJson(`${g.url}api/live`)).body as { model: { alarms: Record<string, unknown> } };
    expect(live.model.alarms['MAL-LAT']).toBeUndefined();
  });

  it('on the shared Mosquitto (127.0.0.1:1883), under a topic root and client id of its own', async (ctx) => {
    if (!(await sharedMosquittoUp())) {
      const reason = 'shared Mosquitto not reachable on 127.0.0.1:1883';
      if (STRICT) throw new Error(`WALL_STRICT=1: ${reason}`);
      console.warn(`skipped: ${reason}`);
      ctx.skip();
    }
    const run = `${process.pid}-${Date.now().toString(36)}`;
    const topicRoot = `wall-test/${run}/feeds`;
    const clientId = `wall-test-gateway-${run}`;
    const g = await startMqttGateway(
      {
        MQTT_URL: 'mqtt://127.0.0.1:1883',
        MQTT_CLIENT_ID: clientId,
        MQTT_TOPIC_ROOT: topicRoot,
      },
      { running },
    );
    const publisher = await connectAlarmPublisher('mqtt://127.0.0.1:1883', topicRoot);
    try {
      const ids = numbered(`SHARED-${run}`, 20);
      await publisher.publish(ids);
      await publisher.client.publishAsync(`${topicRoot}/alarms`, 'not json', { qos: 1 });
      await waitForAlarms(g, ids);
      await expect.poll(async () => (await mqttHealth(g.url)).malformed).toBe(1);
      expect(await mqttHealth(g.url)).toMatchObject({ clientId, topics: `${topicRoot}/#`, acked: 21 });
    } finally {
      await publisher.close();
      await g.kill('SIGTERM');
      // Leave no persistent session behind on the shared broker.
      const cleanup = await mqtt.connectAsync('mqtt://127.0.0.1:1883', { clientId, clean: true });
      await cleanup.endAsync();
    }
  });
});
