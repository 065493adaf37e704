/**
 * A wall's shared view state: what every screen of one wall shows together — the focused
 * item, auto-focus, and the period (live, a meeting range, or a replay). It is view state,
 * not operational data: the live model keeps flowing whatever the wall looks at.
 */
import { z } from 'zod';

export const FOCUS_KINDS = ['alarm', 'case', 'camera', 'grid', 'township'] as const;

export const FocusSchema = z.object({
  kind: z.enum(FOCUS_KINDS),
  id: z.string().min(1).max(64),
});
export type Focus = z.infer<typeof FocusSchema> & { at: string; by: string };

/** `range` holds a name from resolveRange's vocabulary or `YYYY-MM-DD..YYYY-MM-DD`. */
export const PeriodSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('live') }),
  z.object({ mode: z.literal('range'), range: z.string().min(1).max(40) }),
  z.object({
    mode: z.literal('replay'),
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    speed: z.number().min(1).max(3600),
    startedAt: z.string(),
  }),
]);
export type Period = z.infer<typeof PeriodSchema>;

export interface WallView {
  wall: string;
  /** Increases with every change; screens ignore older views. */
  version: number;
  focus: Focus | null;
  /** Red alarms fly the map to them and take the focus. */
  autoFocus: boolean;
  period: Period;
  updatedAt: string;
  updatedBy: string;
}

/** What a screen may change; omitted fields stay as they are. */
export const WallViewPatchSchema = z
  .object({
    focus: FocusSchema.nullable().optional(),
    autoFocus: z.boolean().optional(),
    period: PeriodSchema.optional(),
  })
  .strict();
export type WallViewPatch = z.infer<typeof WallViewPatchSchema>;

export const WALL_ID = /^[\w-]{1,40}$/;

export function createDefaultView(wall: string, at: string): WallView {
  return {
    wall,
    version: 0,
    focus: null,
    autoFocus: true,
    period: { mode: 'live' },
    updatedAt: at,
    updatedBy: 'system',
  };
}
