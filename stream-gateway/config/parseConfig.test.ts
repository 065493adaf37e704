import { describe, expect, it } from 'vitest';
import { parseConfig } from './parseConfig';

describe('parseConfig', () => {
  it('has embedded defaults: no servers, the simulated district, Shanghai time', () => {
    const r = parseConfig({});
    expect(r.ok && r.config).toMatchObject({
      PORT: 8080,
      HOST: '127.0.0.1',
      DATA_DIR: 'data',
      MQTT_URL: 'embedded',
      MOCK_FEEDS: 'on',
      TZ: 'Asia/Shanghai',
      REGION: 'naxi',
    });
  });
  it('treats empty values as unset', () => expect(parseConfig({ PORT: '' }).ok).toBe(true));
  it('a scenario plays on a quiet district unless feeds are asked for', () => {
    const quiet = parseConfig({ SCENARIO: 'evening-story' });
    expect(quiet.ok && quiet.config.MOCK_FEEDS).toBe('off');
    const busy = parseConfig({ SCENARIO: 'evening-story', MOCK_FEEDS: 'on' });
    expect(busy.ok && busy.config.MOCK_FEEDS).toBe('on');
  });
  it.each([
    [{ PORT: 'eighty' }, 'bad config PORT="eighty": '],
    [{ PORT: '70000' }, 'bad config PORT="70000": '],
    [{ TZ: 'Mars/Olympus' }, 'bad config TZ="Mars/Olympus": not an IANA time zone'],
    [{ MQTT_URL: 'tcp://x' }, 'bad config MQTT_URL="tcp://x": use embedded, off or an mqtt:// URL'],
    [{ MOCK_FEEDS: 'yes' }, 'bad config MOCK_FEEDS="yes": '],
    [{ WALL_ADMIN_TOKEN: 'short' }, 'bad config WALL_ADMIN_TOKEN="short": use at least 16 characters'],
  ])('refuses %j with a one-line reason', (env, start) => {
    const r = parseConfig(env);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason.startsWith(start)).toBe(true);
    expect(r.reason).not.toContain('\n');
  });
});
