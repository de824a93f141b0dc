/**
 * The script-tag bundle's ./request-transports.ts (vite.config.ts puts this module in its place):
 * the HTTP transports' code (SSE reader, HTTP start with retries) is a chunk of its own, which a
 * widget over a WebSocket protocol never loads, and the `job` flow another beside it, which only
 * `job` loads. The built-in HTTP protocols load them beside their adapter's chunk
 * ({@link preloadRequestTransports}, from ../protocols/builtin-lazy.ts), so they are there when
 * they connect; an adapter registered by the page that asks for `sse` or `job` has its first
 * request wait for the chunk.
 */
import type {HttpOptions} from './http.js';
import type {JobSpec, SseSpec, Transport, TransportListener} from './transport.js';
import type {WebSocketOptions} from './websocket.js';

export type RequestKind = 'sse' | 'job';
type Options = HttpOptions & WebSocketOptions;
type Factory = (spec: () => SseSpec | JobSpec, listener: TransportListener, options: Options) => Transport;

const IMPORTS: Readonly<Record<RequestKind, () => Promise<Factory>>> = {
  sse: () => import('./sse-transport.js').then((m) => (spec, listener, options) => new m.SseTransport(spec, listener, options)),
  job: () => import('./job.js').then((m) => (spec, listener, options) => new m.JobTransport(spec as () => JobSpec, listener, options)),
};

const loading: Partial<Record<RequestKind, Promise<Factory>>> = {};

/** Starts loading the code of the transports of `kind` (once; again after a failure). */
export function preloadRequestTransports(kind: RequestKind): Promise<Factory> {
  return (loading[kind] ??= IMPORTS[kind]().catch((error: unknown) => {
    delete loading[kind];
    throw error;
  }));
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
  readonly #kind: RequestKind;
  readonly #make: (factory: Factory) => Transport;
  readonly #listener: TransportListener;
  #inner: Transport | null = null;
  #waiting: string | null = null;

  constructor(kind: RequestKind, spec: () => SseSpec | JobSpec, listener: TransportListener, options: Options) {
    this.#kind = kind;
    this.#make = (factory) => factory(spec, listener, options);
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
    preloadRequestTransports(this.#kind).then(
      (factory) => {
        this.#inner ??= this.#make(factory);
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
