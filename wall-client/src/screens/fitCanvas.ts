/**
 * Geometry of a wall screen: the page is laid out at the screen's physical canvas size and
 * scaled with a transform to the window (no reflow, no stretched text), centred.
 */
export interface CanvasFit {
  scale: number;
  offsetX: number;
  offsetY: number;
}

/** @example fitCanvas({ width: 3840, height: 2160 }, 1920, 1080) // { scale: 0.5, offsetX: 0, offsetY: 0 } */
export function fitCanvas(
  canvas: { width: number; height: number },
  viewportWidth: number,
  viewportHeight: number,
): CanvasFit {
  const scale = Math.min(viewportWidth / canvas.width, viewportHeight / canvas.height);
  return {
    scale,
    offsetX: (viewportWidth - canvas.width * scale) / 2,
    offsetY: (viewportHeight - canvas.height * scale) / 2,
  };
}

/**
 * Bezel compensation: for a canvas made of `columns` × `rows` monitors with `px`-wide bezels,
 * the inner edges of each monitor (in canvas px) so that content can keep clear of them.
 * @example bezelGaps({ width: 5760, height: 2160 }, { columns: 3, rows: 1, px: 24 }).columns // [1920, 3840]
 */
export function bezelGaps(
  canvas: { width: number; height: number },
  bezel: { columns: number; rows: number; px: number },
): { columns: number[]; rows: number[] } {
  const cols = Array.from({ length: bezel.columns - 1 }, (_, i) =>
    Math.round(((i + 1) * canvas.width) / bezel.columns),
  );
  const rows = Array.from({ length: bezel.rows - 1 }, (_, i) =>
    Math.round(((i + 1) * canvas.height) / bezel.rows),
  );
  return { columns: cols, rows };
}
