/** Every built-in UI string. Override any of them with the `strings` property. */
export interface ChatStrings {
  heading: string;
  placeholder: string;
  send: string;
  /** The button (and Escape) that stops a streaming reply. */
  stop: string;
  /** Under a reply the user stopped. */
  stopped: string;
  /** The collapsed reasoning section above a reply. */
  reasoning: string;
  /** The heading of a reply's list of sources. */
  sources: string;
  /** The group of actions under a reply. */
  messageActions: string;
  copy: string;
  /** Confirms a copy (on the Copy button, for a moment). */
  copied: string;
  /** The copy button of a code block. */
  copyCode: string;
  /** The button under a long table that shows the rows after its first 200 (the count follows in parentheses). */
  showAllRows: string;
  regenerate: string;
  feedbackUp: string;
  feedbackDown: string;
  inputLabel: string;
  messagesLabel: string;
  typing: string;
  you: string;
  assistant: string;
  statusIdle: string;
  /** Idle for protocols that connect per request (`job`). */
  statusReady: string;
  statusConnecting: string;
  statusOpen: string;
  /** `open` for protocols that connect per request: a reply is on its way. */
  statusReplying: string;
  statusReconnecting: string;
  /** `reconnecting` for protocols that connect per request: a refused request (429 …) will be tried again. */
  statusRetrying: string;
  /** `statusRetrying` while the wait before the next try counts down (`when`: "in 12 seconds", `Intl.RelativeTimeFormat`). */
  statusRetryingIn: (when: string) => string;
  statusClosed: string;
  /** `closed` after the conversation ended (the server ended the session, or it cannot go on). */
  statusEnded: string;
  statusError: string;
  pending: string;
  /** A message on its way (the connection or request that takes it is under way). */
  sending: string;
  interrupted: string;
  retry: string;
  dismiss: string;
  suggestionsLabel: string;
  productsLabel: string;
  /** A product card's folded features and specifications. */
  productDetails: string;
  /** Opens a product's page. */
  productView: string;
  /** Chooses a product that has no page (`chat-product`). */
  productChoose: string;
  /** The message that choosing a product without a page sends (unless `chat-product` is canceled). */
  productChosen: (name: string) => string;
  /** The emergency alert's call action, with the number the backend named. */
  emergencyCall: (number: string) => string;
  confidence: (percent: string) => string;
  available: string;
  unavailable: string;
  progressLabel: string;
  /** Plural forms follow `Intl.PluralRules` of the locale. */
  progressSteps: (count: number) => string;
  /** A finished tool call's folded summary: what it was given, what it returned, how it failed. */
  toolInput: string;
  toolResult: string;
  toolError: string;
  /** The launcher's unread badge, for screen readers (plural forms by `Intl.PluralRules`). */
  unread: (count: number) => string;
  agents: (names: string) => string;
  processingTime: (ms: string) => string;
  strategy: string;
  compliance: string;
  idleStay: string;
  sessionEnded: string;
  startAgain: string;
  templateTitle: string;
  templateCreate: string;
  templateNotNow: string;
  templateSaved: (title: string) => string;
  optimize: string;
  optimizing: string;
  emergencyTitle: string;
  emergencyDefault: string;
  jobPlatform: string;
  jobTopic: string;
  jobQuestion: string;
  jobSubmit: string;
  /** The header button that starts a new conversation. */
  newChat: string;
  openChat: string;
  closeChat: string;
  jumpToLatest: string;
  /** Config problems name the attribute at fault. */
  configMissing: (setting: string) => string;
  configInvalid: (setting: string, value: string) => string;
  networkLost: string;
  networkUnreachable: string;
  jobLost: string;
  /** The `job` start request timed out (after its retries). */
  jobTimeout: string;
  /** A reply shows no first frame within the stall timeout (shown with a Retry button). */
  stalled: string;
  /** A user message whose reply never started (the connection broke). */
  unanswered: string;
  /** A user message the server refused or could not be reached for (the request failed; the notice says why). */
  requestFailed: string;
  /** Under a user message whose request the server failed (HTTP 5xx, 408). */
  requestServerError: string;
  /** Under a user message the server refused (HTTP 4xx but 408 and 429): trying again would not help. */
  requestRefused: string;
  /** Under a user message refused as one too many (HTTP 429), once it may be sent again. */
  requestBusy: string;
  /** Under a user message refused as one too many (HTTP 429), while the server's `Retry-After` runs: `when` counts down ("in 12 seconds", `Intl.RelativeTimeFormat`). */
  requestBusyFor: (when: string) => string;
  outboxFull: string;
  frameIgnored: string;
  /** An HTTP request that got no answer (the network, or the server is down). */
  httpUnreachable: string;
  /**
   * An HTTP request refused for its credentials (401, 403). This and the next two word a failure
   * in a notice, for adapters' `httpError` (`job`: 429); the built-in HTTP protocols say it on the
   * message instead (`requestServerError` …).
   */
  httpRefused: (status: number) => string;
  /** An HTTP request refused as one too many (429, after the retries it waits for). */
  httpTooMany: (status: number) => string;
  /** Any other failed HTTP request. The server's own detail, if any, follows. */
  httpFailed: (status: number) => string;
  /** `job`: the start request refused the API token (401, 403). */
  jobTokenRejected: (status: number) => string;
  /** `job`: the start request failed otherwise. The server's own detail, if any, follows. */
  jobStartFailed: (status: number) => string;
  /** `job`: the start request's answer is not JSON. */
  jobUnreadableAnswer: (status: number) => string;
  /** `job`: the start request's answer names no job session. */
  jobNoSession: (status: number) => string;
  /** `agent` progress: its `status` values (`validating` …). */
  agentValidating: string;
  agentCheckingEmergency: string;
  agentProcessing: string;
  agentRetrievingContext: string;
  agentGeneratingResponse: string;
  agentRunningTriage: string;
  agentRunningDiagnostic: string;
  agentRunningTreatment: string;
  /** Server error codes → user-facing text; unknown codes show the server's own text. */
  errors: Partial<Record<string, string>>;
}

/** Built when a plural is first needed, not at load (an `Intl` object loads locale data: the first one a page builds costs most). */
let enPlural: Intl.PluralRules | undefined;
const ONE = (n: number) => (enPlural ??= new Intl.PluralRules('en')).select(n) === 'one';

const CORE: Omit<ChatStrings, LaterKey> = {
  heading: 'Chat',
  placeholder: 'Type a message…',
  send: 'Send',
  stop: 'Stop',
  stopped: 'Stopped.',
  messageActions: 'Message actions',
  copy: 'Copy',
  copied: 'Copied',
  copyCode: 'Copy code',
  showAllRows: 'Show all rows',
  regenerate: 'Regenerate',
  feedbackUp: 'Good answer',
  feedbackDown: 'Bad answer',
  inputLabel: 'Message',
  messagesLabel: 'Conversation',
  typing: 'Assistant is typing…',
  you: 'You',
  assistant: 'Assistant',
  statusIdle: 'Not connected',
  statusReady: 'Ready',
  statusConnecting: 'Connecting…',
  statusReplying: 'Replying…',
  statusRetrying: 'Retrying…',
  statusClosed: 'Disconnected',
  statusEnded: 'Ended',
  statusError: 'Connection problem',
  pending: 'Waiting to send',
  sending: 'Sending…',
  interrupted: 'The reply was cut off.',
  retry: 'Retry',
  dismiss: 'Dismiss',
  unread: (n) => (ONE(n) ? `${n} unread message` : `${n} unread messages`),
  newChat: 'New conversation',
  openChat: 'Open chat',
  closeChat: 'Close chat',
  jumpToLatest: 'Jump to latest',
  configMissing: (s) => `The chat is not set up: the “${s}” attribute is missing.`,
  configInvalid: (s, v) => `The chat is not set up: “${v}” is not a valid value for the “${s}” attribute.`,
  networkUnreachable: 'Cannot reach the chat server.',
  jobLost: 'The connection closed before the result arrived. Please try again.',
  jobTimeout: 'The server did not answer in time. Please try again.',
  stalled: 'The reply is taking longer than usual.',
  unanswered: 'Not answered: the connection broke before a reply arrived.',
  requestFailed: 'Not answered: the message could not be delivered.',
  outboxFull: 'Too many messages are waiting to be sent. Please wait for the connection to come back.',
  frameIgnored: 'The server sent something the chat could not read; it was skipped.',
  httpUnreachable: 'Could not reach the server. Check the connection and try again.',
  httpRefused: (status) => `The server refused the request: check the credentials (HTTP ${status}).`,
  httpTooMany: (status) => `Too many requests: please wait a moment and try again (HTTP ${status}).`,
  httpFailed: (status) => `The server could not answer (HTTP ${status}).`,
  // The English of the server error codes the WebSocket protocols send comes with them (addEnglish).
  errors: {},
};

/** Keys whose English comes with the view's extras (../render/extras.ts; see {@link addEnglish}). */
export type ExtrasKey =
  | 'statusRetryingIn'
  | 'suggestionsLabel'
  | 'reasoning'
  | 'sources'
  | 'optimize'
  | 'optimizing'
  | 'idleStay'
  | 'sessionEnded'
  | 'startAgain'
  | 'productsLabel'
  | 'productDetails'
  | 'productView'
  | 'productChoose'
  | 'productChosen'
  | 'emergencyCall'
  | 'confidence'
  | 'available'
  | 'unavailable'
  | 'progressLabel'
  | 'progressSteps'
  | 'toolInput'
  | 'toolResult'
  | 'toolError'
  | 'requestServerError'
  | 'requestRefused'
  | 'requestBusy'
  | 'requestBusyFor'
  | 'agents'
  | 'processingTime'
  | 'strategy'
  | 'compliance'
  | 'templateTitle'
  | 'templateCreate'
  | 'templateNotNow'
  | 'emergencyTitle'
  | 'emergencyDefault';
/** Keys whose English comes with the `job` adapter. */
export type JobKey =
  | 'jobPlatform'
  | 'jobTopic'
  | 'jobQuestion'
  | 'jobSubmit'
  | 'jobTokenRejected'
  | 'jobStartFailed'
  | 'jobUnreadableAnswer'
  | 'jobNoSession';
/** Keys whose English comes with the `agent` adapter. */
export type AgentKey =
  | 'agentValidating'
  | 'agentCheckingEmergency'
  | 'agentProcessing'
  | 'agentRetrievingContext'
  | 'agentGeneratingResponse'
  | 'agentRunningTriage'
  | 'agentRunningDiagnostic'
  | 'agentRunningTreatment';
/** Keys whose English comes with the WebSocket transport: a persistent connection's states. */
export type SocketKey = 'statusOpen' | 'statusReconnecting' | 'networkLost';
/** Keys whose English comes with the `template` adapter. */
export type TemplateKey = 'templateSaved';
type LaterKey = ExtrasKey | JobKey | AgentKey | SocketKey | TemplateKey;

/**
 * English. Strings only some conversations show come with the code that shows them (the view's
 * extras, the `job`, `agent` and `template` adapters, the WebSocket transport, the WebSocket
 * protocols' error codes: {@link addEnglish}), so that in the script-tag bundle a conversation
 * that never shows them never loads them. The other locales hold every string.
 */
export const EN = CORE as ChatStrings;

/** Completes {@link EN} with the strings of the module that shows them; widgets showing English re-render. */
export function addEnglish(part: Partial<ChatStrings>): void {
  Object.assign(EN, {...part, errors: {...EN.errors, ...part.errors}});
  globalThis.dispatchEvent?.(new Event('chat-widget-locale'));
}

/** Whether `n` takes the English singular (for the parts of {@link EN} added later). */
export const englishOne = ONE;


export type ChatStringsOverride = Partial<Omit<ChatStrings, 'errors'>> & {errors?: Partial<Record<string, string>>};

/**
 * Locales by primary language subtag. Shared through a global symbol so that locale
 * modules (`chat-widget/locales/de`, `dist/locales/ar.js`) loaded beside the
 * self-contained bundle find the same registry.
 */
const LOCALES = ((globalThis as Record<symbol, unknown>)[Symbol.for('chat-widget.locales')] ??= new Map()) as Map<string, ChatStrings>;
LOCALES.set('en', EN);

/**
 * The built-in locales besides English, each a module of its own (`dist/locales/<lang>.js`,
 * beside the bundle and imported relative to it), loaded the first time a widget shows
 * that language.
 */
const BUILT_IN: Record<string, () => Promise<unknown>> = {
  ar: () => import('./locales/ar.js'),
  de: () => import('./locales/de.js'),
  es: () => import('./locales/es.js'),
  fr: () => import('./locales/fr.js'),
  id: () => import('./locales/id.js'),
  ja: () => import('./locales/ja.js'),
  pt: () => import('./locales/pt.js'),
  zh: () => import('./locales/zh.js'),
  'zh-Hant': () => import('./locales/zh-Hant.js'),
};

/** The built-in languages (primary subtags, and `zh-Hant`), English included. */
export const BUILT_IN_LOCALES: readonly string[] = ['en', ...Object.keys(BUILT_IN)];

const loading = new Map<string, Promise<void>>();

/**
 * Loads the built-in locale for `lang` unless that language is registered already; the
 * module registers itself and fires `chat-widget-locale`, so widgets re-render. An unknown
 * language (or a module that fails to load) leaves English, silently. Resolves when done.
 */
export function loadLocale(lang: string): Promise<void> {
  const primary = localeKey(lang);
  const load = Object.hasOwn(BUILT_IN, primary) ? BUILT_IN[primary] : undefined;
  if (!load || LOCALES.has(primary)) return Promise.resolve();
  let pending = loading.get(primary);
  if (!pending) {
    pending = load().then(
      () => undefined,
      () => undefined,
    );
    loading.set(primary, pending);
  }
  return pending;
}

/** Adds (or replaces) a locale; widgets showing that language re-render. */
export function registerLocale(lang: string, strings: ChatStrings): void {
  LOCALES.set(localeKey(lang), strings);
  globalThis.dispatchEvent?.(new Event('chat-widget-locale'));
}

/** Languages written right to left. */
const RTL = new Set(['ar', 'he', 'fa', 'ur']);

export function primaryLanguage(lang: string): string {
  return lang.split('-')[0].toLowerCase();
}

/** Chinese regions written in Traditional characters unless a script subtag says otherwise. */
const HANT_REGIONS = new Set(['tw', 'hk', 'mo']);

/**
 * The locale a language tag shows: its primary language (`pt-BR` → `pt`), except Chinese in
 * Traditional characters (`zh-Hant`, `zh-Hant-*`, `zh-TW`, `zh-HK`, `zh-MO`) → `zh-Hant`; an
 * explicit script wins over the region (`zh-Hans-TW` → `zh`).
 */
export function localeKey(lang: string): string {
  const [primary, ...rest] = lang.toLowerCase().split(/[-_]/);
  if (primary === 'zh') {
    const script = rest.find((s) => s.length === 4);
    if (script ? script === 'hant' : rest.some((s) => HANT_REGIONS.has(s))) return 'zh-Hant';
  }
  return primary;
}

export function isRtl(lang: string): boolean {
  return RTL.has(primaryLanguage(lang));
}

/**
 * The locale's strings (English when there is none) with the host's overrides on top. A locale
 * registered by the page that lacks keys added since it was written shows those in English.
 */
export function resolveStrings(lang: string, overrides?: ChatStringsOverride | null): ChatStrings {
  const registered = LOCALES.get(localeKey(lang));
  const base = !registered || registered === EN ? EN : ({...EN, ...registered} as ChatStrings);
  if (!overrides) return base;
  return {...base, ...overrides, errors: {...base.errors, ...overrides.errors}} as ChatStrings;
}
