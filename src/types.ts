/**
 * Public domain types of `<chat-widget>`. Value lists are `as const` arrays with
 * a derived union, so code and docs share one source of truth.
 */

export const ROLES = ['user', 'assistant', 'system'] as const;
export type Role = (typeof ROLES)[number];

export const MESSAGE_STATUSES = ['pending', 'sent', 'streaming', 'complete', 'interrupted', 'stopped', 'error'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const CONNECTION_STATUSES = ['idle', 'connecting', 'open', 'reconnecting', 'closed', 'error'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

export const ERROR_KINDS = ['config', 'network', 'protocol', 'server', 'http'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export const PERSIST_MODES = ['none', 'session', 'local'] as const;
export type PersistMode = (typeof PERSIST_MODES)[number];

/** A product card (`brand` protocol, `complete.suggested_products`). */
export interface Product {
  id?: string;
  name: string;
  description?: string;
  category?: string;
  price?: number | null;
  currency?: string;
  features: string[];
  specifications: Record<string, string>;
  availability?: boolean | null;
  /** A picture (`image` or `image_url`), shown only from hosts in `imageHosts`. */
  image?: string;
  /** The product's page (`url` or `link`), opened by choosing the card. */
  url?: string;
}

/** One progress step (`job` progress, `agent` status). */
export interface ProgressStep {
  step: string;
  label: string;
  details?: Record<string, unknown>;
}

/** What `template` offers to save (`template_opportunity.suggestion`). */
export interface TemplateSuggestion {
  title: string;
  description?: string;
  category?: string;
  confidence?: number;
  reasoning?: string;
}

/** A saved template (`template_created.template`). */
export interface TemplateInfo {
  id?: string;
  title: string;
  description?: string;
  category?: string;
}

/** A source an assistant reply cites (shown as a safe link under the reply). */
export interface Source {
  /** `url`: a web page; `document`: a document without a URL of its own. */
  kind: 'url' | 'document';
  id?: string;
  url?: string;
  title?: string;
  mediaType?: string;
  filename?: string;
}

/** Protocol extras carried on a message. Every field is optional. */
export interface MessageMeta {
  products?: Product[];
  confidence?: number | null;
  strategy?: unknown;
  compliance?: unknown;
  suggestions?: string[];
  needsInfo?: string | null;
  processingTimeMs?: number;
  agents?: string[];
  progress?: readonly ProgressStep[];
  emergency?: boolean;
  /** Reasoning ("thinking") streamed with the reply. */
  reasoning?: string;
  /** Sources the reply cites. */
  sources?: readonly Source[];
  /** The visitor's rating of this reply (the feedback buttons). */
  feedback?: 'up' | 'down';
  /** The server's id for this message, where the protocol has one. */
  serverId?: string;
  /**
   * A user message whose request failed (status `error`): the HTTP status (0: no answer) and, after
   * a 429 with `Retry-After`, when the server will take messages again (epoch ms).
   */
  failure?: {status: number; retryAt?: number};
  /** User messages of protocols with a form (`job`): the form values that were sent, by field name. */
  /** Error messages: the server's text is for visitors (shown as is). */
  visitorText?: boolean;
  /** For `system` messages: what they report. */
  kind?: 'welcome' | 'error' | 'notice' | 'template' | 'optimized';
  errorKind?: ErrorKind;
  [key: string]: unknown;
}

export interface ChatMessage {
  readonly id: string;
  readonly role: Role;
  readonly text: string;
  readonly status: MessageStatus;
  readonly createdAt: number;
  readonly meta: Readonly<MessageMeta>;
}

/**
 * Ids a protocol keeps across messages. `conversation` ids survive reconnects
 * (and reloads, when persisted); `socket` ids live as long as one socket.
 */
export interface ConversationIds {
  conversationId?: string;
  sessionId?: string;
  visitorId?: string;
  userId?: string;
  [key: string]: string | undefined;
}

/** The widget's settings as adapters see them (attributes, resolved). */
export interface ChatConfig {
  protocol: string;
  /** Base URL as given. */
  url: string;
  /** `http(s)://host[:port][/prefix]` derived from `url` (no trailing slash, no query). */
  httpBase: string;
  /** `ws(s)://host[:port][/prefix]` derived from `url` (no trailing slash, no query). */
  wsBase: string;
  /** Query parameters of `url`, carried onto every request the widget makes. */
  baseQuery: ReadonlyArray<readonly [string, string]>;
  path?: string;
  token?: string;
  brand?: string;
  sessionId?: string;
  visitorId?: string;
  userId?: string;
  platform?: string;
  topic?: string;
  voice: boolean;
  enableAgents: boolean;
  context?: Record<string, unknown>;
  /** Model id (`openai`). */
  model?: string;
  /** System instructions (`openai`: a leading system message). */
  instructions?: string;
  /** Stateless protocols send at most this many earlier messages. */
  historyLimit: number;
  /** Extra HTTP request headers (the `headers` property). Never logged or rendered. */
  headers?: Readonly<Record<string, string>>;
}
