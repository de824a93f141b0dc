'use client';
/**
 * `chat-widget/react`: `<chat-widget>` as a React component, with every `chat-*` event as a
 * typed `on…` prop (through `@lit/react`, which ships inside this package). Importing this module
 * registers `<chat-widget>`; it is a client module (`'use client'`): a React Server Component
 * may render it, and it renders on the client.
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
 * React (17–19) and its types are needed by this entry only; the rest of the package does not
 * import them.
 */
import * as React from 'react';
import {createComponent} from '@lit/react';
import {ChatWidget as ChatWidgetElement} from './define.js';
import {CHAT_EVENT_NAMES, type ChatEventName, type ChatWidgetEvent} from './events/index.js';
import type {ChatWidgetProperties} from './frameworks/element.js';
// `<chat-widget>` in JSX too (`React.JSX.IntrinsicElements`), for pages that use the element directly.
export type {ChatWidgetJSXProps} from './frameworks/react.js';

/** An event name tagged with its event type (the shape `@lit/react` reads; declared here so the published types need no `@lit/react`). */
export type EventName<T extends Event = Event> = string & {__eventType: T};

/** `chat-session-end` → `ChatSessionEnd`. */
type Pascal<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${Pascal<Tail>}` : Capitalize<S>;

/** The React prop of each event: `chat-session-end` → `onChatSessionEnd`, typed by its event. */
export type ChatWidgetEventProps = {[N in ChatEventName as `on${Pascal<N>}`]: EventName<ChatWidgetEvent<N>>};

/** The React props that receive each `chat-*` event, derived from the one list of event names. */
export const chatWidgetEvents = Object.freeze(
  Object.fromEntries(CHAT_EVENT_NAMES.map((name) => [`on${name.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase())}`, name])),
) as ChatWidgetEventProps;

/**
 * The props of {@link ChatWidget}: the element's settable properties (not the read-only
 * `messages` and `status`, not methods), the `on…` event props, React's HTML attributes, and a
 * `ref` to the element.
 */
export type ChatWidgetProps = Omit<React.HTMLAttributes<ChatWidgetElement>, keyof ChatWidgetProperties | keyof ChatWidgetEventProps> &
  ChatWidgetProperties & {[K in keyof ChatWidgetEventProps]?: (event: ChatWidgetEventProps[K]['__eventType']) => void} & React.RefAttributes<ChatWidgetElement>;

/**
 * `<chat-widget>` for React. Every settable property (`protocol`, `url`, `context`, `strings`,
 * `imageHosts` …) is a prop and is set as a property; every event is an `on…` prop
 * ({@link chatWidgetEvents}); a `ref` gives the element (for `send()`, `clear()` …).
 * A server render outputs `<chat-widget>` without its props (they are properties, set in the
 * browser); the element connects once the page has loaded.
 */
export const ChatWidget: React.ForwardRefExoticComponent<ChatWidgetProps> = createComponent({
  tagName: 'chat-widget',
  elementClass: ChatWidgetElement,
  react: React,
  events: chatWidgetEvents,
  displayName: 'ChatWidget',
}) as unknown as React.ForwardRefExoticComponent<ChatWidgetProps>;

export {ChatWidgetElement};
export type * from './events/index.js';
export type {ChatMessage, ConnectionStatus} from './types.js';
