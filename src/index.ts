/**
 * Side-effect-free entry: the element class, event types, the adapter
 * interface and public types. Import `chat-widget/define` (or the bundle) to
 * register `<chat-widget>`.
 */
export {ChatWidget} from './chat-widget.js';
export * from './events/index.js';
export type {ChatEvent, OutgoingAction, Features} from './core/chat-event.js';
export {ProtocolError, HttpError} from './protocols/protocol-adapter.js';
export type {AdapterContext, ConfigProblem, ProtocolAdapter} from './protocols/protocol-adapter.js';
export {registerLocale} from './i18n/strings.js';
export type {ChatStrings, ChatStringsOverride} from './i18n/strings.js';
export * from './types.js';
