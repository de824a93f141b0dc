/**
 * The JSON Patch code (./json-patch.ts) for `state` events that carry a `patch` (ag-ui's
 * STATE_DELTA; custom adapters may emit them too): here at once. In the script-tag bundle
 * ./json-patch-loader-lazy.ts takes the place of this module (vite.config.ts): the same functions,
 * with the code in a chunk of its own, loaded beside the ag-ui adapter or before the first patch
 * is applied (the connection controller holds the frames until then).
 */
import {applyJsonPatch} from './json-patch.js';

/** `applyJsonPatch`, or `undefined` while its code has not loaded. */
export const jsonPatch = (): typeof applyJsonPatch | undefined => applyJsonPatch;

/** Loads the code (settles once {@link jsonPatch} has it, or failed to load it). */
export const loadJsonPatch = (): Promise<unknown> => Promise.resolve();
