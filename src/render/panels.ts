import {html, nothing, type TemplateResult} from 'lit';
import type {ChatState} from '../core/state.js';
import type {ChatStrings} from '../i18n/strings.js';
import {renderEmergency, renderIdleWarning, renderSessionEnd, renderTemplatePrompt} from './extras-loader.js';

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
    ${renderSessionEnd(state, strings, h)}
    ${renderTemplatePrompt(state, strings, h)}
    ${notice
      ? html`<div part="notice" class="banner notice ${notice.kind}" role=${notice.kind === 'config' ? 'alert' : 'status'} data-kind=${notice.kind}>
          <span dir="auto">${notice.message}</span>
          ${notice.kind === 'config' ? nothing : html`<button type="button" class="link" @click=${h.onDismissNotice}>${strings.dismiss}</button>`}
        </div>`
      : nothing}
  `;
}
