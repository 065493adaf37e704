/**
 * Ingest fuzzing (docs/reliability.md): a few thousand generated messages, seeded so a
 * failure replays — hostile ones (wrong types, huge strings, deep nesting, NaN, Infinity and
 * out-of-range coordinates, bad enums and times, broken UTF-8, truncated JSON) mixed with
 * valid ones, replayed and out-of-order versions, over HTTP and over MQTT (the embedded
 * broker) into one real gateway process. Every valid item lands in the model at its newest
 * version; every hostile item is refused with a one-line reason (the ingest answer, the
 * rejected log or the malformed counter); unknown fields are stripped, not stored; the
 * process stays up.
 */
import fc from 'fast-check';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { ALARM_CHANNELS, SEVERITIES } from '../../protocol/schemas';
import { alarmInput } from '../fixtures/feedItems';
import { type GatewayProcess, startGatewayProcess, TEST_ADMIN_TOKEN } from '../support/gatewayProcess';
import { freePort } from '../support/privateServices';
import { getJson, postJson } from '../support/socketWaits';

const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const HTTP_BATCHES = 100;
const BATCH = 24;
const MQTT_MESSAGES = 500;
const NOW = Date.now();

type Item = Record<string, unknown>;
/** What the gateway must do with an item: land it, count it a duplicate, or reject it. */
type Expect = 'land' | 'duplicate' | 'reject';

const validAlarm = (id: string) =>
  fc
    .record({
      severity: fc.constantFrom(...SEVERITIES),
      channel: fc.constantFrom(...ALARM_CHANNELS),
      text: fc.string({ unit: 'grapheme', maxLength: 60 }).filter((t) => t.length <= 500),
      dLon: fc.double({ min: -0.01, max: 0.01, noNaN: true }),
      dLat: fc.double({ min: -0.01, max: 0.01, noNaN: true }),
      minutesAgo: fc.integer({ min: 0, max: 600 }),
      version: fc.integer({ min: 2, max: 1000 }),
    })
    .map(
      (r): Item => ({
        ...alarmInput({ id, severity: r.severity, channel: r.channel, text: r.text, version: r.version }),
        lon: 105.3725 + r.dLon,
        lat: 28.7731 + r.dLat,
        occurredAt: new Date(NOW - r.minutesAgo * 60_000).toISOString(),
      }),
    );

function nested(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { v };
  return v;
}

/** A valid alarm spoiled in one way; `text` (first key) carries the marker the rejected log is searched for. */
const hostileAlarm = (marker: string) =>
  fc
    .tuple(
      validAlarm(marker),
      fc.oneof(
        fc.record({
          field: fc.constantFrom('id', 'occurredAt', 'severity', 'channel', 'category'),
          value: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer()), fc.object()),
        }),
        fc.record({
          field: fc.constantFrom('lat', 'lon', 'version'),
          value: fc.oneof(fc.string(), fc.boolean(), fc.constant(null), fc.object(), fc.constant([1, 2])),
        }),
        fc.record({
          field: fc.constantFrom('id', 'category', 'address'),
          value: fc.integer({ min: 121, max: 20_000 }).map((n) => '长'.repeat(n)),
        }),
        fc.record({
          field: fc.constantFrom('category', 'severity'),
          value: fc.integer({ min: 2, max: 3000 }).map(nested),
        }),
        fc.record({
          field: fc.constantFrom('lat', 'lon'),
          value: fc.oneof(
            fc.double({ min: 180.000001, max: 1e300 }),
            fc.double({ min: -1e300, max: -180.000001 }),
          ),
        }),
        fc.record({ field: fc.constant('version'), value: fc.constantFrom(-1, 1.5, 2 ** 60) }),
        fc.record({ field: fc.constant('severity'), value: fc.constantFrom('purple', 'RED', '', '红') }),
        fc.record({
          field: fc.constant('occurredAt'),
          value: fc.constantFrom('yesterday', '2026-13-45T10:00:00Z', '', '2026-11-24 25:00'),
        }),
        fc.record({
          field: fc.constantFrom('occurredAt', 'severity', 'version', 'id'),
          value: fc.constant(undefined),
        }),
      ),
    )
    .map(([base, { field, value }]): Item => {
      const { text: _random, ...rest } = base;
      const item: Item = { text: marker, ...rest };
      if (value === undefined) delete item[field];
      else item[field] = value;
      return item;
    });

/** A whole valid alarm but for broken UTF-8 bytes inside its text: decoded leniently, it would land. */
function brokenUtf8(bytes: number[]): Buffer {
  const [head, tail] = JSON.stringify(alarmInput({ id: 'UTF8-BROKEN', text: '@@' })).split('@@') as [
    string,
    string,
  ];
  return Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(tail)]);
}

/** Whole messages that must be refused before any item is read, as raw bytes. */
const brokenBody = fc.oneof(
  fc.constant(brokenUtf8([0xff, 0xfe, 0xc3])),
  fc.constant(brokenUtf8([0xed, 0xa0, 0x80])), // an encoded surrogate: not UTF-8
  fc.constant(Buffer.from('{"id":"N-1","lat":NaN,"lon":105.3}')),
  fc.constant(Buffer.from('[{"id":"T-1","severity":"red"')),
  fc.integer({ min: 200_000, max: 400_000 }).map((n) => Buffer.from('['.repeat(n))),
);

interface Plan {
  items: Item[];
  expect: Expect[];
}

/** A batch: valid items (some sent again at an older version), hostile ones, and unknown fields. */
function planBatch(prefix: string, n: number, rng: number): Plan {
  const [specs] = fc.sample(
    fc.array(fc.constantFrom<Expect | 'unknown'>('land', 'land', 'land', 'reject', 'reject', 'unknown'), {
      minLength: n,
      maxLength: n,
    }),
    { seed: rng, numRuns: 1 },
  );
  const items: Item[] = [];
  const expect: Expect[] = [];
  (specs as (Expect | 'unknown')[]).forEach((spec, i) => {
    const id = `${prefix}-${i}`;
    const [sample] = fc.sample(spec === 'reject' ? hostileAlarm(`${id}-H`) : validAlarm(id), {
      seed: rng + i,
      numRuns: 1,
    });
    const item = sample as Item;
    if (spec === 'unknown') {
      items.push({ ...item, colour: 'x'.repeat(10_000), extra: nested(2000), __proto__x: 1 });
      expect.push('land');
      return;
    }
    items.push(item);
    expect.push(spec);
    // Every third valid item comes again at an older version, later in the same batch.
    if (spec === 'land' && i % 3 === 0) {
      items.push({ ...item, version: (item.version as number) - 1, severity: 'green' });
      expect.push('duplicate');
    }
  });
  return { items, expect };
}

const running: GatewayProcess[] = [];
afterAll(async () => {
  for (const g of running) await g.kill('SIGKILL');
});

const metric = (text: string, pattern: RegExp) =>
  [...text.matchAll(pattern)].reduce((sum, m) => sum + Number(m[1]), 0);

describe('ingest fuzzing', () => {
  it('lands every valid item, refuses every hostile one with a reason, and stays up', async () => {
    const mqttPort = await freePort();
    const g = await startGatewayProcess({
      env: { MQTT_URL: 'embedded', MQTT_EMBEDDED_PORT: String(mqttPort), LOG_LEVEL: 'error' },
    });
    running.push(g);
    const landed = new Map<string, Item>();
    let hostileItems = 0;
    let brokenMessages = 0;

    // HTTP: mixed batches, and whole bodies that are not JSON.
    for (let b = 0; b < HTTP_BATCHES; b++) {
      const plan = planBatch(`H${b}`, BATCH, SEED + b * 1000);
      const answer = await postJson(`${g.url}ingest/alarms`, plan.items);
      expect(answer.status).toBe(202);
      const rejectedAt = plan.expect.flatMap((e, i) => (e === 'reject' ? [i] : []));
      expect(answer.body.rejected.map((r: { index: number }) => r.index)).toEqual(rejectedAt);
      for (const r of answer.body.rejected as { reason: string }[])
        expect(r.reason).toMatch(/^alarms: [^\n]+$/);
      expect(answer.body.accepted).toBe(plan.expect.filter((e) => e === 'land').length);
      expect(answer.body.duplicates).toBe(plan.expect.filter((e) => e === 'duplicate').length);
      plan.items.forEach((item, i) => {
        if (plan.expect[i] === 'land') landed.set(item.id as string, item);
      });
      hostileItems += rejectedAt.length;
      const [raw] = fc.sample(brokenBody, { seed: SEED + b, numRuns: 1 });
      const refused = await fetch(`${g.url}ingest/alarms`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: new Uint8Array(raw as Buffer),
      });
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { error: string }).error).toMatch(
        /^(body is not valid UTF-8|malformed JSON: [^\n]+)$/,
      );
    }

    // MQTT: one item or one broken payload per message, QoS 1.
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, { clientId: 'fuzz-feed' });
    const mqttHostile: string[] = [];
    const plan = planBatch('M', MQTT_MESSAGES, SEED + 777);
    for (const [i, item] of plan.items.entries()) {
      if (plan.expect[i] === 'duplicate') continue; // over MQTT the order across batches is the test's, not a batch's
      await client.publishAsync('wall/feeds/alarms', JSON.stringify(item), { qos: 1 });
      if (plan.expect[i] === 'land') landed.set(item.id as string, item);
      else mqttHostile.push(item.text as string);
      if (i % 10 === 0) {
        const [raw] = fc.sample(brokenBody, { seed: SEED + 5000 + i, numRuns: 1 });
        await client.publishAsync('wall/feeds/alarms', raw as Buffer, { qos: 1 });
        brokenMessages++;
      }
    }
    // Replayed and out-of-order versions over MQTT: older versions of items that landed.
    const replays = [...landed.values()].filter((a) => String(a.id).startsWith('M-')).slice(0, 50);
    for (const a of replays)
      await client.publishAsync(
        'wall/feeds/alarms',
        JSON.stringify({ ...a, version: (a.version as number) - 1, severity: 'green' }),
        {
          qos: 1,
        },
      );
    await client.endAsync();
    hostileItems += mqttHostile.length;

    // Every valid item lands at its newest version.
    await expect
      .poll(
        async () => {
          const model = (await getJson(`${g.url}api/live`)).body.model;
          return [...landed.keys()].filter((id) => model.alarms[id]?.version !== landed.get(id)?.version)
            .length;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(0);
    const model = (await getJson(`${g.url}api/live`)).body.model;
    for (const [id, item] of landed) {
      expect(model.alarms[id]).toMatchObject({ severity: item.severity, version: item.version });
      expect(model.alarms[id]).not.toHaveProperty('extra');
      expect(model.alarms[id]).not.toHaveProperty('colour');
    }
    expect(Object.keys(model.alarms)).toHaveLength(landed.size);

    // Every hostile item has its reason in the rejected log; every broken message is counted.
    const metrics = await (await fetch(`${g.url}metrics`)).text();
    expect(metric(metrics, /^wall_ingest_rejected_total\{feed="alarms",.*\} (\d+)$/gm)).toBe(hostileItems);
    expect(metric(metrics, /wall_ingest_malformed_total\{source="mqtt"\} (\d+)/g)).toBe(brokenMessages);
    expect(metric(metrics, /wall_ingest_malformed_total\{source="http"\} (\d+)/g)).toBe(HTTP_BATCHES);
    const log = (await getJson(`${g.url}api/rejected?limit=1000`)).body.rejected as {
      reason: string;
      payload: string;
    }[];
    for (const marker of mqttHostile) {
      const entry = log.find((r) => r.payload.startsWith(`{"text":"${marker}"`));
      expect(entry?.reason, marker).toMatch(/^alarms: [^\n]+$/);
    }
    expect(model.alarms['UTF8-BROKEN']).toBeUndefined();

    const health = await getJson(`${g.url}health`);
    expect(health.status).toBe(200);
    expect(g.child.exitCode).toBeNull();
  }, 90_000);
});
