import type {ConversationIds, MessageMeta, Role, Source, TemplateInfo, TemplateSuggestion} from '../types.js';
import type {JsonPatchOperation} from './json-patch.js';

/** Actions the backend can enable for this conversation. */
export interface Features {
  /** `template`: the composer offers "optimize prompt". */
  optimize: boolean;
  /** `template`: the widget may offer to save the conversation as a template. */
  templates: boolean;
}

/**
 * The normalized, protocol-agnostic event set. Protocol adapters turn wire
 * frames into these; the reducer and the view know nothing else.
 */
export type ChatEvent =
  /**
   * Connection-level facts. `ids` are kept for the conversation (and persisted);
   * `socketIds` live as long as the current socket (the `agent` session id).
   * `ready` means outgoing chat frames may now be sent on this socket.
   */
  | {
      type: 'session';
      ids?: Partial<ConversationIds>;
      socketIds?: Record<string, string>;
      title?: string;
      features?: Partial<Features>;
      ready?: boolean;
      data?: Record<string, unknown>;
    }
  /** A greeting to show as the first assistant message (not a reply to anything). */
  | {type: 'welcome'; text: string}
  /** An assistant reply begins before any text arrives (agents listed, emergency flag …). */
  | {type: 'reply.start'; meta?: MessageMeta}
  /** Streamed text appended to the current reply (starts one when none is open). */
  | {type: 'reply.delta'; text: string; serverId?: string}
  /**
   * The current reply is complete. `text`, when non-empty and nothing was streamed,
   * is the whole reply (servers that skip chunks on failure). `meta` is merged.
   * `status`: the reply ended early — `interrupted` (cut short, e.g. a length limit) or
   * `stopped` (the server aborted it).
   */
  | {type: 'reply.end'; text?: string; meta?: MessageMeta; status?: 'interrupted' | 'stopped'}
  /** Reasoning ("thinking") text appended to the current reply (starts one when none is open). */
  | {type: 'reasoning'; text: string}
  /** A source the current reply cites (starts one when none is open). */
  | {type: 'source'; source: Source}
  /** A named piece of structured data for the host (`chat-data`); not shown. */
  | {type: 'data'; name: string; data: unknown}
  /** The agent's shared state: a whole `snapshot`, or a JSON Patch (RFC 6902) to apply (`chat-state`). */
  | {type: 'state'; snapshot: unknown}
  | {type: 'state'; patch: readonly JsonPatchOperation[]}
  /** A whole message at once (`template` replies, `job` results, `session` idle texts). */
  | {type: 'message'; role: Role; text: string; meta?: MessageMeta}
  /** The server echoed the user's own message: confirms delivery, is not shown again. */
  | {type: 'user.echo'; text: string; serverId?: string}
  | {type: 'typing'; on: boolean}
  /**
   * A progress step (job progress, agent status, a tool call). `update`: replaces the step
   * with the same `step` id when there is one (a tool call that finished), else adds it.
   */
  | {
      type: 'progress';
      step: string;
      label: string;
      details?: Record<string, unknown>;
      update?: boolean;
      /** A piece of a tool call's input as it streams (JSON text in pieces): added to the step's `details.input`. */
      inputDelta?: string;
    }
  | {type: 'suggestions'; items: string[]}
  | {type: 'idle.warning'; message: string; timeoutSeconds?: number}
  | {type: 'session.end'; message: string; reason?: string}
  | {type: 'template.opportunity'; suggestion: TemplateSuggestion}
  | {type: 'template.created'; template: TemplateInfo; message?: string}
  /** `template` answered `optimize_prompt`: the improved prompt. */
  | {type: 'optimized'; text: string}
  | {type: 'emergency'; message?: string}
  /**
   * An error the server reported (`server`) or a frame we could not use (`protocol`).
   * `code` is a stable key for a user-facing string; `message` is the server's text.
   * `endsReply`: the open reply (if any) ends with this error.
   * `fatal`: the conversation cannot go on (an unknown or expired session): the input
   * closes and "Start again" (new ids) is offered; the transcript stays.
   */
  | {
      type: 'error';
      kind: 'server' | 'protocol';
      message: string;
      code?: string;
      endsReply?: boolean;
      fatal?: boolean;
      /**
       * The server's message is written for visitors (a safety answer naming a crisis line, a
       * moderation notice): shown as it is, never replaced by the widget's wording for `code`.
       */
      visitorText?: boolean;
    }
  /** The server is done with this socket by design (`job` after `result`): its close is expected. */
  | {type: 'end'};

export type ChatEventType = ChatEvent['type'];

/** What the user (or the widget on the user's behalf) sends. */
export type OutgoingAction =
  /** A user message. `fields`: the values of the adapter's form fields (`features.form`). */
  | {
      type: 'chat';
      text: string;
      clientId: string;
      fields?: Readonly<Record<string, string>>;
      /**
       * Set when the message goes again for a new answer (`regenerate()`): the id of the reply it
       * replaces (`''` when there was none). The history then ends before this message.
       */
      regenerate?: string;
    }
  /** The user stopped the reply that is streaming (protocols with a cancel frame send it). */
  | {type: 'stop'}
  | {type: 'ping'}
  | {type: 'optimize'; prompt: string}
  | {type: 'save-template'; title: string; category?: string};
