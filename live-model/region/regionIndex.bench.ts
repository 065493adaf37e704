/**
 * locate() speed on the real packs: `npx vitest bench live-model/region`.
 * Target: < 20 µs per call for ~500 grids (measured ≈ 0.7 µs on a dev container; a point in
 * the bounding box but outside every grid also runs isInsideOutline, ≈ 1.2 µs).
 */
import { fileURLToPath } from 'node:url';
import { bench, describe } from 'vitest';
import { loadRegionPackSync } from '../../stream-gateway/region/loadRegionPack';
import { createRegionIndex } from './regionIndex';

for (const id of ['naxi', 'xingan']) {
  const pack = loadRegionPackSync(fileURLToPath(new URL(`../../regions/${id}`, import.meta.url)));
  const index = createRegionIndex(pack);
  const [x0, y0, x1, y1] = index.bbox;
  // Deterministic pseudo-random points over the bounding box (about 70% inside).
  const points: [number, number][] = [];
  let s = 12345;
  const rnd = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  for (let i = 0; i < 10_000; i++) points.push([x0 + rnd() * (x1 - x0), y0 + rnd() * (y1 - y0)]);
  let i = 0;
  describe(`${id}: ${pack.grids.features.length} grids`, () => {
    bench('locate (random points in bbox)', () => {
      const p = points[i++ % points.length] as [number, number];
      index.locate(p[0], p[1]);
    });
    bench('isInsideOutline', () => {
      const p = points[i++ % points.length] as [number, number];
      index.isInsideOutline(p[0], p[1]);
    });
  });
}
