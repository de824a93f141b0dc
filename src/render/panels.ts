import {html, nothing, type TemplateResult} from 'lit';
import type {ChatState} from '../core/state.js';
import type {ChatStrings} from '../i18n/strings.js';

export interface PanelHandlers {
  onSuggestion(text: string): void;
  onStay(): void;
  onStartAgain(): void;
  onTemplate(create: boolean): void;
  onDismissNotice(): void;
  /** The stalled notice's Retry. */
  onRetryStalled(): void;
  onDismissEmergency(): void;
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
function renderEmergency(state: ChatState, strings: ChatStrings, h: PanelHandlers): TemplateResult {
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

/** Banners above the composer: emergency, idle warning, stalled reply, session end, template prompt, notice. */
export function renderBanners(state: ChatState, strings: ChatStrings, h: PanelHandlers): TemplateResult {
  const notice = state.notice;
  return html`
    ${state.emergency !== null ? renderEmergency(state, strings, h) : nothing}
    ${state.idleWarning
      ? html`<div part="idle-warning" class="banner warn" role="alert">
          <span dir="auto">${state.idleWarning.message}</span>
          <button type="button" part="idle-warning-action" class="btn" @click=${h.onStay}>${strings.idleStay}</button>
        </div>`
      : nothing}
    ${state.stalled && !state.sessionEnded
      ? html`<div part="notice stalled" class="banner warn stalled" role="status">
          <span>${strings.stalled}</span>
          <button type="button" class="btn" @click=${h.onRetryStalled}>${strings.retry}</button>
        </div>`
      : nothing}
    ${state.sessionEnded
      ? html`<div part="notice session-end" class="banner ended" role="status">
          <span dir="auto">${state.sessionEnded.message || strings.sessionEnded}</span>
          <button type="button" class="btn" @click=${h.onStartAgain}>${strings.startAgain}</button>
        </div>`
      : nothing}
    ${state.templatePrompt
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
      : nothing}
    ${notice
      ? html`<div part="notice" class="banner notice ${notice.kind}" role=${notice.kind === 'config' ? 'alert' : 'status'} data-kind=${notice.kind}>
          <span dir="auto">${notice.message}</span>
          ${notice.kind === 'config' ? nothing : html`<button type="button" class="link" @click=${h.onDismissNotice}>${strings.dismiss}</button>`}
        </div>`
      : nothing}
  `;
}
