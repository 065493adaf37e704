/**
 * The marker shapes, packed in one atlas drawn at start-up (drawMapImages.ts): a grid of square
 * cells. Shapes carry meaning for colour-blind viewers: ▲ red alarm, ◆ yellow, ● green,
 * ■ case, camera states by outline and cross.
 */
export const ICON_NAMES = [
  'triangle',
  'diamond',
  'circle',
  'square',
  'camera',
  'camera-offline',
  'camera-fault',
] as const;
export type IconName = (typeof ICON_NAMES)[number];

export const ICON_CELL = 64;

export interface IconFrame {
  x: number;
  y: number;
  width: number;
  height: number;
  mask: boolean;
  anchorY: number;
}

/** deck.gl `iconMapping` for the atlas: one cell per icon, left to right. */
export const ICON_MAPPING: Record<IconName, IconFrame> = Object.fromEntries(
  ICON_NAMES.map((name, i) => [
    name,
    { x: i * ICON_CELL, y: 0, width: ICON_CELL, height: ICON_CELL, mask: true, anchorY: ICON_CELL / 2 },
  ]),
) as Record<IconName, IconFrame>;
