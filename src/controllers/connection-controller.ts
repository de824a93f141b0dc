import type {ReactiveController, ReactiveControllerHost} from '@lit/reactive-element';
import type {ChatEvent, OutgoingAction} from '../core/chat-event.js';
import {historyBefore, regenerable} from '../core/history.js';
import {jsonPatch, loadJsonPatch} from '../core/json-patch-loader.js';
import {publicEvents} from '../core/public-events.js';
import type {Action} from '../core/reducer.js';
import {redact} from '../core/redact.js';
import {retryable} from '../core/retryable.js';
import type {ChatState} from '../core/state.js';
import type {Store} from '../core/store.js';
import type {ChatEventDetails, ChatEventName} from '../events/index.js';
import type {ChatStrings} from '../i18n/strings.js';
import type {AdapterContext, ProtocolAdapter} from '../protocols/protocol-adapter.js';
import {DEFAULT_BACKOFF, nextDelay, TERMINAL_CLOSE_CODES} from '../transport/backoff.js';
import {requestTransport, socketTransport} from '../transport/request-transports.js';
import {Timers} from '../transport/timers.js';
import type {RequestFailure, Transport, TransportClose, TransportKind, TransportListener, TransportSpec} from '../transport/transport.js';
import type {ChatConfig, ChatMessage, ConnectionStatus, ErrorKind} from '../types.js';
import {Outbox, type ChatAction} from './outbox.js';

/** A configured protocol, ready to connect. */
export interface ResolvedConfig {
  config: ChatConfig;
  adapter: ProtocolAdapter;
}

/** What the controller needs from the element. */
export interface ConnectionHost extends ReactiveControllerHost {
  emit<N extends ChatEventName>(name: N, detail: ChatEventDetails[N]): boolean;
  /** User-facing text for a problem (strings table). */
  describe(problem: ConnectionProblem): string;
  /** The strings table in the language shown (adapters word their visitor text with it). */
  uiStrings(): ChatStrings;
}

/** Problems the controller reports in the user's words (keys of the strings table). */
export type ConnectionProblem = 'networkLost' | 'networkUnreachable' | 'jobLost' | 'jobTimeout' | 'outboxFull' | 'frameIgnored' | 'stalled';

export interface ConnectionOptions {
  /** Give up opening a socket (or one attempt of an HTTP request, until its headers) after this long, ms. */
  connectTimeout: number;
  /** A sent message whose reply shows no first frame within this long is "stalled" (0: never), ms. */
  stallTimeout: number;
  /** Job starts: retries after timeouts, network failures, 5xx and 429. Streamed requests: retries after 429. */
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
  /** Injectable for unit tests. */
  WebSocket?: typeof WebSocket;
  fetch?: typeof fetch;
}

export const DEFAULT_CONNECTION_OPTIONS: ConnectionOptions = {
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

/** The reading of an error body's detail (../transport/error-detail.ts): a chunk of its own in the script-tag bundle, loaded by the first failed request. */
const loadErrorDetail = retryable(() => import('../transport/error-detail.js'));

const randomId = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `id-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/** Events that show the server is working on the reply in flight (its "first frame"). */
function isReplyActivity(event: ChatEvent): boolean {
  switch (event.type) {
    case 'reply.start':
    case 'reply.delta':
    case 'reply.end':
    case 'reasoning':
    case 'source':
    case 'data':
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

/** Events that belong to a reply: dropped while the user has stopped it and the server still sends it. */
function belongsToReply(event: ChatEvent): boolean {
  return (isReplyActivity(event) && event.type !== 'user.echo') || event.type === 'suggestions' || event.type === 'typing';
}

/** A `state` event that carries a JSON Patch (its code may be a chunk still loading). */
const isPatch = (event: ChatEvent): boolean => 'patch' in event;

/**
 * Owns the connection of one widget through exactly one `Transport` per configuration:
 * opens it when the host is connected, turns frames into store actions through the
 * adapter, sends user messages through the outbox (queued while offline), reconnects a
 * persistent connection with capped jittered backoff after a break but never loops after
 * a deliberate end, fires the public events that follow from each store action, and closes
 * everything when the host is removed.
 *
 * Delivery rule ("no user message lost or sent twice"): a message leaves the pending queue
 * when it was written to an open socket (or its request started), and is never re-sent
 * automatically. When the connection breaks before the reply to a sent message began, that
 * message is marked `interrupted` and offers Retry. When a reply shows no first frame within
 * `stallTimeout`, the widget shows a stalled notice; its Retry abandons that connection (so a
 * late reply on it can never arrive) and sends the unanswered messages once more on a fresh
 * one, keeping their ids.
 */
export class ConnectionController implements ReactiveController {
  readonly options: ConnectionOptions;
  #resolved: ResolvedConfig | null = null;
  /** The protocol's adapter is loading: messages sent meanwhile wait in `#early` (see {@link awaitConfiguration}). */
  #awaiting = false;
  #early: ChatMessage[] = [];
  #transport: Transport | null = null;
  #active = false;
  #ready = false;
  #attempt = 0;
  /** The server has answered since these settings: a failure now is a lost connection, not an unreachable server. */
  #reached = false;
  /** The server is done with this connection by design (`end` event): its close is expected. */
  #expectClose = false;
  /** The user stopped the reply in flight; the server's frames for it are dropped until it ends. */
  #discarding = false;
  /** Per request: the running exchange's response has begun (its message is in flight). */
  #exchangeOpen = false;
  /** Streamed text decoded but not applied yet (see `#apply`), and whether its flush is queued. */
  #pendingText = '';
  #flushQueued = false;
  /** Transport callbacks waiting for the JSON Patch code, in order (see `#handleFrame`). */
  #held: (() => void)[] | null = null;
  #outbox: Outbox;
  #retryAt = 0;
  readonly #timers = new Timers();

  constructor(
    private readonly host: ConnectionHost,
    private readonly store: Store,
    options: Partial<ConnectionOptions> = {},
  ) {
    this.options = {...DEFAULT_CONNECTION_OPTIONS, ...options};
    this.#outbox = new Outbox(this.options.outboxLimit);
    host.addController(this);
  }

  /** Changes timing options (timeouts, backoff); they apply from the next use. */
  setOptions(options: Partial<ConnectionOptions>): void {
    Object.assign(this.options, options);
    if (options.stallTimeout !== undefined && this.#timers.has('stall')) {
      this.#timers.clear('stall');
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
   * Sets (or replaces) the protocol and settings. A live connection is reopened with them,
   * unless `soft`: settings that only shape outgoing frames (context, voice, form defaults,
   * model, headers) apply to the next frame without reconnecting. Pending user messages in
   * the store (typed offline, or restored after a reload) are queued again, in order.
   */
  configure(resolved: ResolvedConfig | null, soft = false): void {
    this.#awaiting = false;
    if (soft && resolved && this.#resolved?.adapter === resolved.adapter) {
      this.#resolved = resolved;
      this.#takeEarly();
      return;
    }
    const wasLive = this.#live;
    this.#teardown();
    this.#resolved = resolved;
    this.#transport = null;
    this.#outbox = new Outbox(this.options.outboxLimit);
    for (const m of this.store.state.messages) if (m.status === 'pending' && m.role === 'user') this.#outbox.push(chatAction(m, resolved?.adapter));
    this.#takeEarly();
    // Not configured: the element says why (once the page has settled) and sets the status.
    if (!resolved) return;
    // Valid settings after invalid ones (set late, by a tag manager …): start over as if they had always been there.
    if (this.store.state.status === 'error') this.#setStatus('idle');
    this.#ensureIds();
    this.#transport = this.#createTransport(resolved.adapter.transport(this.#context()).kind);
    this.#reached = false;
    // A request the new settings cut short (HTTP protocols) leaves nothing open: Ready again.
    const status = this.store.state.status;
    if (this.#transport.perRequest && (status === 'open' || status === 'connecting')) this.#setStatus('idle');
    if (wasLive) this.connect();
  }

  /**
   * The protocol's code is on its way (the script-tag bundle loads each built-in adapter when a
   * widget first names it): until {@link configure} runs, a message sent is taken (its id
   * returned, `chat-send` fired) and waits; then it joins the conversation and is queued.
   */
  awaitConfiguration(): void {
    this.#awaiting = true;
  }

  /** Messages sent while the adapter loaded: into the conversation and the outbox (an error bubble, with Retry, if the settings turned out invalid). */
  #takeEarly(): void {
    for (const message of this.#early.splice(0)) {
      this.dispatch({type: 'ui.user', message});
      if (this.#resolved) this.#outbox.push(chatAction(message, this.#resolved.adapter));
      else this.dispatch({type: 'ui.user.status', id: message.id, status: 'error'});
    }
  }

  get configured(): boolean {
    return this.#resolved !== null;
  }

  /** Each message is one request (HTTP protocols, `job`): between messages the widget is "Ready". */
  get perRequest(): boolean {
    return this.#transport?.perRequest ?? false;
  }

  /** When the request waiting to be tried again (per request: a 429's `Retry-After`, a job start's backoff) goes, epoch ms. */
  get retryAt(): number {
    return this.#retryAt;
  }

  /** The server has been reached since the current settings (its failures are "lost", not "unreachable"). */
  get reached(): boolean {
    return this.#reached;
  }

  /** The current adapter, when configured. */
  get adapter(): ProtocolAdapter | undefined {
    return this.#resolved?.adapter;
  }

  /** Opens the connection now (resets the backoff). */
  connect(): void {
    const transport = this.#transport;
    if (!transport || !this.#active) return;
    this.#attempt = 0;
    this.#timers.clear('retry');
    if (transport.perRequest) this.#flush();
    else if (!transport.busy) this.#open();
  }

  /** Closes the connection on purpose; pending messages stay queued. */
  disconnect(): void {
    this.#teardown();
    this.#setStatus('closed');
  }

  /** Applies an action to the store and fires the public events that follow from it. */
  dispatch(action: Action): ChatState {
    const previous = this.store.state;
    const next = this.store.dispatch(action);
    for (const [name, detail] of publicEvents(action, previous, next, this.#secrets)) this.host.emit(name, detail as never);
    return next;
  }

  /**
   * Sends a user message (queued while not connected). `fields`: the values of the
   * adapter's form. Returns its id, or null when nothing was sent (empty, vetoed by
   * `chat-send`, session over, outbox full).
   */
  send(text: string, fields?: Readonly<Record<string, string>>): string | null {
    const trimmed = text.trim();
    if (!trimmed || (!this.#resolved && !this.#awaiting) || this.store.state.sessionEnded) return null;
    const message: ChatMessage = {
      id: randomId(),
      role: 'user',
      text: trimmed,
      status: 'pending',
      createdAt: Date.now(),
      meta: {...fields},
    };
    if (!this.host.emit('chat-send', {message})) return null;
    if (!this.#resolved) {
      this.#early.push(message);
      return message.id;
    }
    if (this.#outbox.full) {
      this.#error('network', this.host.describe('outboxFull'));
      return null;
    }
    this.dispatch({type: 'ui.user', message});
    this.#enqueue(chatAction(message, this.#resolved.adapter));
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
    this.dispatch({type: 'ui.user.status', id, status: 'pending'});
    this.dispatch({type: 'ui.awaiting'});
    this.#enqueue(chatAction(message, this.#resolved.adapter));
    return true;
  }

  /**
   * The stalled notice's Retry: abandons the connection whose reply never began (a late
   * reply on it can no longer arrive) and sends the unanswered messages once more, in order
   * and with the same ids, on a fresh connection. Returns false when nothing is stalled.
   */
  retryStalled(): boolean {
    const transport = this.#transport;
    if (!this.store.state.stalled || !transport || !this.#active) return false;
    const again = this.#outbox.takeInFlight();
    this.dispatch({type: 'ui.stalled', id: null});
    this.#drop('reply stalled');
    this.#outbox.requeue(again);
    for (const action of again) this.dispatch({type: 'ui.user.status', id: action.clientId, status: 'pending'});
    this.dispatch({type: 'ui.awaiting'});
    this.#attempt = 0;
    this.#timers.clear('retry');
    if (transport.perRequest) this.#flush();
    else this.#open('reconnecting');
    return true;
  }

  /** The reply `regenerate()` would replace now, and its question (null while a reply is under way). */
  get regenerable(): {user: ChatMessage; reply: ChatMessage} | null {
    const state = this.store.state;
    if (!this.#resolved || state.sessionEnded || state.replyId || state.awaiting) return null;
    return regenerable(state.messages);
  }

  /**
   * Replaces the last reply with a new answer to the same user message: the old reply (and
   * anything after the message) leaves the conversation, and the message goes again, as itself
   * (no second bubble). Cancelable `chat-regenerate` first (its detail: the reply replaced).
   * Returns false when there is nothing to regenerate or a reply is under way.
   */
  regenerate(): boolean {
    const target = this.regenerable;
    if (!target || !this.#resolved || !this.host.emit('chat-regenerate', {message: target.reply})) return false;
    const {user, reply} = target;
    this.dispatch({type: 'ui.regenerate', id: user.id});
    this.#enqueue({...chatAction(user, this.#resolved.adapter), regenerate: reply.id});
    return true;
  }

  /**
   * Stops the reply that is streaming (or awaited) now. Per request, the request is
   * aborted (the server sees it end). On a persistent connection the protocol's cancel
   * frame goes out when it has one, and the rest of that reply is dropped as it arrives,
   * so it never shows up in the next one. The reply keeps its text with status `stopped`.
   * Returns false when no reply was under way.
   */
  stop(): boolean {
    this.#flushText();
    const state = this.store.state;
    const transport = this.#transport;
    if (!transport || (!state.replyId && !state.awaiting)) return false;
    this.#timers.clear('stall');
    if (state.stalled) this.dispatch({type: 'ui.stalled', id: null});
    if (transport.perRequest) {
      const requested = transport.busy && !this.#exchangeOpen ? this.#outbox.dropNext() : undefined;
      transport.close('stopped');
      // Frames held for the JSON Patch code belong to the reply stopped: dropped with it.
      this.#held = null;
      // A request stopped before its answer began did go out: it is no longer waiting to be sent.
      if (requested) this.dispatch({type: 'ui.user.status', id: requested.clientId, status: 'sent'});
      this.#outbox.takeInFlight();
      this.#exchangeOpen = false;
      this.#expectClose = false;
      this.dispatch({type: 'ui.stop'});
      this.#setStatus('idle');
      this.#flush();
    } else {
      if (this.#ready) this.#transmit({type: 'stop'});
      if (this.#outbox.inFlight.length) this.#discarding = true;
      this.dispatch({type: 'ui.stop'});
    }
    return true;
  }

  /** Sends a non-chat action (optimize, save template). Returns false when it cannot go out now. */
  perform(action: Exclude<OutgoingAction, ChatAction>): boolean {
    return this.#transport !== null && !this.#transport.perRequest && this.#ready && this.#transmit(action);
  }

  /** Forgets the conversation and starts a fresh one (new ids). */
  reset(): void {
    const wasLive = this.#live;
    this.#teardown();
    this.#outbox.clearPending();
    this.dispatch({type: 'ui.reset'});
    this.#ensureIds();
    if (wasLive || this.store.state.status !== 'idle') this.connect();
  }

  /** For tests and diagnostics: live timers, whether a connection is open, queued and unanswered messages. */
  get diagnostics(): {timers: number; socket: boolean; outbox: number; inFlight: number} {
    return {
      timers: this.#timers.size + (this.#transport?.timers ?? 0),
      socket: this.#transport?.busy ?? false,
      outbox: this.#outbox.pending.length,
      inFlight: this.#outbox.inFlight.length,
    };
  }

  // ---- connection -------------------------------------------------------

  /** A connection is open or being retried. */
  get #live(): boolean {
    return (this.#transport?.busy ?? false) || this.#timers.has('retry');
  }

  #createTransport(kind: TransportKind): Transport {
    const listener: TransportListener = {
      onOpen: () => this.#inOrder(() => this.#handleOpen()),
      // Every frame goes through here: no closure for it unless frames are being held.
      onFrame: (data) => (this.#held ? this.#held.push(() => this.#handleFrame(data)) : this.#handleFrame(data)),
      onClose: (close) => this.#inOrder(() => this.#handleClose(close)),
      onHeartbeat: () => this.#ready && this.#transmit({type: 'ping'}),
      onConnecting: () => this.#setStatus('connecting'),
      onRetry: (delay) => {
        this.#retryAt = Date.now() + delay;
        this.#setStatus('reconnecting');
      },
      onUnreachable: () => this.#unreachable(),
    };
    const spec = () => this.#spec();
    switch (kind) {
      case 'sse':
      case 'job':
        return requestTransport(kind, spec as never, listener, {...this.#httpOptions, WebSocket: this.options.WebSocket});
      default:
        return socketTransport(spec as never, listener, {connectTimeout: this.options.connectTimeout, WebSocket: this.options.WebSocket});
    }
  }

  get #httpOptions() {
    const o = this.options;
    return {connectTimeout: o.connectTimeout, retries: o.startRetries, maxRetryAfter: o.maxRetryAfter, backoff: o.backoff, random: o.random, fetch: o.fetch};
  }

  /** The adapter's transport description, with the host's request headers on HTTP requests. */
  #spec(): TransportSpec {
    const {adapter, config} = this.#resolved!;
    const spec = adapter.transport(this.#context());
    if (spec.kind === 'websocket' || !config.headers) return spec;
    return {...spec, headers: {...spec.headers, ...config.headers}};
  }

  #open(status?: ConnectionStatus): void {
    this.#setStatus(status ?? (this.#attempt > 0 ? 'reconnecting' : 'connecting'));
    this.#ready = false;
    this.#expectClose = false;
    if (!this.#transport!.open()) this.#unreachable();
  }

  /** The transport cannot open its URL (the WebSocket constructor refused it): a settings error, not retried. */
  #unreachable(): void {
    this.#error('config', this.host.describe('networkUnreachable'));
    this.#setStatus('error');
  }

  #handleOpen(): void {
    this.#reached = true;
    this.dispatch({type: 'ui.socket'});
    if (this.store.state.notice?.kind === 'network') this.dispatch({type: 'ui.notice', notice: null});
    this.#setStatus('open');
    if (this.#transport!.perRequest) {
      // The request went through: its message is sent (in flight), and its reply may stall like any other.
      this.#exchangeOpen = true;
      for (const action of this.#outbox.flush(() => true, 1)) this.dispatch({type: 'ui.user.status', id: action.clientId, status: 'sent'});
      this.#armStall();
      return;
    }
    this.#timers.set('uptime', this.options.minUptime, () => (this.#attempt = 0));
    const spec = this.#spec();
    if (spec.kind === 'websocket' && spec.waitsForReady) this.#timers.set('ready', this.options.readyTimeout, () => this.#markReady());
    else this.#markReady();
  }

  #markReady(): void {
    this.#timers.clear('ready');
    this.#ready = true;
    this.#flush();
  }

  #handleClose(close: TransportClose): void {
    this.#flushText();
    const state = this.store.state;
    const midReply = state.replyId !== null || (state.awaiting && !this.#expectClose);
    const expected = this.#expectClose;
    this.#ready = false;
    this.#expectClose = false;
    for (const t of ['uptime', 'ready', 'stall']) this.#timers.clear(t);

    if (this.#transport!.perRequest) {
      const opened = this.#exchangeOpen;
      this.#exchangeOpen = false;
      // Never opened (a job socket refused or timed out): the message did not get through. It is not
      // sent again by itself (that would start the job twice); it offers Retry.
      if (close.failure || !opened) return this.#requestFailed(close.failure ?? {status: 0, message: this.host.describe('jobLost')});
      const replyShown = state.replyId !== null;
      this.#settleInFlight();
      if (midReply) this.dispatch({type: 'ui.interrupt'});
      // A reply on screen carries its own "cut off" mark; a notice is for one that never began.
      if (midReply && !expected && !replyShown) this.#error('network', this.host.describe('jobLost'));
      this.#setStatus('idle');
      this.#flush();
      return;
    }
    this.#settleInFlight();
    if (midReply) this.dispatch({type: 'ui.interrupt'});
    if (!this.#active) return;
    if (state.sessionEnded || this.store.state.sessionEnded || expected) return this.#setStatus('closed');
    if (TERMINAL_CLOSE_CODES.has(close.code)) {
      // Auth/policy (or `template` idle 4001): reconnect only when the user acts again.
      return this.#setStatus(close.code === 4001 ? 'closed' : 'error');
    }
    if (close.code === 1000 && !midReply) {
      // A deliberate close (often right after an error frame): no loop. The next send reopens.
      this.#setStatus('closed');
      if (this.#outbox.pending.length === 0) return;
    }
    if (midReply || state.status === 'open') this.#error('network', this.host.describe(this.#reached ? 'networkLost' : 'networkUnreachable'));
    this.#scheduleRetry();
  }

  /** A request failed before its reply began: its message did not get through (and offers Retry where trying again can help). */
  #requestFailed(failure: RequestFailure): void {
    const {adapter} = this.#resolved!;
    // Secrets are taken out of the body before anything clips it (a clipped token would slip past).
    const body = this.#redact(failure.body ?? '');
    const worded = failure.message ?? (failure.timedOut ? this.host.describe('jobTimeout') : adapter.httpError?.(failure.status, body, this.#context()));
    // Unless the adapter or the transport worded it, the failure is told in plain words on the
    // message itself (the view words `meta.failure`), and the host's chat-error gets the status
    // and the server's own detail.
    const failed = this.#outbox.dropNext();
    if (failed) {
      const why = worded === undefined ? {status: failure.status, retryAt: failure.retryAt} : undefined;
      this.dispatch({type: 'ui.user.status', id: failed.clientId, status: 'error', failure: why});
    }
    this.dispatch({type: 'ui.interrupt'});
    const kind = failure.status === 0 ? 'network' : 'http';
    if (worded !== undefined) this.#error(kind, worded);
    else this.#diagnose(kind, failure.status, body);
    // The server answered (with a refusal): it is reachable, the widget is ready for the next message.
    this.#setStatus(failure.status === 0 ? 'error' : 'idle');
    this.#flush();
  }

  /**
   * What the host's `chat-error` says of a failed request: its status and the server's own detail
   * (the visitor reads plain words instead, on the message: `MessageMeta.failure`). The detail is
   * read by code loaded on a failure only: the host hears of a refusal once it has loaded (without
   * the detail if it cannot load), of a request that got no answer at once.
   */
  #diagnose(kind: ErrorKind, status: number, body: string): void {
    const report = (message: string) => void this.dispatch({type: 'ui.error', kind, message, notice: false});
    if (status === 0) return report('The request got no answer (network failure).');
    const head = `HTTP ${status}.`;
    loadErrorDetail().then(
      (m) => report(m.withDetail(head, m.errorDetail(body))),
      () => report(head),
    );
  }

  /**
   * The connection is gone: messages sent on it whose reply is not on screen are not re-sent
   * by themselves (the server may well have them: that could send them twice). They become
   * `interrupted` and offer Retry. When the reply to the oldest one was streaming (or the user
   * stopped it), that reply carries the outcome instead.
   */
  #settleInFlight(): void {
    const unanswered = this.#outbox.takeInFlight();
    const replyShown = this.store.state.replyId !== null || this.#discarding;
    this.#discarding = false;
    if (this.store.state.stalled) this.dispatch({type: 'ui.stalled', id: null});
    for (const [i, action] of unanswered.entries()) {
      if (i === 0 && replyShown) continue;
      this.dispatch({type: 'ui.user.status', id: action.clientId, status: 'interrupted'});
    }
  }

  #scheduleRetry(): void {
    const delay = nextDelay(this.#attempt++, this.options.backoff, this.options.random);
    this.#setStatus('reconnecting');
    // Hidden tabs keep retrying on the same capped, jittered schedule (the browser throttles
    // their timers further); becoming visible again retries at once (#wake).
    this.#timers.set('retry', delay, () => {
      if (this.#resolved && this.#active && !this.#transport?.busy) this.#open();
    });
  }

  /** Network back, tab visible again or restored from bfcache: retry now. */
  #wake = (): void => {
    if (document.visibilityState === 'hidden' || !this.#resolved || this.#transport?.busy) return;
    if (this.store.state.status === 'reconnecting') this.connect();
  };

  /** Closes the connection on purpose, without the close handling (no retry, nothing interrupted). */
  #drop(reason: string): void {
    this.#ready = false;
    this.#exchangeOpen = false;
    this.#discarding = false;
    for (const t of ['uptime', 'ready', 'stall']) this.#timers.clear(t);
    this.#transport?.close(reason);
  }

  #teardown(): void {
    this.#held = null;
    this.#flushText();
    this.#timers.clearAll();
    this.#settleInFlight();
    const wasBusy = this.#transport?.busy ?? false;
    this.#ready = false;
    this.#exchangeOpen = false;
    this.#transport?.close('client closed');
    if (wasBusy && this.store.state.replyId) this.dispatch({type: 'ui.interrupt'});
  }

  // ---- stall --------------------------------------------------------------

  /** Starts the stall clock for the oldest message in flight, unless it runs already. */
  #armStall(): void {
    if (this.options.stallTimeout <= 0 || this.#outbox.inFlight.length === 0 || this.#timers.has('stall') || this.store.state.stalled) return;
    this.#timers.set('stall', this.options.stallTimeout, () => {
      const first = this.#outbox.inFlight[0];
      if (!first) return;
      this.dispatch({type: 'ui.stalled', id: first.clientId});
      this.dispatch({type: 'ui.error', kind: 'network', message: this.host.describe('stalled'), code: 'stalled', notice: false});
    });
  }

  /** Bookkeeping of the replies in flight for one decoded event. */
  #track(event: ChatEvent): void {
    if (event.type === 'session.end') {
      this.#outbox.takeInFlight();
      this.#timers.clear('stall');
      return;
    }
    if (!isReplyActivity(event)) return;
    this.#timers.clear('stall');
    if (this.store.state.stalled) this.dispatch({type: 'ui.stalled', id: null});
    if (isReplyEnd(event)) {
      this.#outbox.answered();
      // Servers answer in order: the next reply begins now.
      this.#armStall();
    }
  }

  // ---- frames -------------------------------------------------------------

  #handleFrame(data: unknown): void {
    const {adapter} = this.#resolved!;
    if (typeof data !== 'string') {
      this.host.emit('chat-frame', {direction: 'in', frame: data});
      return this.#protocolError('binary frame ignored');
    }
    let events: ChatEvent[];
    try {
      let frame: unknown;
      let json = true;
      try {
        frame = JSON.parse(data);
      } catch {
        json = false;
      }
      this.host.emit('chat-frame', {direction: 'in', frame: json ? frame : data});
      if (json) events = adapter.decode(frame, this.#context());
      else if (adapter.decodeText) events = adapter.decodeText(data, this.#context());
      else return this.#protocolError(`frame is not JSON: ${data.slice(0, 80)}`);
    } catch (err) {
      return this.#protocolError(err instanceof Error ? err.message : String(err));
    }
    // Every frame comes here: no closure for it unless a state patch must wait for its code.
    if (jsonPatch() || !events.some(isPatch)) {
      for (const event of events) this.#apply(event);
      return;
    }
    // A state patch before its code has loaded (the script-tag bundle; ag-ui's adapter loads it
    // beside its own): this frame's events, and what the connection reports after them, wait for it.
    const held = (this.#held = [() => events.forEach((event) => this.#apply(event))]);
    const release = () => {
      if (this.#held !== held) return;
      this.#held = null;
      // In order; a step that throws does not lose the ones after it.
      for (let step; (step = held.shift()); ) {
        try {
          this.#inOrder(step);
        } catch (error) {
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    };
    loadJsonPatch().then(release, release);
  }

  /** Runs a transport callback now, or after those held for the JSON Patch code (see `#handleFrame`). */
  #inOrder(step: () => void): void {
    if (this.#held) this.#held.push(step);
    else step();
  }

  #apply(event: ChatEvent): void {
    if (this.#discarding && belongsToReply(event)) {
      if (isReplyEnd(event)) {
        this.#discarding = false;
        this.#outbox.answered();
        this.#armStall();
      }
      return;
    }
    if (event.type === 'reply.delta' && event.serverId === undefined) {
      // One network read can carry thousands of tokens (HTTP streams): their text becomes one
      // store action at the end of the read, not one per token.
      this.#pendingText += event.text;
      if (!this.#flushQueued) {
        this.#flushQueued = true;
        queueMicrotask(this.#flushText);
      }
      return;
    }
    this.#flushText();
    this.dispatch(event);
    this.#track(event);
    if (event.type === 'session' && event.ready && !this.#ready && this.#transport?.busy && !this.#transport.perRequest) this.#markReady();
    if (event.type === 'end') this.#expectClose = true;
  }

  /** Applies the streamed text gathered so far (before anything else happens to the conversation). */
  #flushText = (): void => {
    this.#flushQueued = false;
    const text = this.#pendingText;
    if (!text) return;
    this.#pendingText = '';
    const event: ChatEvent = {type: 'reply.delta', text};
    this.dispatch(event);
    this.#track(event);
  };

  /**
   * A frame the protocol could not use (not JSON, an unknown type, fields missing): skipped, and
   * reported to the host (`chat-error` kind `protocol`, `chat-frame`), not to the visitor — a
   * backend that adds a frame type must not put a red banner in front of its visitors.
   */
  #protocolError(message: string): void {
    const detail = this.#redact(message);
    this.dispatch({type: 'ui.error', kind: 'protocol', message: `${this.host.describe('frameIgnored')} (${detail})`, detail, notice: false});
  }

  // ---- outgoing -----------------------------------------------------------

  /** Queues a chat action and sends it now if the connection allows, else opens one. */
  #enqueue(action: ChatAction): void {
    this.#outbox.push(action);
    const transport = this.#transport;
    if (!transport) return;
    if (transport.perRequest || (transport.busy && this.#ready)) this.#flush();
    else if (!transport.busy && !this.#timers.has('retry')) this.connect();
  }

  #flush(): void {
    const transport = this.#transport;
    if (!transport || !this.#active) return;
    if (transport.perRequest) {
      // One exchange at a time: the next message goes when this one has ended. It stays
      // pending until its response begins (a removed widget or a failed start loses nothing).
      const next = this.#outbox.pending[0];
      if (next && !transport.busy) this.#transmit(next);
      return;
    }
    if (!transport.busy || !this.#ready) return;
    for (const action of this.#outbox.flush((a) => this.#transmit(a))) {
      this.dispatch({type: 'ui.user.status', id: action.clientId, status: 'sent'});
      this.#armStall();
    }
  }

  #transmit(action: OutgoingAction): boolean {
    const {adapter} = this.#resolved!;
    const frame = adapter.encode(action, this.#context(action.type === 'chat' ? action.clientId : undefined));
    if (frame === null || frame === undefined) return action.type === 'chat' && !this.#transport!.perRequest;
    if (!this.#transport!.send(JSON.stringify(frame))) return false;
    this.host.emit('chat-frame', {direction: 'out', frame});
    return true;
  }

  // ---- helpers ------------------------------------------------------------

  /** The adapter's view of the conversation; `clientId`: the message being encoded (its history). */
  #context(clientId?: string): AdapterContext {
    const state = this.store.state;
    const config = this.#resolved!.config;
    return {
      config,
      ids: state.ids,
      socketIds: state.socketIds,
      history: clientId === undefined ? [] : historyBefore(state.messages, clientId, config.historyLimit),
      now: Date.now,
      randomId,
      strings: this.host.uiStrings(),
    };
  }

  #ensureIds(): void {
    const ids = this.#resolved!.adapter.initIds?.(this.#context());
    if (ids && Object.keys(ids).length) this.dispatch({type: 'session', ids});
  }

  #setStatus(status: ConnectionStatus): void {
    if (this.store.state.status !== status) this.dispatch({type: 'ui.status', status});
  }

  #error(kind: ErrorKind, message: string): void {
    this.dispatch({type: 'ui.error', kind, message: this.#redact(message)});
  }

  get #secrets(): string[] {
    const config = this.#resolved?.config;
    return config ? [config.token, ...Object.values(config.headers ?? {})].filter((s): s is string => Boolean(s)) : [];
  }

  /** The token and the request header values never appear in errors or events. */
  #redact(text: string): string {
    return redact(text, this.#secrets);
  }
}

/** The outgoing action for a user message; `adapter` names the form fields stored on it (restored or retried). */
function chatAction(message: ChatMessage, adapter: ProtocolAdapter | undefined): ChatAction {
  const names = adapter?.features?.form?.fields.map((f) => f.name) ?? [];
  const entries = names.map((name) => [name, message.meta[name]]).filter((e): e is [string, string] => typeof e[1] === 'string');
  const action: ChatAction = {type: 'chat', text: message.text, clientId: message.id};
  return entries.length ? {...action, fields: Object.fromEntries(entries)} : action;
}
