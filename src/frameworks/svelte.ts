/**
 * `<chat-widget>` in Svelte templates (`svelte/elements`, checked by `svelte-check`). Load once,
 * e.g. in `src/app.d.ts`: `import type {} from 'chat-widget/types/svelte';`. Svelte 5 listens
 * with `onchat-message={…}` (Svelte 4: `on:chat-message`) and sets props the element has as
 * properties.
 */
import type {HTMLAttributes} from 'svelte/elements';
import type {ChatWidget} from '../chat-widget.js';
import type {ChatWidgetAttributesAndProperties, ChatWidgetOnColonEvents, ChatWidgetOnEvents} from './element.js';

/** The props of `<chat-widget>` in Svelte templates. */
export type ChatWidgetSvelteProps = Omit<HTMLAttributes<ChatWidget>, keyof ChatWidgetAttributesAndProperties> &
  ChatWidgetAttributesAndProperties &
  ChatWidgetOnEvents &
  ChatWidgetOnColonEvents;

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'chat-widget': ChatWidgetSvelteProps;
  }
}
