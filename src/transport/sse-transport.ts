import {isRequestFailure, post, type HttpOptions} from './http.js';
import {readSse} from './sse.js';
import {Timers} from './timers.js';
import type {SseSpec, Transport, TransportListener} from './transport.js';

/**
 * Server-Sent Events over `fetch`: every `send()` is one `POST` whose response streams
 * the reply. Each event's `data` is one frame. The exchange ends with close 1000 when
 * the response ends (whether the protocol's end marker came is the adapter's call),
 * 1006 when the stream broke; a request that failed before streaming reports its
 * failure. `close()` aborts the request, so the server sees it end.
 */
export class SseTransport implements Transport {
  readonly perRequest = true;
  readonly #timers = new Timers();
  #abort: AbortController | null = null;

  constructor(
    private readonly spec: () => Omit<SseSpec, 'kind'>,
    private readonly listener: TransportListener,
    private readonly options: HttpOptions,
  ) {}

  get busy(): boolean {
    return this.#abort !== null;
  }

  get timers(): number {
    return this.#timers.size;
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

  close(): void {
    const abort = this.#abort;
    this.#abort = null;
    this.#timers.clearAll();
    abort?.abort();
  }

  async #run(payload: string, abort: AbortController): Promise<void> {
    const live = () => this.#abort === abort;
    let response: Response;
    try {
      response = await post(this.spec(), payload, 'text/event-stream', abort.signal, {...this.options, retryOn: 'rate-limit'}, this.#timers.schedule, this.listener);
    } catch (failure) {
      if (live()) this.#end({code: 1006, failure: isRequestFailure(failure) ? failure : {status: 0}});
      return;
    }
    if (!live()) return;
    this.listener.onOpen();
    let code = 1000;
    try {
      if (response.body) await readSse(response.body, (event) => live() && this.listener.onFrame(event.data));
    } catch {
      code = 1006;
    }
    if (live()) this.#end({code});
  }

  #end(close: Parameters<TransportListener['onClose']>[0]): void {
    this.#abort = null;
    this.#timers.clearAll();
    this.listener.onClose(close);
  }
}
