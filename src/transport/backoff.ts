export interface BackoffOptions {
  /** First delay ceiling, ms. */
  base: number;
  /** Largest delay ceiling, ms. */
  cap: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = {base: 1000, cap: 30_000};

/**
 * Capped exponential backoff with full jitter:
 * `random() × min(cap, base × 2^attempt)` (attempt counts from 0).
 */
export function nextDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const ceiling = Math.min(options.cap, options.base * 2 ** Math.min(attempt, 30));
  return Math.round(random() * ceiling);
}

/** WebSocket close codes after which reconnecting in a loop is wrong (auth, policy). */
export const TERMINAL_CLOSE_CODES: ReadonlySet<number> = new Set([1008, 4001, 4003, 4401, 4403]);

/** Close codes that mean "the connection broke": retry with backoff. */
export const RETRY_CLOSE_CODES: ReadonlySet<number> = new Set([1001, 1005, 1006, 1011, 1012, 1013, 1014, 4000]);
