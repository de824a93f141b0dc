/**
 * How the view reaches ./extras.ts (reasoning, sources, progress, the `job` panels, product cards,
 * the emergency alert, the idle warning, the template prompt, the adapter's form fields): here
 * directly. The script-tag bundle puts ./extras-loader-lazy.ts in place of this module
 * (vite.config.ts), which loads ./extras.ts as a chunk of its own the first time the state holds
 * something it shows.
 */
import type {CSSResult} from 'lit';
import type {ChatState} from '../core/state.js';
import {extrasStyles as styles} from './extras.js';

export {
  renderEmergency,
  renderEmergencyFlag,
  renderFormFields,
  renderIdleWarning,
  renderMessageExtras,
  renderOptimize,
  renderProgress,
  renderReasoning,
  renderRequestFailure,
  renderSteps,
  renderTemplatePrompt,
} from './extras.js';

/** The styles of the extras, once they have loaded (here: at once). */
export function extrasStyles(): CSSResult | undefined {
  return styles;
}

/**
 * Loads the extras if `state` shows any of them, or the adapter has a form (`form`), and they have
 * not loaded yet, then calls `loaded` (here: they always have).
 */
export function ensureExtras(_state: ChatState, _form: boolean, _loaded: () => void): void {}
