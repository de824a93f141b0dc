import type {HttpOptions} from './http.js';
import {Timers} from './timers.js';
import type {Transport, TransportClose, TransportListener} from './transport.js';

/**
 * What the per-request transports share: one exchange at a time, started by `send()` and
 * ended by the response (`onClose`) or on purpose (`close()`, which aborts it).
 */
export abstract class RequestTransport<Spec, Options extends HttpOptions = HttpOptions> implements Transport {
  readonly perRequest = true;
  protected readonly clock = new Timers();
  #abort: AbortController | null = null;

  constructor(
    protected readonly spec: () => Spec,
    protected readonly listener: TransportListener,
    protected readonly options: Options,
  ) {}

  get busy(): boolean {
    return this.#abort !== null;
  }

  get timers(): number {
    return this.clock.size;
  }

  open(): boolean {
    return true;
  }

  send(payload: string): boolean {
    if (this.#abort) return false;
    const abort = new AbortController();
    this.#abort = abort;
    void this.exchange(payload, abort.signal, () => this.#abort === abort);
    return true;
  }

  close(_reason?: string): void {
    const abort = this.#abort;
    this.#abort = null;
    this.clock.clearAll();
    abort?.abort();
  }

  /** The exchange ended by itself. */
  protected end(close: TransportClose): void {
    this.#abort = null;
    this.clock.clearAll();
    this.listener.onClose(close);
  }

  /**
   * Runs one exchange. `live()` turns false once it was closed on purpose (report nothing
   * then); `signal` aborts with it.
   */
  protected abstract exchange(payload: string, signal: AbortSignal, live: () => boolean): Promise<void>;
}
