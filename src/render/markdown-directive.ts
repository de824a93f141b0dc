/**
 * `markdown()`: the Lit glue between a message's text and its rendered, sanitised body.
 *
 * ```ts
 * html`<div class="md" ${markdown(text, {streaming, imageHosts})}></div>`
 * ```
 *
 * An element-part directive: it owns the element's children (leave the element empty in the
 * template) and keeps one {@link MarkdownStream} per element. While `streaming`, updates are
 * coalesced: the tail is rendered at most once per animation frame (requestAnimationFrame, with a
 * 50 ms timeout in case rAF is throttled in a background tab; whichever fires first). The update
 * that ends the stream (`streaming: false`) renders synchronously, so a completed message is final
 * in the same Lit update. A finished message whose text, and image hosts, did not change costs
 * nothing when other messages re-render. Without `streaming` the same directive renders a
 * finished message in one go.
 */
import {nothing, type ElementPart} from 'lit';
import {AsyncDirective, directive, PartType, type PartInfo} from 'lit/async-directive.js';
import {MarkdownStream} from '../markdown/stream-renderer.js';

/** Options of the {@link markdown} directive. */
export interface MarkdownDirectiveOptions {
  /** The text is still growing: freeze complete blocks, tidy the tail, show the typing cursor. */
  streaming?: boolean;
  /** Hosts images may load from (see `MarkdownOptions.imageHosts`). Default none. */
  imageHosts?: readonly string[];
}

/** Coalescing delay when `requestAnimationFrame` does not fire (hidden or throttled tab). */
const FALLBACK_MS = 50;

class MarkdownDirective extends AsyncDirective {
  private _element: Element | undefined;
  private _stream: MarkdownStream | undefined;
  /** What was last handed to the stream. */
  private _renderedText: string | undefined;
  private _renderedStreaming = false;
  /** The latest text waiting for the next frame. */
  private _pendingText: string | undefined;
  private _frame = 0;
  private _timer: ReturnType<typeof setTimeout> | undefined;

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ELEMENT) {
      throw new Error('markdown() is an element directive: <div ${markdown(text)}></div>');
    }
  }

  render(_text: string, _options?: MarkdownDirectiveOptions): typeof nothing {
    return nothing;
  }

  override update(part: ElementPart, [text, options]: Parameters<this['render']>): typeof nothing {
    const element = part.element;
    if (element !== this._element || !this._stream) {
      this._cancel();
      this._element = element;
      this._stream = new MarkdownStream(element, {imageHosts: options?.imageHosts ?? []});
      this._renderedText = undefined;
    }
    const stream = this._stream;
    const before = stream.text;
    stream.setOptions({imageHosts: options?.imageHosts ?? []});
    if (stream.text !== before) this._renderedText = undefined; // hosts changed: render again

    const value = String(text ?? '');
    if (options?.streaming) {
      if (this._pendingText === undefined && value === this._renderedText && this._renderedStreaming) {
        return nothing;
      }
      this._pendingText = value;
      this._schedule();
    } else {
      this._cancel();
      this._pendingText = undefined;
      if (value !== this._renderedText || this._renderedStreaming) this._render(value, false);
    }
    return nothing;
  }

  protected override disconnected(): void {
    // Keep the pending text; reconnected() schedules it again.
    this._clearTimers();
  }

  protected override reconnected(): void {
    if (this._pendingText !== undefined) this._schedule();
  }

  private _render(text: string, streaming: boolean): void {
    this._stream?.update(text, streaming);
    this._renderedText = text;
    this._renderedStreaming = streaming;
  }

  private readonly _flush = (): void => {
    this._clearTimers();
    const text = this._pendingText;
    this._pendingText = undefined;
    if (text !== undefined) this._render(text, true);
  };

  private _schedule(): void {
    if (this._frame || this._timer !== undefined) return;
    if (typeof requestAnimationFrame === 'function') this._frame = requestAnimationFrame(this._flush);
    this._timer = setTimeout(this._flush, FALLBACK_MS);
  }

  private _clearTimers(): void {
    if (this._frame) cancelAnimationFrame(this._frame);
    if (this._timer !== undefined) clearTimeout(this._timer);
    this._frame = 0;
    this._timer = undefined;
  }

  private _cancel(): void {
    this._clearTimers();
    this._pendingText = undefined;
  }
}

/**
 * Renders untrusted markdown into the element it is bound to. See the module documentation.
 */
export const markdown = directive(MarkdownDirective);

export type {MarkdownDirective};
