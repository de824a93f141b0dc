import {html, nothing, type TemplateResult} from 'lit';
import type {ChatState} from '../core/state.js';
import type {ChatStrings} from '../i18n/strings.js';
import {renderEmergency, renderIdleWarning, renderTemplatePrompt} from './extras-loader.js';

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

/** Banners above the composer: emergency, idle warning, stalled reply, session end, template prompt, notice. */
export function renderBanners(state: ChatState, strings: ChatStrings, h: PanelHandlers): TemplateResult {
  const notice = state.notice;
  return html`
    ${renderEmergency(state, strings, h)}
    ${renderIdleWarning(state, strings, h)}
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
    ${renderTemplatePrompt(state, strings, h)}
    ${notice
      ? html`<div part="notice" class="banner notice ${notice.kind}" role=${notice.kind === 'config' ? 'alert' : 'status'} data-kind=${notice.kind}>
          <span dir="auto">${notice.message}</span>
          ${notice.kind === 'config' ? nothing : html`<button type="button" class="link" @click=${h.onDismissNotice}>${strings.dismiss}</button>`}
        </div>`
      : nothing}
  `;
}
