/**
 * The built-in adapters of the script-tag bundle, each a chunk beside it, loaded the first time a
 * widget names its protocol (vite.config.ts puts this module in place of ./builtin.ts). Until it
 * has loaded, the registry answers that the adapter is on its way; when it arrives, the widgets
 * that name it configure themselves (the registry's `chat-widget-protocol` event). The HTTP
 * protocols load the HTTP transports' chunk at the same time, in parallel, so that it is there
 * when they connect (`job`, which starts over HTTP, its own flow's), the WebSocket ones the
 * WebSocket transport's.
 */
import {idleAfterPaint} from '../render/idle.js';
import {loadJsonPatch} from '../core/json-patch-loader-lazy.js';
import {preloadTransport} from '../transport/request-transports-lazy.js';
import type {ProtocolAdapter} from './protocol-adapter.js';
import type {BuiltinProtocol} from './registry.js';

/** The adapter's chunk and, in parallel, its transports' (a failure there shows when it connects). */
const beside = <T>(adapter: Promise<T>, kind: 'sse' | 'job' | 'websocket' = 'sse'): Promise<T> => {
  preloadTransport(kind).catch(() => {});
  return adapter;
};

const LOADERS: Readonly<Record<BuiltinProtocol, () => Promise<ProtocolAdapter>>> = {
  job: () => beside(import('./job.js').then((m) => m.jobAdapter), 'job'),
  brand: () => beside(import('./brand.js').then((m) => m.brandAdapter), 'websocket'),
  agent: () => beside(import('./agent.js').then((m) => m.agentAdapter), 'websocket'),
  session: () => beside(import('./session.js').then((m) => m.sessionAdapter), 'websocket'),
  template: () => beside(import('./template.js').then((m) => m.templateAdapter), 'websocket'),
  openai: () => beside(import('./openai.js').then((m) => m.openaiAdapter)),
  'ai-sdk': () => beside(import('./ai-sdk.js').then((m) => m.aiSdkAdapter)),
  // Its STATE_DELTA frames need the JSON Patch code: the adapter is ready once that has loaded too
  // (or failed to: a patch then leaves the state as it was, chat-error).
  'ag-ui': () => beside(Promise.all([import('./ag-ui.js'), loadJsonPatch().catch(() => {})]).then(([m]) => m.agUiAdapter)),
};

/** Longest wait for an idle moment after the first paint before the adapter's chunk is asked for. */
const ADAPTER_IDLE_MS = 100;

/**
 * The adapter of a built-in protocol: its chunk, imported once the next frame has painted and the
 * main thread is idle. The widget connects after its first paint anyway: starting its requests
 * (about a millisecond of the main thread each) before would only hold up that paint and the
 * page's own work.
 */
export function loadBuiltin(name: BuiltinProtocol): Promise<ProtocolAdapter> {
  return new Promise<unknown>((go) => idleAfterPaint(go, ADAPTER_IDLE_MS)).then(LOADERS[name]);
}
