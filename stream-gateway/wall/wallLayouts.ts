/**
 * The wall layout file as a gateway feature: validated at start (a bad file stops start-up
 * with a one-line reason), watched and hot-reloaded (a bad edit keeps the last good layout
 * and says why in /health and the log), and sent to each screen as it joins.
 */
import { type FSWatcher, readFileSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import { type ScreenAssignment, type WallLayoutFile, WallLayoutFileSchema } from '../../protocol/wallLayout';
import type { FeatureFactory, GatewayFeature } from '../GatewayContext';
import { sendJson } from '../http/router';
import { resolveWall } from './resolveWall';

export type LayoutResult = { ok: true; layout: WallLayoutFile } | { ok: false; reason: string };

/**
 * Parses the layout file's text; never throws.
 * @example parseWallLayouts('{"walls": []}', 'walls.json') // { ok: false, reason: 'walls.json: walls: …' }
 */
export function parseWallLayouts(text: string, label: string): LayoutResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: `${label}: not JSON (${(err as Error).message.split('\n')[0]})` };
  }
  const parsed = WallLayoutFileSchema.safeParse(json);
  if (parsed.success) return { ok: true, layout: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    reason: `${label}: ${issue?.path.join('.') || '(file)'}: ${issue?.message ?? 'invalid'}`,
  };
}

export function loadWallLayouts(file: string): LayoutResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return {
      ok: false,
      reason: `${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    };
  }
  return parseWallLayouts(text, file);
}

export function assignScreen(layout: WallLayoutFile, wall: string, screen: string): ScreenAssignment | null {
  const w = layout.walls.find((x) => x.id === wall);
  const s = w?.screens.find((x) => x.id === screen);
  return w && s ? { wall: w.id, wallName: w.name, screens: w.screens.map((x) => x.id), screen: s } : null;
}

export type WallLayoutsFeature = GatewayFeature & {
  /** The layout in force (the last good one). */
  current(): WallLayoutFile;
};

export function wallLayouts(file: string, initial: WallLayoutFile): FeatureFactory {
  return (ctx) => {
    let layout = initial;
    let problem: string | null = null;
    let loadedAt = new Date(ctx.now()).toISOString();
    let watcher: FSWatcher | null = null;
    let debounce: NodeJS.Timeout | null = null;
    const screensOf = new Map<string, { wall: string; screen: string }>();

    const send = (socketId: string) => {
      const where = screensOf.get(socketId);
      const socket = ctx.io.sockets.sockets.get(socketId);
      if (!where || !socket) return;
      const assignment = assignScreen(layout, where.wall, where.screen);
      socket.emit(
        'layout',
        assignment ?? {
          ...where,
          error: `no screen "${where.screen}" on wall "${where.wall}" in the layout file`,
        },
      );
    };

    const reload = () => {
      const result = loadWallLayouts(file);
      if (!result.ok) {
        problem = result.reason;
        ctx.logger.warn({ reason: result.reason }, 'wall layout not reloaded; keeping the last good one');
        return;
      }
      layout = result.layout;
      problem = null;
      loadedAt = new Date(ctx.now()).toISOString();
      ctx.logger.info({ file, walls: layout.walls.map((w) => w.id) }, 'wall layout reloaded');
      for (const id of screensOf.keys()) send(id);
    };

    ctx.onConnection((socket, principal, handshake) => {
      if (!handshake.screen) return;
      screensOf.set(socket.id, { wall: resolveWall(principal, handshake), screen: handshake.screen });
      socket.on('disconnect', () => screensOf.delete(socket.id));
      send(socket.id);
    });
    ctx.router.add('GET', '/api/walls', 'read', ({ res }) =>
      sendJson(res, 200, { file, loadedAt, problem, walls: layout.walls }),
    );

    const feature: WallLayoutsFeature = {
      name: 'wall-layouts',
      current: () => layout,
      health: () => ({
        state: problem ? 'invalid' : 'ok',
        file,
        loadedAt,
        ...(problem ? { reason: problem } : {}),
      }),
      async start() {
        // Watch the folder: editors often save by replacing the file, which ends a file watch.
        watcher = watch(dirname(file), (_event, name) => {
          if (name !== null && name !== basename(file)) return;
          if (debounce) clearTimeout(debounce);
          debounce = setTimeout(reload, 150);
        });
        watcher.on('error', (err) => ctx.logger.warn({ err: err.message }, 'wall layout watch stopped'));
      },
      async stop() {
        if (debounce) clearTimeout(debounce);
        watcher?.close();
      },
    };
    return feature;
  };
}
