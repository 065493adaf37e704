/**
 * Without a valid token nothing but the page shell and /health is served; a socket without
 * one is refused in the handshake and never gets a snapshot.
 */
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmInput } from '../fixtures/feedItems';
import { type GatewayProcess, startGatewayProcess } from '../support/gatewayProcess';
import { getJson, postJson } from '../support/socketWaits';

let g: GatewayProcess;
beforeAll(async () => {
  g = await startGatewayProcess();
});
afterAll(async () => {
  await g.kill();
});

function connectError(token: string | undefined): Promise<{ error: string | null; snapshot: boolean }> {
  return new Promise((resolve) => {
    const socket = io(g.url, {
      transports: ['websocket'],
      reconnection: false,
      auth: token ? { token } : {},
    });
    socket.on('snapshot', () => {
      socket.close();
      resolve({ error: null, snapshot: true });
    });
    socket.on('connect_error', (err) => {
      socket.close();
      resolve({ error: err.message, snapshot: false });
    });
  });
}

describe('access', () => {
  it('refuses ingest without a token (401) and with a wall token (403)', async () => {
    expect((await postJson(`${g.url}ingest/alarms`, alarmInput(), null)).status).toBe(401);
    const wall = await postJson(`${g.url}api/tokens`, { role: 'wall', label: 'test screen', wall: 'hall-1' });
    expect(wall.status).toBe(201);
    expect((await postJson(`${g.url}ingest/alarms`, alarmInput(), wall.body.token)).status).toBe(403);
  });

  it('refuses a socket without a valid token in the handshake', async () => {
    expect(await connectError(undefined)).toEqual({
      error: expect.stringMatching(/^unauthorized/),
      snapshot: false,
    });
    expect(await connectError('not-a-token')).toEqual({
      error: expect.stringMatching(/^unauthorized/),
      snapshot: false,
    });
  });

  it('a feed token may ingest but not read the model', async () => {
    const feed = await postJson(`${g.url}api/tokens`, { role: 'feed', label: 'camera platform' });
    expect(
      (await postJson(`${g.url}ingest/alarms`, alarmInput({ id: 'feed-1' }), feed.body.token)).status,
    ).toBe(202);
    expect(await connectError(feed.body.token)).toEqual({
      error: expect.stringMatching(/^forbidden/),
      snapshot: false,
    });
    expect((await getJson(`${g.url}api/live`, feed.body.token)).status).toBe(403);
  });

  it('a revoked token stops working', async () => {
    const wall = await postJson(`${g.url}api/tokens`, { role: 'wall', label: 'to revoke', wall: 'hall-1' });
    expect(await connectError(wall.body.token)).toEqual({ error: null, snapshot: true });
    const res = await fetch(`${g.url}api/tokens/${wall.body.info.id}`, {
      method: 'DELETE',
      headers: { authorization: 'Bearer test-admin-token-0123456789' },
    });
    expect(res.status).toBe(200);
    expect(await connectError(wall.body.token)).toEqual({
      error: expect.stringMatching(/^unauthorized/),
      snapshot: false,
    });
  });

  it('serves the public shell and /health without a token, and never the APIs', async () => {
    expect((await fetch(`${g.url}health`)).status).toBe(200);
    expect((await getJson(`${g.url}api/region`, null)).status).toBe(401);
    expect((await getJson(`${g.url}api/live`, null)).status).toBe(401);
  });
});
