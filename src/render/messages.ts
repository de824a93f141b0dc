import {html, nothing, type TemplateResult} from 'lit';
import {repeat} from 'lit/directives/repeat.js';
import {alertIcon, copyIcon, checkIcon, regenerateIcon, thumbDownIcon, thumbUpIcon} from './icons.js';
import {messageTime} from './time.js';
import {markdown} from './markdown-directive.js';
import {isAllowedImage, isSafeHref} from '../markdown/urls.js';
import {awaitingReply, type ChatState} from '../core/state.js';
import type {ChatStrings} from '../i18n/strings.js';
import type {ChatMessage, Product, ProgressStep, Source} from '../types.js';

/** What the message list needs from the element. */
export interface MessageView {
  state: ChatState;
  strings: ChatStrings;
  imageHosts: readonly string[];
  locale: string;
  /** ISO 4217 code for product prices, when the host set one. */
  currency: string;
  /** Which actions assistant replies offer (the `actions` attribute). */
  actions: ReadonlySet<MessageAction>;
  /** The reply `regenerate()` would replace, when it can be regenerated now. */
  regenerable: string | null;
  /** The message whose text was just copied (its Copy button says so for a moment). */
  copied: string | null;
  /** The time relative times are measured from. */
  now: number;
  onRetry(message: ChatMessage): void;
  onCopy(message: ChatMessage): void;
  onRegenerate(): void;
  onFeedback(message: ChatMessage, rating: 'up' | 'down' | null): void;
  /**
   * A product card was chosen (`hasPage`: by its link; else by "Choose"); false when the host
   * canceled `chat-product` (the link is not followed, nothing is sent).
   */
  onProduct(product: Product, message: ChatMessage, hasPage: boolean): boolean;
  /** Show `meta.confidence` (the `show-confidence` attribute). */
  showConfidence: boolean;
}

/** The per-message actions of assistant replies. */
export const MESSAGE_ACTIONS = ['copy', 'regenerate', 'feedback'] as const;
export type MessageAction = (typeof MESSAGE_ACTIONS)[number];

/** The message list (a live log) with the typing indicator and live progress. */
export function renderMessages(view: MessageView): TemplateResult {
  const {state, strings} = view;
  const waiting = awaitingReply(state) || state.typing;
  return html`
    ${repeat(state.messages, (m) => m.id, (m) => renderMessage(m, view))}
    ${state.progress.length && !state.replyId ? renderProgress(state.progress, strings, true) : nothing}
    ${waiting && !state.replyId
      ? html`<div part="typing-indicator" class="typing" role="status" aria-label=${strings.typing}>
          <span></span><span></span><span></span>
        </div>`
      : nothing}
  `;
}

function renderMessage(m: ChatMessage, view: MessageView): TemplateResult {
  const {strings} = view;
  const streaming = m.status === 'streaming';
  const cut = endedEarly(m);
  const body =
    m.role === 'assistant'
      ? html`<div class="bubble md" dir="auto" ${markdown(m.text, {streaming, cut, imageHosts: view.imageHosts, codeCopyLabel: strings.copyCode})}></div>`
      : html`<div class="bubble" dir="auto">${systemText(m, strings)}</div>`;
  return html`
    <div
      part="message message-${m.role}${m.meta.kind === 'error' ? ' message-error' : ''}"
      class="msg ${m.role} ${m.meta.kind ?? ''}"
      data-status=${m.status}
      data-id=${m.id}
      aria-busy=${streaming ? 'true' : 'false'}
    >
      <span class="sr-only">${m.role === 'user' ? strings.you : m.role === 'assistant' ? strings.assistant : ''}</span>
      ${m.meta.emergency ? html`<div class="emergency-flag" role="img" aria-label=${strings.emergencyTitle}>${alertIcon}</div>` : nothing}
      ${m.meta.reasoning ? renderReasoning(m, view) : nothing}
      ${m.role === 'assistant' ? renderSteps(m, strings) : nothing}
      ${m.text || m.role !== 'assistant' || (streaming && !m.meta.reasoning && !m.meta.progress?.length) ? body : nothing}
      ${m.role === 'assistant' ? renderExtras(m, view) : nothing}
      ${renderStatusLine(m, view)}
      ${m.role === 'system' ? nothing : renderFoot(m, view)}
    </div>
  `;
}

/** Under a message: when it was written, and the actions of a finished reply. */
function renderFoot(m: ChatMessage, view: MessageView): TemplateResult {
  const {label, title} = messageTime(m.createdAt, view.now, view.locale);
  const actionable = m.role === 'assistant' && m.status !== 'streaming' && m.text !== '';
  return html`<div class="msg-foot">
    <time part="timestamp" datetime=${new Date(m.createdAt).toISOString()} title=${title}>${label}</time>
    ${actionable ? renderActions(m, view) : nothing}
  </div>`;
}

/** Copy, regenerate (the last reply only) and thumbs up/down, per the `actions` attribute. */
function renderActions(m: ChatMessage, view: MessageView): TemplateResult | typeof nothing {
  const {actions, strings} = view;
  const reply = m.meta.kind === undefined;
  const regenerate = actions.has('regenerate') && view.regenerable === m.id;
  const feedback = actions.has('feedback') && reply;
  if (!actions.has('copy') && !regenerate && !feedback) return nothing;
  const copied = view.copied === m.id;
  const rating = m.meta.feedback ?? null;
  const rate = (value: 'up' | 'down') => () => view.onFeedback(m, rating === value ? null : value);
  return html`<div part="actions" class="actions-row ${view.regenerable === m.id ? 'last' : ''}" role="group" aria-label=${strings.messageActions}>
    ${actions.has('copy')
      ? html`<button type="button" part="copy" class="act ${copied ? 'done' : ''}" title=${copied ? strings.copied : strings.copy} aria-label=${copied ? strings.copied : strings.copy} @click=${() => view.onCopy(m)}>
          ${copied ? checkIcon : copyIcon}
        </button>`
      : nothing}
    ${regenerate
      ? html`<button type="button" part="regenerate" class="act" title=${strings.regenerate} aria-label=${strings.regenerate} @click=${view.onRegenerate}>${regenerateIcon}</button>`
      : nothing}
    ${feedback
      ? html`<button type="button" part="feedback-up" class="act" title=${strings.feedbackUp} aria-label=${strings.feedbackUp} aria-pressed=${rating === 'up' ? 'true' : 'false'} @click=${rate('up')}>${thumbUpIcon}</button>
          <button type="button" part="feedback-down" class="act" title=${strings.feedbackDown} aria-label=${strings.feedbackDown} aria-pressed=${rating === 'down' ? 'true' : 'false'} @click=${rate('down')}>${thumbDownIcon}</button>`
      : nothing}
  </div>`;
}

/**
 * User and system text. A server error reads in the user's words (the strings table by
 * error code, else the server's own text); a saved template is confirmed by name.
 */
function systemText(m: ChatMessage, strings: ChatStrings): string {
  if (m.meta.kind === 'template') return strings.templateSaved(m.text);
  // The server's own words for visitors (a crisis line, a moderation notice) are never replaced.
  if (m.meta.visitorText === true && m.text.trim() !== '') return m.text;
  const code = m.meta.kind === 'error' && typeof m.meta.code === 'string' ? m.meta.code : '';
  return (code && strings.errors[code]) || m.text;
}

/**
 * Reasoning as a collapsed "Thinking" section, rendered through the same sanitizer as the
 * reply (it streams with a cursor until the reply's text begins).
 */
function renderReasoning(m: ChatMessage, view: MessageView): TemplateResult {
  const thinking = m.status === 'streaming' && !m.text;
  // Reasoning is cut with its reply when the reply's text had not begun.
  const cut = endedEarly(m) && !m.text;
  return html`<details part="reasoning" class="reasoning" ?data-live=${thinking}>
    <summary>${view.strings.reasoning}${thinking ? html`<span class="dots" aria-hidden="true">…</span>` : nothing}</summary>
    <div class="md" dir="auto" ${markdown(m.meta.reasoning ?? '', {streaming: thinking, cut, imageHosts: [], codeCopyLabel: view.strings.copyCode})}></div>
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

/** A reply that ended early: stopped, or cut off (connection lost, length limit, an error in mid-stream). */
function endedEarly(m: ChatMessage): boolean {
  return m.role === 'assistant' && (m.status === 'stopped' || m.status === 'interrupted' || (m.status === 'error' && m.text !== ''));
}

function renderStatusLine(m: ChatMessage, view: MessageView): TemplateResult | typeof nothing {
  const {strings} = view;
  if (m.status === 'pending') {
    // A connection or request under way is taking it; otherwise it waits (offline, queued).
    const sending = view.state.status === 'connecting' || view.state.status === 'open';
    return html`<div class="meta">${sending ? strings.sending : strings.pending}</div>`;
  }
  if (m.status === 'stopped') return html`<div class="meta stopped">${strings.stopped}</div>`;
  // A reply cut off (connection lost, length limit, an error in mid-stream) keeps its text and offers Retry.
  const cutReply = endedEarly(m);
  if (cutReply || (m.role === 'user' && (m.status === 'interrupted' || m.status === 'error'))) {
    // A cut reply is answered again in its place (regenerate): only the last one can be.
    const retry = m.role === 'user' || view.regenerable === m.id;
    return html`<div class="meta warn">
      ${m.role === 'assistant' ? strings.interrupted : m.status === 'error' ? strings.requestFailed : strings.unanswered}
      ${retry ? html`<button type="button" class="link" @click=${() => view.onRetry(m)}>${strings.retry}</button>` : nothing}
    </div>`;
  }
  return nothing;
}

/** The reply's steps (job progress, agent statuses, tool calls) before its text: live while it streams, then folded. */
function renderSteps(m: ChatMessage, strings: ChatStrings): TemplateResult | typeof nothing {
  const steps = m.meta.progress;
  if (!steps?.length) return nothing;
  if (m.status === 'streaming') return renderProgress(steps, strings, true);
  return html`<details class="steps"><summary>${strings.progressSteps(steps.length)}</summary>${renderProgress(steps, strings, false)}</details>`;
}

function renderExtras(m: ChatMessage, view: MessageView): TemplateResult {
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
 * A finished tool call's input, result and error (when the protocol sent them: `ai-sdk` both,
 * `ag-ui` the result) as a collapsed summary under its name: text only (Lit text bindings, never
 * markup), JSON compact, cut at {@link TOOL_TEXT_MAX} characters. Other steps: their label.
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
