/**
 * The script-tag bundle's ./request-transports.ts (vite.config.ts puts this module in its place):
 * the HTTP transports' code (SSE reader, HTTP start with retries, the `job` flow) is a chunk of
 * its own, which a widget over a WebSocket protocol never loads. The built-in HTTP protocols
 * load it beside their adapter's chunk ({@link preloadRequestTransports}, from
 * ../protocols/builtin-lazy.ts), so it is there when they connect; an adapter registered by the
 * page that asks for `sse` or `job` has its first request wait for the chunk.
 */
import type {HttpOptions} from './http.js';
import type {JobSpec, SseSpec, Transport, TransportListener} from './transport.js';
import type {WebSocketOptions} from './websocket.js';

export type RequestKind = 'sse' | 'job';
type Options = HttpOptions & WebSocketOptions;
type Factory = (spec: () => SseSpec | JobSpec, listener: TransportListener, options: Options) => Transport;

let loading: Promise<Record<RequestKind, Factory>> | null = null;

/** Starts loading the HTTP transports' chunk (once; again after a failure). */
export function preloadRequestTransports(): Promise<Record<RequestKind, Factory>> {
  loading ??= Promise.all([import('./sse-transport.js'), import('./job.js')]).then(
    ([sse, job]) => ({
      sse: (spec, listener, options) => new sse.SseTransport(spec, listener, options),
      job: (spec, listener, options) => new job.JobTransport(spec as () => JobSpec, listener, options),
    }),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** A transport of kind `sse` or `job`: the real one once its chunk has loaded. */
export function requestTransport(kind: RequestKind, spec: () => SseSpec | JobSpec, listener: TransportListener, options: Options): Transport {
  return new LazyRequestTransport(kind, spec, listener, options);
}

/**
 * Stands for an HTTP transport until its code has loaded: a request sent meanwhile waits for it
 * (busy), and goes out then unless closed first; a chunk that fails to load fails the request
 * as a network error would (close 1006, status 0).
 */
class LazyRequestTransport implements Transport {
  readonly perRequest = true;
  readonly #make: (factories: Record<RequestKind, Factory>) => Transport;
  readonly #listener: TransportListener;
  #inner: Transport | null = null;
  #waiting: string | null = null;

  constructor(kind: RequestKind, spec: () => SseSpec | JobSpec, listener: TransportListener, options: Options) {
    this.#make = (factories) => factories[kind](spec, listener, options);
    this.#listener = listener;
  }

  get busy(): boolean {
    return this.#waiting !== null || (this.#inner?.busy ?? false);
  }

  get timers(): number {
    return this.#inner?.timers ?? 0;
  }

  open(): boolean {
    return true;
  }

  send(payload: string): boolean {
    if (this.#inner) return this.#inner.send(payload);
    if (this.#waiting !== null) return false;
    this.#waiting = payload;
    preloadRequestTransports().then(
      (factories) => {
        this.#inner ??= this.#make(factories);
        const waiting = this.#waiting;
        this.#waiting = null;
        if (waiting !== null) this.#inner.send(waiting);
      },
      () => {
        if (this.#waiting === null) return;
        this.#waiting = null;
        this.#listener.onClose({code: 1006, failure: {status: 0}});
      },
    );
    return true;
  }

  close(reason?: string): void {
    this.#waiting = null;
    this.#inner?.close(reason);
  }
}
