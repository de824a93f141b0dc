// CommonJS: require('chat-widget') (Node 20.19+ and 22 load ES modules with require()).
import {BUILTIN_PROTOCOLS, ChatWidget, CHAT_EVENT_NAMES} from 'chat-widget';

const protocols: readonly string[] = BUILTIN_PROTOCOLS;
console.log(JSON.stringify({protocols: protocols.length, events: CHAT_EVENT_NAMES.length, element: typeof ChatWidget}));
