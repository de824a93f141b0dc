import {isRequestFailure, post, type HttpOptions} from './http.js';
import {Timers} from './timers.js';
import type {JobSpec, Transport, TransportListener} from './transport.js';
import {WebSocketTransport, type WebSocketOptions} from './websocket.js';

/**
 * A job per message: `send()` `POST`s the start request (with a timeout per attempt and
 * bounded retries: timeouts, network failures, 5xx, 429 after its `Retry-After`), then opens
 * the WebSocket the answer names; that socket streams the job's result and closes.
 */
export class JobTransport implements Transport {
  readonly perRequest = true;
  readonly #timers = new Timers();
  #abort: AbortController | null = null;
  #socket: WebSocketTransport | null = null;

  constructor(
    private readonly spec: () => Omit<JobSpec, 'kind'>,
    private readonly listener: TransportListener,
    private readonly options: HttpOptions & WebSocketOptions,
  ) {}

  get busy(): boolean {
    return this.#abort !== null;
  }

  get timers(): number {
    return this.#timers.size + (this.#socket?.timers ?? 0);
  }

  open(): boolean {
    return true;
  }

  send(payload: string): boolean {
    if (this.#abort) return false;
    const abort = new AbortController();
    this.#abort = abort;
    void this.#run(payload, abort);
    return true;
  }

  close(reason?: string): void {
    const abort = this.#abort;
    this.#abort = null;
    this.#timers.clearAll();
    abort?.abort();
    this.#socket?.close(reason);
    this.#socket = null;
  }

  async #run(payload: string, abort: AbortController): Promise<void> {
    const spec = this.spec();
    let url: string;
    try {
      const response = await post(spec, payload, 'application/json', abort.signal, {...this.options, retryOn: 'any'}, this.#timers.schedule, this.listener);
      const body = await response.text();
      try {
        url = spec.socketUrl(body, response.status);
      } catch (error) {
        throw {status: response.status, message: error instanceof Error ? error.message : String(error)};
      }
    } catch (failure) {
      // A body that could not be read after a 2xx is a network failure like any other.
      if (this.#abort === abort) this.#end({code: 1006, failure: isRequestFailure(failure) ? failure : {status: 0}});
      return;
    }
    if (this.#abort !== abort) return;
    const socket = new WebSocketTransport(
      () => ({url}),
      {
        onOpen: () => this.listener.onOpen(),
        onFrame: (data) => this.listener.onFrame(data),
        onClose: (close) => {
          this.#socket = null;
          this.#end(close);
        },
      },
      this.options,
    );
    this.#socket = socket;
    if (!socket.open()) {
      this.#socket = null;
      this.#end({code: 1006, failure: {status: 0}});
    }
  }

  #end(close: Parameters<TransportListener['onClose']>[0]): void {
    this.#abort = null;
    this.#timers.clearAll();
    this.listener.onClose(close);
  }
}
