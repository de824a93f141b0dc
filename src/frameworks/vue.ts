/**
 * `<chat-widget>` in Vue templates (`GlobalComponents`, checked by `vue-tsc`, also with
 * `strictTemplates`). Load once, e.g. in `env.d.ts`: `import type {} from 'chat-widget/types/vue';`,
 * and tell the compiler it is a custom element (`isCustomElement: (tag) => tag === 'chat-widget'`).
 * Bind objects with `.context` or `:context` (Vue sets props the element has as properties);
 * listen with `@chat-message`.
 */
import type {EmitFn, HTMLAttributes, PublicProps} from 'vue';
import type {ChatWidget} from '../chat-widget.js';
import type {ChatWidgetAttributesAndProperties, ChatWidgetEvents} from './element.js';

/** `@chat-message` … as Vue's `onChatMessage` props. */
type VueListeners = {
  [N in keyof ChatWidgetEvents as `on${Capitalize<CamelCase<N>>}`]?: (event: ChatWidgetEvents[N]) => void;
};
type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

/** The props of `<chat-widget>` in Vue templates. */
export type ChatWidgetVueProps = Omit<HTMLAttributes, keyof ChatWidgetAttributesAndProperties> & ChatWidgetAttributesAndProperties & VueListeners & PublicProps;

/** `<chat-widget>` as Vue's template type checker sees it (the element, with its template props and events). */
export type ChatWidgetVueComponent = new () => ChatWidget & {
  /** @deprecated For template type checking only: not a property of the element. */
  $props: ChatWidgetVueProps;
  /** @deprecated For template type checking only: not a property of the element. */
  $emit: EmitFn<{[N in keyof ChatWidgetEvents]: (event: ChatWidgetEvents[N]) => void}>;
};

declare module 'vue' {
  interface GlobalComponents {
    'chat-widget': ChatWidgetVueComponent;
  }
}
