/**
 * How the view reaches ./extras.ts (suggestion chips, reasoning, sources, progress, the `job`
 * panels, product cards, the emergency alert, the idle warning, the session's end, the template
 * prompt, the adapter's form fields, the header's countdown to a retry): here directly. The
 * script-tag bundle puts ./extras-loader-lazy.ts in place of this module (vite.config.ts), which
 * loads ./extras.ts as a chunk of its own the first time the view shows something of it.
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
  renderSessionEnd,
  renderSteps,
  renderSuggestions,
  renderTemplatePrompt,
  retryingStatus,
} from './extras.js';

/** The styles of the extras, once they have loaded (here: at once). */
export function extrasStyles(): CSSResult | undefined {
  return styles;
}

/**
 * Loads the extras if `state` shows any of them, or the element shows some of its own (`more`: the
 * adapter's form, suggestion chips, the header's countdown to a retry), and they have not loaded
 * yet, then calls `loaded` (here: they always have).
 */
export function ensureExtras(_state: ChatState, _more: boolean, _loaded: () => void): void {}
