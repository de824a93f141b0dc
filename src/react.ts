/**
 * `chat-widget/react`: `<chat-widget>` as a React component, with every `chat-*` event as a
 * typed `on…` prop (through `@lit/react`). Importing this module registers `<chat-widget>`.
 *
 * ```tsx
 * import {ChatWidget} from 'chat-widget/react';
 *
 * <ChatWidget
 *   protocol="agent"
 *   url="wss://api.example.com"
 *   context={{patient_profile: {age: 45}}}        // set as a property, not an attribute
 *   onChatMessage={(e) => console.log(e.detail.message.text)}
 *   onChatSend={(e) => e.detail.message.text.includes('password') && e.preventDefault()}
 * />
 * ```
 *
 * React itself is a peer dependency of this entry only; the rest of the package does not
 * need it.
 */
import * as React from 'react';
import {createComponent, type EventName} from '@lit/react';
import {ChatWidget as ChatWidgetElement} from './define.js';
import type {
  ChatErrorEvent,
  ChatFrameEvent,
  ChatIdleEvent,
  ChatMessageEvent,
  ChatOpenChangeEvent,
  ChatProgressEvent,
  ChatSendEvent,
  ChatSessionEndEvent,
  ChatStatusEvent,
  ChatSuggestionEvent,
  ChatTemplateCreatedEvent,
  ChatTemplateOpportunityEvent,
} from './events/index.js';

/** The React props that receive each `chat-*` event (CONTRACT §4), typed by event. */
export const chatWidgetEvents = {
  onChatStatus: 'chat-status' as EventName<ChatStatusEvent>,
  onChatSend: 'chat-send' as EventName<ChatSendEvent>,
  onChatMessage: 'chat-message' as EventName<ChatMessageEvent>,
  onChatProgress: 'chat-progress' as EventName<ChatProgressEvent>,
  onChatSuggestion: 'chat-suggestion' as EventName<ChatSuggestionEvent>,
  onChatIdle: 'chat-idle' as EventName<ChatIdleEvent>,
  onChatSessionEnd: 'chat-session-end' as EventName<ChatSessionEndEvent>,
  onChatTemplateOpportunity: 'chat-template-opportunity' as EventName<ChatTemplateOpportunityEvent>,
  onChatTemplateCreated: 'chat-template-created' as EventName<ChatTemplateCreatedEvent>,
  onChatError: 'chat-error' as EventName<ChatErrorEvent>,
  onChatFrame: 'chat-frame' as EventName<ChatFrameEvent>,
  onChatOpenChange: 'chat-open-change' as EventName<ChatOpenChangeEvent>,
} as const;

/**
 * `<chat-widget>` for React. Every public property (`protocol`, `url`, `context`, `strings`,
 * `imageHosts` …) is a prop and is set as a property; every event is an `on…` prop
 * ({@link chatWidgetEvents}); a `ref` gives the element (for `send()`, `clear()` …).
 */
export const ChatWidget = createComponent({
  tagName: 'chat-widget',
  elementClass: ChatWidgetElement,
  react: React,
  events: chatWidgetEvents,
  displayName: 'ChatWidget',
});

/** The props of {@link ChatWidget}. */
export type ChatWidgetProps = React.ComponentProps<typeof ChatWidget>;

export {ChatWidgetElement};
export type * from './events/index.js';
export type {ChatMessage, ConnectionStatus} from './types.js';
