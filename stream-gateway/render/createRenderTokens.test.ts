import { describe, expect, it } from 'vitest';
import { can } from '../../protocol/access';
import { createRenderTokens } from './createRenderTokens';

describe('createRenderTokens', () => {
  it('gives the renderer a read-only principal for one render, bound to its wall', () => {
    let now = 1_000;
    const tokens = createRenderTokens({ now: () => now, ttlMs: 5_000 });
    const token = tokens.issue('snapshot hall-1/left', 'hall-1');
    const principal = tokens.verify(token);
    expect(principal).toMatchObject({ role: 'system', label: 'snapshot hall-1/left', wall: 'hall-1' });
    expect(can(principal, 'read')).toBe(true);
    for (const p of ['view', 'export', 'operate', 'admin'] as const) expect(can(principal, p), p).toBe(false);
    now += 5_000;
    expect(tokens.verify(token)).toBeNull();
    expect(tokens.size()).toBe(0);
  });

  it('forgets a revoked token and knows no other', () => {
    const tokens = createRenderTokens();
    const token = tokens.issue('report');
    tokens.revoke(token);
    expect(tokens.verify(token)).toBeNull();
    expect(tokens.verify('render.guess')).toBeNull();
    expect(tokens.verify('test-admin-token-0123456789')).toBeNull();
  });
});
