/**
 * `markdown()`: the Lit glue between a message's text and its rendered, sanitised body.
 *
 * ```ts
 * html`<div class="md" ${markdown(text, {streaming, imageHosts, codeCopyLabel})}></div>`
 * ```
 *
 * An element-part directive: it owns the element's children (leave the element empty in the
 * template) and keeps one {@link MarkdownStream} per element.
 *
 * While `streaming`, renders are spaced: at least a frame apart, and at least {@link COST_SHARE}
 * times as long apart as the last render took (at most {@link MAX_SPACING_MS}), so a long or
 * complex tail costs a bounded share of the main thread however fast tokens arrive. An update that
 * finds a render due renders at once, in the Lit update (which the store already runs once per
 * animation frame), so new text is painted in the frame that brought it; otherwise the latest text
 * waits for the next frame in which a render is due (requestAnimationFrame, with a timeout in case
 * rAF is throttled in a background tab; whichever fires first).
 *
 * A stream that cannot show all of a text at once (a huge frame of plain text is laid out a step
 * per update: see {@link MarkdownStream.update}) keeps it pending and goes on in the next frame.
 *
 * A text that ended early (`cut`: a stopped or cut-off reply) renders as a finished text whose open
 * end is closed first (see `finishCutText`), so its last words show as they did while streaming,
 * without the cursor, instead of as raw markdown syntax.
 *
 * A finished text (`streaming` false, also the update that ends a stream) renders synchronously,
 * final in the same Lit update, unless more than {@link STEP_CHARS} of it are not shown yet (a
 * long message restored from storage, or a reply that arrives whole): then it renders a few blocks
 * per frame ({@link MarkdownStream.renderStep}), the first ones at once. Finished texts also share
 * a slice of each task or frame with syntax highlighting ({@link sliceOpen}): when one update
 * brings many (a restored conversation), those that do not fit render in the next frames. So no
 * task blocks the main thread for long. Code blocks are highlighted once final (see
 * `../markdown/highlight.ts`); the streaming tail stays plain. Renders outside a Lit update do
 * not update the host: a host that follows the content's size (scrolling to the newest text)
 * observes it (`<chat-widget>` uses a ResizeObserver). A finished message whose text, image hosts
 * and copy label did not change costs nothing when other messages re-render.
 *
 * The markdown stack (marked's lexer, the stream renderer and the markdown styles) is a lazy
 * chunk (`./markdown-chunk.ts`): {@link loadMarkdown} imports it, the first time a text needs it or
 * earlier (the widget preloads it when the page is idle, and when a message is sent). Until it has
 * loaded, the element shows the text as plain text (`white-space: pre-wrap`, never parsed); then
 * it renders the latest text as markdown, and adopts the markdown styles into the element's shadow
 * root. A failed import is tried again by the next update that needs it. The HTML path (raw HTML:
 * marked's HTML and DOMPurify) loads the same way, the first time a text holds raw HTML: the
 * stream shows those blocks as plain text meanwhile, and the directive renders again once it is
 * there.
 */
import {nothing, type ElementPart} from 'lit';
import {AsyncDirective, directive, PartType, type PartInfo} from 'lit/async-directive.js';
import type {MarkdownStream, MarkdownStreamOptions} from '../markdown/stream-renderer.js';
import {currentTask, sliceOpen} from '../markdown/slice.js';
import {retryable} from '../core/retryable.js';
import {whenIdle} from './idle.js';
import {addStyles} from './add-styles.js';

type MarkdownChunk = typeof import('./markdown-chunk.js');

/** The loaded chunk, once it has loaded. */
let chunk: MarkdownChunk | undefined;
/** Directives showing plain text until the chunk arrives. */
const waiting = new Set<MarkdownDirective>();

/**
 * Imports the markdown chunk (once; again after a failure). Resolves when it is loaded and the
 * directives that waited for it have rendered.
 */
export const loadMarkdown: () => Promise<MarkdownChunk> = retryable(() =>
  import('./markdown-chunk.js').then((m) => {
    chunk = m;
    for (const d of [...waiting]) d.chunkLoaded();
    waiting.clear();
    return m;
  }),
);

let preloading = false;

/**
 * Loads the markdown chunk ahead of the first reply, once the page has loaded, painted and is
 * idle, so the first token does not wait for it.
 */
export function preloadMarkdown(): void {
  if (chunk || preloading || typeof window === 'undefined') return;
  preloading = true;
  // Then it warms up, a step each time the page is idle (the first reply's render is not cold).
  whenIdle(() => void loadMarkdown().then((m) => m.warmMarkdown(whenIdle), () => {}));
}

/** True once the markdown chunk has loaded (texts render as markdown at once). */
export function markdownLoaded(): boolean {
  return chunk !== undefined;
}

/** Adds the markdown styles to the shadow root `element` is in (once per root). */
function adoptStyles(m: MarkdownChunk, element: Element): void {
  const root = element.getRootNode();
  if (root instanceof ShadowRoot) addStyles(root, m.markdownStyles);
  // A template being rendered: its fragment is in the shadow root by the end of this update.
  else if (!element.isConnected) queueMicrotask(() => element.getRootNode() instanceof ShadowRoot && adoptStyles(m, element));
}

/** Options of the {@link markdown} directive. */
export interface MarkdownDirectiveOptions {
  /** The text is still growing: freeze complete blocks, tidy the tail, show the typing cursor. */
  streaming?: boolean;
  /**
   * The text ended early (a reply stopped or cut off): rendered finished, with what was still open
   * at its end closed as while it streamed (`**bold` bold, not raw; see `finishCutText`). Ignored
   * while `streaming`.
   */
  cut?: boolean;
  /** Hosts images may load from (see `MarkdownOptions.imageHosts`). Default none. */
  imageHosts?: readonly string[];
  /** Label (and accessible name) of each code block's copy button. Default 'Copy code'. */
  codeCopyLabel?: string;
  /** Label of the button that shows all of a long table's rows. Default 'Show all rows'. */
  tableMoreLabel?: string;
}

/**
 * What the stream is given: finished code blocks are highlighted (the highlighter loads when a
 * reply shows a code block in a language it knows).
 */
function streamOptions(options: MarkdownDirectiveOptions | undefined): MarkdownStreamOptions {
  const {codeCopyLabel, tableMoreLabel} = options ?? {};
  return {imageHosts: options?.imageHosts ?? [], highlight: true, ...(codeCopyLabel ? {codeCopyLabel} : {}), ...(tableMoreLabel ? {tableMoreLabel} : {})};
}

/** Coalescing delay when `requestAnimationFrame` does not fire (hidden or throttled tab). */
const FALLBACK_MS = 50;
/**
 * Frames are running when one came this recently (ms): then the fallback timer waits for the
 * frame instead (a frame longer than FALLBACK_MS, on a loaded machine or after a long step, would
 * otherwise get a step from the timer and another from its callback: twice the layout).
 */
const FRAMES_ALIVE_MS = 250;
/** `performance.now()` of the last frame callback of any markdown directive. */
let lastFrame = -Infinity;
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
/**
 * Characters of a finished text rendered per frame when it is long. Parsing, sanitising and laying
 * out dense markdown takes about 2 ms per KB on a loaded 2-core desktop once the code is warm (64 KB
 * in one go: 110–250 ms), so a step stays well under the 50 ms of a long task on slower devices too.
 */
const STEP_CHARS = 4 * 1024;

class MarkdownDirective extends AsyncDirective {
  #element: Element | undefined;
  #stream: MarkdownStream | undefined;
  /** What was last handed to the stream in full. */
  #renderedText: string | undefined;
  #renderedStreaming = false;
  /** The latest text waiting for a frame: a streaming text, or a finished one rendering in steps. */
  #pending: {text: string; streaming: boolean} | undefined;
  #frame = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** `performance.now()` from which the next streaming render may run. */
  #dueAt = 0;
  /** The last text given with `cut`, and what it renders as (tidied once, not on every Lit update). */
  #cut: {text: string; view: string} | undefined;
  /** The stream shows blocks as plain text until the HTML path loads, which is on its way. */
  #awaitingSanitizer = false;
  /** The task of the last streaming render that could not show everything: nothing more renders in it. */
  #behindIn: object | undefined;
  /** Before the chunk has loaded: the element and arguments of the latest update, shown as plain text. */
  #plain: {part: ElementPart; args: [string, MarkdownDirectiveOptions | undefined]} | undefined;

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
    if (!chunk) {
      // The markdown stack is on its way: plain text until it arrives.
      const value = String(text ?? '');
      if (this.#plain?.part.element !== element || element.textContent !== value) {
        const p = document.createElement('p');
        p.style.whiteSpace = 'pre-wrap';
        p.textContent = value;
        element.replaceChildren(p);
      }
      this.#plain = {part, args: [value, options]};
      waiting.add(this);
      void loadMarkdown().catch(() => {});
      return nothing;
    }
    if (element !== this.#element || !this.#stream) {
      this.#cancel();
      this.#element = element;
      if (this.#plain) element.replaceChildren();
      this.#plain = undefined;
      adoptStyles(chunk, element);
      this.#stream = new chunk.MarkdownStream(element, streamOptions(options));
      this.#renderedText = undefined;
    }
    const stream = this.#stream;
    const before = stream.text;
    stream.setOptions(streamOptions(options));
    if (stream.text !== before) {
      // Hosts or label changed: the stream is empty, render again (a finished text from its start).
      this.#renderedText = undefined;
      if (this.#pending && !this.#pending.streaming) this.#pending = undefined;
    }

    let value = String(text ?? '');
    const streaming = !!options?.streaming;
    if (options?.cut && !streaming) {
      if (this.#cut?.text !== value) this.#cut = {text: value, view: chunk.finishCutText(value)};
      value = this.#cut.view;
    }
    const pending = this.#pending;
    if (pending ? pending.text === value && pending.streaming === streaming : value === this.#renderedText && this.#renderedStreaming === streaming) {
      return nothing; // shown, or on its way
    }
    // A newer streaming text takes the place of the pending one (keeping its schedule: a timer
    // restarted on every token would never fire in a background tab); anything else starts over.
    if (!(pending?.streaming && streaming)) this.#cancel();
    this.#pending = {text: value, streaming};
    // A streaming render that is due, or a finished text while this task has time for it: render
    // now, inside this Lit update, so the new text is painted in the frame that triggered it.
    // Not after a step that was behind in this same task (a frame's callbacks run in one task: the
    // store's update of the frame would make a second step, or the finishing render, of a long
    // table in it: two layouts of it in one task).
    const fresh = this.#behindIn !== currentTask();
    if (fresh && (streaming ? this.isConnected && performance.now() >= this.#dueAt : sliceOpen())) this.#flush();
    else this.#schedule();
    return nothing;
  }

  /** The chunk arrived: render the latest text as markdown (if this part is still shown). */
  chunkLoaded(): void {
    const plain = this.#plain;
    if (!plain || !this.isConnected) return;
    this.update(plain.part, plain.args as unknown as Parameters<this['render']>);
  }

  protected override disconnected(): void {
    // Keep the pending text; reconnected() schedules it again.
    this.#clearTimers();
  }

  protected override reconnected(): void {
    if (this.#plain && chunk) this.chunkLoaded();
    else if (this.#plain) {
      waiting.add(this);
      void loadMarkdown().catch(() => {});
    }
    if (this.#pending) this.#schedule();
  }

  readonly #flush = (): void => {
    this.#step(undefined);
  };

  /** Renders what is pending; a finished text only while the slice of `key` has time left. */
  #step(key: unknown): void {
    this.#clearTimers();
    const pending = this.#pending;
    const stream = this.#stream;
    if (!pending || !stream) return;
    if (!pending.streaming) {
      if (key !== undefined && !sliceOpen(key)) {
        this.#schedule();
        return;
      }
      if (!stream.renderStep(pending.text, STEP_CHARS)) {
        this.#schedule();
        return;
      }
    } else {
      // A streaming render counts into this task's slice: a finished text that comes later in the
      // same task (the reply's end, in the store's update of the same frame) renders in the next.
      sliceOpen();
      const start = performance.now();
      const shown = stream.update(pending.text, true);
      // A growing table is laid out whole after every change: that layout, done here rather than
      // later in the frame, counts into what the render took (and so into the spacing).
      if (stream.growingTable) this.#element?.getBoundingClientRect();
      const took = performance.now() - start;
      // Behind (a huge frame shown a step per frame): the next step in the next frame, not in a
      // later callback of this one (the store's Lit update with new text runs in the same frame:
      // a step that took over FRAME_MS was followed by a second in the same task).
      this.#dueAt = shown ? start + Math.min(MAX_SPACING_MS, Math.max(FRAME_MS, took * COST_SHARE)) : start + took + FRAME_MS / 2;
      if (!shown) {
        this.#behindIn = currentTask();
        this.#schedule();
        return;
      }
    }
    this.#pending = undefined;
    this.#renderedText = pending.text;
    this.#renderedStreaming = pending.streaming;
    this.#whenSanitizer();
  }

  /**
   * The stream showed blocks that need the HTML path (raw HTML) as plain text, because it had not
   * loaded: once it has, render again (whatever this part shows by then).
   */
  #whenSanitizer(): void {
    if (this.#awaitingSanitizer || !chunk || !this.#stream?.awaitingSanitizer) return;
    this.#awaitingSanitizer = true;
    chunk.loadSanitizer().then(
      () => {
        this.#awaitingSanitizer = false;
        // A task per text (timers run one per task): several long replies restored at once
        // would be one long task.
        setTimeout(() => this.#redo(), 0);
      },
      () => {
        // Not loaded: the blocks stay plain text; the next render that needs it tries again.
        this.#awaitingSanitizer = false;
      },
    );
  }

  /** Renders the text shown again, now that the HTML path has loaded (see `#whenSanitizer`). */
  #redo(): void {
    const stream = this.#stream;
    if (!stream?.awaitingSanitizer) return;
    if (!stream.redo()) {
      // A long text shows the rest in the next frames, as it did before.
      this.#pending ??= {text: stream.text, streaming: this.#renderedStreaming};
      this.#schedule();
    }
  }

  /**
   * A frame callback: a streaming render once due, else the next frame; a finished text in the
   * frame's slice (all callbacks of one frame get the same `time`, so they share it).
   */
  readonly #onFrame = (time: number): void => {
    lastFrame = performance.now();
    this.#frame = 0;
    if (!this.#pending?.streaming) this.#step(time);
    else if (performance.now() >= this.#dueAt) this.#flush();
    else this.#frame = requestAnimationFrame(this.#onFrame);
  };

  /** The fallback timer: a task of its own, so a slice of its own. */
  readonly #onTimer = (): void => {
    this.#timer = undefined;
    if (this.#frame && performance.now() - lastFrame < FRAMES_ALIVE_MS) this.#timer = setTimeout(this.#onTimer, FALLBACK_MS);
    else this.#step({});
  };

  #schedule(): void {
    if (this.#frame || this.#timer !== undefined) return;
    if (typeof requestAnimationFrame === 'function') this.#frame = requestAnimationFrame(this.#onFrame);
    const wait = this.#pending?.streaming ? Math.max(0, this.#dueAt - performance.now()) : 0;
    this.#timer = setTimeout(this.#onTimer, wait + FALLBACK_MS);
  }

  #clearTimers(): void {
    if (this.#frame) cancelAnimationFrame(this.#frame);
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#frame = 0;
    this.#timer = undefined;
  }

  #cancel(): void {
    this.#clearTimers();
    this.#pending = undefined;
  }
}

/**
 * Renders untrusted markdown into the element it is bound to. See the module documentation.
 */
export const markdown = directive(MarkdownDirective);

export type {MarkdownDirective};
