import type {
  Product,
  ChatMessage,
  ConnectionStatus,
  ErrorKind,
  TemplateInfo,
  TemplateSuggestion,
} from '../types.js';

/** The `detail` of every public event, by event name (CONTRACT §4). */
export interface ChatEventDetails {
  'chat-status': {status: ConnectionStatus; previous: ConnectionStatus};
  'chat-send': {message: ChatMessage};
  'chat-message': {message: ChatMessage};
  'chat-progress': {step: string; label: string; details?: Record<string, unknown>};
  'chat-suggestion': {text: string};
  'chat-idle': {message: string; timeoutSeconds?: number};
  'chat-session-end': {message: string; reason?: string};
  'chat-template-opportunity': {suggestion: TemplateSuggestion};
  'chat-template-created': {template: TemplateInfo};
  'chat-error': {kind: ErrorKind; message: string; code?: string};
  'chat-frame': {direction: 'in' | 'out'; frame: unknown};
  'chat-open-change': {open: boolean};
  'chat-stop': {message: ChatMessage};
  'chat-data': {name: string; data: unknown; message: ChatMessage | undefined};
  'chat-state': {state: unknown};
  'chat-regenerate': {message: ChatMessage};
  'chat-copy': {message: ChatMessage; text: string; kind: 'message' | 'code'};
  'chat-feedback': {message: ChatMessage; rating: FeedbackRating | null};
  'chat-product': {product: Product; message: ChatMessage};
}

/** A visitor's rating of a reply (`meta.feedback`). */
export type FeedbackRating = 'up' | 'down';

export type ChatEventName = keyof ChatEventDetails;

/** Every event name once: a missing one is a type error. The React props derive from this list. */
const EVENT_NAMES: Readonly<Record<ChatEventName, true>> = {
  'chat-status': true,
  'chat-send': true,
  'chat-message': true,
  'chat-progress': true,
  'chat-suggestion': true,
  'chat-idle': true,
  'chat-session-end': true,
  'chat-template-opportunity': true,
  'chat-template-created': true,
  'chat-error': true,
  'chat-frame': true,
  'chat-open-change': true,
  'chat-stop': true,
  'chat-data': true,
  'chat-state': true,
  'chat-regenerate': true,
  'chat-copy': true,
  'chat-feedback': true,
  'chat-product': true,
};
export const CHAT_EVENT_NAMES = Object.freeze(Object.keys(EVENT_NAMES) as ChatEventName[]);

/** Events a host may cancel with `preventDefault()`. */
const CANCELABLE: ReadonlySet<ChatEventName> = new Set(['chat-send', 'chat-regenerate', 'chat-product']);

/** A `chat-*` event: a bubbling, composed `CustomEvent` with a typed `detail`. */
export class ChatWidgetEvent<N extends ChatEventName = ChatEventName> extends CustomEvent<ChatEventDetails[N]> {
  declare readonly type: N;
  constructor(name: N, detail: ChatEventDetails[N]) {
    super(name, {detail, bubbles: true, composed: true, cancelable: CANCELABLE.has(name)});
  }
}

export type ChatStatusEvent = ChatWidgetEvent<'chat-status'>;
export type ChatSendEvent = ChatWidgetEvent<'chat-send'>;
export type ChatMessageEvent = ChatWidgetEvent<'chat-message'>;
export type ChatProgressEvent = ChatWidgetEvent<'chat-progress'>;
export type ChatSuggestionEvent = ChatWidgetEvent<'chat-suggestion'>;
export type ChatIdleEvent = ChatWidgetEvent<'chat-idle'>;
export type ChatSessionEndEvent = ChatWidgetEvent<'chat-session-end'>;
export type ChatTemplateOpportunityEvent = ChatWidgetEvent<'chat-template-opportunity'>;
export type ChatTemplateCreatedEvent = ChatWidgetEvent<'chat-template-created'>;
export type ChatErrorEvent = ChatWidgetEvent<'chat-error'>;
export type ChatFrameEvent = ChatWidgetEvent<'chat-frame'>;
export type ChatOpenChangeEvent = ChatWidgetEvent<'chat-open-change'>;
export type ChatStopEvent = ChatWidgetEvent<'chat-stop'>;
export type ChatDataEvent = ChatWidgetEvent<'chat-data'>;
export type ChatStateEvent = ChatWidgetEvent<'chat-state'>;
export type ChatRegenerateEvent = ChatWidgetEvent<'chat-regenerate'>;
export type ChatCopyEvent = ChatWidgetEvent<'chat-copy'>;
export type ChatFeedbackEvent = ChatWidgetEvent<'chat-feedback'>;
export type ChatProductEvent = ChatWidgetEvent<'chat-product'>;

declare global {
  interface GlobalEventHandlersEventMap {
    'chat-status': ChatStatusEvent;
    'chat-send': ChatSendEvent;
    'chat-message': ChatMessageEvent;
    'chat-progress': ChatProgressEvent;
    'chat-suggestion': ChatSuggestionEvent;
    'chat-idle': ChatIdleEvent;
    'chat-session-end': ChatSessionEndEvent;
    'chat-template-opportunity': ChatTemplateOpportunityEvent;
    'chat-template-created': ChatTemplateCreatedEvent;
    'chat-error': ChatErrorEvent;
    'chat-frame': ChatFrameEvent;
    'chat-open-change': ChatOpenChangeEvent;
    'chat-stop': ChatStopEvent;
    'chat-data': ChatDataEvent;
    'chat-state': ChatStateEvent;
    'chat-regenerate': ChatRegenerateEvent;
    'chat-copy': ChatCopyEvent;
    'chat-feedback': ChatFeedbackEvent;
    'chat-product': ChatProductEvent;
  }
}
