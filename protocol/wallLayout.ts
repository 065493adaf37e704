/**
 * The wall layout file (config/walls.json): which walls a hall has, the screens of each wall
 * (each a browser in kiosk mode), their physical canvas, and which panels each screen shows —
 * on one page or on several pages that rotate. Validated by the gateway, hot-reloaded, and
 * sent to each screen when it connects (`/?wall=hall-1&screen=centre`).
 */
import { z } from 'zod';

/** Panels a screen can show; the client has a component for each (panelRegistry). */
export const PANEL_NAMES = [
  'kpis',
  'alarm-list',
  'case-deadlines',
  'township-situation',
  'camera-tiles',
  'focus-details',
  'feed-status',
  // trends and the meeting view (issue 5)
  'kpi-trends',
  'peace-trend',
  'case-pipeline',
  'township-ranking',
  'category-ranking',
  'red-grids',
  'period-control',
  // the risk map (issue 3): `card` false when a focus-details panel sits beside it
  'risk-map',
] as const;
export type PanelName = (typeof PANEL_NAMES)[number];

const Name = z.string().regex(/^[a-z][\w-]{0,39}$/, 'use lowercase letters, digits, - or _ (up to 40)');

const PanelPlacementSchema = z.object({
  panel: z.enum(PANEL_NAMES),
  /** Panel options, e.g. {"rows": 12} for a list or {"layout": "4x4"} for video. */
  props: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
});

const PageSchema = z
  .object({
    id: Name,
    /** CSS grid tracks, e.g. "1fr 2fr 1fr" and "auto 1fr". */
    columns: z.string().min(1).max(200).default('1fr'),
    rows: z.string().min(1).max(200).default('1fr'),
    /** CSS grid-template-areas, one string per row, e.g. ["kpis map", "list map"]. */
    areas: z.array(z.string().min(1).max(400)).min(1).max(12),
    /** Which panel fills each named area. */
    panels: z.record(Name, PanelPlacementSchema),
  })
  .superRefine((page, ctx) => {
    const inGrid = new Set(page.areas.flatMap((row) => row.trim().split(/\s+/)).filter((a) => a !== '.'));
    const widths = new Set(page.areas.map((row) => row.trim().split(/\s+/).length));
    if (widths.size > 1)
      ctx.addIssue({
        code: 'custom',
        message: `page ${page.id}: every row of areas needs the same number of cells`,
        path: ['areas'],
      });
    for (const area of inGrid)
      if (!page.panels[area])
        ctx.addIssue({
          code: 'custom',
          message: `page ${page.id}: area "${area}" has no panel`,
          path: ['panels'],
        });
    for (const area of Object.keys(page.panels))
      if (!inGrid.has(area))
        ctx.addIssue({
          code: 'custom',
          message: `page ${page.id}: panel "${area}" is not placed in areas`,
          path: ['areas'],
        });
  });

export const ScreenLayoutSchema = z
  .object({
    id: Name,
    title: z.string().max(40).optional(),
    /** The screen's physical canvas in pixels; the page is laid out at this size and scaled to fit. */
    canvas: z.object({
      width: z.number().int().min(640).max(15360),
      height: z.number().int().min(360).max(8640),
    }),
    /**
     * A canvas made of several monitors (e.g. 3 × 1 of 1920 × 2160): content keeps clear of the
     * `px`-wide bezels between them.
     */
    bezel: z
      .object({
        columns: z.number().int().min(1).max(8),
        rows: z.number().int().min(1).max(8),
        px: z.number().int().min(0).max(200),
      })
      .optional(),
    pages: z.array(PageSchema).min(1).max(12),
    /** Seconds per page when there are several; rotation pauses while an operator acts. */
    rotateSeconds: z.number().min(5).max(3600).default(30),
    /** Reload the page (state restored) when the JS heap passes this many MB. */
    maxHeapMB: z.number().min(1).max(16_384).default(1024),
  })
  .superRefine((s, ctx) => {
    const ids = s.pages.map((p) => p.id);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: 'custom', message: `screen ${s.id}: page ids must be unique`, path: ['pages'] });
  });
export type ScreenLayout = z.output<typeof ScreenLayoutSchema>;
export type PageLayout = ScreenLayout['pages'][number];

export const WallLayoutSchema = z
  .object({
    id: z.string().regex(/^[\w-]{1,40}$/),
    name: z.string().min(1).max(60),
    screens: z.array(ScreenLayoutSchema).min(1).max(64),
  })
  .superRefine((w, ctx) => {
    const ids = w.screens.map((s) => s.id);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: 'custom', message: `wall ${w.id}: screen ids must be unique`, path: ['screens'] });
  });
export type WallLayout = z.output<typeof WallLayoutSchema>;

export const WallLayoutFileSchema = z
  .object({ walls: z.array(WallLayoutSchema).min(1) })
  .superRefine((f, ctx) => {
    const ids = f.walls.map((w) => w.id);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: 'custom', message: 'wall ids must be unique', path: ['walls'] });
  });
export type WallLayoutFile = z.output<typeof WallLayoutFileSchema>;

/** What a screen receives: its wall's name and its own layout. */
export interface ScreenAssignment {
  wall: string;
  wallName: string;
  /** Every screen of the wall (for the console's overview of screens). */
  screens: string[];
  screen: ScreenLayout;
}
