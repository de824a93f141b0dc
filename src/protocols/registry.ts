/**
 * The protocol adapters by name: the five built-in ones and any a host adds
 * with `ChatWidget.registerProtocol()`.
 */
import {BUILTIN_PROTOCOLS, type BuiltinProtocol} from '../types.js';
import {agentAdapter} from './agent.js';
import {brandAdapter} from './brand.js';
import {jobAdapter} from './job.js';
import type {ProtocolAdapter} from './protocol-adapter.js';
import {sessionAdapter} from './session.js';
import {templateAdapter} from './template.js';

export const BUILTIN_ADAPTERS: Readonly<Record<BuiltinProtocol, ProtocolAdapter>> = Object.freeze({
  job: jobAdapter,
  brand: brandAdapter,
  agent: agentAdapter,
  session: sessionAdapter,
  template: templateAdapter,
});

const NAME = /^[a-z0-9-]+$/;
const OPTIONAL_METHODS = ['validate', 'initIds', 'socketUrl', 'start'] as const;
const custom = new Map<string, ProtocolAdapter>();

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
  for (const method of ['encode', 'decode']) {
    if (typeof a[method] !== 'function') throw new TypeError(`${where}: the adapter needs ${method}() to be a function.`);
  }
  if (a['mode'] !== 'persistent' && a['mode'] !== 'per-request') {
    throw new TypeError(`${where}: the adapter's mode must be "persistent" or "per-request".`);
  }
  if (a['mode'] === 'persistent' && typeof a['socketUrl'] !== 'function') {
    throw new TypeError(`${where}: a "persistent" adapter needs a socketUrl() function.`);
  }
  if (a['mode'] === 'per-request' && typeof a['start'] !== 'function') {
    throw new TypeError(`${where}: a "per-request" adapter needs a start() function.`);
  }
  for (const method of OPTIONAL_METHODS) {
    if (a[method] !== undefined && typeof a[method] !== 'function') {
      throw new TypeError(`${where}: the adapter's ${method} must be a function.`);
    }
  }
  const heartbeat = a['heartbeat'];
  if (heartbeat !== undefined) {
    const interval = (heartbeat as {intervalMs?: unknown} | null)?.intervalMs;
    if (typeof interval !== 'number' || !Number.isFinite(interval) || interval <= 0) {
      throw new TypeError(`${where}: the adapter's heartbeat.intervalMs must be a positive number.`);
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
}

/** The adapter registered as `name`, or `undefined`. */
export function getAdapter(name: string): ProtocolAdapter | undefined {
  return isBuiltinProtocol(name) ? BUILTIN_ADAPTERS[name] : custom.get(name);
}

/** Every protocol name: the built-in ones first, then the added ones in registration order. */
export function protocolNames(): string[] {
  return [...BUILTIN_PROTOCOLS, ...custom.keys()];
}
