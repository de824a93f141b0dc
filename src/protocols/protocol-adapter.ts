import type {ChatEvent, OutgoingAction} from '../core/chat-event.js';
import type {TransportSpec} from '../transport/transport.js';
import type {HistoryMessage} from '../core/history.js';
import type {ChatConfig, ConversationIds} from '../types.js';
import type {ChatStrings} from '../i18n/strings.js';

export type {HistoryMessage};

export {HttpError} from '../transport/http-error.js';
export type {HttpRequestSpec, JobSpec, SseSpec, TransportSpec, WebSocketSpec} from '../transport/transport.js';


/** What an adapter may read. Adapters are pure: everything comes in through here. */
export interface AdapterContext {
  readonly config: ChatConfig;
  /** Ids kept for the conversation (persisted across reconnects and reloads). */
  readonly ids: Readonly<ConversationIds>;
  /** Ids that live as long as the current socket (empty on a fresh socket). */
  readonly socketIds: Readonly<Record<string, string>>;
  /**
   * The conversation before the message being encoded, oldest first, at most
   * `config.historyLimit` messages: user messages that were sent and assistant replies
   * that were shown (complete, stopped or cut off). Greetings, errors and notices are
   * not part of it. Empty outside `encode()` of a chat action.
   */
  readonly history: readonly HistoryMessage[];
  readonly now: () => number;
  readonly randomId: () => string;
  /**
   * The widget's strings in the language it shows (its locale with the host's `strings`
   * overrides): for any text an adapter makes up for the visitor (progress labels, error
   * wording). Text the server sends is shown as it is.
   */
  readonly strings: ChatStrings;
}

/** A wrong or missing setting: `setting` names the attribute at fault. */
export interface ConfigProblem {
  setting: string;
  message: string;
}

/** Thrown by `decode()` for a frame that cannot be used; the conversation goes on. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

/** An extra field the composer shows above the input (the `job` form). */
export interface FormField {
  /** The element property that holds its value and default (`platform`, `topic`). */
  name: string;
  kind: 'select' | 'text';
  /** The choices of a `select`. */
  options?: readonly string[];
  /** Key of the strings table for its label. */
  label: string;
}

/** UI a protocol asks for. The view picks protocol-specific parts by these, never by name. */
export interface AdapterFeatures {
  /**
   * A form instead of a plain message box: extra fields whose values travel with each
   * message (`action.fields`, and `meta` of the user's message). `submitLabel` and
   * `inputLabel` are keys of the strings table.
   */
  form?: {fields: readonly FormField[]; submitLabel: string; inputLabel: string};
}

/**
 * One backend protocol. The built-in protocols and any added with
 * `ChatWidget.registerProtocol()` implement this interface. Adapters are pure data
 * mappers: they describe the transport, and turn actions into frames and frames into
 * events; the widget does all input and output.
 */
export interface ProtocolAdapter {
  /** How to reach the backend with these settings (called for every connection or request). */
  transport(ctx: AdapterContext): TransportSpec;
  readonly features?: AdapterFeatures;
  /** Checks the settings this protocol needs. */
  validate?(config: ChatConfig): ConfigProblem | null;
  /** Ids to create before the first connection (and again on "start again"). */
  initIds?(ctx: AdapterContext): Partial<ConversationIds>;
  /**
   * User action → JSON value to send (a WebSocket frame, or the body of an HTTP request),
   * or `null` when the protocol has no frame for it.
   */
  encode(action: OutgoingAction, ctx: AdapterContext): unknown;
  /** Parsed JSON frame → normalized events (`[]` for a frame it ignores). Throws `ProtocolError` for a frame it cannot use. */
  decode(frame: unknown, ctx: AdapterContext): ChatEvent[];
  /**
   * A text frame that is not JSON (SSE's `[DONE]`) → events. Without this method such a
   * frame is reported as a protocol error and skipped.
   */
  decodeText?(text: string, ctx: AdapterContext): ChatEvent[];
  /** The user's words for a failed HTTP request (status 0: network). Without it, a generic message. */
  httpError?(status: number, body: string, ctx: AdapterContext): string;
}
