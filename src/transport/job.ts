import {isRequestFailure, post, type HttpOptions} from './http.js';
import {RequestTransport} from './request-transport.js';
import type {JobSpec} from './transport.js';
import {WebSocketTransport, type WebSocketOptions} from './websocket.js';

/**
 * A job per message: `send()` `POST`s the start request (with a timeout per attempt and
 * bounded retries: timeouts, network failures, 5xx, 429 after its `Retry-After`), then opens
 * the WebSocket the answer names; that socket streams the job's result and closes.
 */
export class JobTransport extends RequestTransport<Omit<JobSpec, 'kind'>, HttpOptions & WebSocketOptions> {
  #socket: WebSocketTransport | null = null;

  override get timers(): number {
    return super.timers + (this.#socket?.timers ?? 0);
  }

  override close(reason?: string): void {
    super.close(reason);
    this.#socket?.close(reason);
    this.#socket = null;
  }

  protected async exchange(payload: string, signal: AbortSignal, live: () => boolean): Promise<void> {
    const spec = this.spec();
    let url: string;
    try {
      const response = await post(spec, payload, 'application/json', signal, {...this.options, retryOn: 'any'}, this.clock.schedule, this.listener);
      const body = await response.text();
      try {
        url = spec.socketUrl(body, response.status);
      } catch (error) {
        throw {status: response.status, message: error instanceof Error ? error.message : String(error)};
      }
    } catch (failure) {
      // A body that could not be read after a 2xx is a network failure like any other.
      if (live()) this.end({code: 1006, failure: isRequestFailure(failure) ? failure : {status: 0}});
      return;
    }
    if (!live()) return;
    const socket = new WebSocketTransport(
      () => ({url}),
      {
        onOpen: () => this.listener.onOpen(),
        onFrame: (data) => this.listener.onFrame(data),
        onClose: (close) => {
          this.#socket = null;
          this.end(close);
        },
      },
      this.options,
    );
    this.#socket = socket;
    if (!socket.open()) {
      this.#socket = null;
      this.end({code: 1006, failure: {status: 0}});
    }
  }
}
