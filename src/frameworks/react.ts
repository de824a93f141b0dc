/**
 * `<chat-widget>` in React 19 JSX (`React.JSX.IntrinsicElements`). Load once, e.g. in a `.d.ts`
 * of your app: `import type {} from 'chat-widget/types/react';` (importing `chat-widget/react`
 * loads it too). React 19 sets every prop that the element has as a property (objects included)
 * and turns `onchat-message` … into event listeners.
 *
 * ```tsx
 * <chat-widget protocol="openai" url="https://chat.example.com" context={{plan: 'pro'}}
 *   onchat-message={(e) => console.log(e.detail.message.text)} />
 * ```
 */
import type {DetailedHTMLProps, HTMLAttributes} from 'react';
import type {ChatWidget} from '../chat-widget.js';
import type {ChatWidgetAttributesAndProperties, ChatWidgetOnEvents} from './element.js';

/** The props of `<chat-widget>` in React JSX. */
export type ChatWidgetJSXProps = Omit<DetailedHTMLProps<HTMLAttributes<ChatWidget>, ChatWidget>, keyof ChatWidgetAttributesAndProperties> &
  ChatWidgetAttributesAndProperties &
  ChatWidgetOnEvents;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'chat-widget': ChatWidgetJSXProps;
    }
  }
}
