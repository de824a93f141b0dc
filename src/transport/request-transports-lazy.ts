/**
 * The script-tag bundle's ./request-transports.ts (vite.config.ts puts this module in its place):
 * the HTTP transports' code (SSE reader, HTTP start with retries) is a chunk of its own, which a
 * widget over a WebSocket protocol never loads, and the `job` flow another beside it, which only
 * `job` loads; the WebSocket transport a third (`socket`, with the URL and frame helpers only the
 * WebSocket adapters use), which an HTTP protocol never loads. The built-in protocols load theirs
 * beside their adapter's chunk ({@link preloadTransport}, from ../protocols/builtin-lazy.ts),
 * so they are there when they connect; an adapter registered by the page that asks for `sse` or
 * `job` has its first request wait for the chunk, one that asks for `websocket` its first socket.
 */
import {retryable} from '../core/retryable.js';
import type {HttpOptions} from './http.js';
import type {JobSpec, SseSpec, Transport, TransportListener, TransportSpec, WebSocketSpec} from './transport.js';
import type {WebSocketOptions} from './websocket.js';

export type RequestKind = 'sse' | 'job';
type Kind = RequestKind | 'websocket';
type Options = HttpOptions & WebSocketOptions;
type Factory = (spec: () => never, listener: TransportListener, options: Options) => Transport;

const IMPORTS: Readonly<Record<Kind, () => Promise<Factory>>> = {
  sse: () => import('./sse-transport.js').then((m) => (spec, listener, options) => new m.SseTransport(spec, listener, options)),
  job: () => import('./job.js').then((m) => (spec, listener, options) => new m.JobTransport(spec, listener, options)),
  websocket: () => import('./websocket.js').then((m) => (spec, listener, options) => new m.WebSocketTransport(spec, listener, options)),
};

const LOADS = Object.fromEntries(Object.entries(IMPORTS).map(([kind, load]) => [kind, retryable(load)])) as Record<Kind, () => Promise<Factory>>;

/** Starts loading the code of the transports of `kind` (once; again after a failure). */
export function preloadTransport(kind: Kind): Promise<Factory> {
  return LOADS[kind]();
}

/** A transport of kind `sse` or `job`: the real one once its chunk has loaded. */
export function requestTransport(kind: RequestKind, spec: () => SseSpec | JobSpec, listener: TransportListener, options: Options): Transport {
  return new LazyTransport(kind, spec, listener, options);
}

/** The WebSocket transport: the real one once its chunk has loaded. */
export function socketTransport(spec: () => WebSocketSpec, listener: TransportListener, options: WebSocketOptions): Transport {
  return new LazyTransport('websocket', spec, listener, options as Options);
}

/**
 * Stands for a transport until its code has loaded. Per request (HTTP): a request sent meanwhile
 * waits for it (busy), and goes out then unless closed first; a chunk that fails to load fails
 * the request as a network error would (close 1006, status 0). A WebSocket: a socket opened
 * meanwhile opens once it has (busy: the status stays `connecting`) unless closed first; a chunk
 * that fails to load fails the socket as an unreachable server would (close 1006: retried with
 * backoff).
 */
class LazyTransport implements Transport {
  readonly perRequest: boolean;
  readonly #kind: Kind;
  readonly #make: (factory: Factory) => Transport;
  readonly #listener: TransportListener;
  #inner: Transport | null = null;
  /** What waits for the code: the request's payload, or (a WebSocket) `''` for the socket to open. */
  #waiting: string | null = null;

  constructor(kind: Kind, spec: () => TransportSpec, listener: TransportListener, options: Options) {
    this.perRequest = kind !== 'websocket';
    this.#kind = kind;
    this.#make = (factory) => factory(spec as () => never, listener, options);
    this.#listener = listener;
  }

  get busy(): boolean {
    return this.#waiting !== null || (this.#inner?.busy ?? false);
  }

  get timers(): number {
    return this.#inner?.timers ?? 0;
  }

  open(): boolean {
    return this.perRequest || (this.#inner ? this.#inner.open() : this.#load(''));
  }

  send(payload: string): boolean {
    if (this.#inner) return this.#inner.send(payload);
    return this.perRequest && this.#waiting === null && this.#load(payload);
  }

  close(reason?: string): void {
    this.#waiting = null;
    this.#inner?.close(reason);
  }

  #load(payload: string): true {
    if (this.#waiting !== null) return true;
    this.#waiting = payload;
    preloadTransport(this.#kind).then(
      (factory) => {
        const inner = (this.#inner ??= this.#make(factory));
        const waiting = this.#waiting;
        if (waiting === null) return;
        this.#waiting = null;
        if (this.perRequest) inner.send(waiting);
        else if (!inner.open()) this.#listener.onUnreachable?.();
      },
      () => {
        if (this.#waiting === null) return;
        this.#waiting = null;
        this.#listener.onClose(this.perRequest ? {code: 1006, failure: {status: 0}} : {code: 1006});
      },
    );
    return true;
  }
}
