import { describe, expect, it } from 'vitest';
import { bezelGaps, fitCanvas } from './fitCanvas';

describe('fitCanvas', () => {
  it('scales a 4K canvas into a 1080p window exactly', () =>
    expect(fitCanvas({ width: 3840, height: 2160 }, 1920, 1080)).toEqual({
      scale: 0.5,
      offsetX: 0,
      offsetY: 0,
    }));
  it('letterboxes an ultra-wide canvas, keeping its proportions', () => {
    const fit = fitCanvas({ width: 5760, height: 2160 }, 1920, 1080);
    expect(fit.scale).toBeCloseTo(1 / 3);
    expect(fit.offsetX).toBe(0);
    expect(fit.offsetY).toBeCloseTo(180);
  });
});

describe('bezelGaps', () => {
  it('finds the monitor edges of a 3 × 1 wall', () =>
    expect(bezelGaps({ width: 5760, height: 2160 }, { columns: 3, rows: 1, px: 24 })).toEqual({
      columns: [1920, 3840],
      rows: [],
    }));
});
