/**
 * The protocol adapters by name: the five built-in ones and any a host adds
 * with `ChatWidget.registerProtocol()`.
 */
import {agUiAdapter} from './ag-ui.js';
import {agentAdapter} from './agent.js';
import {aiSdkAdapter} from './ai-sdk.js';
import {brandAdapter} from './brand.js';
import {jobAdapter} from './job.js';
import {openaiAdapter} from './openai.js';
import type {ProtocolAdapter} from './protocol-adapter.js';
import {sessionAdapter} from './session.js';
import {templateAdapter} from './template.js';

/** The built-in adapters by protocol name: adding a protocol is its adapter file plus one line here. */
export const BUILTIN_ADAPTERS = Object.freeze({
  job: jobAdapter,
  brand: brandAdapter,
  agent: agentAdapter,
  session: sessionAdapter,
  template: templateAdapter,
  openai: openaiAdapter,
  'ai-sdk': aiSdkAdapter,
  'ag-ui': agUiAdapter,
} satisfies Record<string, ProtocolAdapter>);

export type BuiltinProtocol = keyof typeof BUILTIN_ADAPTERS;
/** The built-in protocol names, in the order the docs list them. */
export const BUILTIN_PROTOCOLS = Object.freeze(Object.keys(BUILTIN_ADAPTERS) as BuiltinProtocol[]);

const NAME = /^[a-z0-9-]+$/;
/** Fired on `globalThis` when a protocol is registered: `detail.name`. */
export const PROTOCOL_EVENT = 'chat-widget-protocol';
const OPTIONAL_METHODS = ['validate', 'initIds', 'decodeText', 'httpError'] as const;
const custom = new Map<string, ProtocolAdapter>();

export function isBuiltinProtocol(name: string): name is BuiltinProtocol {
  return Object.hasOwn(BUILTIN_ADAPTERS, name);
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

/** Throws a `TypeError` naming what is wrong with `adapter`. */
function checkAdapter(name: string, adapter: unknown): asserts adapter is ProtocolAdapter {
  const where = `registerProtocol("${name}")`;
  if (typeof adapter !== 'object' || adapter === null) {
    throw new TypeError(`${where}: the adapter must be an object, got ${describe(adapter)}.`);
  }
  const a = adapter as Record<string, unknown>;
  for (const method of ['transport', 'encode', 'decode']) {
    if (typeof a[method] !== 'function') {
      const hint = method === 'transport' && typeof a['socketUrl'] === 'function' ? ' (0.1 adapters: socketUrl(ctx) became transport(ctx) returning {kind: "websocket", url})' : '';
      throw new TypeError(`${where}: the adapter needs ${method}() to be a function${hint}.`);
    }
  }
  for (const method of OPTIONAL_METHODS) {
    if (a[method] !== undefined && typeof a[method] !== 'function') {
      throw new TypeError(`${where}: the adapter's ${method} must be a function.`);
    }
  }
}

/**
 * Adds a protocol. `name` is lowercase letters, digits and dashes; a built-in
 * name cannot be replaced, an added one can (the last registration wins).
 */
export function registerProtocol(name: string, adapter: ProtocolAdapter): void {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new TypeError(
      `registerProtocol: the name must be a non-empty string of lowercase letters, digits and dashes, got ${typeof name === 'string' ? `"${name}"` : describe(name)}.`,
    );
  }
  if (isBuiltinProtocol(name)) {
    throw new TypeError(`registerProtocol: "${name}" is a built-in protocol and cannot be replaced.`);
  }
  checkAdapter(name, adapter);
  custom.set(name, adapter);
  // Widgets that already name this protocol (a script that registers it after the element) pick it up.
  globalThis.dispatchEvent?.(new CustomEvent(PROTOCOL_EVENT, {detail: {name}}));
}

/** The adapter registered as `name`, or `undefined`. */
export function getAdapter(name: string): ProtocolAdapter | undefined {
  return isBuiltinProtocol(name) ? BUILTIN_ADAPTERS[name] : custom.get(name);
}

/** Every protocol name: the built-in ones first, then the added ones in registration order. */
export function protocolNames(): string[] {
  return [...BUILTIN_PROTOCOLS, ...custom.keys()];
}
