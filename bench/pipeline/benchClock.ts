/**
 * The one clock of the pipeline bench, shared by its processes, and the bench alarm ids that
 * carry their send time: `b<run>-<µs since the epoch>-<n>`.
 */

/** Wall-clock ms with µs resolution; the same clock in every process on the machine. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

/** The send time (wall-clock ms) of a bench alarm, or null for any other id. */
export function sentAtOf(id: string): number | null {
  if (id.charCodeAt(0) !== 98 /* b */) return null;
  const a = id.indexOf('-');
  const b = id.indexOf('-', a + 1);
  if (a < 0 || b < 0) return null;
  return Number(id.slice(a + 1, b)) / 1000;
}

/** The running number of a bench alarm (every `redEvery`-th one is red). */
export function benchSeqOf(id: string): number {
  return Number(id.slice(id.lastIndexOf('-') + 1));
}
