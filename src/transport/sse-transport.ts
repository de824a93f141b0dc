import {isRequestFailure, post} from './http.js';
import {RequestTransport} from './request-transport.js';
import {readSse} from './sse.js';
import type {SseSpec} from './transport.js';

/**
 * Server-Sent Events over `fetch`: every `send()` is one `POST` whose response streams
 * the reply. Each event's `data` is one frame. The exchange ends with close 1000 when
 * the response ends (whether the protocol's end marker came is the adapter's call),
 * 1006 when the stream broke; a request that failed before streaming reports its
 * failure. `close()` aborts the request, so the server sees it end.
 */
export class SseTransport extends RequestTransport<Omit<SseSpec, 'kind'>> {
  protected async exchange(payload: string, signal: AbortSignal, live: () => boolean): Promise<void> {
    let response: Response;
    try {
      response = await post(this.spec(), payload, 'text/event-stream', signal, {...this.options, retryOn: 'rate-limit'}, this.clock.schedule, this.listener);
    } catch (failure) {
      if (live()) this.end({code: 1006, failure: isRequestFailure(failure) ? failure : {status: 0}});
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
    if (live()) this.end({code});
  }
}
