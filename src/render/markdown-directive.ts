/**
 * `markdown()`: the Lit glue between a message's text and its rendered, sanitised body.
 *
 * ```ts
 * html`<div class="md" ${markdown(text, {streaming, imageHosts})}></div>`
 * ```
 *
 * An element-part directive: it owns the element's children (leave the element empty in the
 * template) and keeps one {@link MarkdownStream} per element. While `streaming`, renders are
 * spaced: at least a frame apart, and at least {@link COST_SHARE} times as long apart as the last
 * render took (at most {@link MAX_SPACING_MS}), so a long or complex tail costs a bounded share of
 * the main thread however fast tokens arrive. An update that finds a render due renders at once, in
 * the Lit update (which the store already runs once per animation frame), so new text is painted
 * in the frame that brought it; otherwise the latest text waits for the next frame in which a render
 * is due (requestAnimationFrame, with a timeout in case rAF is throttled in a background tab;
 * whichever fires first). The update that ends the stream (`streaming: false`) renders
 * synchronously, so a completed message is final in the same Lit update. A finished message whose text, and image hosts, did not change costs
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
/** Streaming renders start at least this far apart: at most one per 60 Hz frame (a little under 16.7 ms, so timing jitter does not skip a frame). */
const FRAME_MS = 12;
/**
 * ... and at least this many times the duration of the last render apart: rendering the tail then
 * takes at most about 1/16 of the main thread (with its layout and paint, which scale with it). A
 * fast machine still renders every frame; a slow one, or a long tail, renders every few frames.
 */
const COST_SHARE = 16;
/** ... but never further apart than this, so the text never seems to stall. */
const MAX_SPACING_MS = 200;

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
  /** `performance.now()` from which the next streaming render may run. */
  private _dueAt = 0;

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
      // Due: render now, inside this Lit update, so the new text is laid out and painted in the
      // frame that triggered it rather than one frame later.
      if (this.isConnected && performance.now() >= this._dueAt) this._flush();
      else this._schedule();
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
    if (text === undefined) return;
    const start = performance.now();
    this._render(text, true);
    const end = performance.now();
    this._dueAt = start + Math.min(MAX_SPACING_MS, Math.max(FRAME_MS, (end - start) * COST_SHARE));
  };

  /** A frame callback: renders once due, else waits for the next frame. */
  private readonly _onFrame = (): void => {
    this._frame = 0;
    if (performance.now() >= this._dueAt) this._flush();
    else this._frame = requestAnimationFrame(this._onFrame);
  };

  private _schedule(): void {
    if (this._frame || this._timer !== undefined) return;
    if (typeof requestAnimationFrame === 'function') this._frame = requestAnimationFrame(this._onFrame);
    this._timer = setTimeout(this._flush, Math.max(0, this._dueAt - performance.now()) + FALLBACK_MS);
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
