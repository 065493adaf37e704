/**
 * The shared view state of each wall (a Socket.IO room per wall): a screen that changes the
 * focus or the period changes it for every screen of its wall. Kept in memory, saved in
 * SQLite so that a restart restores what the wall was showing.
 */
import type Database from 'better-sqlite3';
import { can } from '../../protocol/access';
import { createDefaultView, type WallView, WallViewPatchSchema } from '../../protocol/wallView';
import { emitToPeers } from '../cluster/emitToPeers';
import type { GatewayContext, GatewayFeature } from '../GatewayContext';
import { migrateSqlite } from '../store/sqliteEventStore';
import { resolveWall, wallRoom } from './resolveWall';

const PEER_VIEW_EVENT = 'wall-view';

export function createWallViews(db: Database.Database) {
  migrateSqlite(
    db,
    ['CREATE TABLE IF NOT EXISTS wall_views (wall TEXT PRIMARY KEY, view TEXT NOT NULL);'],
    'wall_views',
  );
  const save = db.prepare('INSERT OR REPLACE INTO wall_views (wall, view) VALUES (?, ?)');
  const views = new Map<string, WallView>(
    db
      .prepare<[], { wall: string; view: string }>('SELECT wall, view FROM wall_views')
      .all()
      .map((r) => [r.wall, JSON.parse(r.view) as WallView]),
  );

  return (
    ctx: GatewayContext,
  ): GatewayFeature & { get(wall: string): WallView; set(wall: string, view: WallView): void } => {
    const get = (wall: string) =>
      views.get(wall) ?? createDefaultView(wall, new Date(ctx.now()).toISOString());
    const remember = (wall: string, view: WallView) => {
      views.set(wall, view);
      save.run(wall, JSON.stringify(view));
    };
    const set = (wall: string, view: WallView) => {
      remember(wall, view);
      // The room spans every gateway of a cluster; the others keep the view for their next screen.
      ctx.io.to(wallRoom(wall)).emit('view', view);
      emitToPeers(ctx.io, PEER_VIEW_EVENT, wall, view);
    };
    ctx.io.on(PEER_VIEW_EVENT, (wall: string, view: WallView) => {
      if (typeof wall === 'string' && view && view.version > (views.get(wall)?.version ?? -1))
        remember(wall, view);
    });
    ctx.onConnection((socket, principal, handshake) => {
      const wall = resolveWall(principal, handshake);
      socket.join(wallRoom(wall));
      socket.emit('view', get(wall));
      socket.on('view:set', (patch, ack) => {
        const reply = typeof ack === 'function' ? ack : () => undefined;
        if (!can(principal, 'view'))
          return reply({ ok: false, reason: `the ${principal.role} role may not change a wall's view` });
        const parsed = WallViewPatchSchema.safeParse(patch);
        if (!parsed.success)
          return reply({ ok: false, reason: `view: ${parsed.error.issues[0]?.message ?? 'invalid'}` });
        const at = new Date(ctx.now()).toISOString();
        const current = get(wall);
        const { focus, ...rest } = parsed.data;
        const next: WallView = {
          ...current,
          ...rest,
          ...(focus !== undefined
            ? { focus: focus === null ? null : { ...focus, at, by: principal.label } }
            : {}),
          version: current.version + 1,
          updatedAt: at,
          updatedBy: principal.label,
        };
        set(wall, next);
        reply({ ok: true, value: next });
      });
    });
    return { name: 'wall-views', get, set };
  };
}
