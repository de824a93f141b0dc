// Vue (`GlobalComponents`, what vue-tsc checks templates against; the consumer test runs
// vue-tsc --strictTemplates on a real SFC) and Svelte (`svelte/elements`).
import type {} from 'chat-widget/types/vue';
import type {} from 'chat-widget/types/svelte';
import type {GlobalComponents} from 'vue';
import type {SvelteHTMLElements} from 'svelte/elements';

const text = (s: string) => s;

type VueProps = InstanceType<GlobalComponents['chat-widget']>['$props'];
export const vueOk: VueProps = {
  protocol: 'openai',
  url: 'https://chat.example.com',
  context: {plan: 'pro'},
  'session-id': 's1',
  onChatMessage: (e) => text(e.detail.message.text),
  onChatSessionEnd: (e) => text(e.detail.message),
};
// @ts-expect-error `status` is read-only
export const vueReadOnly: VueProps = {status: 'open'};
// @ts-expect-error `protocol` is a string
export const vueWrongType: VueProps = {protocol: 5};
// @ts-expect-error the listener receives a ChatMessageEvent
export const vueWrongDetail: VueProps = {onChatMessage: (e) => e.detail.nope};

type SvelteProps = SvelteHTMLElements['chat-widget'];
export const svelteOk: SvelteProps = {
  protocol: 'openai',
  'stall-timeout': 0,
  'onchat-message': (e) => text(e.detail.message.text),
  'on:chat-error': (e) => text(e.detail.kind),
};
// @ts-expect-error `messages` is read-only
export const svelteReadOnly: SvelteProps = {messages: []};
// @ts-expect-error the listener receives a ChatErrorEvent
export const svelteWrongDetail: SvelteProps = {'onchat-error': (e) => e.detail.nope};
