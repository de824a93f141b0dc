/**
 * The parts of the view that only some conversations show: suggestion chips (and `starters`),
 * reasoning, sources, progress steps, the lines under a reply (the `job` panels, product cards,
 * confidence, agents, time), the emergency alert and flag, the idle warning, the session's end,
 * the template prompt, the adapter's form fields (`job`) and the optimize button (`template`),
 * with their styles ({@link extrasStyles}).
 *
 * The view imports them through ./extras-loader.ts. In the script-tag bundle,
 * ./extras-loader-lazy.ts takes its place (vite.config.ts): this module is a chunk of its own,
 * loaded the first time the state holds something it shows, so a conversation that shows none
 * of it never fetches it.
 */
import {html, nothing, svg, type TemplateResult} from 'lit';
import {live} from 'lit/directives/live.js';
import {label} from './composer.js';
import {icon} from './icons.js';
import {markdown} from './markdown-directive.js';
import {relativeFormat} from './time.js';
import {isAllowedImage, isSafeHref} from '../markdown/urls.js';
import {endedEarly, type ChatState} from '../core/state.js';
import {addEnglish, englishOne, type ChatStrings, type ExtrasKey} from '../i18n/strings.js';
import type {FormField} from '../protocols/protocol-adapter.js';
import type {ChatMessage, Product, ProgressStep, Source} from '../types.js';
import type {MessageView} from './messages.js';
import type {PanelHandlers} from './panels.js';

/** The English of what the extras show (the widget's chunk does not hold it: see `addEnglish`). */
const EXTRAS_EN: Pick<ChatStrings, ExtrasKey> = {
  statusRetryingIn: (when) => `Retrying ${when}…`,
  suggestionsLabel: 'Suggestions',
  emergencyTitle: 'Possible emergency',
  emergencyDefault: 'This may be a medical emergency. Call your local emergency number now.',
  reasoning: 'Thinking',
  sources: 'Sources',
  optimize: 'Optimize prompt',
  optimizing: 'Optimizing…',
  idleStay: "I'm still here",
  sessionEnded: 'This conversation has ended.',
  startAgain: 'Start again',
  productsLabel: 'Suggested products',
  productDetails: 'Details',
  productView: 'View',
  productChoose: 'Choose',
  productChosen: (name) => `I’d like the ${name}.`,
  emergencyCall: (n) => `Call ${n}`,
  confidence: (p) => `Match confidence ${p}`,
  available: 'In stock',
  unavailable: 'Out of stock',
  progressLabel: 'Progress',
  progressSteps: (n) => (englishOne(n) ? `${n} step` : `${n} steps`),
  toolInput: 'Input',
  toolResult: 'Result',
  toolError: 'Error',
  requestServerError: 'The chat service ran into a problem and could not answer.',
  requestRefused: 'The chat could not accept this message.',
  requestBusy: 'The chat is busy right now. Please try again.',
  requestBusyFor: (when) => `The chat is busy right now. Try again ${when}.`,
  agents: (names) => `Agents: ${names}`,
  processingTime: (ms) => `Answered in ${ms}`,
  strategy: 'Strategy',
  compliance: 'Compliance',
  templateTitle: 'Save this conversation as a template?',
  templateCreate: 'Create',
  templateNotNow: 'Not now',
};
addEnglish(EXTRAS_EN);

export {extrasStyles} from '../styles/extras.styles.js';

const alertIcon = icon(svg`<path d="M12 3l10 18H2zM12 10v5M12 18v.5"/>`);
const sparkIcon = icon(svg`<path d="M12 3l1.8 5.2L19 10l-5.2 1.8L12 17l-1.8-5.2L5 10l5.2-1.8zM19 15l.8 2.2L22 18l-2.2.8L19 21l-.8-2.2L16 18l2.2-.8z"/>`);

/**
 * Reasoning as a collapsed "Thinking" section, rendered through the same sanitizer as the
 * reply (it streams with a cursor until the reply's text begins).
 */
export function renderReasoning(m: ChatMessage, view: MessageView): TemplateResult {
  const thinking = m.status === 'streaming' && !m.text;
  // Reasoning is cut with its reply when the reply's text had not begun.
  const cut = endedEarly(m) && !m.text;
  return html`<details part="reasoning" class="reasoning" ?data-live=${thinking}>
    <summary>${view.strings.reasoning}${thinking ? html`<span class="dots" aria-hidden="true">…</span>` : nothing}</summary>
    <div class="md" dir="auto" ${markdown(m.meta.reasoning ?? '', {streaming: thinking, cut, imageHosts: [], codeCopyLabel: view.strings.copyCode, tableMoreLabel: view.strings.showAllRows})}></div>
  </details>`;
}

/** Sources as safe links (the markdown link rules: http(s), mailto, relative); a document without a URL as its title. */
function renderSources(sources: readonly Source[], strings: ChatStrings): TemplateResult {
  return html`<div part="sources" class="sources">
    <span class="sources-label" aria-hidden="true">${strings.sources}</span>
    <ol aria-label=${strings.sources}>
    ${sources.map((src) => {
      const title = src.title?.trim() || src.filename || src.url || src.id || '';
      const href = src.url && isSafeHref(src.url) ? src.url : undefined;
      return html`<li>
        ${href
          ? html`<a href=${href} target="_blank" rel="noopener noreferrer" title=${src.url!}>${title}</a>`
          : html`<span>${title}</span>`}
      </li>`;
    })}
    </ol>
  </div>`;
}

/** The reply's steps (job progress, agent statuses, tool calls) before its text: live while it streams, then folded. */
export function renderSteps(m: ChatMessage, strings: ChatStrings): TemplateResult | typeof nothing {
  const steps = m.meta.progress;
  if (!steps?.length) return nothing;
  if (m.status === 'streaming') return renderProgress(steps, strings, true);
  return html`<details class="steps"><summary>${strings.progressSteps(steps.length)}</summary>${renderProgress(steps, strings, false)}</details>`;
}

/** Under a reply: the `job` panels, sources, product cards, and the reply's confidence, agents and time. */
export function renderMessageExtras(m: ChatMessage, view: MessageView): TemplateResult {
  const {strings, locale} = view;
  const meta = m.meta;
  const agents = meta.agents?.length ? meta.agents.join(', ') : '';
  return html`
    ${meta.strategy ? renderPanel(strings.strategy, meta.strategy, 'strategy') : nothing}
    ${meta.compliance ? renderPanel(strings.compliance, meta.compliance, 'compliance') : nothing}
    ${meta.sources?.length ? renderSources(meta.sources, strings) : nothing}
    ${meta.products?.length ? renderProducts(meta.products, m, view) : nothing}
    ${typeof meta.confidence === 'number' && view.showConfidence
      ? html`<div class="meta confidence">${strings.confidence(new Intl.NumberFormat(locale, {style: 'percent', maximumFractionDigits: 0}).format(meta.confidence))}</div>`
      : nothing}
    ${agents && m.status !== 'streaming' ? html`<div class="meta">${strings.agents(agents)}</div>` : nothing}
    ${typeof meta.processingTimeMs === 'number'
      ? html`<div class="meta">${strings.processingTime(new Intl.NumberFormat(locale, {style: 'unit', unit: 'second', maximumFractionDigits: 1}).format(meta.processingTimeMs / 1000))}</div>`
      : nothing}
  `;
}

/** Progress steps; `live` marks the list that is still growing. */
export function renderProgress(steps: readonly ProgressStep[], strings: ChatStrings, live: boolean): TemplateResult {
  return html`<ol part="progress" class="progress ${live ? 'live' : ''}" aria-label=${strings.progressLabel}>
    ${steps.map((s, i) => html`<li class=${live && i === steps.length - 1 ? 'current' : 'done'}>${live ? s.label : renderToolCall(s, strings)}</li>`)}
  </ol>`;
}

/** Characters of a tool call's input, result or error shown (the rest is cut: a summary, not a log). */
const TOOL_TEXT_MAX = 300;

/**
 * A finished tool call's input, result and error (when the protocol sent them: `ai-sdk` and
 * `ag-ui` input and result, `openai` the input; streamed input arrives as JSON text in pieces,
 * joined) as a collapsed summary under its name: text only (Lit text bindings, never markup),
 * JSON compact, cut at {@link TOOL_TEXT_MAX} characters. Other steps: their label.
 */
function renderToolCall(s: ProgressStep, strings: ChatStrings): TemplateResult | string {
  const d = s.details;
  if (!d || typeof d['tool'] !== 'string') return s.label;
  const rows = (
    [
      [strings.toolInput, d['input']],
      [strings.toolResult, d['output']],
      [strings.toolError, d['error']],
    ] as const
  ).filter(([, v]) => v !== undefined && v !== null && v !== '');
  if (!rows.length) return s.label;
  return html`<details class="tool-call">
    <summary>${s.label}</summary>
    <dl>${rows.map(([name, v]) => html`<dt>${name}</dt><dd>${toolText(v)}</dd>`)}</dl>
  </details>`;
}

function toolText(value: unknown): string {
  let t: string;
  try {
    t = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    t = String(value);
  }
  return t.length > TOOL_TEXT_MAX ? `${t.slice(0, TOOL_TEXT_MAX - 1)}…` : t;
}

/** The server failed (or timed out) on the request: not the request's own fault. */
function serverFault(status: number): boolean {
  return status >= 500 || status === 408;
}

/** Failures another try of the same request can get past: no answer, a server failure, a timeout, one too many. */
function retryHelps(status: number): boolean {
  return status === 0 || status === 429 || serverFault(status);
}

/** Whole seconds from `now` until `at` (epoch ms; 0 or less when it has passed). */
function secondsLeft(at: number, now: number): number {
  return Math.ceil((at - now) / 1000);
}

/** A wait from now in the widget's language ("in 12 seconds", "in 2 minutes": whole minutes from a minute on, rounded up). */
function timeFromNow(seconds: number, locale: string): string {
  const rtf = relativeFormat(locale);
  return seconds < 60 ? rtf.format(seconds, 'second') : rtf.format(Math.ceil(seconds / 60), 'minute');
}

/** The header's status while a request waits to be tried again (per request): the time left, once it is known. */
export function retryingStatus(strings: ChatStrings, at: number, locale: string): string {
  const left = secondsLeft(at, Date.now());
  return left > 0 ? strings.statusRetryingIn(timeFromNow(left, locale)) : strings.statusRetrying;
}

/**
 * The line under a user message whose request failed (`meta.failure`), in plain words by its
 * status (the host's `chat-error` has the status and the server's detail), with Retry where
 * another try can help. After a 429 with `Retry-After` the time left counts down (the element's
 * clock ticks each second meanwhile; the countdown is not read out every second) and Retry comes
 * when it is up. Returns `undefined` for a message without `meta.failure`.
 */
export function renderRequestFailure(m: ChatMessage, view: MessageView): TemplateResult | undefined {
  const failure = m.meta.failure;
  if (!failure) return undefined;
  const {strings} = view;
  const {status} = failure;
  const left = secondsLeft(failure.retryAt ?? 0, view.now);
  const text =
    status === 0
      ? strings.httpUnreachable
      : status === 429
        ? left > 0
          ? strings.requestBusyFor(timeFromNow(left, view.locale))
          : strings.requestBusy
        : serverFault(status)
          ? strings.requestServerError
          : strings.requestRefused;
  return html`<div class="meta warn">
    <span aria-live=${left > 0 ? 'off' : nothing}>${text}</span>
    ${retryHelps(status) && left <= 0 ? html`<button type="button" class="link" @click=${() => view.onRetry(m)}>${strings.retry}</button>` : nothing}
  </div>`;
}

/** Strategy / compliance objects from `job`, shown as readable key–value lists. */
function renderPanel(title: string, value: unknown, kind: string): TemplateResult {
  return html`<details class="panel-box ${kind}" open>
    <summary>${title}</summary>
    ${renderValue(value, 0)}
  </details>`;
}

function renderValue(value: unknown, depth: number): TemplateResult | string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  const check = asCheck(value);
  if (check) return html`<span class=${check.passed ? 'pass' : 'fail'}>${check.passed ? '✓' : '✗'} ${check.label}</span>`;
  if (Array.isArray(value)) {
    return html`<ul>${value.map((v) => html`<li>${renderValue(v, depth + 1)}</li>`)}</ul>`;
  }
  if (typeof value === 'object' && depth < 4) {
    return html`<dl>
      ${Object.entries(value as Record<string, unknown>).map(
        ([k, v]) => html`<dt>${humanize(k)}</dt><dd>${renderValue(v, depth + 1)}</dd>`,
      )}
    </dl>`;
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** `{name: 'No claims', passed: true}` and the like: one label and one boolean. */
function asCheck(value: unknown): {label: string; passed: boolean} | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const entries = Object.entries(value);
  const label = entries.find(([, v]) => typeof v === 'string');
  const flag = entries.find(([, v]) => typeof v === 'boolean');
  return entries.length === 2 && label && flag ? {label: label[1] as string, passed: flag[1] as boolean} : null;
}

function humanize(key: string): string {
  const s = key.replace(/[_-]+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Product cards as a compact horizontal row that scrolls (snapping card by card): a picture
 * (only from `imageHosts`), name, price, availability, a short description and the details
 * folded. A card with a page links to it (cancelable `chat-product`, whose default opens it in a
 * new tab); one without offers "Choose" (the same event).
 */
function renderProducts(products: readonly Product[], m: ChatMessage, view: MessageView): TemplateResult {
  const {strings, locale, currency} = view;
  return html`<ul part="products" class="products" aria-label=${strings.productsLabel}>
    ${products.map((p) => {
      const image = p.image && isAllowedImage(p.image, view.imageHosts) ? p.image : undefined;
      const href = p.url && /^https?:/i.test(p.url.trim()) && isSafeHref(p.url) ? p.url : undefined;
      const choose = (e: Event) => {
        if (!view.onProduct(p, m, href !== undefined)) e.preventDefault();
      };
      const details = p.features.length > 0 || Object.keys(p.specifications).length > 0;
      return html`<li part="product" class="product">
        ${image ? html`<img part="product-image" class="product-image" src=${image} alt="" loading="lazy" referrerpolicy="no-referrer" />` : nothing}
        <div class="product-head">
          <span class="product-name" dir="auto">${p.name}</span>
          ${typeof p.price === 'number' ? html`<span class="price">${formatPrice(p.price, p.currency || currency, locale)}</span>` : nothing}
        </div>
        ${p.category ? html`<div class="category" dir="auto">${p.category}</div>` : nothing}
        ${typeof p.availability === 'boolean'
          ? html`<div class="availability ${p.availability ? 'yes' : 'no'}">${p.availability ? strings.available : strings.unavailable}</div>`
          : nothing}
        ${p.description ? html`<p class="description" dir="auto">${p.description}</p>` : nothing}
        ${details
          ? html`<details class="product-details"><summary>${strings.productDetails}</summary>
              ${p.features.length ? html`<ul class="features">${p.features.map((f) => html`<li dir="auto">${f}</li>`)}</ul>` : nothing}
              ${Object.keys(p.specifications).length
                ? html`<dl class="specs">${Object.entries(p.specifications).map(([k, v]) => html`<dt>${humanize(k)}</dt><dd dir="auto">${v}</dd>`)}</dl>`
                : nothing}
            </details>`
          : nothing}
        ${href
          ? html`<a part="product-link" class="product-link" href=${href} target="_blank" rel="noopener noreferrer" @click=${choose}>${strings.productView}</a>`
          : html`<button type="button" part="product-link" class="product-link" @click=${choose}>${strings.productChoose}</button>`}
      </li>`;
    })}
  </ul>`;
}

function formatPrice(price: number, currency: string | undefined, locale: string): string {
  try {
    return currency
      ? new Intl.NumberFormat(locale, {style: 'currency', currency}).format(price)
      : new Intl.NumberFormat(locale, {maximumFractionDigits: 2}).format(price);
  } catch {
    return String(price);
  }
}

/** Emergency numbers people write as they are; longer numbers are matched by shape. */
const EMERGENCY_NUMBER = /(?:^|[^\d+.,])(\+?\d[\d -]{5,}\d|911|999|112|000|988|111|119|110|995|997)(?!\d)/g;

/** At most this many call actions (a reply that lists the numbers of several countries). */
const MAX_CALLS = 3;

/**
 * The numbers worth calling in `text`, in order, without repeats: one number is the one to call;
 * several ("for example 911, 112 or 000") are the visitor's to choose from, since the widget cannot
 * know which country they are in.
 */
export function emergencyNumbers(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(EMERGENCY_NUMBER)) {
    found.add(m[1]!.replace(/[ -]/g, ''));
    if (found.size === MAX_CALLS) break;
  }
  return [...found];
}

/**
 * The emergency alert: one clear statement (the backend's, else ours), a call action for each
 * number named (in the alert, else in the reply that raised it; the one call action is primary, a
 * choice of several is not weighted towards the first), and Dismiss. It belongs to its reply: the
 * next message the visitor sends takes it away.
 */
export function renderEmergency(state: ChatState, strings: ChatStrings, h: PanelHandlers): TemplateResult | typeof nothing {
  if (state.emergency === null) return nothing;
  const statement = state.emergency || strings.emergencyDefault;
  const reply = [...state.messages].reverse().find((m) => m.meta.emergency);
  const inAlert = emergencyNumbers(state.emergency ?? '');
  const numbers = inAlert.length ? inAlert : emergencyNumbers(reply?.text ?? '');
  return html`<div part="notice emergency" class="banner emergency" role="alert">
    <span class="emergency-text"><strong>${strings.emergencyTitle}.</strong> <span dir="auto">${statement}</span></span>
    <span class="actions">
      ${numbers.map(
        (n) => html`<a part="emergency-call" class=${numbers.length === 1 ? 'btn primary' : 'btn'} href=${`tel:${n}`}>${strings.emergencyCall(n)}</a>`,
      )}
      <button type="button" class="btn" @click=${h.onDismissEmergency}>${strings.dismiss}</button>
    </span>
  </div>`;
}

/** The session's idle warning, with a button to stay. */
export function renderIdleWarning(state: ChatState, strings: ChatStrings, h: PanelHandlers): TemplateResult | typeof nothing {
  return state.idleWarning
    ? html`<div part="idle-warning" class="banner warn" role="alert">
        <span dir="auto">${state.idleWarning.message}</span>
        <button type="button" part="idle-warning-action" class="btn" @click=${h.onStay}>${strings.idleStay}</button>
      </div>`
    : nothing;
}

/** The server ended the session (`session`): why, and "start again". */
export function renderSessionEnd(state: ChatState, strings: ChatStrings, h: PanelHandlers): TemplateResult | typeof nothing {
  return state.sessionEnded
    ? html`<div part="notice session-end" class="banner ended" role="status">
        <span dir="auto">${state.sessionEnded.message || strings.sessionEnded}</span>
        <button type="button" class="btn" @click=${h.onStartAgain}>${strings.startAgain}</button>
      </div>`
    : nothing;
}

/** The template prompt (`template`): create a template from the conversation, or not now. */
export function renderTemplatePrompt(state: ChatState, strings: ChatStrings, h: PanelHandlers): TemplateResult | typeof nothing {
  return state.templatePrompt
    ? html`<div part="template-prompt" class="banner template" role="dialog" aria-modal="false" aria-labelledby="tp-title" aria-describedby="tp-desc">
        <strong id="tp-title">${strings.templateTitle}</strong>
        <div id="tp-desc">
          <div class="tp-name" dir="auto">${state.templatePrompt.title}</div>
          ${state.templatePrompt.description ? html`<div class="meta" dir="auto">${state.templatePrompt.description}</div>` : nothing}
        </div>
        <div class="actions">
          <button type="button" class="btn primary" @click=${() => h.onTemplate(true)}>${strings.templateCreate}</button>
          <button type="button" class="btn" @click=${() => h.onTemplate(false)}>${strings.templateNotNow}</button>
        </div>
      </div>`
    : nothing;
}

/** The adapter's form fields (`job`: platform, topic) above the composer's input. */
export function renderFormFields(fields: readonly FormField[], values: Readonly<Record<string, string>>, strings: ChatStrings): TemplateResult {
  return html`<div class="job-fields">
    ${fields.map((field) =>
      field.kind === 'select'
        ? html`<label>${label(strings, field.label)}
            <select name=${field.name} .value=${live(values[field.name] ?? '')}>
              ${(field.options ?? []).map((o) => html`<option ?selected=${o === values[field.name]}>${o}</option>`)}
            </select>
          </label>`
        : html`<label>${label(strings, field.label)}
            <input name=${field.name} .value=${live(values[field.name] ?? '')} autocomplete="off" />
          </label>`,
    )}
  </div>`;
}

/** Suggestion chips: one tab stop, arrow keys move between chips (roving tabindex). */
export function renderSuggestions(items: readonly string[], strings: ChatStrings, h: PanelHandlers): TemplateResult | typeof nothing {
  if (!items.length) return nothing;
  return html`<div part="suggestions" class="suggestions" role="group" aria-label=${strings.suggestionsLabel} @keydown=${rovingKeys}>
    ${items.map(
      (text, i) => html`<button type="button" part="suggestion" class="chip" dir="auto" tabindex=${i === 0 ? 0 : -1} @click=${() => h.onSuggestion(text)}>
        ${text}
      </button>`,
    )}
  </div>`;
}

function rovingKeys(e: KeyboardEvent): void {
  const group = e.currentTarget as HTMLElement;
  const chips = [...group.querySelectorAll<HTMLButtonElement>('button')];
  const i = chips.indexOf(e.target as HTMLButtonElement);
  if (i < 0) return;
  const rtl = getComputedStyle(group).direction === 'rtl';
  const step: Record<string, number> = {ArrowRight: rtl ? -1 : 1, ArrowDown: 1, ArrowLeft: rtl ? 1 : -1, ArrowUp: -1};
  let next = i;
  if (e.key in step) next = (i + step[e.key] + chips.length) % chips.length;
  else if (e.key === 'Home') next = 0;
  else if (e.key === 'End') next = chips.length - 1;
  else return;
  e.preventDefault();
  chips[i].tabIndex = -1;
  chips[next].tabIndex = 0;
  chips[next].focus();
}

/** The mark of a reply that raised an emergency alert. */
export function renderEmergencyFlag(strings: ChatStrings): TemplateResult {
  return html`<div class="emergency-flag" role="img" aria-label=${strings.emergencyTitle}>${alertIcon}</div>`;
}

/** The composer's "optimize prompt" button (`template`, when the backend offers it). */
export function renderOptimize(strings: ChatStrings, disabled: boolean, optimizing: boolean, onOptimize: (text: string) => void): TemplateResult {
  return html`<button
    type="button"
    class="icon-btn"
    title=${strings.optimize}
    aria-label=${optimizing ? strings.optimizing : strings.optimize}
    ?disabled=${disabled || optimizing}
    @click=${(e: Event) => {
      const input = (e.target as HTMLElement).closest('form')!.querySelector('textarea')!;
      if (input.value.trim()) onOptimize(input.value);
    }}
  >${sparkIcon}</button>`;
}
