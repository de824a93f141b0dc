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
import {CHAT_EVENT_NAMES, type ChatEventName, type ChatWidgetEvent} from './events/index.js';

/** `chat-session-end` → `ChatSessionEnd`. */
type Pascal<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${Pascal<Tail>}` : Capitalize<S>;

/** The React prop of each event: `chat-session-end` → `onChatSessionEnd`, typed by its event. */
export type ChatWidgetEventProps = {[N in ChatEventName as `on${Pascal<N>}`]: EventName<ChatWidgetEvent<N>>};

/** The React props that receive each `chat-*` event, derived from the one list of event names. */
export const chatWidgetEvents = Object.freeze(
  Object.fromEntries(CHAT_EVENT_NAMES.map((name) => [`on${name.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase())}`, name])),
) as ChatWidgetEventProps;

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
