/**
 * The peace index (平安指数): a weighted mean of component scores, 0–100. Each component
 * turns counts into a value (a rate per residents per day, or a ratio of measures) and
 * scores it linearly between its `bad` (0) and `good` (100) values. Components without data
 * (a ratio with nothing to divide by) are left out and the weights of the others renormalised.
 * Pure; the configuration and figures come in as arguments. See docs/peace-index.md.
 */
import type {
  Counts,
  Measure,
  PeaceComponent,
  PeaceComponentSpec,
  PeaceIndexConfig,
  PeaceIndexResult,
} from '../../protocol/trends';

export interface IndexBasis {
  /** Residents of the area (the district, a township or a grid). */
  population: number;
  /** Length of the period in days (an hour is 1/24). */
  days: number;
}

const sum = (counts: Counts, measures: readonly Measure[]) => measures.reduce((s, m) => s + counts[m], 0);

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/** The value a component reads from the counts; null when it has nothing to divide by. */
export function componentValue(
  spec: PeaceComponentSpec,
  counts: Counts,
  basis: IndexBasis,
  perResidents: number,
): number | null {
  const top = sum(counts, spec.numerator);
  if (spec.denominator === 'residents') {
    if (basis.population <= 0 || basis.days <= 0) return null;
    return (top / basis.population) * (perResidents / basis.days);
  }
  const bottom = sum(counts, spec.denominator);
  return bottom > 0 ? top / bottom : null;
}

/** Linear score: `bad` → 0, `good` → 100, clamped; works whether good is above or below bad. */
export function scoreComponent(value: number, good: number, bad: number): number {
  return 100 * clamp01((value - bad) / (good - bad));
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * The index of an area over a period.
 * @example
 * computePeaceIndex(counts, { population: 48_810, days: 1 }, config)
 * // { index: 86.4, components: [{ key: 'criminal', value: 1.02, score: 99.3, weight: 20, points: 19.9 }, …] }
 */
export function computePeaceIndex(
  counts: Counts,
  basis: IndexBasis,
  config: PeaceIndexConfig,
): PeaceIndexResult {
  const anyData = Object.values(counts).some((v) => v !== 0);
  const scored = config.components.map((spec) => {
    const value = componentValue(spec, counts, basis, config.perResidents);
    return { spec, value, score: value === null ? null : scoreComponent(value, spec.good, spec.bad) };
  });
  const totalWeight = scored.reduce((s, c) => s + (c.score === null ? 0 : c.spec.weight), 0);
  const components: PeaceComponent[] = scored.map(({ spec, value, score }) => ({
    key: spec.key,
    value: value === null ? null : Math.round(value * 1000) / 1000,
    score: score === null ? null : round1(score),
    weight: spec.weight,
    points: score === null || totalWeight === 0 ? 0 : round1((score * spec.weight) / totalWeight),
  }));
  if (totalWeight === 0 || !anyData) return { index: null, components };
  const index =
    scored.reduce((s, c) => s + (c.score === null ? 0 : c.score * c.spec.weight), 0) / totalWeight;
  return { index: round1(index), components };
}

/** Which band an index falls in (red below `bands.red`, yellow below `bands.yellow`). */
export function peaceBand(
  index: number | null,
  config: PeaceIndexConfig,
): 'red' | 'yellow' | 'green' | 'none' {
  if (index === null) return 'none';
  return index < config.bands.red ? 'red' : index < config.bands.yellow ? 'yellow' : 'green';
}
