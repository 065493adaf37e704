/**
 * Heartbeats from wall screens (seq reached, heap, frame rate): GET /api/screens lists every
 * screen with its health, so the console sees screens that froze or lag. Disconnected screens
 * stay listed for a day.
 */
import { z } from 'zod';
import type { FeatureFactory, GatewayFeature } from '../GatewayContext';
import { sendJson } from '../http/router';
import { judgeScreen, type ScreenReport } from './judgeScreen';
import { resolveWall } from './resolveWall';

const HeartbeatSchema = z.object({
  seq: z.number().int().min(0).nullable(),
  heapMB: z.number().min(0).max(1e6).nullable(),
  fps: z.number().min(0).max(1000),
  page: z.string().max(40).nullable(),
  uptimeS: z.number().min(0),
});

interface ScreenEntry extends ScreenReport {
  key: string;
  wall: string;
  screen: string;
  label: string;
  connectedAt: number;
  disconnectedAt: number | null;
  heapMB: number | null;
  page: string | null;
  uptimeS: number;
}

const KEEP_GONE_MS = 24 * 3_600_000;

export type ScreenMonitor = GatewayFeature & {
  /** The page a connected screen reported last (snapshots show that page), or null. */
  pageOf(wall: string, screen: string): string | null;
};

export function screenMonitor(): FeatureFactory {
  return (ctx): ScreenMonitor => {
    const screens = new Map<string, ScreenEntry>();
    ctx.onConnection((socket, principal, handshake) => {
      // The gateway's own renderer (a snapshot being taken) is not a screen of the wall.
      if (principal.role === 'system') return;
      const wall = resolveWall(principal, handshake);
      const screen = handshake.screen ?? 'overview';
      const key = `${wall}/${screen}/${socket.id}`;
      const entry: ScreenEntry = {
        key,
        wall,
        screen,
        label: principal.label,
        connected: true,
        connectedAt: ctx.now(),
        disconnectedAt: null,
        lastHeartbeatMs: null,
        seq: null,
        fps: 0,
        behindSinceMs: null,
        heapMB: null,
        page: null,
        uptimeS: 0,
      };
      screens.set(key, entry);
      socket.on('screen:heartbeat', (raw) => {
        const hb = HeartbeatSchema.safeParse(raw);
        if (!hb.success) return;
        const now = ctx.now();
        const behind = hb.data.seq !== null && hb.data.seq < ctx.pipeline.seq;
        Object.assign(entry, hb.data, {
          lastHeartbeatMs: now,
          behindSinceMs: behind ? (entry.behindSinceMs ?? now) : null,
        });
      });
      socket.on('disconnect', () => {
        entry.connected = false;
        entry.disconnectedAt = ctx.now();
      });
    });

    ctx.router.add('GET', '/api/screens', 'read', ({ res }) => {
      const now = ctx.now();
      for (const [key, e] of screens)
        if (e.disconnectedAt !== null && now - e.disconnectedAt > KEEP_GONE_MS) screens.delete(key);
      const list = [...screens.values()].map((e) => ({
        wall: e.wall,
        screen: e.screen,
        label: e.label,
        health: judgeScreen(e, now),
        seq: e.seq,
        logSeq: ctx.pipeline.seq,
        fps: e.fps,
        heapMB: e.heapMB,
        page: e.page,
        uptimeS: e.uptimeS,
        connectedAt: new Date(e.connectedAt).toISOString(),
        lastHeartbeatAt: e.lastHeartbeatMs === null ? null : new Date(e.lastHeartbeatMs).toISOString(),
      }));
      sendJson(res, 200, { screens: list });
    });
    return {
      name: 'screens',
      pageOf(wall, screen) {
        let best: ScreenEntry | null = null;
        for (const e of screens.values())
          if (
            e.wall === wall &&
            e.screen === screen &&
            e.connected &&
            e.page &&
            (!best || e.connectedAt > best.connectedAt)
          )
            best = e;
        return best?.page ?? null;
      },
      health: () => {
        const now = ctx.now();
        const counts = { ok: 0, lagging: 0, frozen: 0, disconnected: 0 };
        for (const e of screens.values()) counts[judgeScreen(e, now)]++;
        return counts;
      },
    };
  };
}
