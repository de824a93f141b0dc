/**
 * The script-tag bundle's ./extras-loader.ts (vite.config.ts puts this module in its place):
 * ./extras.ts is a chunk of its own, loaded the first time the view shows something of it (in the
 * state, or suggestion chips, a form: {@link ensureExtras}, from the element's render), so a
 * conversation that shows none of it never fetches it. Until it has loaded, those parts render nothing (the emergency alert its
 * statement); the element renders again when it arrives. A failed import is tried again by the
 * next render that needs it.
 */
import {html, nothing, type CSSResult, type TemplateResult} from 'lit';
import {retryable} from '../core/retryable.js';
import type {ChatState} from '../core/state.js';
import type {ChatStrings} from '../i18n/strings.js';
import type {FormField} from '../protocols/protocol-adapter.js';
import type {ChatMessage, ProgressStep} from '../types.js';
import type {MessageView} from './messages.js';
import type {PanelHandlers} from './panels.js';

type Extras = typeof import('./extras.js');
type Part = TemplateResult | typeof nothing;

let extras: Extras | undefined;
const load = retryable(() => import('./extras.js').then((m) => (extras = m)));

/** Whether `state` shows any of the extras. */
function needsExtras(state: ChatState): boolean {
  return (
    state.emergency !== null ||
    state.idleWarning !== null ||
    state.sessionEnded !== null ||
    state.templatePrompt !== null ||
    state.progress.length > 0 ||
    state.features.optimize ||
    state.messages.some(({meta}) => meta.failure || meta.reasoning || meta.progress?.length || meta.sources?.length || meta.products?.length || meta.strategy || meta.compliance || meta.emergency || meta.agents?.length || typeof meta.confidence === 'number' || typeof meta.processingTimeMs === 'number')
  );
}

/** See ./extras-loader.ts. */
export function ensureExtras(state: ChatState, more: boolean, loaded: () => void): void {
  if (extras || !(more || needsExtras(state))) return;
  load().then(loaded, () => {});
}

export function extrasStyles(): CSSResult | undefined {
  return extras?.extrasStyles;
}

export const renderSuggestions = (items: readonly string[], strings: ChatStrings, h: PanelHandlers): Part =>
  extras ? extras.renderSuggestions(items, strings, h) : nothing;
export const renderReasoning = (m: ChatMessage, view: MessageView): Part => (extras ? extras.renderReasoning(m, view) : nothing);
/** The failed request's line; until the chunk has loaded (or when it cannot load: the network is down) the generic one (`undefined`). */
export const renderRequestFailure = (m: ChatMessage, view: MessageView): TemplateResult | undefined => extras?.renderRequestFailure(m, view);
export const renderMessageExtras = (m: ChatMessage, view: MessageView): Part => (extras ? extras.renderMessageExtras(m, view) : nothing);
export const renderSteps = (m: ChatMessage, strings: ChatStrings): Part => (extras ? extras.renderSteps(m, strings) : nothing);
export const renderProgress = (steps: readonly ProgressStep[], strings: ChatStrings, live: boolean): Part =>
  extras ? extras.renderProgress(steps, strings, live) : nothing;
/** The emergency alert; until the chunk has loaded (or when it cannot load) the server's statement, as an alert still. */
export const renderEmergency = (state: ChatState, strings: ChatStrings, h: PanelHandlers): Part =>
  extras
    ? extras.renderEmergency(state, strings, h)
    : state.emergency
      ? html`<div part="notice emergency" class="banner emergency" role="alert" dir="auto">${state.emergency}</div>`
      : nothing;
export const renderIdleWarning = (state: ChatState, strings: ChatStrings, h: PanelHandlers): Part =>
  extras ? extras.renderIdleWarning(state, strings, h) : nothing;
export const renderFormFields = (fields: readonly FormField[], values: Readonly<Record<string, string>>, strings: ChatStrings): Part =>
  extras ? extras.renderFormFields(fields, values, strings) : nothing;
export const renderEmergencyFlag = (strings: ChatStrings): Part => (extras ? extras.renderEmergencyFlag(strings) : nothing);
export const renderOptimize = (strings: ChatStrings, disabled: boolean, optimizing: boolean, onOptimize: (text: string) => void): Part =>
  extras ? extras.renderOptimize(strings, disabled, optimizing, onOptimize) : nothing;
export const renderSessionEnd = (state: ChatState, strings: ChatStrings, h: PanelHandlers): Part =>
  extras ? extras.renderSessionEnd(state, strings, h) : nothing;
/** The header's status while a request waits to be tried again; until the chunk has loaded, without the time left. */
export const retryingStatus = (strings: ChatStrings, at: number, locale: string): string =>
  extras ? extras.retryingStatus(strings, at, locale) : strings.statusRetrying;
export const renderTemplatePrompt = (state: ChatState, strings: ChatStrings, h: PanelHandlers): Part =>
  extras ? extras.renderTemplatePrompt(state, strings, h) : nothing;
