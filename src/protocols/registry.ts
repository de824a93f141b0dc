/**
 * The protocol adapters by name: the eight built-in ones and any a host adds with
 * `ChatWidget.registerProtocol()`. Built-in adapters come from ./builtin.ts (at once), or in the
 * script-tag bundle from ./builtin-lazy.ts (a chunk each, loaded when first named: meanwhile
 * {@link adapterLoading} is true, and {@link PROTOCOL_EVENT} fires when it has arrived).
 */
import {loadBuiltin} from './builtin.js';
import type {ProtocolAdapter} from './protocol-adapter.js';

const BUILTIN_NAMES = ['job', 'brand', 'agent', 'session', 'template', 'openai', 'ai-sdk', 'ag-ui'] as const;
export type BuiltinProtocol = (typeof BUILTIN_NAMES)[number];
/** The built-in protocol names, in the order the docs list them. */
export const BUILTIN_PROTOCOLS = Object.freeze([...BUILTIN_NAMES] as BuiltinProtocol[]);

const NAME = /^[a-z0-9-]+$/;
/** Fired on `globalThis` when a protocol is registered: `detail.name`. */
export const PROTOCOL_EVENT = 'chat-widget-protocol';
const OPTIONAL_METHODS = ['validate', 'initIds', 'decodeText', 'httpError'] as const;
const custom = new Map<string, ProtocolAdapter>();
/** Built-in adapters loaded so far, those on their way, and those whose chunk failed to load. */
const builtin = new Map<string, ProtocolAdapter>();
const loading = new Set<string>();
const failed = new Set<string>();

export function isBuiltinProtocol(name: string): name is BuiltinProtocol {
  return (BUILTIN_PROTOCOLS as readonly string[]).includes(name);
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

/**
 * The adapter registered as `name`, or `undefined`: unknown, or a built-in one whose chunk is
 * still loading (asked for by this call; see {@link adapterLoading}).
 */
export function getAdapter(name: string): ProtocolAdapter | undefined {
  if (!isBuiltinProtocol(name)) return custom.get(name);
  const have = builtin.get(name);
  if (have || loading.has(name) || failed.has(name)) return have;
  const got = loadBuiltin(name);
  if (!(got instanceof Promise)) {
    builtin.set(name, got);
    return got;
  }
  loading.add(name);
  got.then(
    (adapter) => {
      builtin.set(name, adapter);
      loading.delete(name);
      globalThis.dispatchEvent?.(new CustomEvent(PROTOCOL_EVENT, {detail: {name}}));
    },
    () => {
      // Not tried again on every update: the widget names a protocol it cannot load.
      loading.delete(name);
      failed.add(name);
      globalThis.dispatchEvent?.(new CustomEvent(PROTOCOL_EVENT, {detail: {name}}));
    },
  );
  return undefined;
}

/** A built-in adapter on its way (the script-tag bundle loads each when first named). */
export function adapterLoading(name: string): boolean {
  return loading.has(name);
}

/** Every protocol name: the built-in ones first, then the added ones in registration order. */
export function protocolNames(): string[] {
  return [...BUILTIN_PROTOCOLS, ...custom.keys()];
}
