/**
 * The built-in adapters, imported at once: what the registry (./registry.ts) uses in the npm
 * build and in tests. The script-tag bundle swaps this module for ./builtin-lazy.ts (vite.config.ts),
 * where each adapter is a chunk loaded when a widget first names its protocol.
 */
import {agUiAdapter} from './ag-ui.js';
import {agentAdapter} from './agent.js';
import {aiSdkAdapter} from './ai-sdk.js';
import {brandAdapter} from './brand.js';
import {jobAdapter} from './job.js';
import {openaiAdapter} from './openai.js';
import type {ProtocolAdapter} from './protocol-adapter.js';
import type {BuiltinProtocol} from './registry.js';
import {sessionAdapter} from './session.js';
import {templateAdapter} from './template.js';

/** The built-in adapters by protocol name: adding a protocol is its adapter file plus one line here, in ./builtin-lazy.ts and in the registry's names. */
export const BUILTIN_ADAPTERS: Readonly<Record<BuiltinProtocol, ProtocolAdapter>> = Object.freeze({
  job: jobAdapter,
  brand: brandAdapter,
  agent: agentAdapter,
  session: sessionAdapter,
  template: templateAdapter,
  openai: openaiAdapter,
  'ai-sdk': aiSdkAdapter,
  'ag-ui': agUiAdapter,
});

/** The adapter of a built-in protocol: here, at once. */
export function loadBuiltin(name: BuiltinProtocol): ProtocolAdapter | Promise<ProtocolAdapter> {
  return BUILTIN_ADAPTERS[name];
}
