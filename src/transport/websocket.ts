import {addEnglish, type ChatStrings, type SocketKey} from '../i18n/strings.js';
import {Timers} from './timers.js';
import type {Transport, TransportListener, WebSocketSpec} from './transport.js';

/**
 * The English of a persistent connection's states (see `addEnglish`): only a WebSocket is ever
 * Online or Reconnecting (an HTTP protocol is Ready, Replying …), so they come with its code.
 */
const SOCKET_EN: Pick<ChatStrings, SocketKey> = {
  statusOpen: 'Online',
  statusReconnecting: 'Reconnecting…',
  networkLost: 'Connection lost. Trying again…',
};
addEnglish(SOCKET_EN);

export interface WebSocketOptions {
  /** Give up a socket that has not opened after this long, ms (reported as close 1006). */
  connectTimeout: number;
  /** The WebSocket constructor (injectable for unit tests). */
  WebSocket?: typeof WebSocket;
  /** Clock for the heartbeat's silence check (injectable for unit tests). */
  now?: () => number;
}

/**
 * One WebSocket at a time: opens it (with a connect timeout), delivers its frames,
 * runs the heartbeat clock (a socket silent for too long is given up as close 1006)
 * and reports how it closed. Reconnecting is the controller's decision.
 */
export class WebSocketTransport implements Transport {
  readonly perRequest = false;
  readonly #timers = new Timers();
  #ws: WebSocket | null = null;
  #lastFrameAt = 0;

  constructor(
    private readonly spec: () => Pick<WebSocketSpec, 'url' | 'heartbeat'>,
    private readonly listener: TransportListener,
    private readonly options: WebSocketOptions,
  ) {}

  get busy(): boolean {
    return this.#ws !== null;
  }

  get timers(): number {
    return this.#timers.size;
  }

  get #Ctor(): typeof WebSocket {
    return this.options.WebSocket ?? WebSocket;
  }

  #now(): number {
    return (this.options.now ?? Date.now)();
  }

  open(): boolean {
    if (this.#ws) return true;
    const {url, heartbeat} = this.spec();
    let ws: WebSocket;
    try {
      ws = new this.#Ctor(url);
    } catch {
      return false;
    }
    this.#ws = ws;
    ws.onopen = () => {
      this.#timers.clear('connect');
      this.#lastFrameAt = this.#now();
      if (heartbeat) this.#heartbeat(heartbeat.intervalMs);
      this.listener.onOpen();
    };
    ws.onmessage = (e: MessageEvent) => {
      this.#lastFrameAt = this.#now();
      this.listener.onFrame(e.data);
    };
    ws.onclose = (e: CloseEvent) => this.#closed(e.code);
    this.#timers.set('connect', this.options.connectTimeout, () => {
      if (ws.readyState === this.#Ctor.CONNECTING) this.#abandon();
    });
    return true;
  }

  send(payload: string): boolean {
    if (this.#ws?.readyState !== this.#Ctor.OPEN) return false;
    this.#ws.send(payload);
    return true;
  }

  close(reason = 'client closed'): void {
    const ws = this.#detach();
    ws?.close(1000, reason);
  }

  #heartbeat(interval: number): void {
    this.#timers.set('heartbeat', interval, () => {
      // Timestamps, not timer counts: hidden tabs throttle timers.
      if (this.#now() - this.#lastFrameAt > interval * 2 + 5_000) return this.#abandon();
      this.listener.onHeartbeat?.();
      this.#heartbeat(interval);
    });
  }

  /** Gives up on a socket that does not open or has gone silent. */
  #abandon(): void {
    this.#detach()?.close();
    this.listener.onClose({code: 1006});
  }

  #closed(code: number): void {
    this.#detach();
    this.listener.onClose({code});
  }

  /** Forgets the socket (its late callbacks are ignored) and clears the timers. */
  #detach(): WebSocket | null {
    const ws = this.#ws;
    this.#ws = null;
    this.#timers.clearAll();
    if (ws) ws.onopen = ws.onmessage = ws.onclose = null;
    return ws;
  }
}
