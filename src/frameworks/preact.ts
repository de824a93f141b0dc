/**
 * `<chat-widget>` in Preact JSX. Load once: `import type {} from 'chat-widget/types/preact';`.
 * Preact sets props the element has as properties and turns `onchat-message` … into listeners.
 */
import type {JSX, Ref} from 'preact';
import type {ChatWidget} from '../chat-widget.js';
import type {ChatWidgetAttributesAndProperties, ChatWidgetOnEvents} from './element.js';

/** The props of `<chat-widget>` in Preact JSX. */
// The base is a plain element's attributes (Preact 10 names them `JSX.HTMLAttributes`, Preact 11 exports them from 'preact').
export type ChatWidgetPreactProps = Omit<JSX.IntrinsicElements['span'], keyof ChatWidgetAttributesAndProperties | 'ref'> & {ref?: Ref<ChatWidget>} &
  ChatWidgetAttributesAndProperties &
  ChatWidgetOnEvents;

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'chat-widget': ChatWidgetPreactProps;
    }
  }
}
