/**
 * What an MQTT message on the feed topics means, before anything is stored:
 * `<root>/<feed>` carries feed items (a JSON object or an array of them),
 * `<root>/<feed>/heartbeat` a heartbeat, `<root>/<feed>/status` a feed's last will (`offline`).
 * Anything else is malformed, with a one-line reason: it is acknowledged and counted, never
 * retried (the broker would deliver it again forever).
 */
import { FEED_NAMES, type FeedName } from '../../protocol/schemas';

export type MqttMessage =
  | { kind: 'items'; feed: FeedName; items: unknown[] }
  | { kind: 'heartbeat'; feed: FeedName; value: unknown }
  | { kind: 'status'; feed: FeedName; status: 'alive' | 'offline' }
  | { kind: 'malformed'; reason: string };

const REASON_MAX = 200;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > REASON_MAX ? `${line.slice(0, REASON_MAX)}…` : line;
}

/**
 * Reads one message received under `root` (e.g. `wall/feeds`).
 * @example parseMqttMessage('wall/feeds', 'wall/feeds/alarms', Buffer.from('{"id":"A1"}'))
 * // { kind: 'items', feed: 'alarms', items: [{ id: 'A1' }] }
 */
export function parseMqttMessage(root: string, topic: string, payload: Uint8Array): MqttMessage {
  const prefix = `${root}/`;
  const malformed = (why: string): MqttMessage => ({
    kind: 'malformed',
    reason: firstLine(`${topic}: ${why}`),
  });
  if (!topic.startsWith(prefix)) return malformed(`not under ${root}/`);
  const [feed, sub, ...rest] = topic.slice(prefix.length).split('/');
  if (!FEED_NAMES.includes(feed as FeedName))
    return malformed(`unknown feed ${JSON.stringify(feed)} (one of ${FEED_NAMES.join(', ')})`);
  if (rest.length > 0 || (sub !== undefined && sub !== 'heartbeat' && sub !== 'status'))
    return malformed(
      `unknown sub-topic ${JSON.stringify(topic.slice(prefix.length + (feed ?? '').length + 1))}`,
    );
  const name = feed as FeedName;
  let text: string;
  try {
    text = UTF8.decode(payload);
  } catch {
    // Not replaced by U+FFFD (an item could land with broken text): refused whole, as over HTTP.
    return malformed('payload is not valid UTF-8');
  }
  if (sub === 'status')
    return {
      kind: 'status',
      feed: name,
      status: text.trim().toLowerCase() === 'offline' ? 'offline' : 'alive',
    };
  let value: unknown;
  try {
    value = text.trim() === '' && sub === 'heartbeat' ? {} : JSON.parse(text);
  } catch (err) {
    return malformed(`malformed JSON: ${(err as Error).message}`);
  }
  if (sub === 'heartbeat') return { kind: 'heartbeat', feed: name, value };
  if (Array.isArray(value)) {
    if (value.length === 0) return malformed('an empty array');
    return { kind: 'items', feed: name, items: value };
  }
  if (value === null || typeof value !== 'object')
    return malformed(
      `expected a JSON object or an array of objects, got ${value === null ? 'null' : typeof value}`,
    );
  return { kind: 'items', feed: name, items: [value] };
}
