import { describe, expect, it } from 'vitest';
import type { GatewayContext } from '../GatewayContext';
import { createClusterRoles, whileOwner } from './whileOwner';

describe('whileOwner', () => {
  it('runs the feature only while this gateway owns ingest, and says standby otherwise', async () => {
    const calls: string[] = [];
    const roles = createClusterRoles();
    const ctx = { logger: { info() {}, warn() {}, error() {} } } as unknown as GatewayContext;
    const feature = whileOwner(roles, () => ({
      name: 'mqtt',
      start: async () => void calls.push('start'),
      stop: async () => void calls.push('stop'),
      health: () => ({ state: 'connected' }),
    }))(ctx);
    roles.set('owner');
    expect(calls).toEqual([]);
    await feature.start?.();
    expect(calls).toEqual(['start']);
    expect(feature.health?.()).toEqual({ state: 'connected' });
    roles.set('follower');
    roles.set('owner');
    roles.set('follower');
    await feature.stop?.();
    expect(calls).toEqual(['start', 'stop', 'start', 'stop']);
    expect(feature.health?.()).toMatchObject({ state: 'standby' });
  });
});
