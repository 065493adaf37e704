import { type Counts, MEASURES } from '../../protocol/trends';

/** Counts with every measure at zero. */
export function emptyCounts(): Counts {
  return Object.fromEntries(MEASURES.map((m) => [m, 0])) as Counts;
}

/** Counts from a row of numbers in MEASURES order. */
export function toCounts(row: ArrayLike<number>): Counts {
  const counts = emptyCounts();
  MEASURES.forEach((m, i) => {
    counts[m] = row[i] ?? 0;
  });
  return counts;
}

/** Adds `b` into `a` (mutates and returns `a`; for accumulators the caller owns). */
export function addCounts(a: Counts, b: Counts): Counts {
  for (const m of MEASURES) a[m] += b[m];
  return a;
}
