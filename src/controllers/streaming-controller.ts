import type {ReactiveController, ReactiveControllerHost} from '@lit/reactive-element';
import type {ChatEvent, OutgoingAction} from '../core/chat-event.js';
import type {ChatState} from '../core/state.js';
import type {Store} from '../core/store.js';
import type {ChatEventDetails, ChatEventName} from '../events/index.js';
import {HttpError, type AdapterContext, type ProtocolAdapter} from '../protocols/protocol-adapter.js';
import {DEFAULT_BACKOFF, nextDelay, RETRY_CLOSE_CODES, TERMINAL_CLOSE_CODES} from '../transport/backoff.js';
import {startWithRetry} from '../transport/start-retry.js';
import type {ChatConfig, ChatMessage, ConnectionStatus, ErrorKind} from '../types.js';

/** A configured protocol, ready to connect. */
export interface ResolvedConfig {
  config: ChatConfig;
  adapter: ProtocolAdapter;
}

/** What the controller needs from the element. */
export interface StreamingHost extends ReactiveControllerHost {
  emit<N extends ChatEventName>(name: N, detail: ChatEventDetails[N]): boolean;
  /** User-facing text for a problem (strings table). */
  describe(problem: StreamingProblem): string;
}

/** Problems the controller reports in the user's words (keys of the strings table). */
export type StreamingProblem = 'networkLost' | 'networkUnreachable' | 'jobLost' | 'jobTimeout' | 'outboxFull' | 'frameIgnored' | 'stalled';

export interface StreamingOptions {
  /** Give up opening a socket (or one attempt of a `per-request` HTTP start) after this long, ms. */
  connectTimeout: number;
  /** A sent message whose reply shows no first frame within this long is "stalled" (0: never), ms. */
  stallTimeout: number;
  /** `per-request` starts: retries after timeouts, network failures, 5xx and 429. */
  startRetries: number;
  /** Longest `Retry-After` worth waiting for on a 429, ms; longer fails at once. */
  maxRetryAfter: number;
  /** A connection that stays up this long resets the backoff, ms. */
  minUptime: number;
  /** Longest the outbox grows while offline. */
  outboxLimit: number;
  /** How long to wait for a protocol's "ready" frame before sending anyway, ms. */
  readyTimeout: number;
  backoff: {base: number; cap: number};
  random: () => number;
}

export const DEFAULT_STREAMING_OPTIONS: StreamingOptions = {
  connectTimeout: 10_000,
  stallTimeout: 20_000,
  startRetries: 3,
  maxRetryAfter: 30_000,
  minUptime: 5_000,
  outboxLimit: 50,
  readyTimeout: 5_000,
  backoff: DEFAULT_BACKOFF,
  random: Math.random,
};

type ChatAction = Extract<OutgoingAction, {type: 'chat'}>;

const randomId = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `id-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;


/** Events that show the server is working on the reply in flight (its "first frame"). */
function isReplyActivity(event: ChatEvent): boolean {
  switch (event.type) {
    case 'reply.start':
    case 'reply.delta':
    case 'reply.end':
    case 'user.echo':
    case 'progress':
    case 'emergency':
      return true;
    case 'message':
      return event.role !== 'user';
    case 'typing':
      return event.on;
    case 'error':
      return event.kind === 'server';
    default:
      return false;
  }
}

/** Events that finish the reply to the oldest message in flight. */
function isReplyEnd(event: ChatEvent): boolean {
  return event.type === 'reply.end' || (event.type === 'message' && event.role !== 'user') || (event.type === 'error' && event.kind === 'server');
}

/**
 * Owns the connection of one widget: opens the protocol's socket when the
 * host is connected, turns frames into store actions through the adapter,
 * sends user messages (queued while offline), reconnects with capped jittered
 * backoff after a broken connection but never loops after a deliberate end,
 * and closes everything when the host is removed.
 *
 * Delivery rule ("no user message lost or sent twice"): a message leaves the
 * outbox when it was written to an open socket (or its `per-request` start
 * succeeded), and is never re-sent automatically. When the socket breaks before
 * the reply to a sent message began, that message is marked `interrupted` and
 * offers Retry. When a reply shows no first frame within `stallTimeout`, the
 * widget shows a stalled notice; its Retry abandons that socket (so a late
 * reply on it can never arrive) and sends the unanswered messages once more on
 * a fresh one, keeping their ids.
 */
export class StreamingController implements ReactiveController {
  readonly options: StreamingOptions;
  #resolved: ResolvedConfig | null = null;
  #active = false;
  #socket: WebSocket | null = null;
  /** Bumped for every socket; callbacks of replaced sockets are ignored. */
  #generation = 0;
  #ready = false;
  #attempt = 0;
  /** The server is done with this socket by design (`end` event): its close is expected. */
  #expectClose = false;
  #jobRunning = false;
  #jobAbort: AbortController | null = null;
  /** `per-request`: the message whose job socket is open. */
  #jobAction: ChatAction | null = null;
  #lastFrameAt = 0;
  readonly #outbox: ChatAction[] = [];
  /** Sent on the current socket, reply not finished yet (oldest first). */
  readonly #inFlight: ChatAction[] = [];
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  #timerSeq = 0;

  constructor(
    private readonly host: StreamingHost,
    private readonly store: Store,
    options: Partial<StreamingOptions> = {},
  ) {
    this.options = {...DEFAULT_STREAMING_OPTIONS, ...options};
    host.addController(this);
  }

  /** Changes timing options (timeouts, backoff); they apply from the next use. */
  setOptions(options: Partial<StreamingOptions>): void {
    Object.assign(this.options, options);
    if (options.stallTimeout !== undefined && this.#timers.has('stall')) {
      this.#clearTimer('stall');
      this.#armStall();
    }
  }

  /** The connection is wanted: open it when configured. */
  hostConnected(): void {
    this.#active = true;
    window.addEventListener('online', this.#wake);
    window.addEventListener('pageshow', this.#wake);
    document.addEventListener('visibilitychange', this.#wake);
  }

  hostDisconnected(): void {
    this.#active = false;
    window.removeEventListener('online', this.#wake);
    window.removeEventListener('pageshow', this.#wake);
    document.removeEventListener('visibilitychange', this.#wake);
    this.#teardown();
    this.#setStatus('closed');
  }

  /**
   * Sets (or replaces) the protocol and settings. A live connection is reopened
   * with them, unless `soft`: settings that only shape outgoing frames (context,
   * voice, form defaults) apply to the next frame without reconnecting.
   * Pending user messages in the store (typed offline, or restored after a
   * reload) are queued again, in order.
   */
  configure(resolved: ResolvedConfig | null, soft = false): void {
    if (soft && resolved && this.#resolved?.adapter === resolved.adapter) {
      this.#resolved = resolved;
      return;
    }
    const wasLive = this.#socket !== null || this.#timers.has('retry');
    this.#teardown();
    this.#resolved = resolved;
    this.#outbox.length = 0;
    for (const m of this.store.state.messages) if (m.status === 'pending' && m.role === 'user') this.#outbox.push(this.#chatAction(m));
    if (!resolved) return this.#setStatus('error');
    this.#ensureIds();
    if (wasLive) this.connect();
  }

  get configured(): boolean {
    return this.#resolved !== null;
  }

  /** Opens the connection now (resets the backoff). */
  connect(): void {
    if (!this.#resolved || !this.#active) return;
    this.#attempt = 0;
    this.#clearTimer('retry');
    if (this.#resolved.adapter.mode === 'per-request') {
      this.#flush();
      return;
    }
    if (!this.#socket) this.#openSocket(this.#resolved.adapter.socketUrl!(this.#context()));
  }

  /** Closes the connection on purpose; pending messages stay queued. */
  disconnect(): void {
    this.#teardown();
    this.#setStatus('closed');
  }

  /**
   * Sends a user message (queued while not connected). Returns its id, or
   * null when nothing was sent (empty, vetoed by `chat-send`, session over, outbox full).
   */
  send(text: string, extra: {platform?: string; topic?: string} = {}): string | null {
    const trimmed = text.trim();
    const state = this.store.state;
    if (!trimmed || !this.#resolved || state.sessionEnded) return null;
    const message: ChatMessage = {
      id: randomId(),
      role: 'user',
      text: trimmed,
      status: 'pending',
      createdAt: Date.now(),
      meta: this.#resolved.adapter.mode === 'per-request' ? {platform: extra.platform, topic: extra.topic} : {},
    };
    if (!this.host.emit('chat-send', {message})) return null;
    if (this.#outbox.length >= this.options.outboxLimit) {
      this.#error('network', this.host.describe('outboxFull'));
      return null;
    }
    this.store.dispatch({type: 'ui.user', message});
    this.#enqueue(this.#chatAction(message));
    return message.id;
  }

  /**
   * Sends a user message again that did not get through (status `interrupted` or
   * `error`): same id, same text, queued behind anything already waiting.
   * Returns false when there is no such message.
   */
  retry(id: string): boolean {
    const message = this.store.state.messages.find((m) => m.id === id);
    if (!message || message.role !== 'user' || (message.status !== 'interrupted' && message.status !== 'error')) return false;
    if (!this.#resolved || this.store.state.sessionEnded) return false;
    this.store.dispatch({type: 'ui.user.status', id, status: 'pending'});
    this.store.dispatch({type: 'ui.awaiting'});
    this.#enqueue(this.#chatAction(message));
    return true;
  }

  /**
   * The stalled notice's Retry: abandons the socket whose reply never began (a late
   * reply on it can no longer arrive) and sends the unanswered messages once more,
   * in order and with the same ids, on a fresh connection. Returns false when
   * nothing is stalled.
   */
  retryStalled(): boolean {
    if (!this.store.state.stalled || !this.#resolved || !this.#active) return false;
    const again = this.#inFlight.splice(0);
    this.#jobAction = null;
    this.store.dispatch({type: 'ui.stalled', id: null});
    this.#dropSocket('reply stalled');
    this.#outbox.unshift(...again);
    for (const action of again) this.store.dispatch({type: 'ui.user.status', id: action.clientId, status: 'pending'});
    this.store.dispatch({type: 'ui.awaiting'});
    if (this.#resolved.adapter.mode === 'per-request') {
      this.#jobRunning = false;
      this.#flush();
    } else {
      this.#attempt = 0;
      this.#clearTimer('retry');
      this.#openSocket(this.#resolved.adapter.socketUrl!(this.#context()), 'reconnecting');
    }
    return true;
  }

  /** Sends a non-chat action (optimize, save template). Returns false when it cannot go out now. */
  perform(action: Exclude<OutgoingAction, ChatAction>): boolean {
    return this.#socket !== null && this.#ready && this.#transmit(action);
  }

  /** Forgets the conversation and starts a fresh one (new ids). */
  reset(): void {
    const wasLive = this.#socket !== null || this.#timers.has('retry');
    this.#teardown();
    this.#outbox.length = 0;
    this.store.dispatch({type: 'ui.reset'});
    this.#ensureIds();
    if (wasLive || this.store.state.status !== 'idle') this.connect();
  }

  // ---- connection -------------------------------------------------------

  #openSocket(url: string, status?: ConnectionStatus): void {
    const generation = ++this.#generation;
    this.#setStatus(status ?? (this.#attempt > 0 ? 'reconnecting' : 'connecting'));
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch {
      this.#error('config', this.host.describe('networkUnreachable'));
      this.#setStatus('error');
      return;
    }
    this.#socket = ws;
    this.#ready = false;
    this.#expectClose = false;
    ws.onopen = () => generation === this.#generation && this.#handleOpen();
    ws.onmessage = (e: MessageEvent) => generation === this.#generation && this.#handleFrame(e.data);
    ws.onclose = (e: CloseEvent) => generation === this.#generation && this.#handleClose(e.code);
    this.#setTimer('connect', this.options.connectTimeout, () => {
      if (ws.readyState === WebSocket.CONNECTING) this.#abandonSocket();
    });
  }

  #handleOpen(): void {
    this.#clearTimer('connect');
    this.#lastFrameAt = Date.now();
    this.store.dispatch({type: 'ui.socket'});
    if (this.store.state.notice?.kind === 'network') this.store.dispatch({type: 'ui.notice', notice: null});
    this.#setStatus('open');
    this.#setTimer('uptime', this.options.minUptime, () => (this.#attempt = 0));
    const {adapter} = this.#resolved!;
    if (adapter.mode === 'per-request' && this.#jobAction) {
      // The job's reply streams on this socket: it may stall like any other.
      this.#inFlight.push(this.#jobAction);
      this.#armStall();
    }
    if (adapter.heartbeat) this.#heartbeat(adapter.heartbeat.intervalMs);
    if (adapter.waitsForReady) this.#setTimer('ready', this.options.readyTimeout, () => this.#markReady());
    else this.#markReady();
  }

  #markReady(): void {
    this.#clearTimer('ready');
    this.#ready = true;
    this.#flush();
  }

  #heartbeat(interval: number): void {
    this.#setTimer('heartbeat', interval, () => {
      // Timestamps, not timer counts: hidden tabs throttle timers.
      if (Date.now() - this.#lastFrameAt > interval * 2 + 5_000) {
        this.#abandonSocket();
        return;
      }
      if (this.#ready) this.#transmit({type: 'ping'});
      this.#heartbeat(interval);
    });
  }

  /** Gives up on a socket that does not open or has gone silent, and retries. */
  #abandonSocket(): void {
    const ws = this.#socket;
    this.#generation++;
    ws?.close();
    this.#handleClose(1006);
  }

  /** Closes the current socket on purpose, without the close handling (no retry, nothing interrupted). */
  #dropSocket(reason: string): void {
    const ws = this.#socket;
    this.#socket = null;
    this.#ready = false;
    this.#generation++;
    for (const t of ['connect', 'heartbeat', 'uptime', 'ready', 'stall'] as const) this.#clearTimer(t);
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = null;
      ws.close(1000, reason);
    }
  }

  #handleClose(code: number): void {
    const state = this.store.state;
    const midReply = state.replyId !== null || (state.awaiting && !this.#expectClose);
    const expected = this.#expectClose;
    this.#socket = null;
    this.#ready = false;
    this.#expectClose = false;
    for (const t of ['connect', 'heartbeat', 'uptime', 'ready', 'stall'] as const) this.#clearTimer(t);
    this.#settleInFlight();
    if (midReply) this.store.dispatch({type: 'ui.interrupt'});

    if (this.#resolved?.adapter.mode === 'per-request') {
      this.#jobRunning = false;
      this.#jobAction = null;
      if (!expected) this.#error('network', this.host.describe('jobLost'));
      this.#setStatus('idle');
      this.#flush();
      return;
    }
    if (!this.#active) return;
    if (state.sessionEnded || this.store.state.sessionEnded || expected) return this.#setStatus('closed');
    if (TERMINAL_CLOSE_CODES.has(code)) {
      // Auth/policy (or `template` idle 4001): reconnect only when the user acts again.
      return this.#setStatus(code === 4001 ? 'closed' : 'error');
    }
    if (code === 1000 && !midReply && !RETRY_CLOSE_CODES.has(code)) {
      // A deliberate close (often right after an error frame): no loop. The next send reopens.
      this.#setStatus('closed');
      if (this.#outbox.length === 0) return;
    }
    if (midReply || state.status === 'open') this.#error('network', this.host.describe('networkLost'));
    this.#scheduleRetry();
  }

  /**
   * The socket is gone: messages sent on it whose reply is not on screen are not re-sent
   * by themselves (the server may well have them: that could send them twice). They
   * become `interrupted` and offer Retry. When the reply to the oldest one was streaming,
   * that reply is marked interrupted instead and carries the Retry.
   */
  #settleInFlight(): void {
    const unanswered = this.#inFlight.splice(0);
    const replyShown = this.store.state.replyId !== null;
    if (this.store.state.stalled) this.store.dispatch({type: 'ui.stalled', id: null});
    for (const [i, action] of unanswered.entries()) {
      if (i === 0 && replyShown) continue;
      this.store.dispatch({type: 'ui.user.status', id: action.clientId, status: 'interrupted'});
    }
  }

  #scheduleRetry(): void {
    const delay = nextDelay(this.#attempt++, this.options.backoff, this.options.random);
    this.#setStatus('reconnecting');
    // Hidden tabs keep retrying on the same capped, jittered schedule (the browser throttles
    // their timers further); becoming visible again retries at once (#wake).
    this.#setTimer('retry', delay, () => {
      if (this.#resolved && this.#active && !this.#socket) this.#openSocket(this.#resolved.adapter.socketUrl!(this.#context()));
    });
  }

  /** Network back, tab visible again or restored from bfcache: retry now. */
  #wake = (): void => {
    if (document.visibilityState === 'hidden' || !this.#resolved || this.#socket) return;
    if (this.store.state.status === 'reconnecting') this.connect();
  };

  #teardown(): void {
    for (const t of this.#timers.values()) clearTimeout(t);
    this.#timers.clear();
    this.#jobAbort?.abort();
    this.#jobAbort = null;
    this.#jobRunning = false;
    this.#jobAction = null;
    this.#settleInFlight();
    const ws = this.#socket;
    this.#socket = null;
    this.#ready = false;
    this.#generation++;
    if (ws) {
      if (this.store.state.replyId) this.store.dispatch({type: 'ui.interrupt'});
      ws.onopen = ws.onmessage = ws.onclose = null;
      ws.close(1000, 'client closed');
    }
  }

  // ---- stall --------------------------------------------------------------

  /** Starts the stall clock for the oldest message in flight, unless it runs already. */
  #armStall(): void {
    if (this.options.stallTimeout <= 0 || this.#inFlight.length === 0 || this.#timers.has('stall') || this.store.state.stalled) return;
    this.#setTimer('stall', this.options.stallTimeout, () => {
      const first = this.#inFlight[0];
      if (!first) return;
      this.store.dispatch({type: 'ui.stalled', id: first.clientId});
      this.host.emit('chat-error', {kind: 'network', message: this.host.describe('stalled'), code: 'stalled'});
    });
  }

  /** Bookkeeping of the replies in flight for one decoded event. */
  #track(event: ChatEvent): void {
    if (event.type === 'session.end') {
      this.#inFlight.length = 0;
      this.#clearTimer('stall');
      return;
    }
    if (!isReplyActivity(event)) return;
    this.#clearTimer('stall');
    if (this.store.state.stalled) this.store.dispatch({type: 'ui.stalled', id: null});
    if (isReplyEnd(event)) {
      this.#inFlight.shift();
      // Servers answer in order: the next reply begins now.
      this.#armStall();
    }
  }

  // ---- frames -------------------------------------------------------------

  #handleFrame(data: unknown): void {
    this.#lastFrameAt = Date.now();
    if (typeof data !== 'string') {
      this.host.emit('chat-frame', {direction: 'in', frame: data});
      return this.#protocolError('binary frame ignored');
    }
    let frame: unknown;
    try {
      frame = JSON.parse(data);
    } catch {
      this.host.emit('chat-frame', {direction: 'in', frame: data});
      return this.#protocolError(`frame is not JSON: ${data.slice(0, 80)}`);
    }
    this.host.emit('chat-frame', {direction: 'in', frame});
    let events: ChatEvent[];
    try {
      events = this.#resolved!.adapter.decode(frame, this.#context());
    } catch (err) {
      return this.#protocolError(err instanceof Error ? err.message : String(err));
    }
    for (const event of events) this.#apply(event);
  }

  #apply(event: ChatEvent): void {
    const previous = this.store.state;
    const state = this.store.dispatch(event);
    this.#track(event);
    switch (event.type) {
      case 'session':
        if (event.ready && !this.#ready && this.#socket) this.#markReady();
        break;
      case 'progress':
        this.host.emit('chat-progress', {step: event.step, label: event.label, details: event.details});
        break;
      case 'idle.warning':
        this.host.emit('chat-idle', {message: event.message, timeoutSeconds: event.timeoutSeconds});
        break;
      case 'session.end':
        this.host.emit('chat-session-end', {message: event.message, reason: event.reason});
        break;
      case 'template.opportunity':
        if (state.templatePrompt === event.suggestion) this.host.emit('chat-template-opportunity', {suggestion: event.suggestion});
        break;
      case 'template.created':
        this.host.emit('chat-template-created', {template: event.template});
        break;
      case 'error':
        this.host.emit('chat-error', {kind: event.kind, message: this.#redact(event.message), code: event.code});
        break;
      case 'end':
        this.#expectClose = true;
        break;
    }
    this.#emitCompleted(previous, state);
  }

  /** Fires `chat-message` for each assistant message that just became complete. */
  #emitCompleted(previous: ChatState, state: ChatState): void {
    if (previous.messages === state.messages) return;
    // Changes happen at the end (a greeting may be put first): compare the tails by id.
    const before = new Map(previous.messages.slice(-6).map((m) => [m.id, m.status]));
    for (const m of state.messages.slice(-5)) {
      if (m.role === 'assistant' && m.status === 'complete' && before.get(m.id) !== 'complete') {
        this.host.emit('chat-message', {message: m});
      }
    }
  }

  #protocolError(message: string): void {
    const text = `${this.host.describe('frameIgnored')} (${this.#redact(message)})`;
    this.store.dispatch({type: 'ui.notice', notice: {kind: 'protocol', message: text}});
    this.host.emit('chat-error', {kind: 'protocol', message: this.#redact(message)});
  }

  // ---- outgoing -----------------------------------------------------------

  #chatAction(message: ChatMessage): ChatAction {
    const {platform, topic} = message.meta;
    return {type: 'chat', text: message.text, clientId: message.id, platform, topic};
  }

  /** Queues a chat action and sends it now if the connection allows, else opens one. */
  #enqueue(action: ChatAction): void {
    this.#outbox.push(action);
    if (this.#resolved!.adapter.mode === 'per-request' || (this.#socket && this.#ready)) this.#flush();
    else if (!this.#socket && !this.#timers.has('retry')) this.connect();
  }

  #flush(): void {
    if (!this.#resolved) return;
    if (this.#resolved.adapter.mode === 'per-request') {
      const next = this.#outbox[0];
      if (next && !this.#jobRunning && this.#active) void this.#runJob(next);
      return;
    }
    while (this.#outbox.length && this.#socket && this.#ready) {
      const action = this.#outbox[0];
      if (!this.#transmit(action)) break;
      this.#outbox.shift();
      this.#inFlight.push(action);
      this.store.dispatch({type: 'ui.user.status', id: action.clientId, status: 'sent'});
      this.#armStall();
    }
  }

  #transmit(action: OutgoingAction): boolean {
    const frame = this.#resolved!.adapter.encode(action, this.#context());
    if (frame === null || frame === undefined) return action.type === 'chat';
    if (this.#socket?.readyState !== WebSocket.OPEN) return false;
    this.#socket.send(JSON.stringify(frame));
    this.host.emit('chat-frame', {direction: 'out', frame});
    return true;
  }

  /**
   * `per-request` protocols: HTTP start (with a timeout per attempt and bounded
   * retries, see `startWithRetry`), then a socket that streams this job's result.
   */
  async #runJob(action: ChatAction): Promise<void> {
    const {adapter} = this.#resolved!;
    this.#jobRunning = true;
    const abort = new AbortController();
    this.#jobAbort = abort;
    let url: string;
    try {
      url = await startWithRetry(
        (fetchFn, signal) => {
          this.#setStatus('connecting');
          return adapter.start!(action, this.#context(), fetchFn, signal);
        },
        fetch.bind(globalThis),
        abort.signal,
        {
          retries: this.options.startRetries,
          timeout: this.options.connectTimeout,
          maxRetryAfter: this.options.maxRetryAfter,
          backoff: this.options.backoff,
          random: this.options.random,
        },
        this.#schedule,
        {timeoutMessage: this.host.describe('jobTimeout'), onRetry: () => this.#setStatus('reconnecting')},
      );
    } catch (err) {
      if (abort.signal.aborted) return;
      this.#jobRunning = false;
      this.#jobAbort = null;
      this.#outbox.shift();
      this.store.dispatch({type: 'ui.user.status', id: action.clientId, status: 'error'});
      this.store.dispatch({type: 'ui.interrupt'});
      const status = err instanceof HttpError ? err.status : 0;
      this.#error(status === 0 ? 'network' : 'http', err instanceof Error ? err.message : String(err));
      this.#setStatus('error');
      this.#flush();
      return;
    }
    if (abort.signal.aborted) return;
    this.#jobAbort = null;
    this.#outbox.shift();
    this.#jobAction = action;
    this.store.dispatch({type: 'ui.user.status', id: action.clientId, status: 'sent'});
    this.#openSocket(url);
  }

  // ---- helpers ------------------------------------------------------------

  #context(): AdapterContext {
    const state = this.store.state;
    return {config: this.#resolved!.config, ids: state.ids, socketIds: state.socketIds, now: Date.now, randomId};
  }

  #ensureIds(): void {
    const {adapter} = this.#resolved!;
    const ids = adapter.initIds?.(this.#context());
    if (ids && Object.keys(ids).length) this.store.dispatch({type: 'session', ids});
  }

  #setStatus(status: ConnectionStatus): void {
    const previous = this.store.state.status;
    if (previous === status) return;
    this.store.dispatch({type: 'ui.status', status});
    this.host.emit('chat-status', {status, previous});
  }

  #error(kind: ErrorKind, message: string): void {
    const safe = this.#redact(message);
    this.store.dispatch({type: 'ui.notice', notice: {kind, message: safe}});
    this.host.emit('chat-error', {kind, message: safe});
  }

  /** The token never appears in errors or events. */
  #redact(text: string): string {
    const token = this.#resolved?.config.token;
    return token ? text.split(token).join('•••') : text;
  }

  #setTimer(name: string, ms: number, fn: () => void): void {
    this.#clearTimer(name);
    this.#timers.set(name, setTimeout(() => {
      this.#timers.delete(name);
      fn();
    }, ms));
  }

  #clearTimer(name: string): void {
    const t = this.#timers.get(name);
    if (t !== undefined) clearTimeout(t);
    this.#timers.delete(name);
  }

  /** An anonymous timer that `#teardown` clears too (HTTP start timeouts and waits). */
  #schedule = (ms: number, fn: () => void): (() => void) => {
    const name = `start-${++this.#timerSeq}`;
    this.#setTimer(name, ms, fn);
    return () => this.#clearTimer(name);
  };

  /** For tests and diagnostics: live timers, whether a socket is open, queued and unanswered messages. */
  get diagnostics(): {timers: number; socket: boolean; outbox: number; inFlight: number} {
    return {timers: this.#timers.size, socket: this.#socket !== null, outbox: this.#outbox.length, inFlight: this.#inFlight.length};
  }
}
