import {HttpError} from './http-error.js';
import {nextDelay, type BackoffOptions} from './backoff.js';

/** How a request that starts an exchange (a job start, a streamed chat request) is retried. */
export interface StartRetryOptions {
  /** Retries after the first attempt (so `retries + 1` attempts at most). */
  retries: number;
  /** Give up on one attempt after this long, ms (the attempt is aborted and counts as a timeout). */
  timeout: number;
  /** Longest `Retry-After` (ms) worth waiting for; a longer one fails at once. */
  maxRetryAfter: number;
  backoff: BackoffOptions;
  random: () => number;
  /**
   * `any` (default): timeouts, network failures, 5xx and 429 are retried. `rate-limit`: only 429
   * (a chat request that failed otherwise may have reached the model: sending it again could answer twice).
   */
  retryOn?: 'any' | 'rate-limit';
}

/** What one failed attempt looked like. */
export interface StartFailure {
  /** HTTP status; 0 when the network failed or the attempt timed out. */
  status: number;
  timedOut: boolean;
  /** The `Retry-After` response header, as sent. */
  retryAfter?: string | null;
}

/**
 * `Retry-After` in ms: delta-seconds (`"120"`) or an HTTP date. `null` when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date names its month (`Wed, 21 Oct 2015 07:28:00 GMT`).
  const date = /[a-z]{3}/i.test(trimmed) ? Date.parse(trimmed) : NaN;
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * Whether (and after how long, ms) to retry a failed start; `null` means give up.
 * Retries: timeouts, network failures and 5xx (capped jittered backoff), 429 (after
 * `Retry-After` when given, else backoff). Never: 401/403 and other 4xx, or when the
 * retries are used up.
 */
export function retryDelay(failure: StartFailure, attempt: number, options: StartRetryOptions, now: number = Date.now()): number | null {
  if (attempt >= options.retries) return null;
  const {status} = failure;
  if (status === 429) {
    const wait = parseRetryAfter(failure.retryAfter, now);
    if (wait === null) return nextDelay(attempt, options.backoff, options.random);
    return wait <= options.maxRetryAfter ? wait : null;
  }
  if (options.retryOn === 'rate-limit') return null;
  if (failure.timedOut || status === 0 || status >= 500) return nextDelay(attempt, options.backoff, options.random);
  return null;
}

/** Timers owned by the caller (so that removing the widget clears them). Returns a cancel function. */
export type ScheduleFn = (ms: number, fn: () => void) => () => void;

/**
 * Runs `start` with a per-attempt timeout and bounded retries (see `retryDelay`).
 * `signal` aborts everything (then the returned promise rejects with the abort reason),
 * including, after success, the request of the attempt that succeeded (a streamed body).
 * A final timeout rejects with `HttpError(timeoutMessage, 0)`; other final errors are rethrown.
 * `onRetry` is told before each wait.
 */
export async function startWithRetry<T>(
  start: (fetchFn: typeof fetch, signal: AbortSignal) => Promise<T>,
  fetchFn: typeof fetch,
  signal: AbortSignal,
  options: StartRetryOptions,
  schedule: ScheduleFn,
  hooks: {timeoutMessage: string; onRetry?: (attempt: number, delay: number, failure: StartFailure) => void},
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    if (signal.aborted) throw signal.reason;
    const attemptAbort = new AbortController();
    const forward = () => attemptAbort.abort(signal.reason);
    signal.addEventListener('abort', forward, {once: true});
    let timedOut = false;
    const cancelTimeout = schedule(options.timeout, () => {
      timedOut = true;
      attemptAbort.abort(new DOMException('The start request timed out', 'TimeoutError'));
    });
    let last: {status: number; retryAfter: string | null} | null = null;
    const tracked: typeof fetch = async (input, init) => {
      const response = await fetchFn(input, init);
      last = {status: response.status, retryAfter: response.headers.get('Retry-After')};
      return response;
    };
    let failure: StartFailure;
    let error: unknown;
    let succeeded = false;
    try {
      const result = await start(tracked, attemptAbort.signal);
      succeeded = true;
      return result;
    } catch (err) {
      if (signal.aborted) throw signal.reason ?? err;
      error = timedOut ? new HttpError(hooks.timeoutMessage, 0) : err;
      const seen = last as {status: number; retryAfter: string | null} | null;
      const status = timedOut ? 0 : err instanceof HttpError ? err.status : (seen?.status ?? 0);
      failure = {status, timedOut, retryAfter: status === seen?.status ? seen.retryAfter : null};
    } finally {
      cancelTimeout();
      // After success the attempt's request may still be streaming: `signal` keeps aborting it.
      if (!succeeded) signal.removeEventListener('abort', forward);
    }
    const delay = retryDelay(failure, attempt, options);
    if (delay === null) throw error;
    hooks.onRetry?.(attempt, delay, failure);
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        cancel();
        reject(signal.reason);
      };
      const cancel = schedule(delay, () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
      signal.addEventListener('abort', onAbort, {once: true});
    });
  }
}
