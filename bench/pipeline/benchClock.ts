/**
 * The one clock of the pipeline bench, shared by its processes: each bench alarm's text ends
 * with the moment its request was built (`t=<ms since the epoch>`).
 */

/** Wall-clock ms with µs resolution; the same clock in every process on the machine. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

/** The send time (wall-clock ms) written into a bench alarm's text, or NaN. */
export function sentAtOf(text: string): number {
  const i = text.lastIndexOf('t=');
  return i < 0 ? Number.NaN : Number(text.slice(i + 2));
}
