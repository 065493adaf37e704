/**
 * The map's colours, in one place for the style, the deck.gl layers and the legend. Dark
 * ground, high contrast; red and green also differ in lightness, shape and pattern (red areas
 * are hatched, red alarms are triangles), so they stay apart for colour-blind viewers.
 */
export type Rgba = [number, number, number, number];

export const MAP_COLORS = {
  background: '#050b16',
  outside: '#02060d',
  district: '#0a1930',
  gridLine: '#24446e',
  townshipLine: '#5b8fd6',
  districtLine: '#9fd0ff',
  label: '#e9f2ff',
  labelHalo: '#02060d',
  riskRed: '#ff4d4f',
  riskYellow: '#ffc53d',
  riskGreen: '#2f9e6e',
  hotspot: '#d58cff',
} as const;

export const SEVERITY_RGB = {
  red: [255, 77, 79],
  yellow: [255, 197, 61],
  green: [61, 220, 151],
} as const satisfies Record<string, readonly [number, number, number]>;

/** Acknowledged/dispatched alarms turn grey; closed ones a darker grey. */
export const HANDLED_RGB = [168, 178, 190] as const;
export const CLOSED_RGB = [112, 120, 132] as const;

/** Case SLA ramp: share of the deadline used → colour (blue, amber, red), a halo once breached. */
export const SLA_STOPS: readonly (readonly [number, readonly [number, number, number]])[] = [
  [0, [77, 163, 255]],
  [0.5, [77, 163, 255]],
  [0.75, [255, 197, 61]],
  [1, [255, 77, 79]],
];

export const CAMERA_RGB = {
  online: [77, 163, 255],
  offline: [125, 135, 148],
  fault: [255, 140, 0],
} as const;
