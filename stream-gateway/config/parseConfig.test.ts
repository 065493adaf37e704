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
      MQTT_TOPIC_ROOT: 'wall/feeds',
      MOCK_FEEDS: 'on',
      TZ: 'Asia/Shanghai',
      REGION: 'naxi',
    });
  });
  it('keeps everything in SQLite unless DATABASE_URL names a PostgreSQL server', () => {
    const local = parseConfig({});
    expect(local.ok && local.config.DATABASE_URL).toBeUndefined();
    for (const url of ['postgres://wall:pw@10.0.0.5:5432/wall', 'postgresql://db/wall?sslmode=require']) {
      const r = parseConfig({ DATABASE_URL: url });
      expect(r.ok && r.config.DATABASE_URL).toBe(url);
    }
  });
  it('never shows the password of a refused DATABASE_URL', () => {
    const r = parseConfig({ DATABASE_URL: 'postgres://wall:s3cret@db:99999/wall' });
    expect(r.ok ? '' : r.reason).not.toContain('s3cret');
  });
  it('runs one gateway unless REDIS_URL names a cluster', () => {
    const alone = parseConfig({});
    expect(alone.ok && alone.config.REDIS_URL).toBeUndefined();
    const r = parseConfig({ REDIS_URL: 'redis://10.0.0.9:6379', GATEWAY_ID: 'gw-2' });
    expect(r.ok && r.config).toMatchObject({
      REDIS_URL: 'redis://10.0.0.9:6379',
      GATEWAY_ID: 'gw-2',
      REDIS_PREFIX: 'wall',
      CLUSTER_LEASE_MS: 5000,
    });
  });
  it('treats empty values as unset', () => expect(parseConfig({ PORT: '' }).ok).toBe(true));
  it('mounts the simulated media server with the simulated district unless told (MOCK_MEDIA)', () => {
    const r = parseConfig({});
    expect(r.ok && r.config.MOCK_MEDIA).toBe('auto');
    const on = parseConfig({ MOCK_MEDIA: 'on', MOCK_FEEDS: 'off' });
    expect(on.ok && on.config.MOCK_MEDIA).toBe('on');
    const bad = parseConfig({ MOCK_MEDIA: 'yes' });
    expect(bad.ok ? '' : bad.reason).toMatch(/^bad config MOCK_MEDIA="yes"/);
  });
  it('a scenario plays on a quiet district unless feeds are asked for', () => {
    const quiet = parseConfig({ SCENARIO: 'evening-story' });
    expect(quiet.ok && quiet.config.MOCK_FEEDS).toBe('off');
    const busy = parseConfig({ SCENARIO: 'evening-story', MOCK_FEEDS: 'on' });
    expect(busy.ok && busy.config.MOCK_FEEDS).toBe('on');
  });
  it('schedules reports daily at 07:00 in Chinese PDF by default; languages and formats are lists', () => {
    const r = parseConfig({});
    expect(r.ok && r.config).toMatchObject({
      REPORTS: 'on',
      REPORTS_AT: '07:00',
      REPORT_LANGS: ['zh-CN'],
      REPORT_FORMATS: ['pdf'],
    });
    const both = parseConfig({ REPORT_LANGS: 'zh-CN, en', REPORT_FORMATS: 'pdf,png,pdf' });
    expect(both.ok && [both.config.REPORT_LANGS, both.config.REPORT_FORMATS]).toEqual([
      ['zh-CN', 'en'],
      ['pdf', 'png'],
    ]);
  });
  it.each([
    [{ REPORTS_AT: '7:00' }, 'bad config REPORTS_AT="7:00": a local time HH:MM such as 07:00'],
    [{ REPORT_LANGS: 'fr' }, 'bad config REPORT_LANGS="fr": comma-separated, each one of zh-CN, en'],
    [{ REPORT_FORMATS: 'docx' }, 'bad config REPORT_FORMATS="docx": comma-separated, each one of pdf, png'],
    [{ PORT: 'eighty' }, 'bad config PORT="eighty": '],
    [{ PORT: '70000' }, 'bad config PORT="70000": '],
    [{ TZ: 'Mars/Olympus' }, 'bad config TZ="Mars/Olympus": not an IANA time zone'],
    [{ MQTT_URL: 'tcp://x' }, 'bad config MQTT_URL="tcp://x": use embedded, off or an mqtt:// URL'],
    [{ MQTT_TOPIC_ROOT: 'wall/#' }, 'bad config MQTT_TOPIC_ROOT="wall/#": a topic prefix without wildcards'],
    [{ MQTT_TOPIC_ROOT: '/wall' }, 'bad config MQTT_TOPIC_ROOT="/wall": a topic prefix without wildcards'],
    [{ MQTT_CLIENT_ID: 'a b' }, 'bad config MQTT_CLIENT_ID="a b": letters, digits'],
    [{ MOCK_FEEDS: 'yes' }, 'bad config MOCK_FEEDS="yes": '],
    [
      { DATABASE_URL: 'mysql://db/wall' },
      'bad config DATABASE_URL="mysql://db/wall": use a postgres:// or postgresql:// URL',
    ],
    [
      { DATABASE_URL: 'postgres://wall:s3cret@db:99999/wall' },
      'bad config DATABASE_URL="postgres://wall:***@db:99999/wall": not a URL',
    ],
    [{ REDIS_URL: '127.0.0.1:6379' }, 'bad config REDIS_URL="127.0.0.1:6379": a redis:// or rediss:// URL'],
    [{ GATEWAY_ID: 'a|b' }, 'bad config GATEWAY_ID="a|b": letters, digits'],
    [{ CLUSTER_LEASE_MS: '50' }, 'bad config CLUSTER_LEASE_MS="50": '],
    [{ WALL_ADMIN_TOKEN: 'short' }, 'bad config WALL_ADMIN_TOKEN="short": use at least 16 characters'],
  ])('refuses %j with a one-line reason', (env, start) => {
    const r = parseConfig(env);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason.startsWith(start)).toBe(true);
    expect(r.reason).not.toContain('\n');
  });
});
