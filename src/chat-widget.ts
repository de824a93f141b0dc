import {LitElement, html, nothing, type PropertyValues} from 'lit';
import {Store} from './core/store.js';
import {awaitingReply, busyUntil} from './core/state.js';
import {StoreController} from './controllers/store-controller.js';
import {ConnectionController, type ConnectionProblem, type ResolvedConfig} from './controllers/connection-controller.js';
import {FollowController} from './controllers/follow-controller.js';
import {PersistenceController} from './controllers/persistence.js';
import {CONNECTION_KEYS, FRAME_KEYS, persistMode, resolveSettings, storageKey} from './config.js';
import {ChatWidgetEvent, type ChatEventDetails, type ChatEventName} from './events/index.js';
import {watchPageLang} from './i18n/page-lang.js';
import {isRtl, loadLocale, resolveStrings, type ChatStrings, type ChatStringsOverride} from './i18n/strings.js';
import type {ConfigProblem, ProtocolAdapter} from './protocols/protocol-adapter.js';
import {PROTOCOL_EVENT, registerProtocol} from './protocols/registry.js';
import {renderComposer} from './render/composer.js';
import {arrowDownIcon, chatIcon, closeIcon, newChatIcon} from './render/icons.js';
import {loadMarkdown, markdown, preloadMarkdown} from './render/markdown-directive.js';
import {afterNextPaint, whenIdle} from './render/idle.js';
import {warmTimeFormats} from './render/time.js';
import {renderMessages} from './render/messages.js';
import {copyText} from './render/clipboard.js';
import {ClockController} from './controllers/clock-controller.js';
import {renderBanners, type PanelHandlers} from './render/panels.js';
import {ensureExtras, extrasStyles, renderSuggestions, retryingStatus} from './render/extras-loader.js';
import {addStyles} from './render/add-styles.js';
import {widgetMoreStyles, widgetStyles} from './chat-widget.styles.js';
import {tokenStyles} from './styles/tokens.styles.js';
import type {ChatMessage, ConnectionStatus, PersistMode} from './types.js';

/** Where the launcher's panel goes full screen (the same query as in chat-widget.styles.ts). */
const FULL_SCREEN = '(max-width: 480px)';

/** Messages of a restored conversation rendered at first, and then after each paint (newest first). */
const RESTORE_BATCH = 15;

/**
 * Anything the first paint of an inline widget with no conversation yet does not show (the
 * elements `widgetStyles` alone styles): rendered first, it needs `widgetMoreStyles` at once.
 */
const BEYOND_FIRST_PAINT =
  ':not(style, section.panel, .header, .header > slot, .title, .status, .messages, .log, .log > slot, .composer, .composer > .row, textarea, .send:not(.stop), .footer, .footer > slot)';

/** `enable-agents` defaults to true: only an explicit "false" turns it off. */
const defaultTrue = {
  fromAttribute: (value: string | null) => value === null || value.toLowerCase() !== 'false',
  toAttribute: (value: boolean) => (value ? '' : 'false'),
};

/** A non-negative number of milliseconds; anything else falls back to the default. */
const msConverter = (fallback: number) => ({
  fromAttribute: (value: string | null) => {
    const n = value === null || value.trim() === '' ? NaN : Number(value);
    return Number.isFinite(n) && n >= 0 ? n : fallback;
  },
  toAttribute: (value: number) => String(value),
});

/** A whole number ≥ 0; anything else falls back to the default. */
const countConverter = (fallback: number) => ({
  fromAttribute: (value: string | null) => {
    const n = value === null || value.trim() === '' ? NaN : Number(value);
    return Number.isFinite(n) && n >= 0 ? Math.floor(n) : fallback;
  },
  toAttribute: (value: number) => String(value),
});

/** A JSON array of strings ↔ string array (anything else is no list). */
const jsonListConverter = {
  fromAttribute: (value: string | null) => {
    try {
      const list: unknown = JSON.parse(value ?? '[]');
      return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string' && item.trim() !== '') : [];
    } catch {
      return [];
    }
  },
  toAttribute: (value: string[]) => JSON.stringify(value),
};

/** A space- or comma-separated attribute ↔ string array. */
const listConverter = {
  fromAttribute: (value: string | null) => (value ? value.split(/[\s,]+/).filter(Boolean) : []),
  toAttribute: (value: string[]) => value.join(' '),
};

/**
 * An embeddable AI chat: streams replies from one of the built-in backend protocols
 * (five WebSocket backends, and the HTTP + SSE standards `openai`, `ai-sdk`, `ag-ui`)
 * or one registered with `ChatWidget.registerProtocol`, and renders them as
 * sanitized markdown.
 *
 * @summary Embeddable streaming AI chat.
 * @tag chat-widget
 *
 * @fires {ChatStatusEvent} chat-status - The connection state changed. Detail `{status, previous}`.
 * @fires {ChatSendEvent} chat-send - Cancelable. A user message is about to go out. Detail `{message}`.
 * @fires {ChatMessageEvent} chat-message - An assistant message is complete. Detail `{message}`.
 * @fires {ChatProgressEvent} chat-progress - A progress or agent status update. Detail `{step, label, details}`.
 * @fires {ChatSuggestionEvent} chat-suggestion - A suggestion chip was chosen. Detail `{text}`.
 * @fires {ChatIdleEvent} chat-idle - The server warned that the session is idle. Detail `{message, timeoutSeconds}`.
 * @fires {ChatSessionEndEvent} chat-session-end - The server ended the session. Detail `{message, reason}`.
 * @fires {ChatTemplateOpportunityEvent} chat-template-opportunity - `template` offers to save the conversation. Detail `{suggestion}`.
 * @fires {ChatTemplateCreatedEvent} chat-template-created - A template was saved. Detail `{template}`.
 * @fires {ChatErrorEvent} chat-error - Any error. Detail `{kind: 'config'|'network'|'protocol'|'server'|'http', message, code?}`.
 * @fires {ChatFrameEvent} chat-frame - Every frame in either direction, parsed. Detail `{direction: 'in'|'out', frame}`.
 * @fires {ChatOpenChangeEvent} chat-open-change - Launcher mode: the panel opened or closed. Detail `{open}`.
 * @fires {ChatStopEvent} chat-stop - The user stopped a reply (`stop()`, the Stop button, Escape). Detail `{message}`: the stopped reply, or the user's message when no reply had begun.
 * @fires {ChatDataEvent} chat-data - Structured data the backend sent with a reply (`ai-sdk` `data-*` parts). Detail `{name, data, message}`.
 * @fires {ChatRegenerateEvent} chat-regenerate - Cancelable. The last reply is about to be replaced by a new answer. Detail `{message}`: the reply replaced.
 * @fires {ChatCopyEvent} chat-copy - A reply or a code block was copied. Detail `{message, text, kind: 'message'|'code'}`.
 * @fires {ChatFeedbackEvent} chat-feedback - The visitor rated a reply (again to clear). Detail `{message, rating: 'up'|'down'|null}`.
 * @fires {ChatProductEvent} chat-product - Cancelable. The visitor chose a product card; the default opens its link in a new tab. Detail `{product, message}`.
 * @fires {ChatStateEvent} chat-state - The agent's shared state after a snapshot or delta (`ag-ui`). Detail `{state}`.
 *
 * @csspart panel - The chat panel.
 * @csspart header - The header with the heading and connection status.
 * @csspart status - The connection status label in the header.
 * @csspart messages - The message list (an ARIA live log).
 * @csspart message - Every message; also `message-user`, `message-assistant` or `message-system`.
 * @csspart message-user - A message the user sent.
 * @csspart message-assistant - A message from the assistant.
 * @csspart message-system - A system message (errors, confirmations).
 * @csspart cursor - The blinking typing cursor at the end of a streaming reply.
 * @csspart typing-indicator - Shown before the first token of a reply.
 * @csspart suggestions - The group of suggestion chips.
 * @csspart suggestion - One suggestion chip.
 * @csspart products - The list of product cards.
 * @csspart product - One product card.
 * @csspart product-image - A product card's picture (only from `imageHosts`).
 * @csspart product-link - A product card's link (or "Choose" when it has no page).
 * @csspart emergency-call - The emergency alert's call action (when the backend names a number).
 * @csspart progress - Progress steps / agent statuses.
 * @csspart notice - Notices: errors, session end, emergency.
 * @csspart idle-warning - The idle warning banner.
 * @csspart idle-warning-action - The "I'm still here" button of the idle warning.
 * @csspart template-prompt - The save-as-template prompt (Create / Not now).
 * @csspart composer - The form at the bottom.
 * @csspart input - The message text area.
 * @csspart send - The send button.
 * @csspart stop - The stop button, shown while a reply streams.
 * @csspart new-chat - The header button that starts a new conversation (`clear()`), shown once there are messages.
 * @csspart greeting - The `greeting`, shown as the first assistant message.
 * @csspart footer - The area under the composer that holds the `footer` slot.
 * @csspart message-error - An error shown as a message (with `message` and `message-system`).
 * @csspart emergency - The emergency alert (with `notice`).
 * @csspart session-end - The notice that the server ended the session (with `notice`).
 * @csspart stalled - The notice that a reply is stalled, with Retry (with `notice`).
 *
 * @slot header - Beside the heading: a logo, an avatar, links.
 * @slot empty - Shown in the message list while the conversation has no messages.
 * @slot footer - Under the composer: a disclaimer, a privacy link.
 * @csspart actions - The row of actions under a reply (`actions` attribute).
 * @csspart copy - Copies the reply's text.
 * @csspart regenerate - Replaces the last reply with a new answer.
 * @csspart feedback-up - Rates the reply as good (`chat-feedback`).
 * @csspart feedback-down - Rates the reply as bad (`chat-feedback`).
 * @csspart timestamp - When a message was written (`<time datetime>`).
 * @csspart code-block - A code block in a reply, with its language and a copy button.
 * @csspart code-copy - Copies a code block's text.
 * @csspart table-more - Under a long table (over 200 rows), shows the rows after the first 200.
 * @csspart reasoning - The collapsed "Thinking" section above a reply's text.
 * @csspart sources - The list of sources under a reply.
 * @csspart launcher - The floating button in launcher mode.
 * @csspart close - Launcher mode: the panel's close button, in the header.
 * @csspart unread-badge - Launcher mode: the count of replies that arrived while the panel was closed, on the launcher.
 *
 * @cssprop [--chat-accent=#2563eb] - Accent color (buttons, user bubbles, links, cursor).
 * @cssprop [--chat-accent-fg=#fff] - Text color on the accent color.
 * @cssprop [--chat-bg=#fff] - Panel background.
 * @cssprop [--chat-fg=#1f2328] - Text color.
 * @cssprop [--chat-muted=#57606a] - Secondary text color.
 * @cssprop [--chat-border=#d0d5dc] - Border color.
 * @cssprop [--chat-danger=#b42318] - Error color.
 * @cssprop [--chat-danger-bg=#fef3f2] - Background of error messages, notices and the emergency alert.
 * @cssprop [--chat-warn-bg=#fff8e1] - Background of the idle warning and the session-ended notice.
 * @cssprop [--chat-code-bg=#e9ecf0] - Background of code blocks and inline code.
 * @cssprop [--chat-chip-bg=var(--chat-bg)] - Suggestion chip background.
 * @cssprop [--chat-chip-fg=var(--chat-accent)] - Suggestion chip text color.
 * @cssprop [--chat-font=400 15px/1.5 system-ui, sans-serif] - Font shorthand used inside the widget.
 * @cssprop [--chat-font-mono=ui-monospace, monospace] - Font family for code.
 * @cssprop [--chat-radius=12px] - Corner radius of the panel and bubbles.
 * @cssprop [--chat-user-bg=var(--chat-accent)] - User bubble background.
 * @cssprop [--chat-user-fg=var(--chat-accent-fg)] - User bubble text color.
 * @cssprop [--chat-assistant-bg=#f2f4f7] - Assistant bubble background.
 * @cssprop [--chat-assistant-fg=var(--chat-fg)] - Assistant bubble text color.
 * @cssprop [--chat-cursor-color=var(--chat-accent)] - Typing cursor color.
 * @cssprop [--chat-width=380px] - Panel width in launcher mode.
 * @cssprop [--chat-height=560px] - Panel height.
 * @cssprop [--chat-launcher-bottom=20px] - Launcher distance from the bottom of the viewport.
 * @cssprop [--chat-launcher-right=20px] - Launcher distance from the inline end of the viewport.
 * @cssprop [--chat-z-index=2147483000] - Stacking order of the launcher and its panel.
 * @cssprop [--chat-motion-duration=160ms] - Duration of transitions and of the launcher panel's opening (0ms turns them off).
 *
 * @cssstate connected - The socket is open.
 * @cssstate reconnecting - The connection dropped and is being retried.
 * @cssstate streaming - A reply is streaming.
 * @cssstate stalled - A reply shows no first frame within `stall-timeout` (the stalled notice with Retry is shown).
 */
export class ChatWidget extends LitElement {
  /**
   * The markdown styles come with the lazy markdown chunk (see render/markdown-directive.ts), the
   * rest of the layout after the first paint (`widgetMoreStyles`, see #adoptMoreStyles).
   */
  static override styles = [tokenStyles, widgetStyles];
  /**
   * The reactive properties (each documented at its field below), declared here rather than with
   * decorators: 38 decorator calls and their helper took 446 B of the widget chunk's gzip (npm run
   * bench's conversation size). `attribute: false` on the internal state keeps it out of the
   * manifest's attributes (the analyzer reads this table).
   */
  static override properties = {
    protocol: {reflect: true},
    url: {},
    path: {},
    token: {attribute: 'token'},
    brand: {reflect: true},
    sessionId: {attribute: 'session-id'},
    visitorId: {attribute: 'visitor-id'},
    userId: {attribute: 'user-id'},
    platform: {},
    topic: {},
    voice: {type: Boolean},
    enableAgents: {attribute: 'enable-agents', converter: defaultTrue},
    heading: {},
    placeholder: {},
    launcher: {type: Boolean, reflect: true},
    open: {type: Boolean, reflect: true},
    persist: {},
    lang: {},
    theme: {},
    currency: {},
    context: {attribute: false},
    strings: {attribute: false},
    stallTimeout: {attribute: 'stall-timeout', type: Number, converter: msConverter(20_000)},
    reconnectDelay: {attribute: 'reconnect-delay', type: Number, converter: msConverter(1_000)},
    reconnectMax: {attribute: 'reconnect-max', type: Number, converter: msConverter(30_000)},
    connectTimeout: {attribute: 'connect-timeout', type: Number, converter: msConverter(10_000)},
    model: {},
    instructions: {},
    historyLimit: {attribute: 'history-limit', type: Number, converter: countConverter(40)},
    headers: {attribute: false},
    actions: {},
    imageHosts: {attribute: 'image-hosts', converter: listConverter},
    greeting: {},
    showConfidence: {attribute: 'show-confidence', type: Boolean},
    starters: {converter: jsonListConverter},
    unread: {state: true, attribute: false},
    optimizing: {state: true, attribute: false},
    copied: {state: true, attribute: false},
  };

  /** Adds a protocol adapter under `name` (same interface the built-in protocols use). */
  static registerProtocol(name: string, adapter: ProtocolAdapter): void {
    registerProtocol(name, adapter);
  }

  /**
   * The backend protocol: `openai`, `ai-sdk`, `ag-ui` (HTTP + SSE), `job`, `brand`, `agent`, `session`,
   * `template` (the WebSocket backends), or a name registered with `ChatWidget.registerProtocol`.
   */
  protocol = '';
  /** Backend base URL: `http(s)://host[:port]` or `ws(s)://host[:port]`. */
  url = '';
  /**
   * Overrides the protocol's path: the WebSocket path template (placeholders `{brand}`, `{session}`,
   * `{user}`), or the HTTP request path (`openai` `/v1/chat/completions`, `ai-sdk` `/api/chat`, `ag-ui` none).
   */
  path = '';
  /** API token / JWT where the protocol uses one. Never reflected, logged or rendered. */
  token = '';
  /** Brand id (`brand` protocol). */
  brand = '';
  /** Session id (`session`). */
  sessionId = '';
  /** Visitor id (`session`). */
  visitorId = '';
  /** User id (`brand`, `agent`, `template`). */
  userId = '';
  /** Default platform for the `job` form. */
  platform = 'Instagram';
  /** Default topic for the `job` form. */
  topic = '';
  /** `brand`: ask for voice-optimized (one sentence) replies. */
  voice = false;
  /** `agent`: run the multi-agent workflow (default true; `enable-agents="false"` turns it off). */
  enableAgents = true;
  /** Header text (a backend-provided name such as `brand_name` replaces it). */
  heading = '';
  /** Input placeholder. */
  placeholder = '';
  /** Render as a floating button that opens the chat panel. */
  launcher = false;
  /** Launcher mode: whether the panel is open. */
  open = false;
  /** Where history and ids survive reloads: `none`, `session` (default) or `local`. */
  persist: PersistMode = 'session';
  /**
   * UI language for built-in strings (number formats follow it too); unset follows the
   * page's `<html lang>`, also when it changes. Built-in locales load by themselves. Not
   * reflected: set as a property, the host keeps the page's language for assistive tech
   * (the panel carries it instead).
   */
  override lang = '';
  /**
   * `light` or `dark` forces a color scheme; unset (or `auto`) follows the page's preference.
   * Not reflected: the host's attributes stay the page's (the panel carries it instead).
   */
  theme = '';
  /** ISO 4217 currency for product prices (e.g. `IDR`); without it prices are plain numbers. */
  currency = '';
  /** Object merged into outgoing chat frames where the protocol has room (e.g. `patient_profile` for `agent`). */
  context: Record<string, unknown> | undefined = undefined;
  /** Partial map of UI strings to override. */
  strings: ChatStringsOverride | undefined = undefined;
  /**
   * A sent message whose reply shows no first frame within this many ms is shown as stalled, with a
   * Retry that abandons the silent connection and sends the message once more on a fresh one. 0 turns it off.
   */
  stallTimeout = 20_000;
  /** First reconnect delay ceiling, ms (capped exponential backoff with full jitter). */
  reconnectDelay = 1_000;
  /** Largest reconnect delay ceiling, ms. */
  reconnectMax = 30_000;
  /** Give up opening a socket, or one attempt of an HTTP request (until its response begins), after this many ms. */
  connectTimeout = 10_000;
  /** Model id sent by `openai` (sent only when set). */
  model = '';
  /**
   * `openai`: system instructions, sent as a leading `system` message. Anyone who reads the
   * page can read them: keep secrets on the backend.
   */
  instructions = '';
  /** Stateless protocols (`openai`, `ai-sdk`, `ag-ui`) send at most this many earlier messages. */
  historyLimit = 40;
  /** Extra request headers for the HTTP protocols (e.g. a site's own proxy key). Never logged or rendered. */
  headers: Record<string, string> | undefined = undefined;
  /**
   * Which actions replies offer: a space-separated subset of `copy regenerate feedback`
   * (default `copy regenerate`); `none` shows none.
   */
  actions = 'copy regenerate';
  /** Hosts whose images may load inside assistant markdown (default none). Attribute: space-separated list. */
  imageHosts: string[] = [];
  /**
   * Shown as the first assistant message of a conversation (markdown, same sanitizer as replies).
   * Not sent to the backend; a protocol's own welcome replaces it.
   */
  greeting = '';
  /** Show the backend's match confidence under product suggestions (`brand`); hidden by default. */
  showConfidence = false;
  /** Prompts shown as chips before the first message; choosing one sends it. Attribute: a JSON array. */
  starters: string[] = [];

  private unread = 0;
  private optimizing = false;
  private copied: string | null = null;
  #copiedTimer?: ReturnType<typeof setTimeout>;
  #codeCopiedTimer?: ReturnType<typeof setTimeout>;
  readonly #clock = new ClockController(this);

  readonly #store = new Store();
  readonly #connection = new ConnectionController(this, this.#store);
  readonly #internals: ElementInternals | undefined = this.attachInternals?.();
  #strings: ChatStrings = resolveStrings('en');
  #configProblem: ConfigProblem | null = null;
  #optimizeTimer?: ReturnType<typeof setTimeout>;
  #returnFocus: HTMLElement | null = null;
  /** Where the launcher's panel covers the page (full screen): there it is a modal dialog. */
  get #covering(): MediaQueryList | undefined {
    // Asked for by launchers only: an inline widget never builds it.
    return (this.#coveringQuery ??= typeof matchMedia === 'function' ? matchMedia(FULL_SCREEN) : undefined);
  }
  #coveringQuery: MediaQueryList | undefined;
  /**
   * How many of the newest messages are rendered: all, except while a restored conversation fills
   * in, {@link RESTORE_BATCH} more after each paint (200 messages in one render were one task of
   * 80–190 ms at page load). Meanwhile the log does not announce them (`aria-live` off).
   */
  #shown = Infinity;
  readonly #follow = new FollowController(this, () => ({
    scroller: this.renderRoot?.querySelector<HTMLElement>('.messages'),
    content: this.renderRoot?.querySelector('.log'),
  }));
  readonly #persistence = new PersistenceController(
    this,
    this.#store,
    () => persistMode(this.persist),
    (snap) => this.#connection.dispatch({type: 'ui.restore', messages: snap.messages, ids: snap.ids, title: snap.title, seq: snap.seq}),
    (message) => this.#connection.dispatch({type: 'ui.error', kind: 'config', message, notice: false}),
  );

  constructor() {
    super();
    new StoreController(this, this.#store);
    this.#store.subscribe((s, prev, action) => {
      // Sending a message always brings the view to the bottom.
      if (action.type === 'ui.user') {
        this.#follow.jump();
        // A reply is coming: the markdown stack, if it is not there yet.
        void loadMarkdown().catch(() => {});
      }
      // Unread: replies finished while the panel is closed (a restored conversation is not news).
      if (this.launcher && !this.open && action.type !== 'ui.restore' && s.messages !== prev.messages) {
        this.unread += finishedReplies(s.messages, prev.messages);
      }
      if (s.optimized !== null && s.optimized !== prev.optimized) this.#applyOptimized(s.optimized);
      if (action.type === 'ui.restore' && s.messages.length > RESTORE_BATCH) {
        if (this.#shown === Infinity) afterNextPaint(this.#showMore);
        this.#shown = RESTORE_BATCH;
      }
    });
  }

  #showMore = (): void => {
    this.#shown += RESTORE_BATCH;
    if (this.#shown < this.#store.state.messages.length) afterNextPaint(this.#showMore);
    else this.#shown = Infinity;
    this.requestUpdate();
  };

  /** All messages of the conversation (read-only). */
  get messages(): readonly ChatMessage[] {
    return this.#store.state.messages;
  }

  /** Connection state: `idle`, `connecting`, `open`, `reconnecting`, `closed` or `error`. */
  get status(): ConnectionStatus {
    return this.#store.state.status;
  }

  /**
   * Sends a user message (same path as typing + Enter). Returns the message id, or null if nothing was sent.
   * Protocols with a form (`job`) send the current form values (`platform`, `topic`) with it.
   */
  send(text: string): string | null {
    // Settings set just before (`el.context = …; el.send(…)`) apply to this message.
    if (this.isUpdatePending && this.hasUpdated) this.performUpdate();
    return this.#connection.send(text, this.#formValues());
  }

  /**
   * Stops the reply that is streaming now: HTTP protocols abort the request; WebSocket protocols
   * stop showing it (its later frames are dropped). The reply keeps its text with status
   * `stopped`; `chat-stop` fires. Returns false when no reply was under way.
   */
  stop(): boolean {
    return this.#connection.stop();
  }

  /** Opens the connection (the widget connects by itself when configured and shown). */
  connect(): void {
    this.#connection.connect();
  }

  /** Closes the connection. */
  disconnect(): void {
    this.#connection.disconnect();
  }

  /**
   * Replaces the last reply with a new answer to the same question: no second question bubble;
   * the old reply leaves `messages`. Fires cancelable `chat-regenerate` first. WebSocket protocols
   * send the question again; stateless ones send the history without the replaced reply
   * (`ai-sdk`: `trigger: "regenerate-message"`). Returns false when there is nothing to
   * regenerate or a reply is under way.
   */
  regenerate(): boolean {
    return this.#connection.regenerate();
  }

  /** Forgets the conversation: history and stored ids. */
  clear(): void {
    this.#persistence.remove();
    this.#connection.reset();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.#onKeydown);
    window.addEventListener('chat-widget-locale', this.#onLocale);
    this.#unwatchPageLang = watchPageLang(this.#onPageLang);
    // The page's language may have changed while detached; a built-in locale loads now.
    if (this.hasUpdated) this.#onLocale();
    else void loadLocale(this.#locale);
    window.addEventListener(PROTOCOL_EVENT, this.#onProtocol);
    preloadMarkdown();
    whenIdle(() => warmTimeFormats(this.#locale));
    // Re-attached after a removal: reconnect (the first connection happens on the first update).
    if (this.hasUpdated && (!this.launcher || this.open)) this.#connection.connect();
    // An open launcher panel left the top layer with the removal: modal again where it covers the page.
    if (this.hasUpdated && this.launcher && this.open) {
      this.#syncDialog();
      window.visualViewport?.addEventListener('resize', this.#followViewport);
      this.#covering?.addEventListener('change', this.#syncDialog);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.#onKeydown);
    window.removeEventListener('chat-widget-locale', this.#onLocale);
    this.#unwatchPageLang();
    this.#unwatchPageLang = () => {};
    window.removeEventListener(PROTOCOL_EVENT, this.#onProtocol);
    window.visualViewport?.removeEventListener('resize', this.#followViewport);
    this.#coveringQuery?.removeEventListener('change', this.#syncDialog);
    clearTimeout(this.#optimizeTimer);
    this.#optimizeTimer = undefined;
    clearTimeout(this.#copiedTimer);
    this.#copiedTimer = undefined;
    clearTimeout(this.#codeCopiedTimer);
    this.#codeCopiedTimer = undefined;
  }

  /** @internal Fires a `chat-*` event; returns false when a listener canceled it. */
  emit<N extends ChatEventName>(name: N, detail: ChatEventDetails[N]): boolean {
    // Built first, so the manifest lists only the documented `@fires` events.
    const event = new ChatWidgetEvent(name, detail);
    return this.dispatchEvent(event);
  }

  /** @internal User-facing text for a controller problem. */
  describe(problem: ConnectionProblem): string {
    return this.#strings[problem];
  }

  /** @internal The strings in the language shown, for the adapters (`AdapterContext.strings`). */
  uiStrings(): ChatStrings {
    return this.#strings;
  }

  /** @internal For tests: the connection's live timers, socket and queues, plus the element's own timers. */
  get _diagnostics(): {timers: number; socket: boolean; outbox: number; inFlight: number} {
    const own = this.#persistence.timers + this.#clock.timers + (this.#optimizeTimer === undefined ? 0 : 1) + (this.#copiedTimer === undefined ? 0 : 1) + (this.#codeCopiedTimer === undefined ? 0 : 1);
    const d = this.#connection.diagnostics;
    return {...d, timers: d.timers + own};
  }

  /** What the script-tag loader's launcher had when this element took its place (see createRenderRoot). */
  #shell: {opened: boolean; focused: boolean} | null = null;

  /**
   * The script-tag loader (src/loader.ts) may have drawn the launcher (and the panel's shell) in
   * this shadow root while the element loaded: the element renders in their place, in the same
   * task (no frame without a launcher), and keeps what the visitor did with them (see firstUpdated).
   */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = this.shadowRoot;
    if (root?.querySelector('.launcher')) {
      this.#shell = {opened: this.open, focused: root.activeElement !== null};
      root.replaceChildren();
    }
    return super.createRenderRoot();
  }

  protected override firstUpdated(): void {
    afterNextPaint(() => (this.#painted = true));
    // The rest of the layout: now if this first paint shows more than an empty inline widget, else
    // before the next update (willUpdate) or once the page is idle, whichever comes first.
    if (this.renderRoot.querySelector(BEYOND_FIRST_PAINT)) this.#adoptMoreStyles();
    else whenIdle(() => this.#adoptMoreStyles());
    const shell = this.#shell;
    this.#shell = null;
    if (!shell) return;
    // Opened from the loader's launcher: as if opened here (focus in the panel, chat-open-change).
    if (shell.opened && this.open) {
      this.#moveFocus();
      this.emit('chat-open-change', {open: true});
    } else if (shell.focused) this.renderRoot.querySelector<HTMLElement>('[part~="launcher"]')?.focus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Anything rendered after the first paint may need the rest of the layout.
    if (this.hasUpdated) this.#adoptMoreStyles();
    if (changed.has('strings') || changed.has('lang')) this.#strings = resolveStrings(this.#locale, this.strings);
    if (changed.has('stallTimeout') || changed.has('reconnectDelay') || changed.has('reconnectMax') || changed.has('connectTimeout')) {
      this.#connection.setOptions({
        stallTimeout: this.stallTimeout,
        connectTimeout: this.connectTimeout,
        backoff: {base: this.reconnectDelay, cap: Math.max(this.reconnectDelay, this.reconnectMax)},
      });
    }
    if (CONNECTION_KEYS.some((k) => changed.has(k))) this.#configure(false);
    else if (FRAME_KEYS.some((k) => changed.has(k))) this.#configure(true);
    if (changed.has('open') && this.open) this.unread = 0;
    if ((changed.has('open') || changed.has('launcher')) && (!this.launcher || this.open) && this.#connection.configured && this.status === 'idle') {
      this.#connection.connect();
    }
    const state = this.#store.state;
    const states = this.#internals?.states;
    if (states) {
      toggleState(states, 'connected', state.status === 'open');
      toggleState(states, 'reconnecting', state.status === 'reconnecting');
      toggleState(states, 'streaming', state.replyId !== null);
      toggleState(states, 'stalled', state.stalled !== null);
    }
    // The wait before a request goes again counts down on screen (in the header while the widget
    // waits by itself, on the message once the visitor is to try again: Send comes back when it is up).
    this.#clock.countdown(Math.max(busyUntil(state), this.#connection.retryAt));
  }

  protected override updated(changed: PropertyValues<this>): void {
    this.#adoptExtras();
    if (changed.has('lang')) void loadLocale(this.#locale);
    if (changed.has('open') || changed.has('launcher')) this.#syncDialog();
    if (changed.has('open') && this.launcher && changed.get('open') !== undefined) this.#moveFocus();
    if (changed.has('open') || changed.has('launcher')) {
      const following = this.launcher && this.open;
      if (following) this.#followViewport();
      window.visualViewport?.[following ? 'addEventListener' : 'removeEventListener']('resize', this.#followViewport);
      if (following) this.#covering?.addEventListener('change', this.#syncDialog);
      else this.#coveringQuery?.removeEventListener('change', this.#syncDialog);
    }
  }

  /** Whether `widgetMoreStyles` is in the shadow root. */
  #moreStyles = false;

  /** Adds `widgetMoreStyles` to the shadow root (once), right after `widgetStyles`: the order of the stylesheet they were split from. */
  #adoptMoreStyles(): void {
    if (this.#moreStyles) return;
    this.#moreStyles = true;
    addStyles(this.renderRoot as ShadowRoot, widgetMoreStyles, widgetStyles);
  }

  /** Validates the settings, picks the adapter and (re)configures the connection (`soft`: without reconnecting). */
  #configure(soft: boolean): void {
    this.#configured++;
    const resolved = this.#resolve();
    // The protocol's adapter is on its way (script-tag bundle): the current configuration stays
    // until it arrives (#onProtocol configures again then); a message sent meanwhile waits for it.
    if (resolved === undefined) {
      this.#connection.awaitConfiguration();
      return;
    }
    if (this.#persistence.use(resolved ? storageKey(this) : '')) {
      this.#connection.dispatch({type: 'ui.reset'});
      this.#persistence.load();
    }
    this.#connection.configure(resolved, soft);
    if (!soft && resolved && this.isConnected && (!this.launcher || this.open) && this.status !== 'open') this.#connection.connect();
  }

  /** The configuration, null after showing (once) what is wrong with the settings, undefined while the protocol's adapter loads. */
  #resolve(): ResolvedConfig | null | undefined {
    const {resolved, problem, detail, loading} = resolveSettings(this, this.#strings);
    if (loading) return undefined;
    if (problem) {
      const shown = this.#configProblem?.message;
      this.#configProblem = problem;
      // While the page is loading, settings may still be on their way (a script sets them after
      // an await, a tag manager …): say nothing until it has loaded, then only if still wrong.
      if (problem.message !== shown) whenPageSettled(() => this.#configProblem === problem && this.#reportConfig(problem, detail));
      return null;
    }
    if (this.#configProblem) this.#connection.dispatch({type: 'ui.notice', notice: null});
    this.#configProblem = null;
    return resolved;
  }

  #reportConfig(problem: ConfigProblem, detail: string | undefined): void {
    this.#connection.dispatch({type: 'ui.status', status: 'error'});
    this.#connection.dispatch({type: 'ui.error', kind: 'config', message: problem.message, detail});
  }

  /** The element's `lang`, else the page's, else English. */
  get #locale(): string {
    return this.lang || (typeof document !== 'undefined' ? document.documentElement.lang : '') || 'en';
  }

  #applyOptimized(text: string): void {
    const input = this.renderRoot.querySelector<HTMLTextAreaElement>('textarea');
    if (input) input.value = text;
    this.optimizing = false;
    clearTimeout(this.#optimizeTimer);
    this.#optimizeTimer = undefined;
    this.#connection.dispatch({type: 'ui.dismiss', what: 'optimized'});
  }

  #handlers: PanelHandlers = {
    onSuggestion: (text) => {
      this.emit('chat-suggestion', {text});
      this.send(text);
      // The chips go away with the choice: keep the keyboard in the widget, in the input.
      this.renderRoot.querySelector<HTMLTextAreaElement>('textarea')?.focus();
    },
    onStay: () => {
      this.#connection.dispatch({type: 'ui.dismiss', what: 'idle'});
      this.#connection.perform({type: 'ping'});
    },
    onStartAgain: () => this.clear(),
    onTemplate: (create) => {
      const prompt = this.#store.state.templatePrompt;
      if (create && prompt) this.#connection.perform({type: 'save-template', title: prompt.title, category: prompt.category});
      this.#connection.dispatch({type: 'ui.dismiss', what: 'template'});
    },
    onDismissNotice: () => this.#connection.dispatch({type: 'ui.notice', notice: null}),
    onRetryStalled: () => this.#connection.retryStalled(),
    onDismissEmergency: () => this.#connection.dispatch({type: 'ui.dismiss', what: 'emergency'}),
  };

  /**
   * Retry: a user message that did not get through goes again as itself; a cut-off reply is
   * answered again in its place (`regenerate()`). Neither adds a second question bubble.
   */
  #onRetry = (message: ChatMessage): void => {
    if (message.role === 'user') this.#connection.retry(message.id);
    else this.regenerate();
  };

  #onCopy = async (message: ChatMessage): Promise<void> => {
    if (!(await copyText(message.text, this.renderRoot as ShadowRoot))) return;
    this.emit('chat-copy', {message, text: message.text, kind: 'message'});
    this.#confirmCopy(message.id);
  };

  /** Buttons inside the markdown (code blocks' Copy, long tables' Show all rows), handled here by delegation. */
  #onLogClick = async (e: Event): Promise<void> => {
    const more = (e.target as Element | null)?.closest?.('[part~="table-more"]');
    if (more) {
      // The rows show below where the visitor reads: the view stays there (not at the reply's end).
      this.#follow.stop();
      return showAllRows(more);
    }
    const button = (e.target as Element | null)?.closest?.('[part~="code-copy"]');
    const block = button?.closest('[part~="code-block"]');
    const host = block?.closest<HTMLElement>('[data-id]');
    const message = host && this.#store.state.messages.find((m) => m.id === host.dataset['id']);
    if (!button || !block || !message) return;
    // The code as written (the line break the renderer ends a block with is not part of it).
    const text = (block.querySelector('code')?.textContent ?? '').replace(/\n$/, '');
    if (!(await copyText(text, this.renderRoot as ShadowRoot))) return;
    this.emit('chat-copy', {message, text, kind: 'code'});
    // Said for a moment, to eyes and to screen readers (the label is what they read).
    const say = (label: string, done: boolean) => {
      button.textContent = label;
      button.setAttribute('aria-label', label);
      button.classList.toggle('done', done);
    };
    say(this.#strings.copied, true);
    clearTimeout(this.#codeCopiedTimer);
    this.#codeCopiedTimer = setTimeout(() => {
      this.#codeCopiedTimer = undefined;
      say(this.#strings.copyCode, false);
    }, 1500);
  };

  /** The Copy button says "Copied" for a moment. */
  #confirmCopy(id: string): void {
    this.copied = id;
    clearTimeout(this.#copiedTimer);
    this.#copiedTimer = setTimeout(() => {
      this.#copiedTimer = undefined;
      this.copied = null;
    }, 1500);
  }

  /** The protocol this widget names was registered (or replaced) after the widget was set up. */
  #onProtocol = (e: Event): void => {
    if ((e as CustomEvent<{name: string}>).detail?.name !== this.protocol || !this.hasUpdated) return;
    if (this.#painted) return this.#configure(false);
    // Its chunk arrived before the widget's first paint: configuring (settings, the socket, a
    // render) waits for that paint, a frame at most; a message sent meanwhile waits with the
    // others sent while the adapter loaded. Unless the widget configured itself since.
    const seq = this.#configured;
    afterNextPaint(() => seq === this.#configured && this.#configure(false));
  };

  /** True once the first update's frame has painted. */
  #painted = false;

  #extrasLoaded = (): void => this.requestUpdate();
  /** How many times the connection was (re)configured (see #onProtocol). */
  #configured = 0;

  #unwatchPageLang: () => void = () => {};

  /** A locale module loaded after this widget rendered (or the language it shows changed). */
  #onLocale = (): void => {
    this.#strings = resolveStrings(this.#locale, this.strings);
    void loadLocale(this.#locale);
    this.requestUpdate();
  };

  /** `<html lang>` changed: followed unless the widget has a `lang` of its own. */
  #onPageLang = (): void => {
    if (!this.lang) this.#onLocale();
  };

  #onKeydown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.launcher && this.open) {
      e.stopPropagation();
      // Closed here, not also by the browser's close request of the modal dialog.
      e.preventDefault();
      this.#setOpen(false);
    }
  };

  /**
   * The launcher's panel is a `<dialog>`: modal (`showModal()`: the page behind is inert, out
   * of reach of Tab and screen readers; in the top layer) where it covers the page, shown
   * inline (`open` attribute: the page stays usable, nothing takes the focus) where it floats
   * beside it. Crossing the breakpoint while open switches modes and keeps the focus.
   */
  #syncDialog = (): void => {
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog.panel');
    if (!dialog) return;
    if (!this.open || !this.isConnected) {
      if (dialog.open) dialog.close();
      return;
    }
    const modal = Boolean(this.#covering?.matches);
    if (dialog.open && dialog.matches(':modal') === modal) return;
    const focused = (this.renderRoot as ShadowRoot).activeElement as HTMLElement | null;
    if (dialog.open) dialog.close();
    if (modal) {
      try {
        dialog.showModal();
      } catch {
        dialog.setAttribute('open', '');
      }
    } else {
      // Not show(): that would move the focus (a panel open from the start must not take it).
      dialog.setAttribute('open', '');
    }
    if (focused && dialog.contains(focused)) focused.focus();
  };

  /** A close request of the modal panel (Escape, a phone's Back) closes the chat. */
  #onCancel = (e: Event): void => {
    e.preventDefault();
    this.#setOpen(false);
  };

  /** The browser closed the dialog itself (a close request it would not let be canceled). */
  #onDialogClose = (e: Event): void => {
    if (this.open && !(e.target as HTMLDialogElement).open) this.#setOpen(false);
  };

  /** Before the conversation: the `empty` slot while there is nothing, and the greeting unless the backend greets. */
  #renderOpening(messages: readonly ChatMessage[]) {
    const welcomed = messages.some((m) => m.meta.kind === 'welcome');
    return html`${messages.length === 0 ? html`<slot name="empty"></slot>` : nothing}${this.greeting.trim() && !welcomed
      ? html`<div part="message message-assistant greeting" class="msg assistant greeting">
          <div class="bubble md" dir="auto" ${markdown(this.greeting, {imageHosts: this.imageHosts})}></div>
        </div>`
      : nothing}`;
  }

  /** The header's "new conversation": forget this one, start a fresh one, keep the keyboard in the widget. */
  #newChat = (): void => {
    this.clear();
    this.updateComplete.then(() => this.renderRoot.querySelector<HTMLTextAreaElement>('textarea')?.focus());
  };

  /** The values of the adapter's form fields, read from the element's properties of the same names. */
  #formValues(): Record<string, string> | undefined {
    const form = this.#connection.adapter?.features?.form;
    if (!form) return undefined;
    const self = this as unknown as Record<string, unknown>;
    return Object.fromEntries(form.fields.map((f) => [f.name, typeof self[f.name] === 'string' ? (self[f.name] as string) : '']));
  }

  #setOpen(open: boolean): void {
    if (this.open === open) return;
    if (open) this.#returnFocus = (document.activeElement as HTMLElement | null) ?? null;
    this.open = open;
    this.emit('chat-open-change', {open});
  }

  #moveFocus(): void {
    if (!this.open) return void (this.renderRoot.querySelector<HTMLElement>('[part~="launcher"]') ?? this.#returnFocus)?.focus();
    // On a touch screen focusing the input would pop the keyboard over half the panel: the close
    // button takes the focus instead (still inside the panel, for screen readers).
    const touch = typeof matchMedia === 'function' && matchMedia('(hover: none) and (pointer: coarse)').matches;
    this.renderRoot.querySelector<HTMLElement>(touch ? 'button.close' : 'textarea, button.send')?.focus();
  }

  /** Full-screen launcher on a phone: the panel is as tall as what the on-screen keyboard leaves. */
  #followViewport = (): void => {
    const height = window.visualViewport?.height;
    if (height) this.style.setProperty('--_viewport-height', `${Math.round(height)}px`);
  };

  /** The extras' styles (./render/extras.ts), added once they have loaded, after the widget's own. */
  #adoptExtras(): void {
    const styles = extrasStyles();
    if (styles && this.renderRoot instanceof ShadowRoot) addStyles(this.renderRoot, styles);
  }

  protected override render() {
    const state = this.#store.state;
    // Suggestion chips: the last reply's, else the starters until the visitor has written.
    const chips = state.sessionEnded ? [] : state.suggestions.length || state.messages.some((m) => m.role === 'user') ? state.suggestions : this.starters;
    const perRequest = this.#connection.perRequest;
    // A request waiting to be tried again counts down in the header with the extras (until they load: Retrying…).
    const retrying = perRequest && state.status === 'reconnecting';
    ensureExtras(state, !!this.#connection.adapter?.features?.form || chips.length > 0 || retrying, this.#extrasLoaded);
    const s = this.#strings;
    const lang = this.#locale;
    const dir = isRtl(lang) ? 'rtl' : 'ltr';
    const statusText = {
      idle: perRequest ? s.statusReady : s.statusIdle,
      connecting: s.statusConnecting,
      open: perRequest ? s.statusReplying : s.statusOpen,
      // Never reached since these settings: still connecting, as far as a visitor can tell.
      reconnecting: retrying ? retryingStatus(s, this.#connection.retryAt, lang) : this.#connection.reached ? s.statusReconnecting : s.statusConnecting,
      // A conversation that ended (by the server, or one that cannot go on) is over, not broken.
      closed: state.sessionEnded ? s.statusEnded : s.statusClosed,
      error: s.statusError,
    }[state.status];
    const heading = state.title || this.heading || s.heading;
    const theme = this.theme === 'light' || this.theme === 'dark' ? this.theme : nothing;
    const body = html`
      <header part="header" class="header">
        <slot name="header"></slot>
        <span class="title" dir="auto" title=${heading}>${heading}</span>
        <span part="status" class="status" data-status=${state.status} role="status">${statusText}</span>
        ${state.messages.some((m) => m.role === 'user')
          ? html`<button type="button" part="new-chat" class="icon-btn" title=${s.newChat} aria-label=${s.newChat} @click=${this.#newChat}>${newChatIcon}</button>`
          : nothing}
        ${this.launcher
          ? html`<button type="button" part="close" class="icon-btn close" title=${s.closeChat} aria-label=${s.closeChat} @click=${() => this.#setOpen(false)}>${closeIcon}</button>`
          : nothing}
      </header>
      <div part="messages" class="messages" role="log" aria-live=${this.#shown === Infinity ? 'polite' : 'off'} aria-label=${s.messagesLabel} tabindex="0" @scroll=${this.#follow.onScroll}>
        <div class="log" @click=${this.#onLogClick}>${this.#renderOpening(state.messages)}${renderMessages({
          state,
          strings: s,
          imageHosts: this.imageHosts,
          locale: lang,
          currency: this.currency,
          actions: this.actions,
          regenerable: this.#connection.regenerable?.reply.id ?? null,
          copied: this.copied,
          now: Date.now(),
          onRetry: this.#onRetry,
          onCopy: this.#onCopy,
          onRegenerate: () => this.regenerate(),
          onFeedback: (message, rating) => this.#connection.dispatch({type: 'ui.feedback', id: message.id, rating}),
          onProduct: (product, message, hasPage) => {
            const proceed = this.emit('chat-product', {product, message});
            // A card without a page: choosing it says so in the conversation (unless the page handles it).
            if (proceed && !hasPage) this.send(s.productChosen(product.name));
            return proceed;
          },
          showConfidence: this.showConfidence,
          shown: this.#shown,
        })}</div>
      </div>
      ${!this.#follow.following
        ? html`<button type="button" class="jump" @click=${() => this.#follow.jump()}>${s.jumpToLatest} ${arrowDownIcon}</button>`
        : nothing}
      ${renderSuggestions(chips, s, this.#handlers)}
      ${renderBanners(state, s, this.#handlers)}
      ${renderComposer({
        strings: s,
        placeholder: this.placeholder || s.placeholder,
        disabled: Boolean(state.sessionEnded) || this.#configProblem !== null,
        holdSend: busyUntil(state) > Date.now(),
        form: this.#connection.adapter?.features?.form ?? null,
        formValues: this.#formValues() ?? {},
        canOptimize: state.features.optimize,
        optimizing: this.optimizing,
        replying: state.replyId !== null || awaitingReply(state),
        onSubmit: (text, values) => {
          // The form's values become the element's (they are its defaults for the next message).
          for (const [name, value] of Object.entries(values)) (this as unknown as Record<string, string>)[name] = value;
          this.#connection.send(text, this.#formValues());
        },
        onStop: () => this.stop(),
        onOptimize: (prompt) => {
          if (!this.#connection.perform({type: 'optimize', prompt})) return;
          this.optimizing = true;
          // `optimize_prompt` may never be answered: do not leave the UI waiting.
          this.#optimizeTimer = setTimeout(() => {
            this.#optimizeTimer = undefined;
            this.optimizing = false;
          }, 10_000);
        },
      })}
      <div part="footer" class="footer"><slot name="footer"></slot></div>`;
    if (!this.launcher) {
      return html`<section part="panel" class="panel" lang=${this.lang || nothing} dir=${dir} data-theme=${theme} aria-label=${heading}>${body}</section>`;
    }
    // A dialog, shown and made modal by #syncDialog (the `open` attribute is not bound here).
    return html`<dialog
        part="panel"
        class="panel"
        lang=${this.lang || nothing}
        dir=${dir}
        data-theme=${theme}
        aria-label=${heading}
        ?hidden=${!this.open}
        @cancel=${this.#onCancel}
        @close=${this.#onDialogClose}
      >
        ${body}
      </dialog>
      <button
        part="launcher"
        class="launcher"
        dir=${dir}
        data-theme=${theme}
        type="button"
        aria-label=${this.open ? s.closeChat : s.openChat}
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-describedby=${this.unread && !this.open ? 'unread' : nothing}
        @click=${() => this.#setOpen(!this.open)}
      >
        ${this.open ? closeIcon : chatIcon}
        ${this.unread && !this.open ? html`<span part="unread-badge" class="badge" id="unread" aria-label=${s.unread(this.unread)}>${this.unread}</span>` : nothing}
      </button>`;
  }
}

/**
 * Assistant replies that finished between two states (arrived whole, or stopped streaming; not
 * the greeting): what the unread badge counts while the panel is closed, also for a reply that
 * began while it was open. Only the last few messages change from one state to the next.
 */
function finishedReplies(next: readonly ChatMessage[], prev: readonly ChatMessage[]): number {
  let count = 0;
  for (let i = Math.max(0, next.length - 3); i < next.length; i++) {
    const m = next[i]!;
    if (m.role !== 'assistant' || m.status === 'streaming' || m.meta.kind === 'welcome') continue;
    const before = prev.slice(-4).find((p) => p.id === m.id);
    if (!before || before.status === 'streaming') count++;
  }
  return count;
}

/** True once the page has loaded and a task has passed since (settings set on load come first). */
let pageSettled: boolean | undefined;
const settleWaiters: Array<() => void> = [];

/** Runs `fn` now when the page has settled, else once it has. Reads the page only when first asked (not at import). */
function whenPageSettled(fn: () => void): void {
  if (pageSettled === undefined) {
    pageSettled = document.readyState === 'complete';
    if (!pageSettled) {
      window.addEventListener(
        'load',
        () =>
          setTimeout(() => {
            pageSettled = true;
            for (const waiter of settleWaiters.splice(0)) waiter();
          }, 0),
        {once: true},
      );
    }
  }
  if (pageSettled) fn();
  else settleWaiters.push(fn);
}

/**
 * A long table's "Show all rows" (src/markdown/markdown.ts, ROW_GROUP): its hidden row groups
 * show, the wrapper is marked `all` (rows still streaming in stay shown) and the button goes;
 * focus goes to the table (it scrolls, and the button it was on is gone), where it is.
 */
function showAllRows(button: Element): void {
  const wrap = button.parentElement as HTMLElement;
  wrap.classList.add('all');
  for (const body of wrap.querySelectorAll('tbody')) body.hidden = false;
  button.remove();
  wrap.focus({preventScroll: true});
}

function toggleState(states: CustomStateSet, name: string, on: boolean): void {
  try {
    if (on) states.add(name);
    else states.delete(name);
  } catch {
    // Older engines without CustomStateSet support for plain names.
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'chat-widget': ChatWidget;
  }
}
