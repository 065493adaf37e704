/**
 * Reconnect delays: exponential from `minMs`, capped at `maxMs`, with "equal jitter" (half
 * fixed, half random) so gateways that lost the same broker do not all come back at once.
 */
export interface BackoffOptions {
  minMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { minMs: 500, maxMs: 30_000 };

/**
 * The wait before reconnect attempt `attempt` (1 for the first after a loss).
 * @example nextReconnectDelay(1, () => 0.5) // 375: half of 500 fixed plus a quarter of it
 * @example nextReconnectDelay(20, () => 1) // 30000: the cap
 */
export function nextReconnectDelay(
  attempt: number,
  random: () => number,
  { minMs, maxMs }: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const ceiling = Math.min(maxMs, minMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
