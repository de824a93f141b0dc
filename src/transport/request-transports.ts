/**
 * The transports: the HTTP ones (`sse`, and `job`: an HTTP start, then a WebSocket), made by kind,
 * and the WebSocket. In the script-tag bundle ./request-transports-lazy.ts takes the place of this
 * module (vite.config.ts): the same functions, with the transports' code in chunks of their own,
 * loaded when first needed.
 */
import type {HttpOptions} from './http.js';
import {JobTransport} from './job.js';
import {SseTransport} from './sse-transport.js';
import type {JobSpec, SseSpec, Transport, TransportListener, WebSocketSpec} from './transport.js';
import {WebSocketTransport, type WebSocketOptions} from './websocket.js';

export type RequestKind = 'sse' | 'job';

/** A transport of kind `sse` or `job`. */
export function requestTransport(
  kind: RequestKind,
  spec: () => SseSpec | JobSpec,
  listener: TransportListener,
  options: HttpOptions & WebSocketOptions,
): Transport {
  return kind === 'sse' ? new SseTransport(spec, listener, options) : new JobTransport(spec as () => JobSpec, listener, options);
}

/** The WebSocket transport. */
export function socketTransport(spec: () => WebSocketSpec, listener: TransportListener, options: WebSocketOptions): Transport {
  return new WebSocketTransport(spec, listener, options);
}
