// <chat-widget> in Vue templates (vue-tsc), from the package.
import type {} from 'chat-widget/types/vue';
