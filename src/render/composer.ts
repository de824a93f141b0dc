import {html, nothing, type TemplateResult} from 'lit';
import type {ChatStrings} from '../i18n/strings.js';
import type {AdapterFeatures} from '../protocols/protocol-adapter.js';
import {renderFormFields, renderOptimize} from './extras-loader.js';
import {stopIcon} from './icons.js';

export interface ComposerView {
  strings: ChatStrings;
  placeholder: string;
  disabled: boolean;
  /** The server asked to be left alone for a while (a 429's `Retry-After`): typing goes on, sending waits. */
  holdSend: boolean;
  /** The adapter's form (extra fields above the input), if it has one. */
  form: NonNullable<AdapterFeatures['form']> | null;
  /** Current values of the form's fields. */
  formValues: Readonly<Record<string, string>>;
  canOptimize: boolean;
  optimizing: boolean;
  /** A reply is streaming or awaited: the Stop button is shown. */
  replying: boolean;
  onSubmit(text: string, values: Record<string, string>): void;
  onOptimize(text: string): void;
  onStop(): void;
}

/** A strings-table entry by key, else the key itself. */
export function label(strings: ChatStrings, key: string): string {
  const value = (strings as unknown as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : key;
}

/**
 * Textarea + send: Enter sends, Shift+Enter is a new line, IME composition is respected.
 * While a reply is under way Stop takes Send's place, and Escape stops the reply.
 */
export function renderComposer(v: ComposerView): TemplateResult {
  const {strings, form} = v;
  const submit = (e: Event) => {
    e.preventDefault();
    const formEl = (e.target as HTMLElement).closest('form')!;
    const input = formEl.querySelector<HTMLTextAreaElement>('textarea')!;
    const data = new FormData(formEl);
    const text = input.value;
    if (!text.trim() || v.disabled || v.holdSend) return;
    const values: Record<string, string> = {};
    // Only the fields shown: a form whose fields have not been drawn yet (the bundle's extras chunk
    // on its way) leaves the element's values as they are.
    for (const field of form?.fields ?? []) if (data.has(field.name)) values[field.name] = String(data.get(field.name));
    v.onSubmit(text, values);
    input.value = '';
  };
  const keydown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) submit(e);
  };
  /** Escape anywhere in the composer stops a reply; the launcher's Escape (close the panel) waits for the next press. */
  const escape = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !v.replying) return;
    e.stopPropagation();
    // Nor does the modal launcher panel close (the browser's close request of a dialog).
    e.preventDefault();
    stop(e);
  };
  /** Stops the reply and keeps the keyboard in the composer (the Stop button goes away). */
  const stop = (e: Event) => {
    (e.target as HTMLElement).closest('form')!.querySelector('textarea')!.focus();
    v.onStop();
  };
  return html`<form part="composer" class="composer" @submit=${submit} @keydown=${escape}>
    ${form ? renderFormFields(form.fields, v.formValues, strings) : nothing}
    <div class="row">
      <textarea
        part="input"
        name="text"
        rows="1"
        dir="auto"
        aria-label=${form ? label(strings, form.inputLabel) : strings.inputLabel}
        placeholder=${v.placeholder}
        ?disabled=${v.disabled}
        @keydown=${keydown}
      ></textarea>
      ${v.canOptimize ? renderOptimize(strings, v.disabled, v.optimizing, v.onOptimize) : nothing}
      ${v.replying
        ? // In Send's place while a reply is under way (Enter still queues the next message).
          html`<button part="stop" type="button" class="send stop" aria-label=${strings.stop} @click=${stop}>${stopIcon}${strings.stop}</button>`
        : html`<button part="send" type="submit" class="send" ?disabled=${v.disabled || v.holdSend}>${form ? label(strings, form.submitLabel) : strings.send}</button>`}
    </div>
  </form>`;
}
