import {html, nothing, type TemplateResult} from 'lit';
import {guard} from 'lit/directives/guard.js';
import {repeat} from 'lit/directives/repeat.js';
import {copyIcon, checkIcon, regenerateIcon, thumbDownIcon, thumbUpIcon} from './icons.js';
import {messageTime} from './time.js';
import {markdown} from './markdown-directive.js';
import {extrasStyles, renderEmergencyFlag, renderMessageExtras, renderProgress, renderReasoning, renderRequestFailure, renderSteps} from './extras-loader.js';
import {awaitingReply, endedEarly, type ChatState} from '../core/state.js';
import type {ChatStrings} from '../i18n/strings.js';
import type {ChatMessage, Product} from '../types.js';

/** What the message list needs from the element. */
export interface MessageView {
  state: ChatState;
  strings: ChatStrings;
  imageHosts: readonly string[];
  locale: string;
  /** ISO 4217 code for product prices, when the host set one. */
  currency: string;
  /** Which actions assistant replies offer: the `actions` attribute as set (its words `copy`, `regenerate`, `feedback`; others are ignored). */
  actions: string;
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
  /** How many of the newest messages to render (Infinity: all). */
  shown: number;
}

/** The message list (a live log) with the typing indicator and live progress. */
export function renderMessages(view: MessageView): TemplateResult {
  const {state, strings} = view;
  const waiting = awaitingReply(state) || state.typing;
  const {messages} = state;
  return html`
    ${repeat(messages.length > view.shown ? messages.slice(-view.shown) : messages, (m) => m.id, (m) => guard(messageDeps(m, view), () => renderMessage(m, view)))}
    ${state.progress.length && !state.replyId ? renderProgress(state.progress, strings, true) : nothing}
    ${waiting && !state.replyId
      ? html`<div part="typing-indicator" class="typing" role="status" aria-label=${strings.typing}>
          <span></span><span></span><span></span>
        </div>`
      : nothing}
  `;
}

/**
 * What a message's rendering depends on: the message itself, the view's settings, whether it is
 * the reply that can be regenerated or was just copied, its time label (a new one when the label
 * changes), the connection's status while it is pending (Sending… or waiting), the clock while a
 * failed request counts down. While none changes, the message is not rendered again (`guard`):
 * an update of the element (a reply's start, its end, a status) no longer renders the whole
 * conversation again. With 1,000 messages one took about 15 ms, now about 5 (3 without them).
 */
function messageDeps(m: ChatMessage, view: MessageView): unknown[] {
  return [
    m,
    // The language's strings (a new table when the language changes, as the time label below).
    view.strings,
    view.imageHosts,
    view.currency,
    view.actions,
    view.showConfidence,
    extrasStyles(),
    view.regenerable === m.id,
    view.copied === m.id,
    messageTime(m.createdAt, view.now, view.locale),
    m.status === 'pending' && view.state.status,
    m.meta.failure && view.now,
  ];
}

/**
 * Replies this long take the whole width they may (see `.msg.long`) instead of shrinking to fit:
 * prose this long wraps to full lines anyway (about 45 characters a line in the default 380 px
 * panel, about 100 in an 800 px inline one), and a fixed width spares the layout of a long list
 * or document, which a shrink-to-fit bubble lays out again whenever a wider line arrives. Decided
 * from the text alone, a streaming reply widens at most once, and is as wide as when finished
 * or reloaded; short replies ("Hello!") stay snug.
 */
const LONG_REPLY_CHARS = 300;

function renderMessage(m: ChatMessage, view: MessageView): TemplateResult {
  const {strings} = view;
  const streaming = m.status === 'streaming';
  const long = m.role === 'assistant' && m.text.length >= LONG_REPLY_CHARS;
  const cut = endedEarly(m);
  const body =
    m.role === 'assistant'
      ? html`<div class="bubble md" dir="auto" ${markdown(m.text, {streaming, cut, imageHosts: view.imageHosts, codeCopyLabel: strings.copyCode, tableMoreLabel: strings.showAllRows})}></div>`
      : html`<div class="bubble" dir="auto">${systemText(m, strings)}</div>`;
  return html`
    <div
      part="message message-${m.role}${m.meta.kind === 'error' ? ' message-error' : ''}"
      class="msg ${m.role} ${m.meta.kind ?? ''}${long ? ' long' : ''}"
      data-status=${m.status}
      data-id=${m.id}
      aria-busy=${streaming ? 'true' : 'false'}
    >
      <span class="sr-only">${m.role === 'user' ? strings.you : m.role === 'assistant' ? strings.assistant : ''}</span>
      ${m.meta.emergency ? renderEmergencyFlag(strings) : nothing}
      ${m.meta.reasoning ? renderReasoning(m, view) : nothing}
      ${m.role === 'assistant' ? renderSteps(m, strings) : nothing}
      ${m.text || m.role !== 'assistant' || (streaming && !m.meta.reasoning && !m.meta.progress?.length) ? body : nothing}
      ${m.role === 'assistant' ? renderMessageExtras(m, view) : nothing}
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
  const {strings} = view;
  const actions = view.actions.trim().split(/[\s,]+/);
  const copy = actions.includes('copy');
  const regenerate = actions.includes('regenerate') && view.regenerable === m.id;
  const feedback = actions.includes('feedback') && m.meta.kind === undefined;
  if (!copy && !regenerate && !feedback) return nothing;
  const copied = view.copied === m.id;
  const rating = m.meta.feedback ?? null;
  const rate = (value: 'up' | 'down') => () => view.onFeedback(m, rating === value ? null : value);
  return html`<div part="actions" class="actions-row ${view.regenerable === m.id ? 'last' : ''}" role="group" aria-label=${strings.messageActions}>
    ${copy
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

function renderStatusLine(m: ChatMessage, view: MessageView): TemplateResult | typeof nothing {
  const {strings} = view;
  if (m.status === 'pending') {
    // A connection or request under way is taking it; otherwise it waits (offline, queued).
    const sending = view.state.status === 'connecting' || view.state.status === 'open';
    return html`<div class="meta">${sending ? strings.sending : strings.pending}</div>`;
  }
  if (m.status === 'stopped') return html`<div class="meta stopped">${strings.stopped}</div>`;
  // A failed request says why in plain words (`meta.failure`, with the extras); else the generic line below.
  const failed = m.status === 'error' ? renderRequestFailure(m, view) : undefined;
  if (failed) return failed;
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
