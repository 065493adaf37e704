import { describe, expect, it } from 'vitest';
import { parseMqttMessage } from './parseMqttMessage';

const parse = (topic: string, text: string, root = 'wall/feeds') =>
  parseMqttMessage(root, topic, Buffer.from(text));

describe('parseMqttMessage', () => {
  it('reads an object or an array of feed items', () => {
    expect(parse('wall/feeds/alarms', '{"id":"A1"}')).toEqual({
      kind: 'items',
      feed: 'alarms',
      items: [{ id: 'A1' }],
    });
    expect(parse('wall/feeds/cases', '[{"id":"C1"},{"id":"C2"}]')).toEqual({
      kind: 'items',
      feed: 'cases',
      items: [{ id: 'C1' }, { id: 'C2' }],
    });
  });
  it('reads heartbeats (an empty one is alive) and last wills', () => {
    expect(parse('wall/feeds/alarms/heartbeat', '')).toEqual({
      kind: 'heartbeat',
      feed: 'alarms',
      value: {},
    });
    expect(parse('wall/feeds/alarms/heartbeat', '{"channel":"110"}')).toEqual({
      kind: 'heartbeat',
      feed: 'alarms',
      value: { channel: '110' },
    });
    expect(parse('wall/feeds/cameras/status', 'OFFLINE')).toEqual({
      kind: 'status',
      feed: 'cameras',
      status: 'offline',
    });
    expect(parse('wall/feeds/cameras/status', 'online')).toEqual({
      kind: 'status',
      feed: 'cameras',
      status: 'alive',
    });
  });
  it('follows a configured topic root', () => {
    expect(parse('test/run-7/feeds/alarms', '{"id":"A"}', 'test/run-7/feeds')).toMatchObject({
      kind: 'items',
    });
    expect(parse('wall/feeds/alarms', '{"id":"A"}', 'test/run-7/feeds')).toMatchObject({ kind: 'malformed' });
  });
  it.each([
    ['wall/feeds/alarms', '{"id": "x", ', /^wall\/feeds\/alarms: malformed JSON: /],
    ['wall/feeds/alarms', '42', /expected a JSON object or an array of objects, got number/],
    ['wall/feeds/alarms', 'null', /got null/],
    ['wall/feeds/alarms', '[]', /an empty array/],
    ['wall/feeds/alarms/heartbeat', '{oops', /malformed JSON/],
    ['wall/feeds/weather', '{}', /unknown feed "weather"/],
    ['wall/feeds/alarms/extra', '{}', /unknown sub-topic "extra"/],
    ['wall/feeds/alarms/heartbeat/x', '{}', /unknown sub-topic "heartbeat\/x"/],
    ['other/alarms', '{}', /not under wall\/feeds\//],
  ])('%s %s is malformed with a one-line reason', (topic, text, reason) => {
    const m = parse(topic, text);
    expect(m.kind).toBe('malformed');
    const r = m.kind === 'malformed' ? m.reason : '';
    expect(r).toMatch(reason);
    expect(r).not.toContain('\n');
    expect(r.length).toBeLessThanOrEqual(201);
  });
});

describe('parseMqttMessage: bytes that are not UTF-8', () => {
  it('refuses the whole message rather than decoding U+FFFD into an item', () => {
    const bytes = Buffer.concat([
      Buffer.from('{"id":"A1","text":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}'),
    ]);
    expect(parseMqttMessage('wall/feeds', 'wall/feeds/alarms', bytes)).toEqual({
      kind: 'malformed',
      reason: 'wall/feeds/alarms: payload is not valid UTF-8',
    });
  });
});
