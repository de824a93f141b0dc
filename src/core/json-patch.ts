/** One JSON Patch operation (RFC 6902). */
export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: unknown;
  from?: string;
}

const UNSAFE = new Set(['__proto__', 'prototype', 'constructor']);

/** `/a/b~1c/0` → `['a', 'b/c', '0']` (RFC 6901). Throws on a key that could reach a prototype. */
function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`JSON Patch: invalid path "${pointer}"`);
  return pointer
    .slice(1)
    .split('/')
    .map((part) => {
      const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
      if (UNSAFE.has(key)) throw new Error(`JSON Patch: refused path "${pointer}"`);
      return key;
    });
}

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

/** The container that holds the last key of `keys`, and that key. */
function parentOf(root: unknown, keys: string[]): [Container, string] {
  let node = root;
  for (const key of keys.slice(0, -1)) {
    if (!isContainer(node) || !Object.hasOwn(node, key)) throw new Error(`JSON Patch: no such path /${keys.join('/')}`);
    node = (node as Record<string, unknown>)[key];
  }
  if (!isContainer(node)) throw new Error(`JSON Patch: no such path /${keys.join('/')}`);
  return [node, keys[keys.length - 1]];
}

function get(root: unknown, keys: string[]): unknown {
  if (keys.length === 0) return root;
  const [parent, key] = parentOf(root, keys);
  if (!Object.hasOwn(parent, key)) throw new Error(`JSON Patch: no such path /${keys.join('/')}`);
  return (parent as Record<string, unknown>)[key];
}

function index(array: unknown[], key: string, allowEnd: boolean): number {
  if (allowEnd && key === '-') return array.length;
  const i = /^(0|[1-9]\d*)$/.test(key) ? Number(key) : NaN;
  if (!(i >= 0 && i <= array.length - (allowEnd ? 0 : 1))) throw new Error(`JSON Patch: bad array index "${key}"`);
  return i;
}

/** Returns [new root] after adding `value` at `keys`. */
function add(root: unknown, keys: string[], value: unknown): unknown {
  if (keys.length === 0) return value;
  const [parent, key] = parentOf(root, keys);
  if (Array.isArray(parent)) parent.splice(index(parent, key, true), 0, value);
  else Object.defineProperty(parent, key, {value, writable: true, enumerable: true, configurable: true});
  return root;
}

function remove(root: unknown, keys: string[]): unknown {
  if (keys.length === 0) return undefined;
  const [parent, key] = parentOf(root, keys);
  if (Array.isArray(parent)) parent.splice(index(parent, key, false), 1);
  else if (Object.hasOwn(parent, key)) delete (parent as Record<string, unknown>)[key];
  else throw new Error(`JSON Patch: no such path /${keys.join('/')}`);
  return root;
}

/** JSON equality (RFC 6902 §4.6): objects compare by their members, whatever their order. */
function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isContainer(a) || !isContainer(b) || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * Applies a JSON Patch to a copy of `document` and returns the copy (`document` is not
 * changed). Throws an `Error` naming the operation that failed; then nothing is applied.
 */
export function applyJsonPatch(document: unknown, patch: readonly JsonPatchOperation[]): unknown {
  let root: unknown = document === undefined ? undefined : structuredClone(document);
  for (const op of patch) {
    const keys = parsePointer(String(op?.path ?? ''));
    switch (op?.op) {
      case 'add':
        root = add(root, keys, structuredClone(op.value));
        break;
      case 'remove':
        root = remove(root, keys);
        break;
      case 'replace':
        get(root, keys);
        root = add(remove(root, keys) ?? root, keys, structuredClone(op.value));
        break;
      case 'move': {
        const from = parsePointer(String(op.from ?? ''));
        const value = get(root, from);
        root = add(remove(root, from), keys, value);
        break;
      }
      case 'copy':
        root = add(root, keys, structuredClone(get(root, parsePointer(String(op.from ?? '')))));
        break;
      case 'test':
        if (!equal(get(root, keys), op.value)) throw new Error(`JSON Patch: test failed at ${op.path}`);
        break;
      default:
        throw new Error(`JSON Patch: unknown operation "${String((op as {op?: unknown})?.op)}"`);
    }
  }
  return root;
}
