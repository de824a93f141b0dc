/**
 * The script-tag bundle's ./json-patch-loader.ts (vite.config.ts puts this module in its place):
 * the JSON Patch code is a chunk of its own, which only a conversation with state patches loads
 * (ag-ui's adapter loads it beside its own chunk: ../protocols/builtin-lazy.ts).
 */
import type {applyJsonPatch} from './json-patch.js';
import {retryable} from './retryable.js';

let loaded: typeof applyJsonPatch | undefined;

/** `applyJsonPatch`, or `undefined` while its code has not loaded. */
export const jsonPatch = (): typeof applyJsonPatch | undefined => loaded;

/** Loads the code (once; again after a failure). Settles once {@link jsonPatch} has it, or failed to load it. */
export const loadJsonPatch: () => Promise<unknown> = retryable(() => import('./json-patch.js').then((m) => (loaded = m.applyJsonPatch)));
