/**
 * Side-effect-free entry: the element class, event types, the adapter
 * interface and public types. Import `chat-widget/define` (or the bundle) to
 * register `<chat-widget>`.
 */
export {ChatWidget} from './chat-widget.js';
export * from './events/index.js';
export type {ChatEvent, OutgoingAction, Features} from './core/chat-event.js';
export {ProtocolError, HttpError} from './protocols/protocol-adapter.js';
export type {
  AdapterContext,
  AdapterFeatures,
  ConfigProblem,
  FormField,
  HistoryMessage,
  HttpRequestSpec,
  JobSpec,
  ProtocolAdapter,
  SseSpec,
  TransportSpec,
  WebSocketSpec,
} from './protocols/protocol-adapter.js';
export type {JsonPatchOperation} from './core/json-patch.js';
export {registerLocale} from './i18n/strings.js';
export type {ChatStrings, ChatStringsOverride} from './i18n/strings.js';
export * from './types.js';
export {BUILTIN_PROTOCOLS, type BuiltinProtocol} from './protocols/registry.js';
export {JOB_PLATFORMS} from './protocols/job.js';
