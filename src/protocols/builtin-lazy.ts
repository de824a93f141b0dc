/**
 * The built-in adapters of the script-tag bundle, each a chunk beside it, loaded the first time a
 * widget names its protocol (vite.config.ts puts this module in place of ./builtin.ts). Until it
 * has loaded, the registry answers that the adapter is on its way; when it arrives, the widgets
 * that name it configure themselves (the registry's `chat-widget-protocol` event). The HTTP
 * protocols load the HTTP transports' chunk at the same time, in parallel, so that it is there
 * when they connect (`job`, which starts over HTTP, its own flow's).
 */
import {preloadRequestTransports} from '../transport/request-transports-lazy.js';
import type {ProtocolAdapter} from './protocol-adapter.js';
import type {BuiltinProtocol} from './registry.js';

/** The adapter's chunk and, in parallel, its transports' (a failure there shows when a request needs it). */
const withHttp = <T>(adapter: Promise<T>, kind: 'sse' | 'job' = 'sse'): Promise<T> => {
  preloadRequestTransports(kind).catch(() => {});
  return adapter;
};

const LOADERS: Readonly<Record<BuiltinProtocol, () => Promise<ProtocolAdapter>>> = {
  job: () => withHttp(import('./job.js').then((m) => m.jobAdapter), 'job'),
  brand: () => import('./brand.js').then((m) => m.brandAdapter),
  agent: () => import('./agent.js').then((m) => m.agentAdapter),
  session: () => import('./session.js').then((m) => m.sessionAdapter),
  template: () => import('./template.js').then((m) => m.templateAdapter),
  openai: () => withHttp(import('./openai.js').then((m) => m.openaiAdapter)),
  'ai-sdk': () => withHttp(import('./ai-sdk.js').then((m) => m.aiSdkAdapter)),
  'ag-ui': () => withHttp(import('./ag-ui.js').then((m) => m.agUiAdapter)),
};

/** The adapter of a built-in protocol: its chunk, imported. */
export function loadBuiltin(name: BuiltinProtocol): ProtocolAdapter | Promise<ProtocolAdapter> {
  return LOADERS[name]();
}
