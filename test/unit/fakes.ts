/**
 * Fakes for the transport seams (`WebSocket` and `fetch` are injected through the
 * constructor options that exist for that; the globals are never touched).
 */

/** A fake WebSocket the test drives by hand: `serverOpen()`, `serverSend()`, `serverClose()`. */
export interface FakeSocket {
  readonly url: string;
  readyState: number;
  /** Frames the client wrote. */
  readonly sent: string[];
  /** How the client closed it (`null` while it did not). */
  closedBy: {code?: number; reason?: string} | null;
  onopen: ((e: Event) => void) | null;
  onmessage: ((e: MessageEvent) => void) | null;
  onclose: ((e: CloseEvent) => void) | null;
  onerror: ((e: Event) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  serverOpen(): void;
  serverSend(data: unknown): void;
  serverClose(code: number): void;
}

export interface FakeWebSocketClass {
  /** Pass this as the `WebSocket` option. */
  readonly Ctor: typeof WebSocket;
  /** Every socket created, oldest first. */
  readonly sockets: FakeSocket[];
  /** The newest socket (throws when none was created). */
  last(): FakeSocket;
}

/** A fresh fake WebSocket class (its own list of sockets, so tests do not share state). */
export function fakeWebSocketClass(options: {throwOnCreate?: boolean} = {}): FakeWebSocketClass {
  const sockets: FakeSocket[] = [];

  class FakeWebSocket implements FakeSocket {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;

    readyState = FakeWebSocket.CONNECTING;
    readonly sent: string[] = [];
    closedBy: {code?: number; reason?: string} | null = null;
    onopen: ((e: Event) => void) | null = null;
    onmessage: ((e: MessageEvent) => void) | null = null;
    onclose: ((e: CloseEvent) => void) | null = null;
    onerror: ((e: Event) => void) | null = null;

    constructor(readonly url: string) {
      if (options.throwOnCreate) throw new SyntaxError(`bad url ${url}`);
      sockets.push(this);
    }

    send(data: string): void {
      if (this.readyState !== FakeWebSocket.OPEN) throw new Error('InvalidStateError: not open');
      this.sent.push(data);
    }

    /** Like a real socket, the close event follows later (a detached client never hears it). */
    close(code?: number, reason?: string): void {
      this.closedBy = {code, reason};
      if (this.readyState === FakeWebSocket.CLOSED) return;
      this.readyState = FakeWebSocket.CLOSING;
      queueMicrotask(() => this.serverClose(code ?? 1005));
    }

    serverOpen(): void {
      this.readyState = FakeWebSocket.OPEN;
      this.onopen?.(new Event('open'));
    }

    serverSend(data: unknown): void {
      this.onmessage?.(new MessageEvent('message', {data}));
    }

    serverClose(code: number): void {
      if (this.readyState === FakeWebSocket.CLOSED) return;
      this.readyState = FakeWebSocket.CLOSED;
      this.onclose?.(new CloseEvent('close', {code}));
    }
  }

  return {
    Ctor: FakeWebSocket as unknown as typeof WebSocket,
    sockets,
    last() {
      const socket = sockets[sockets.length - 1];
      if (!socket) throw new Error('no socket was created');
      return socket;
    },
  };
}

/** One call the fake fetch received. */
export interface FetchCall {
  url: string;
  init: RequestInit;
  /** `init.signal` (every request of the transports carries one). */
  signal: AbortSignal;
  /** `init.headers` as a plain object. */
  headers: Record<string, string>;
  body: string;
}

/** A fake `fetch`: records its calls and answers with `respond()`. */
export function fakeFetch(respond: (call: FetchCall, index: number) => Response | Promise<Response>): {fetch: typeof fetch; calls: FetchCall[]} {
  const calls: FetchCall[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call: FetchCall = {
      url: String(input),
      init,
      signal: init.signal ?? new AbortController().signal,
      headers: {...(init.headers as Record<string, string> | undefined)},
      body: typeof init.body === 'string' ? init.body : '',
    };
    const index = calls.push(call) - 1;
    const aborted = () => new DOMException('The operation was aborted.', 'AbortError');
    if (call.signal.aborted) throw aborted();
    // Like a real fetch, an abort rejects a request whose response has not come yet.
    return new Promise<Response>((resolve, reject) => {
      call.signal.addEventListener('abort', () => reject(aborted()), {once: true});
      Promise.resolve()
        .then(() => respond(call, index))
        .then(resolve, reject);
    });
  }) as typeof fetch;
  return {fetch: fetchFn, calls};
}

/** A response body the test writes to by hand; it errors when `signal` aborts, as a real fetch body does. */
export interface ManualStream {
  readonly body: ReadableStream<Uint8Array>;
  write(text: string): void;
  end(): void;
  fail(error?: unknown): void;
}

export function manualStream(signal?: AbortSignal): ManualStream {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let done = false;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  const finish = (fn: () => void) => {
    if (done) return;
    done = true;
    fn();
  };
  signal?.addEventListener('abort', () => finish(() => controller.error(new DOMException('The operation was aborted.', 'AbortError'))), {once: true});
  return {
    body,
    write: (text) => {
      if (!done) controller.enqueue(encoder.encode(text));
    },
    end: () => finish(() => controller.close()),
    fail: (error = new TypeError('network error')) => finish(() => controller.error(error)),
  };
}

/** `data:` events, each followed by a blank line. */
export function sseEvents(...data: string[]): string {
  return data.map((d) => `data: ${d}\n\n`).join('');
}

/** A response whose body is the SSE events, ending after them. */
export function sseResponse(...data: string[]): Response {
  return new Response(sseEvents(...data), {status: 200, headers: {'Content-Type': 'text/event-stream'}});
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), {status, headers: {'Content-Type': 'application/json', ...headers}});

/** Lets pending promise callbacks and a zero-delay timer run. */
export function settle(ms = 0): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `predicate` on timers until it holds (fails the test after `tries` rounds). */
export async function until(predicate: () => boolean, what: string, tries = 200): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (predicate()) return;
    await settle(i < 20 ? 0 : 5);
  }
  throw new Error(`timed out waiting until ${what}`);
}
