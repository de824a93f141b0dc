import {html, nothing, type TemplateResult} from 'lit';
import {live} from 'lit/directives/live.js';
import type {ChatStrings} from '../i18n/strings.js';
import {JOB_PLATFORMS} from '../types.js';
import {sparkIcon} from './icons.js';

export interface ComposerView {
  strings: ChatStrings;
  placeholder: string;
  disabled: boolean;
  /** `job`: show platform and topic fields. */
  jobForm: {platform: string; topic: string} | null;
  canOptimize: boolean;
  optimizing: boolean;
  onSubmit(text: string, form: {platform?: string; topic?: string}): void;
  onOptimize(text: string): void;
}

/** Textarea + send: Enter sends, Shift+Enter is a new line, IME composition is respected. */
export function renderComposer(v: ComposerView): TemplateResult {
  const {strings} = v;
  const submit = (e: Event) => {
    e.preventDefault();
    const form = (e.target as HTMLElement).closest('form')!;
    const input = form.querySelector<HTMLTextAreaElement>('textarea')!;
    const data = new FormData(form);
    const text = input.value;
    if (!text.trim() || v.disabled) return;
    v.onSubmit(text, {platform: (data.get('platform') as string) ?? undefined, topic: (data.get('topic') as string) ?? undefined});
    input.value = '';
  };
  const keydown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) submit(e);
  };
  return html`<form part="composer" class="composer" @submit=${submit}>
    ${v.jobForm
      ? html`<div class="job-fields">
          <label>${strings.jobPlatform}
            <select name="platform" .value=${live(v.jobForm.platform)}>
              ${JOB_PLATFORMS.map((p) => html`<option ?selected=${p === v.jobForm!.platform}>${p}</option>`)}
            </select>
          </label>
          <label>${strings.jobTopic}
            <input name="topic" .value=${live(v.jobForm.topic)} autocomplete="off" />
          </label>
        </div>`
      : nothing}
    <div class="row">
      <textarea
        part="input"
        name="text"
        rows="1"
        dir="auto"
        aria-label=${v.jobForm ? strings.jobQuestion : strings.inputLabel}
        placeholder=${v.placeholder}
        ?disabled=${v.disabled}
        @keydown=${keydown}
      ></textarea>
      ${v.canOptimize
        ? html`<button
            type="button"
            class="icon-btn"
            title=${strings.optimize}
            aria-label=${v.optimizing ? strings.optimizing : strings.optimize}
            ?disabled=${v.disabled || v.optimizing}
            @click=${(e: Event) => {
              const input = (e.target as HTMLElement).closest('form')!.querySelector('textarea')!;
              if (input.value.trim()) v.onOptimize(input.value);
            }}
          >${sparkIcon}</button>`
        : nothing}
      <button part="send" type="submit" class="send" ?disabled=${v.disabled}>${v.jobForm ? strings.jobSubmit : strings.send}</button>
    </div>
  </form>`;
}
