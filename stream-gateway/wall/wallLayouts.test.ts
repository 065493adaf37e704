import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assignScreen, parseWallLayouts } from './wallLayouts';

const shipped = readFileSync(resolve(import.meta.dirname, '../../config/walls.json'), 'utf8');

function withScreen(screen: object): string {
  return JSON.stringify({ walls: [{ id: 'w', name: 'W', screens: [screen] }] });
}
const page = (over: object = {}) => ({
  id: 'p',
  areas: ['a b'],
  columns: '1fr 1fr',
  panels: { a: { panel: 'kpis' }, b: { panel: 'alarm-list' } },
  ...over,
});
const screen = (over: object = {}) => ({
  id: 's',
  canvas: { width: 1920, height: 1080 },
  pages: [page()],
  ...over,
});

describe('wall layout file', () => {
  it('the shipped layout is valid: hall-1 with left, centre and right', () => {
    const r = parseWallLayouts(shipped, 'walls.json');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.layout.walls.map((w) => [w.id, w.screens.map((s) => s.id)])).toEqual([
      ['hall-1', ['left', 'centre', 'right']],
    ]);
    expect(assignScreen(r.layout, 'hall-1', 'centre')?.screen.canvas).toEqual({ width: 1920, height: 1080 });
    expect(assignScreen(r.layout, 'hall-1', 'nope')).toBeNull();
  });

  it('fills defaults (rotation, heap bound, props)', () => {
    const r = parseWallLayouts(withScreen(screen()), 'x');
    expect(r.ok && r.layout.walls[0]?.screens[0]).toMatchObject({
      rotateSeconds: 30,
      maxHeapMB: 1024,
      pages: [{ rows: '1fr', panels: { a: { props: {} } } }],
    });
  });

  it.each([
    ['not JSON', '{', /^x: not JSON/],
    [
      'an unknown panel',
      withScreen(screen({ pages: [page({ panels: { a: { panel: 'weather' }, b: { panel: 'kpis' } } })] })),
      /panel/,
    ],
    [
      'an area without a panel',
      withScreen(screen({ pages: [page({ areas: ['a c'] })] })),
      /area "c" has no panel/,
    ],
    [
      'a panel not placed',
      withScreen(screen({ pages: [page({ areas: ['a a'] })] })),
      /panel "b" is not placed/,
    ],
    [
      'rows of different widths',
      withScreen(screen({ pages: [page({ areas: ['a b', 'a'] })] })),
      /same number of cells/,
    ],
    ['a canvas too small', withScreen(screen({ canvas: { width: 100, height: 1080 } })), /canvas\.width/],
    [
      'duplicate screens',
      JSON.stringify({ walls: [{ id: 'w', name: 'W', screens: [screen(), screen()] }] }),
      /screen ids must be unique/,
    ],
    ['no walls', '{"walls": []}', /walls/],
  ])('refuses %s with a one-line reason', (_name, text, reason) => {
    const r = parseWallLayouts(text, 'x');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toMatch(reason);
    expect(r.reason).not.toContain('\n');
  });
});
