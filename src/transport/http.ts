import type {BackoffOptions} from './backoff.js';
import {HttpError} from './http-error.js';
import {parseRetryAfter, startWithRetry, type ScheduleFn} from './start-retry.js';
import type {HttpRequestSpec, RequestFailure, TransportListener} from './transport.js';

/** What the HTTP transports share: fetch, timeouts and the retry policy. */
export interface HttpOptions {
  /** Give up one attempt (until the response headers arrive) after this long, ms. */
  connectTimeout: number;
  /** Retries after the first attempt. */
  retries: number;
  /** Longest `Retry-After` worth waiting for, ms. */
  maxRetryAfter: number;
  backoff: BackoffOptions;
  random: () => number;
  /** The fetch function (injectable for unit tests). */
  fetch?: typeof fetch;
}

function isAbort(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as {name?: unknown}).name === 'AbortError';
}

/**
 * `POST`s `payload` (JSON) to `request`, retrying by `retryOn` (see `startWithRetry`), and
 * resolves with the first 2xx response, its body unread. Rejects with the abort reason when
 * `signal` aborts, else with a `RequestFailure`. `signal` also aborts the response's body later.
 */
export async function post(
  request: HttpRequestSpec,
  payload: string,
  accept: string,
  signal: AbortSignal,
  options: HttpOptions & {retryOn: 'any' | 'rate-limit'},
  schedule: ScheduleFn,
  listener: Pick<TransportListener, 'onRetry' | 'onConnecting'>,
): Promise<Response> {
  const fetchFn = options.fetch ?? fetch.bind(globalThis);
  const headers = {'Content-Type': 'application/json', Accept: accept, ...request.headers};
  try {
    return await startWithRetry(
      async (tracked, attemptSignal) => {
        listener.onConnecting?.();
        let response: Response;
        try {
          response = await tracked(request.url, {method: 'POST', headers, body: payload, signal: attemptSignal});
        } catch (error) {
          if (isAbort(error)) throw error;
          throw new HttpError('network', 0);
        }
        if (!response.ok) throw new HttpError(`HTTP ${response.status}`, response.status, await response.text().catch(() => ''), response.headers.get('Retry-After'));
        return response;
      },
      fetchFn,
      signal,
      {...options, timeout: options.connectTimeout},
      schedule,
      {timeoutMessage: 'timeout', onRetry: (_attempt, delay) => listener.onRetry?.(delay)},
    );
  } catch (error) {
    if (signal.aborted) throw error;
    throw toFailure(error);
  }
}

function toFailure(error: unknown): RequestFailure {
  if (error instanceof HttpError) {
    if (error.status === 0 && error.message === 'timeout') return {status: 0, timedOut: true};
    const wait = parseRetryAfter(error.retryAfter);
    return {status: error.status, body: error.body, ...(wait === null ? {} : {retryAt: Date.now() + wait})};
  }
  return {status: 0};
}

export function isRequestFailure(value: unknown): value is RequestFailure {
  return typeof value === 'object' && value !== null && typeof (value as RequestFailure).status === 'number' && !(value instanceof Error);
}
