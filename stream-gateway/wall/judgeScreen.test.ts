import { describe, expect, it } from 'vitest';
import { FROZEN_AFTER_MS, judgeScreen, LAGGING_AFTER_MS } from './judgeScreen';

const well = { connected: true, lastHeartbeatMs: 0, seq: 10, fps: 30, behindSinceMs: null };

describe('judgeScreen', () => {
  it('a screen that beats, draws and keeps up is ok', () => expect(judgeScreen(well, 5_000)).toBe('ok'));
  it('no heartbeat for three intervals: frozen', () =>
    expect(judgeScreen(well, FROZEN_AFTER_MS + 1)).toBe('frozen'));
  it('no frames drawn: frozen', () => expect(judgeScreen({ ...well, fps: 0 }, 1_000)).toBe('frozen'));
  it('behind the log for long: lagging; briefly behind: ok', () => {
    expect(judgeScreen({ ...well, behindSinceMs: 0 }, LAGGING_AFTER_MS + 1)).toBe('lagging');
    expect(judgeScreen({ ...well, behindSinceMs: 0 }, 1_000)).toBe('ok');
  });
  it('gone: disconnected', () => expect(judgeScreen({ ...well, connected: false }, 0)).toBe('disconnected'));
});
