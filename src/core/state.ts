import type {Features} from './chat-event.js';
import type {
  ChatMessage,
  ConnectionStatus,
  ConversationIds,
  ErrorKind,
  ProgressStep,
  TemplateSuggestion,
} from '../types.js';

/** A problem shown in the notice area (config, network, protocol). */
export interface Notice {
  kind: ErrorKind;
  message: string;
  code?: string;
}

/** Everything the view renders. Only `reduce()` produces new states. */
export interface ChatState {
  readonly status: ConnectionStatus;
  readonly messages: readonly ChatMessage[];
  /** Conversation-scoped protocol ids (persisted). */
  readonly ids: Readonly<ConversationIds>;
  /** Ids of the current socket only (cleared on every new socket). */
  readonly socketIds: Readonly<Record<string, string>>;
  /** Backend-provided title (`brand_name`). */
  readonly title: string | null;
  readonly features: Readonly<Features>;
  /** Suggestion chips offered now. */
  readonly suggestions: readonly string[];
  /** Progress of the reply being produced. */
  readonly progress: readonly ProgressStep[];
  /** Id of the assistant message being streamed, if any. */
  readonly replyId: string | null;
  /** A user message went out and no reply has started yet. */
  readonly awaiting: boolean;
  /** The server says it is typing. */
  readonly typing: boolean;
  readonly idleWarning: {message: string; timeoutSeconds?: number} | null;
  readonly sessionEnded: {message: string; reason?: string} | null;
  readonly templatePrompt: TemplateSuggestion | null;
  /** Template opportunities still to ignore after the user said "Not now". */
  readonly templateSnooze: number;
  readonly emergency: string | null;
  readonly notice: Notice | null;
  /** Id of the user message whose reply shows no first frame within the stall timeout. */
  readonly stalled: string | null;
  /** The agent's shared state (`state` events), `undefined` until one arrives. */
  readonly agentState: unknown;
  /** An improved prompt from `optimize`, waiting to be put into the composer. */
  readonly optimized: string | null;
  /** Counter for message ids made by the reducer. */
  readonly seq: number;
}

export const NO_FEATURES: Features = Object.freeze({optimize: false, templates: false});

export function initialState(): ChatState {
  return {
    status: 'idle',
    messages: [],
    ids: {},
    socketIds: {},
    title: null,
    features: NO_FEATURES,
    suggestions: [],
    progress: [],
    replyId: null,
    awaiting: false,
    typing: false,
    idleWarning: null,
    sessionEnded: null,
    templatePrompt: null,
    templateSnooze: 0,
    emergency: null,
    notice: null,
    stalled: null,
    optimized: null,
    agentState: undefined,
    seq: 0,
  };
}

/**
 * A reply is on its way: a message went out and none has started yet. A message waiting to be
 * sent (queued while the connection is down: `pending`) is not answered yet, so no typing dots
 * and no Stop for it.
 */
export function awaitingReply(state: ChatState): boolean {
  if (!state.awaiting) return false;
  for (let i = state.messages.length - 1; i >= 0; i--) {
    const m = state.messages[i]!;
    if (m.role === 'user') return m.status !== 'pending';
  }
  return true;
}

/** A reply that ended early: stopped, or cut off (connection lost, length limit, an error in mid-stream). */
export function endedEarly(m: ChatMessage): boolean {
  return m.role === 'assistant' && (m.status === 'stopped' || m.status === 'interrupted' || (m.status === 'error' && m.text !== ''));
}

/**
 * When the server takes messages again after refusing the last one as one too many (a 429 with
 * `Retry-After`: `MessageMeta.failure`), epoch ms; 0 when nothing says to wait.
 */
export function busyUntil(state: ChatState): number {
  for (let i = state.messages.length - 1; i >= 0; i--) {
    const m = state.messages[i]!;
    if (m.role === 'user') return (m.status === 'error' && m.meta.failure?.retryAt) || 0;
  }
  return 0;
}
