/**
 * `<chat-widget>` in Solid JSX. Load once: `import type {} from 'chat-widget/types/solid';`.
 * Listen with `on:chat-message`; `prop:context` forces a property (Solid sets the props a
 * custom element has as properties already).
 */
import type {JSX} from 'solid-js';
import type {ChatWidget} from '../chat-widget.js';
import type {ChatWidgetAttributesAndProperties, ChatWidgetOnColonEvents, ChatWidgetPropColonProperties} from './element.js';

/** The props of `<chat-widget>` in Solid JSX. */
export type ChatWidgetSolidProps = Omit<JSX.HTMLAttributes<ChatWidget>, keyof ChatWidgetAttributesAndProperties> &
  ChatWidgetAttributesAndProperties &
  ChatWidgetOnColonEvents &
  ChatWidgetPropColonProperties;

declare module 'solid-js' {
  namespace JSX {
    interface IntrinsicElements {
      'chat-widget': ChatWidgetSolidProps;
    }
  }
}
