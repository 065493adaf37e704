/**
 * Hardening at the edge: the Content-Security-Policy (no inline script; blob: workers and
 * media; the configured media origins), CORS and the Socket.IO origin check limited to the
 * configured origins, ingest rate and size limits per token, and `?token=` kept out of logs.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmInput } from '../fixtures/feedItems';
import { type GatewayProcess, startGatewayProcess, TEST_ADMIN_TOKEN } from '../support/gatewayProcess';
import { postJson } from '../support/socketWaits';

const ALLOWED = 'http://console.example:8000';
const MEDIA = 'http://media.example:8090';
let g: GatewayProcess;

beforeAll(async () => {
  g = await startGatewayProcess({
    env: { CORS_ORIGINS: `${ALLOWED}/`, MEDIA_ORIGINS: MEDIA, LOG_LEVEL: 'trace' },
  });
});
afterAll(async () => {
  await g.kill();
});

function directives(csp: string | null): Record<string, string[]> {
  return Object.fromEntries(
    (csp ?? '').split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('Content-Security-Policy', () => {
  it('the page allows no inline or eval script, blob: workers and media, and the media origins', async () => {
    const res = await fetch(`${g.url}console`);
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['worker-src']).toEqual(["'self'", 'blob:']);
    expect(csp['media-src']).toEqual(["'self'", 'blob:', MEDIA]);
    expect(csp['connect-src']).toEqual(["'self'", MEDIA]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const api = await fetch(`${g.url}api/live`);
    expect(api.headers.get('content-security-policy')).toBe(res.headers.get('content-security-policy'));
  });

  it('the built page has no inline script', () => {
    const html = readFileSync(resolve(import.meta.dirname, '../../wall-client/dist/index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc=/);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});

describe('origins', () => {
  const withOrigin = (origin: string, init: RequestInit = {}) =>
    fetch(`${g.url}api/live`, {
      ...init,
      headers: { origin, authorization: `Bearer ${TEST_ADMIN_TOKEN}`, ...(init.headers ?? {}) },
    });

  it('answers a configured origin with CORS headers and refuses any other', async () => {
    const ok = await withOrigin(ALLOWED);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    const preflight = await fetch(`${g.url}api/alarms/x/actions`, {
      method: 'OPTIONS',
      headers: { origin: ALLOWED, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');

    const evil = await withOrigin('http://evil.example');
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect(await evil.json()).toEqual({ error: 'origin http://evil.example is not allowed (CORS_ORIGINS)' });
    const evilPreflight = await fetch(`${g.url}api/live`, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(evilPreflight.status).toBe(403);
    expect((await withOrigin(new URL(g.url).origin)).status).toBe(200);
  });

  it('refuses a socket from a foreign origin, even with a valid token', async () => {
    const attempt = (origin: string) =>
      new Promise<string>((resolvePromise) => {
        const socket = io(g.url, {
          transports: ['websocket'],
          reconnection: false,
          extraHeaders: { origin },
          auth: { token: TEST_ADMIN_TOKEN },
        });
        socket.once('snapshot', () => {
          socket.close();
          resolvePromise('snapshot');
        });
        socket.once('connect_error', () => {
          socket.close();
          resolvePromise('refused');
        });
      });
    expect(await attempt('http://evil.example')).toBe('refused');
    expect(await attempt(ALLOWED)).toBe('snapshot');
  });
});

describe('ingest limits per token', () => {
  const feedToken = async (limits?: Record<string, number>) =>
    (
      await postJson(`${g.url}api/tokens`, {
        role: 'feed',
        label: 'limited feed',
        ...(limits ? { limits } : {}),
      })
    ).body.token as string;

  it('a token over its request rate gets 429 with Retry-After; another token is not held back', async () => {
    const slow = await feedToken({ requestsPerSecond: 0.01, requestBurst: 2 });
    const other = await feedToken();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await postJson(`${g.url}ingest/alarms`, alarmInput({ id: `RL-${i}` }), slow)).status);
    expect(statuses).toEqual([202, 202, 429]);
    const refused = await fetch(`${g.url}ingest/alarms/heartbeat`, {
      method: 'POST',
      headers: { authorization: `Bearer ${slow}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await postJson(`${g.url}ingest/alarms`, alarmInput({ id: 'RL-other' }), other)).status).toBe(202);
  });

  it('limits items per token and bytes per request; nothing of a refused batch is taken', async () => {
    const small = await feedToken({ itemsPerSecond: 0.01, itemBurst: 5, bodyBytes: 2048 });
    const six = Array.from({ length: 6 }, (_, i) => alarmInput({ id: `IL-${i}` }));
    const tooMany = await postJson(`${g.url}ingest/alarms`, six, small);
    expect(tooMany).toEqual({
      status: 413,
      body: { error: "a batch of 6 items exceeds this token's limit of 5" },
    });
    expect((await postJson(`${g.url}ingest/alarms`, six.slice(0, 4), small)).status).toBe(202);
    const over = await postJson(`${g.url}ingest/alarms`, six.slice(4, 6), small);
    expect(over.status).toBe(429);
    const big = await postJson(
      `${g.url}ingest/alarms`,
      [
        alarmInput({ id: 'IL-big', text: '长'.repeat(480) }),
        alarmInput({ id: 'IL-big2', text: '长'.repeat(480) }),
      ],
      small,
    );
    expect(big).toEqual({ status: 413, body: { error: expect.stringMatching(/exceeds the limit of 2048/) } });
    const live = await (
      await fetch(`${g.url}api/live`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })
    ).json();
    expect(
      Object.keys(live.model.alarms)
        .filter((id) => id.startsWith('IL-'))
        .sort(),
    ).toEqual(['IL-0', 'IL-1', 'IL-2', 'IL-3']);
    const metrics = await (await fetch(`${g.url}metrics`)).text();
    expect(metrics).toMatch(/wall_ingest_throttled_total\{token="tok_[0-9a-f]+",reason="size"\} 2/);
  });
});

describe('logs', () => {
  it('never contain a ?token=, even at trace level and on errors', async () => {
    const secret = 'query-token-that-must-not-be-logged-42';
    await fetch(`${g.url}?token=${secret}`);
    await fetch(`${g.url}api/live?token=${TEST_ADMIN_TOKEN}&x=${secret}`);
    await fetch(`${g.url}missing.js?token=${secret}`);
    await fetch(`${g.url}ingest/alarms?token=${secret}`, { method: 'POST', body: '{' });
    await fetch(`${g.url}api/alarms/%E0%A4%A/actions?token=${secret}`, { method: 'POST' });
    const socket = io(g.url, { transports: ['websocket'], reconnection: false, query: { token: secret } });
    await new Promise((r) => socket.once('connect_error', r));
    socket.close();
    await postJson(`${g.url}ingest/alarms`, alarmInput({ id: 'LOG-1' }));
    expect(g.output().length).toBeGreaterThan(0);
    expect(g.output()).not.toContain(secret);
    expect(g.output()).not.toContain(TEST_ADMIN_TOKEN);
  });
});
