/**
 * The seam between a conversation and the wire. A transport moves text frames
 * in and out and reports open / frame / close; it knows no protocol. Adapters
 * describe the transport they ride on (`TransportSpec`); the connection
 * controller owns one transport per configuration.
 */

/** One WebSocket carries the whole conversation. */
export interface WebSocketSpec {
  kind: 'websocket';
  /** The `ws(s):` URL to open (computed afresh for every socket). */
  url: string;
  /**
   * Application heartbeat: every `intervalMs` the controller sends `encode({type: 'ping'})`, and a
   * socket silent for twice that (plus 5 s) is given up and reopened.
   */
  heartbeat?: {intervalMs: number};
  /** Outgoing frames wait until `decode()` returned a `session` event with `ready: true` (or 5 s passed). */
  waitsForReady?: boolean;
}

/** An HTTP request (`POST`, JSON body = `encode()` of the user's message). */
export interface HttpRequestSpec {
  url: string;
  /** Extra request headers (auth, the host's `headers`). `Content-Type: application/json` is always set. */
  headers?: Record<string, string>;
}

/**
 * Each user message is one `POST`; the reply streams back as Server-Sent Events on the
 * same response. Every event's `data` is a frame for `decode()` (or `decodeText()`).
 */
export interface SseSpec extends HttpRequestSpec {
  kind: 'sse';
}

/**
 * Each user message starts a job with a `POST`; its answer names a WebSocket that
 * streams the job's result and then closes.
 */
export interface JobSpec extends HttpRequestSpec {
  kind: 'job';
  /**
   * The job's WebSocket URL from the start request's answer (2xx). Throws an `Error`
   * whose message is shown to the user when the answer is unusable.
   */
  socketUrl(body: string, status: number): string;
}

export type TransportSpec = WebSocketSpec | SseSpec | JobSpec;
export type TransportKind = TransportSpec['kind'];

/** Why an HTTP step failed before anything streamed. */
export interface RequestFailure {
  /** HTTP status; 0 when the network failed or the request timed out. */
  status: number;
  /** The response body (error responses), as text. */
  body?: string;
  /** Until when the server asked to be left alone (`Retry-After`, after the retries that waited for it), epoch ms. */
  retryAt?: number;
  timedOut?: boolean;
  /** A message for the user, when the transport already knows it (an unusable start answer). */
  message?: string;
}

/** How a connection or an exchange ended. */
export interface TransportClose {
  /**
   * WebSocket close code. HTTP streams: 1000 when the response ended, 1006 when it broke.
   */
  code: number;
  /** Set when a request failed before its reply began (nothing was streamed). */
  failure?: RequestFailure;
}

/** What a transport reports. */
export interface TransportListener {
  /** The connection (or, per request, the reply's stream) is open. */
  onOpen(): void;
  /** One frame: a string for text, anything else for binary data. */
  onFrame(data: unknown): void;
  /** The connection or the exchange ended by itself (never after `close()`). */
  onClose(close: TransportClose): void;
  /** A heartbeat is due (`WebSocketSpec.heartbeat`). */
  onHeartbeat?(): void;
  /** A failed request will be tried again after `delayMs` (HTTP 429, timeouts …). */
  onRetry?(delayMs: number): void;
  /** A request is on its way (each attempt). */
  onConnecting?(): void;
  /** The URL cannot be opened, found only once the transport's code has loaded (the script-tag bundle's WebSocket; `open()` returns false otherwise). */
  onUnreachable?(): void;
}

export interface Transport {
  /**
   * `false`: one connection carries every message (`open()` it, then `send()` frames).
   * `true`: every `send()` is one exchange whose response streams the reply.
   */
  readonly perRequest: boolean;
  /** A connection is open, or (per request) an exchange is running. */
  readonly busy: boolean;
  /** Opens the connection (persistent transports; a no-op per request). Returns false when the URL cannot be opened. */
  open(): boolean;
  /** Persistent: writes one frame (false when not open). Per request: starts an exchange (false while one runs). */
  send(payload: string): boolean;
  /** Ends the connection or the running exchange on purpose; `onClose` is not called. */
  close(reason?: string): void;
  /** Live timers (for diagnostics and tests). */
  readonly timers: number;
}

/** What is wrong with a transport description an adapter returned, or `null`. */
export function transportProblem(spec: unknown): string | null {
  const s = (typeof spec === 'object' && spec !== null ? spec : {}) as Record<string, unknown>;
  if (s['kind'] !== 'websocket' && s['kind'] !== 'sse' && s['kind'] !== 'job') return 'transport() must return {kind: "websocket" | "sse" | "job", url, …}';
  if (typeof s['url'] !== 'string' || s['url'] === '') return 'transport() returned no url';
  const interval = (s['heartbeat'] as {intervalMs?: unknown} | undefined)?.intervalMs;
  if (s['heartbeat'] !== undefined && (typeof interval !== 'number' || !Number.isFinite(interval) || interval <= 0)) {
    return 'transport(): heartbeat.intervalMs must be a positive number';
  }
  if (s['kind'] === 'job' && typeof s['socketUrl'] !== 'function') return 'transport(): a "job" transport needs socketUrl()';
  return null;
}
