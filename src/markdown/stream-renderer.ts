/**
 * Incremental rendering of a streaming markdown reply.
 *
 * The text is cut into top-level blocks at boundaries that marked itself reports: the tail (the
 * part not yet frozen) is lexed with the private marked instance, and a top-level token that
 * follows a blank line (a `space` token) and whose first line is complete starts a new block. All
 * tokens before the last such boundary are rendered once (marked → DOMPurify, the same path as
 * {@link renderMarkdown}), appended, and never touched again; only the tail after it is re-rendered
 * on the next update.
 *
 * Why frozen blocks + tail equal one whole render:
 * - marked's block lexer only looks back at the previous token to merge a paragraph, indented code
 *   or a link definition into a preceding paragraph; after a `space` token none of that applies, so
 *   lexing from the boundary gives the same tokens as lexing the whole text;
 * - whether a token ends before a blank line depends only on the line after the blank (a list
 *   continues when it is indented or another bullet, an open fence or HTML block swallows it, …),
 *   which is why the first line of the next token must be complete before we freeze;
 * - marked's parser renders top-level tokens one after another, so the HTML of the whole is the
 *   concatenation of the HTML of the blocks, and without raw HTML marked's output is balanced, so
 *   sanitising blocks separately gives the same nodes as sanitising the whole.
 * The exceptions are global: link reference definitions (resolved across the whole text) and raw
 * HTML (may leave elements open). When a frozen block holds either, or the plain-text fallback was
 * involved, the final update (`streaming === false`) re-renders the whole text once.
 *
 * Plain-text mode: when the text passes {@link MARKDOWN_LIMITS}, the analysis finds a hostile shape
 * or marked throws, the whole text is shown as escaped paragraphs, exactly as `renderMarkdown`
 * would show it; from then on text is only appended (the line being written grows in place).
 *
 * Cost per update: one analysis, one lex and one render of the tail; frozen blocks are never
 * re-parsed, re-sanitised or re-scanned. No layout is read. A tail that is one long block (a code
 * block of thousands of lines, a long table, a paragraph of Chinese or an unbroken string) would
 * make that quadratic: from {@link GROW_MIN} characters such a block grows in place instead,
 * costing what was added (see `#growFrom`); a tail longer than {@link WINDOW} (a big frame, or a
 * fast stream ahead of the frames) is rendered a window at a time. Plain text is shown at most {@link PLAIN_STEP}
 * characters per update, so one huge frame never makes one long task. Two whole-text operations remain, both
 * native and linear: the `startsWith` check that the text only grew, and, once, on the finishing
 * update, the analysis that decides markdown vs plain text the same way `renderMarkdown` does.
 *
 * Code blocks (with the `highlight` option): a code block is highlighted once it is final, that is
 * once frozen, or when the text is finished (`./highlight.ts`, in later frames); the tail's code
 * stays plain while it streams, and the first code block in a known language starts loading the
 * highlighter so that it is ready when the block is done (the finishing update looks for code
 * blocks once, with one native query over the container). Tables and code blocks carry their
 * wrappers (`table-wrap`, `code-block`) in the tail too, so finishing does not move them.
 *
 * Security: every render is a complete sanitised parse of one string ({@link renderMarkdown} or
 * {@link renderTokens} of tokens of one string); HTML is never concatenated across renders, so a
 * hostile stream split at any byte can only ever show the text of the pieces.
 */
import type {Token, Tokens} from 'marked';
import {
  analyzeMarkdown,
  appendRows,
  bodyRowCount,
  extendText,
  foldRows,
  lexMarkdown,
  MARKDOWN_LIMITS,
  normalizeNewlines,
  parsable,
  PlainWriter,
  placeholdersShown,
  RUN_CHARS,
  renderMarkdown,
  renderPlainText,
  renderTokens,
  shouldParse,
  tokensHaveRawHtml,
  type MarkdownOptions,
} from './markdown.js';
import {grammarFor, highlightCode, highlighterRequested, preloadHighlighter} from './highlight.js';

/** Options of a {@link MarkdownStream}. */
export interface MarkdownStreamOptions extends MarkdownOptions {
  /**
   * Highlight code blocks once they are final (frozen while streaming, or all of them when the
   * text is finished); the streaming tail stays plain. The highlighter is loaded as soon as a
   * code block in a language it knows appears. Default false.
   */
  highlight?: boolean;
}

/**
 * Renders a growing markdown text into `container`, which it owns (it replaces the container's
 * children). Call {@link update} with the whole text so far on every change.
 */
export class MarkdownStream {
  /** The element the rendered text lives in. */
  readonly container: Element;

  #options: MarkdownStreamOptions;
  /** The text given to the last update, as given (used for the prefix check). */
  #raw = '';
  /** `#raw` with `\r\n`/`\r` normalised to `\n`; every offset below is into this string. */
  #src = '';
  /** Where the unfrozen tail starts in `#src`. */
  #tailStart = 0;
  /** Sum of the analysis cost of the frozen blocks (the limits apply to the whole text). */
  #frozenCost = 0;
  /** The nodes currently rendered for the tail (always the last children of the container). */
  #tailNodes: ChildNode[] = [];
  /** The tidied text `#tailNodes` show while streaming; null when they show something else. */
  #tailView: string | null = null;
  #cursor: HTMLElement | null = null;
  /** A frozen or final block had raw HTML or link definitions, or a render failed. */
  #dirty = false;
  /** Plain-text mode: the text is over the limits or hostile. */
  #plain = false;
  /** Plain mode: where the line being shown starts (the lines before it are in the DOM). */
  #lineStart = 0;
  /** Plain mode: how much of that line is in the DOM (0 while it is only blanks so far). */
  #lineShown = 0;
  /** Plain mode: the line being shown has nodes in the DOM. */
  #lineNodes = false;
  /** Plain mode: writes the lines into the container. */
  #writer: PlainWriter | null = null;
  /** Plain mode: characters the next streaming step shows at most. */
  #plainStep = PLAIN_STEP;
  /** Analysis cost of the tail (its last render, plus what growing added since). */
  #tailCost = 0;
  /** While streaming a long open block: how its nodes grow without rendering it again. */
  #grow: Grow | null = null;
  #tailRenders = 0;
  /** The last update had `streaming === false` and the render is final. */
  #done = false;
  /** Some block is shown as plain text until the HTML path loads (see {@link awaitingSanitizer}). */
  #awaitingSanitizer = false;

  constructor(container: Element, options: MarkdownStreamOptions = {}) {
    this.container = container;
    this.#options = copyOptions(options);
  }

  /** The text rendered so far (as last given to {@link update}). */
  get text(): string {
    return this.#raw;
  }

  /** Length of the frozen part of the text (diagnostics and tests). */
  get frozenLength(): number {
    return this.#tailStart;
  }

  /**
   * How many times the open tail was rendered (diagnostics and tests): a long block that grows in
   * place is not rendered again on every update.
   */
  get tailRenders(): number {
    return this.#tailRenders;
  }

  /**
   * Some of the text needs the HTML path (raw HTML, or a character reference), which had not
   * loaded when it was rendered: those blocks show their source as plain text. Once
   * `loadSanitizer()` resolves, call {@link redo}.
   */
  get awaitingSanitizer(): boolean {
    return this.#awaitingSanitizer;
  }

  /**
   * Renders the text shown again from its start, as the last update did (streaming or finished):
   * after the HTML path has loaded, the blocks shown as plain text meanwhile get their markdown.
   * Returns false when not all of it is shown yet (call {@link update} again in a later frame).
   */
  redo(): boolean {
    const text = this.#raw;
    const done = this.#done;
    const cursor = !!this.#cursor?.isConnected;
    this.reset();
    return done ? this.#run(text, false, false) : this.#run(text, true, cursor);
  }

  /**
   * The open tail is a table growing in place. The browser lays a table out whole after any change
   * to it (column widths depend on every row), so each update of a long one costs layout in
   * proportion to its length, not to what was added.
   */
  get growingTable(): boolean {
    return this.#grow?.kind === 'table';
  }

  /** The container's nodes that belong to frozen blocks (diagnostics and tests). */
  get frozenNodes(): ChildNode[] {
    const tail = new Set<Node>(this.#tailNodes);
    return Array.from(this.container.childNodes).filter((n) => !tail.has(n) && n !== this.#cursor);
  }

  /** Changes the options; any change clears the render (the next update redoes it). */
  setOptions(options: MarkdownStreamOptions): void {
    const next = copyOptions(options);
    const hosts = next.imageHosts!;
    const before = this.#options.imageHosts ?? [];
    if (
      hosts.length === before.length &&
      hosts.every((h, i) => h === before[i]) &&
      next.codeCopyLabel === this.#options.codeCopyLabel &&
      next.tableMoreLabel === this.#options.tableMoreLabel &&
      next.highlight === this.#options.highlight
    ) {
      return;
    }
    this.#options = next;
    this.reset();
  }

  /** Forgets everything and empties the container. */
  reset(): void {
    this.container.replaceChildren();
    this.#raw = '';
    this.#src = '';
    this.#tailStart = 0;
    this.#frozenCost = 0;
    this.#tailNodes = [];
    this.#tailView = null;
    this.#cursor = null;
    this.#dirty = false;
    this.#plain = false;
    this.#lineStart = 0;
    this.#lineShown = 0;
    this.#lineNodes = false;
    this.#writer = null;
    this.#plainStep = PLAIN_STEP;
    this.#tailCost = 0;
    this.#grow = null;
    this.#done = false;
    this.#awaitingSanitizer = false;
  }

  /**
   * Renders `text`, the whole text so far. While `streaming`, complete blocks are frozen and the
   * open tail is shown tidied (no dangling markdown syntax) with a typing cursor. With
   * `streaming === false` the result equals `renderMarkdown(text)`. Never throws.
   *
   * Returns false when the text is not all shown yet: one streaming update lays out at most
   * {@link PLAIN_STEP} characters of plain text (a megabyte in one frame would block the page
   * for a second); call again, with the same or a longer text, in a later frame. A finishing
   * update shows everything (use {@link renderStep} to finish a long text a part at a time).
   */
  update(text: string, streaming: boolean): boolean {
    const next = String(text ?? '');
    if (this.#done && !streaming && next === this.#raw) return true; // finished: nothing to do
    return this.#run(next, streaming, streaming);
  }

  /**
   * Renders a finished `text` a part at a time, so that a long text (restored from storage, or a
   * reply that arrives whole) never blocks the main thread in one long task: parsing, sanitising
   * and laying out 64 KB of markdown takes well over 50 ms. Each call renders the text up to the
   * first blank line at least `chars` characters past what is already shown, as while streaming
   * (complete blocks are frozen) but without a cursor, and returns false. The call that finds no
   * such blank line renders the whole text, equal to `update(text, false)`, and returns true. A
   * text without blank lines is one block and renders in one go.
   */
  renderStep(text: string, chars: number): boolean {
    const next = String(text ?? '');
    if (this.#plain || next.length > MARKDOWN_LIMITS.maxChars) {
      // Plain text (over the limits): shown a step at a time, as while streaming, then finished.
      if (!(this.#done && next === this.#raw) && !this.#run(next, true, false)) return false;
      return this.update(next, false);
    }
    // A block growing in place catches up a step at a time, as while streaming; a step that
    // caught up leaves the finishing render to the next call (a long table is laid out whole after
    // each change: the two in one task would make one long task).
    if (this.#grow && !this.#done && next.startsWith(this.#raw)) {
      const before = this.#progress();
      if (!this.#run(next, true, false) || this.#progress() !== before) return false;
    }
    const from = !this.#done && next.startsWith(this.#raw) ? this.#raw.length : 0;
    const blank = this.#done && next === this.#raw ? -1 : next.indexOf('\n\n', from + chars);
    if (blank === -1) return this.update(next, false);
    this.#run(next.slice(0, blank + 2), true, false);
    return false;
  }

  /** Where rendering stands (changes whenever an update changed what is shown, besides the cursor). */
  #progress(): string {
    return `${this.#tailStart}:${this.#grow?.end ?? -1}:${this.#tailRenders}:${this.#plain}`;
  }

  #run(next: string, streaming: boolean, cursor: boolean): boolean {
    const placeholders = placeholdersShown();
    try {
      return this.#update(next, streaming, cursor);
    } catch {
      // Last resort (a DOM exception we did not foresee): show the whole text, escaped.
      this.container.replaceChildren(renderPlainText(next));
      this.#tailNodes = Array.from(this.container.childNodes);
      this.#tailView = null;
      this.#tailStart = 0;
      this.#cursor = null;
      this.#grow = null;
      this.#done = !streaming;
      return true;
    } finally {
      if (placeholdersShown() !== placeholders) this.#awaitingSanitizer = true;
    }
  }

  #update(text: string, streaming: boolean, cursor: boolean): boolean {
    if (this.#done || !text.startsWith(this.#raw)) this.reset();
    this.#append(text);
    if (!cursor) this.#removeCursor();
    if (!this.#plain && this.#src.length > MARKDOWN_LIMITS.maxChars) this.#enterPlain();
    const shown = this.#plain ? this.#renderPlain(streaming) : this.#renderMarkdown(streaming);
    if (cursor && shown) this.#placeCursor();
    if (!streaming && shown) this.#finish();
    return shown;
  }

  #append(text: string): void {
    let added = text.slice(this.#raw.length);
    if (this.#raw.endsWith('\r') && added.startsWith('\n')) added = added.slice(1);
    // Without a carriage return so far the normalised text is the text itself: share the string.
    // A copy (`#src + added`) would be a second long string to flatten on every update, besides the
    // text's own (a reply is a rope of its tokens; the prefix check flattens it): for a long reply,
    // megabytes of garbage per second that the garbage collector then stops the page for.
    if (this.#src === this.#raw && !added.includes('\r')) this.#src = text;
    else this.#src += normalizeNewlines(added);
    this.#raw = text;
  }

  // -------------------------------------------------------------------------------------------
  // Markdown mode
  // -------------------------------------------------------------------------------------------

  /**
   * Returns false when not all of the text is shown yet (a window of a long tail, a step of a
   * growing table, or a step of plain text): the next update goes on.
   */
  #renderMarkdown(streaming: boolean, noWindow = false): boolean {
    if (this.#grow) {
      // Growing in place; a finishing update completes the block as it stands when it can.
      const grown = this.#growTail(this.#grow, !streaming);
      if (grown === 'behind') return false;
      if (grown === 'shown') {
        if (streaming) return true;
        this.#freezeTail(this.#src.length);
      }
    }
    this.#grow = null;
    const whole = this.#src.slice(this.#tailStart);
    if (!streaming && whole === '') return true;
    // While streaming, a long tail (a big frame, or a fast stream ahead of the frames) is taken a
    // window at a time, cut at a line break, as if the text ended there: what that freezes, or a
    // block that then grows in place, is progress, and the rest follows in the next frames.
    let tail = whole;
    if (streaming && !noWindow && whole.length > WINDOW) {
      const cut = whole.lastIndexOf('\n', WINDOW - 1) + 1;
      if (cut > 0 && windowProgresses(whole.slice(0, cut))) tail = whole.slice(0, cut);
    }
    const windowed = tail.length < whole.length;
    // Finishing a text whose tail is shown as it is (nothing tidied away, no raw HTML, nothing that
    // needs the whole): the tail's nodes are already its final render.
    if (!streaming && !this.#dirty && this.#tailView !== null && this.#tailView === tail && !tail.includes('<')) return true;
    // The limits apply to the whole text (a window of it is only what this update renders).
    const wholeAnalysis = analyzeMarkdown(whole);
    const analysis = windowed ? analyzeMarkdown(tail) : wholeAnalysis;
    if (
      wholeAnalysis.hostile ||
      this.#frozenCost + wholeAnalysis.cost > MARKDOWN_LIMITS.maxCost ||
      !shouldParse(whole, wholeAnalysis)
    ) {
      this.#enterPlain();
      return this.#renderPlain(streaming);
    }
    let tokens: Token[];
    try {
      const list = lexMarkdown(tail);
      if (Object.keys(list.links).length > 0) this.#dirty = true;
      tokens = list;
    } catch {
      this.#dirty = true;
      this.#enterPlain();
      return this.#renderPlain(streaming);
    }

    let frozen: DocumentFragment | null = null;
    let cut = 0;
    let index = 0;
    if (streaming) {
      ({index, offset: cut} = findFreezePoint(tail, tokens));
      if (index > 0) {
        const done = tokens.slice(0, index);
        try {
          frozen = renderTokens(done, this.#options);
        } catch {
          this.#dirty = true;
          this.#enterPlain();
          return this.#renderPlain(streaming);
        }
        if (tokensHaveRawHtml(done)) this.#dirty = true;
      }
    }

    const rest = tail.slice(cut);
    const restTokens = tokens.slice(index);
    let open: DocumentFragment;
    let view: string | null = null;
    if (streaming) {
      view = streamingView(rest, restTokens);
      // The same view of the same tail renders the same nodes: keep them (the new text is still
      // hidden by the tidying, e.g. a half-written link or a trailing delimiter).
      if (!frozen && view === this.#tailView && !windowed) return true;
      // Unchanged by the tidying: render the tokens we already have instead of lexing again.
      open = view === rest ? renderTokensOrText(restTokens, rest, this.#options) : renderMarkdown(view, this.#options);
    } else {
      try {
        open = renderTokens(restTokens, this.#options);
        if (tokensHaveRawHtml(restTokens)) this.#dirty = true;
      } catch {
        open = renderPlainText(rest);
        this.#dirty = true;
      }
    }

    const frozenCost = frozen ? analyzeMarkdown(tail.slice(0, cut)).cost : 0;
    this.#frozenCost += frozenCost;
    this.#tailStart += cut;
    this.#tailCost = analysis.cost - frozenCost;
    this.#commit(frozen, open);
    this.#tailView = view;
    this.#tailRenders++;
    if (view !== null) this.#grow = this.#growFrom(rest, restTokens, view, this.#tailStart + rest.length);
    // A window that neither froze a block nor started one growing: render the whole tail instead.
    if (windowed && !frozen && !this.#grow) return this.#renderMarkdown(streaming, true);
    return !windowed;
  }

  // -------------------------------------------------------------------------------------------
  // A long open block, streaming: grown in place
  // -------------------------------------------------------------------------------------------

  /**
   * After a render of the tail while streaming: whether the next updates can grow its nodes
   * instead of rendering it again. Rendering the tail costs time in proportion to its length, so
   * a block that keeps growing (a code block of thousands of lines, a long table, a paragraph of
   * Chinese, one unbroken string) would make streaming quadratic. A tail of at least
   * {@link GROW_MIN} characters ({@link LIST_GROW_MIN} for a list) that is one block of a kind
   * whose growth is known grows in place:
   * - a fenced code block still open: its new lines are appended to the code's text (what a
   *   render shows, exactly, in runs of lines laid out as blocks, joined when it is done); a line
   *   that could close the fence ends the growing;
   * - a table: each new complete row is rendered on its own (header and delimiter rows, then the
   *   new rows: the same sanitizer path) and its `<tr>` appended; the row being written waits
   *   until it is complete; a line that is not a row ends the growing;
   * - a paragraph shown as it is written (the tidying changed nothing): new text without
   *   markdown syntax or a line break is appended as text, in runs ({@link extendText});
   *   anything else ends the growing.
   * When growing ends, the update renders the tail as usual (and may start growing again). The
   * finishing update always renders the tail, so the final nodes are the one-shot render's.
   */
  #growFrom(rest: string, tokens: Token[], view: string, to: number): Grow | null {
    const blocks = tokens.filter((t) => t.type !== 'space');
    const elements = this.#tailNodes.filter((n): n is Element => n instanceof Element);
    if (blocks.length !== 1 || elements.length !== 1) return null;
    const token = blocks[0]!;
    if (rest.length < (token.type === 'list' ? LIST_GROW_MIN : GROW_MIN)) return null;
    const el = elements[0]!;
    // `to`: where the text rendered ends (a window of it ends at a line break).
    const src = to === this.#src.length ? this.#src : this.#src.slice(0, to);
    const start = this.#tailStart + rest.indexOf(token.raw);
    if (start < this.#tailStart || !src.startsWith(token.raw, start) || start + token.raw.length !== src.length) return null;
    const lineEnd = src.lastIndexOf('\n') + 1;
    if (token.type === 'code') {
      const open = /^(`{3,}|~{3,})[^`\n]*\n/.exec(token.raw);
      const code = el.matches('.code-block') ? el.querySelector(':scope > pre > code') : null;
      if (!open || !code || openFence(token.raw) === null) return null;
      // Shown: the complete lines, then the partial one (the render shows it, with a newline).
      const contentStart = start + open[0].length;
      const partial = src.slice(Math.max(lineEnd, contentStart));
      if (code.textContent !== src.slice(contentStart, Math.max(lineEnd, contentStart)) + (partial ? `${partial}\n` : '')) return null;
      const doc = code.ownerDocument;
      const fence = open[1]!;
      const close = new RegExp(`^ {0,3}\\${fence[0]}{${fence.length},}[ \\t]*$`);
      const grow: Grow = {kind: 'code', end: Math.max(lineEnd, contentStart), close, lines: doc.createTextNode(''), partial: doc.createTextNode('')};
      grow.lines.data = src.slice(contentStart, grow.end);
      grow.partial.data = partial ? `${partial}\n` : '';
      code.replaceChildren(grow.lines, grow.partial);
      return grow;
    }
    if (token.type === 'table') {
      const table = el.matches('.table-wrap') ? el.querySelector<HTMLTableElement>(':scope > table') : null;
      const head = /^\|[^\n]*\n[ \t]*\|[ \t:|-]*\n/.exec(token.raw)?.[0];
      if (!table || !head) return null;
      // The rows of complete lines stay; the row being written (if shown) goes until complete.
      const end = Math.max(lineEnd, start + head.length);
      const rows = end - start - head.length === 0 ? 0 : src.slice(start + head.length, end).split('\n').length - 1;
      // Body rows, in groups (see ROW_GROUP).
      const shown = bodyRowCount(table);
      if (shown < rows || shown > rows + 1) return null;
      if (shown > rows) {
        const row = table.rows[table.rows.length - 1]!;
        const body = row.parentElement!;
        if (row.nextSibling instanceof Text && !/\S/.test(row.nextSibling.data)) row.nextSibling.remove();
        row.remove();
        // A group it was alone in goes too (a render of the rows left has no empty group).
        if (!body.hasChildNodes()) body.remove();
        foldRows(table, this.#options);
      }
      return {kind: 'table', end, head, table};
    }
    if (token.type === 'paragraph' && view === rest && el.localName === 'p') {
      return {kind: 'text', end: src.length, host: el};
    }
    if (token.type === 'list' && !(token as Tokens.List).loose && (el.localName === 'ul' || el.localName === 'ol')) {
      // A tight list written from the first column: complete items stay, the last one is re-rendered.
      const marker = /^([-*+]|\d{1,9}([.)]))[ \t]/.exec(token.raw);
      const items = Array.from(el.children).filter((c) => c.localName === 'li');
      if (!marker || items.length !== (token as Tokens.List).items.length) return null;
      const item = marker[2] ? new RegExp(`^\\d{1,9}\\${marker[2]}(?:[ \\t]|$)`) : new RegExp(`^\\${marker[1]}(?:[ \\t]|$)`);
      const last = lastItemStart(src, start, src.length, item);
      if (last === -1) return null;
      return {kind: 'list', end: last, item, list: el, open: items.at(-1)!};
    }
    return null;
  }

  /**
   * A growing list: the items that a new item (a line starting with the list's marker in the first
   * column) completed are rendered once and take the place of the open item's nodes; the open
   * (last) item is rendered again, alone and tidied as while streaming; at most {@link GROW_STEP}
   * characters of completed items per update ('behind': the open item waits). A blank line (the
   * list may become loose) or anything unexpected ends the growing.
   */
  #growList(grow: Extract<Grow, {kind: 'list'}>, final: boolean, to = this.#src.length, limit = !final): GrowResult {
    const src = this.#src;
    const lineEnd = final ? to : src.lastIndexOf('\n', to - 1) + 1;
    const blank = blankLine(src, grow.end, lineEnd);
    if (blank !== -1) {
      // After a blank line, the first line that is not blank says whether the list goes on (loose
      // now: render it) or ended at the blank line (finish it there and freeze it).
      let next = blank;
      while (next < lineEnd && !/\S/.test(src.slice(next, lineEndIn(src, next, lineEnd)))) next = lineEndIn(src, next, lineEnd) + 1;
      // Not known yet: the items before the blank line are shown meanwhile (a step at a time).
      if (next >= lineEnd) return final ? 'render' : this.#growList(grow, false, blank);
      if (grow.item.test(src.slice(next, lineEndIn(src, next, lineEnd))) || /^[ \t]/.test(src.slice(next, next + 1))) return 'render';
      // (Still a step at a time while streaming, when the stream is far ahead.)
      const ended = this.#growList(grow, true, blank, !final);
      if (ended === 'behind') return 'behind';
      if (ended !== 'shown') return 'render';
      this.#freezeTail(blank);
      return 'render';
    }
    if (src.includes('\0', grow.end)) return 'render';
    let last = lastItemStart(src, grow.end + 1, to, grow.item);
    // At most GROW_STEP characters of completed items per update (a fast stream brings many per
    // frame): the rest, and the open item, follow in the next updates.
    const step = !limit || last - grow.end <= GROW_STEP ? -1 : lastItemStart(src, grow.end + 1, grow.end + GROW_STEP, grow.item);
    if (step !== -1) last = step;
    const done = last === -1 ? null : src.slice(grow.end, last);
    const open = step !== -1 ? '' : src.slice(last === -1 ? grow.end : last, to);
    // Hostile shapes (deep nesting) are for the renderer; completed items count into the limits once.
    if (analyzeMarkdown(open).hostile) return 'render';
    if (done !== null) {
      const analysis = analyzeMarkdown(done);
      if (analysis.hostile || this.#costOver(analysis.cost)) return 'render';
    }
    const renderItems = (text: string, count: number): ChildNode[] | null => {
      const tokens = lexMarkdown(text);
      const list = tokens.filter((t) => t.type !== 'space');
      if (list.length !== 1 || list[0]!.type !== 'list' || (list[0] as Tokens.List).loose || (list[0] as Tokens.List).items.length !== count) return null;
      if (tokensHaveRawHtml(tokens) || Object.keys(tokens.links).length > 0) this.#dirty = true;
      const rendered = renderTokens(tokens, this.#options).querySelector('ul, ol');
      // Each item with the line break after it, as in a render of the whole list.
      return rendered ? Array.from(rendered.childNodes).filter((n, i) => i > 0 || n.nodeName === 'LI') : null;
    };
    const completed = done === null ? [] : renderItems(done, done.split('\n').filter((l) => grow.item.test(l)).length);
    // The open item as while streaming (an item that is only its marker so far shows nothing yet).
    const view = final || !open ? open : streamingView(open, lexMarkdown(open));
    const openNodes = /\S/.test(view) ? renderItems(view, 1) : [];
    if (!completed || !openNodes) return 'render';
    this.#removeCursor();
    // The open item's nodes (its <li> and the line break after it) give way to the new ones.
    if (grow.open) {
      const after = grow.open.nextSibling;
      if (after instanceof Text && !/\S/.test(after.data)) after.remove();
      grow.open.remove();
    }
    grow.list.append(...completed, ...openNodes);
    grow.open = openNodes.find((n): n is Element => n instanceof Element) ?? null;
    if (last !== -1) grow.end = last;
    this.#tailView = null;
    return step !== -1 ? 'behind' : 'shown';
  }

  /**
   * One update of a growing block: 'shown' when its nodes show the text, 'behind' when they show
   * part of what was added (a long table adds at most {@link GROW_STEP} characters of rows per
   * update, the rest in the next ones; its last rows and what follows it come in two updates),
   * 'render' when the tail must be rendered instead (what was added is not plain growth; or the
   * block just ended and was frozen, and the rest is to render).
   * `final`: the text is finished, its last line complete.
   */
  #growTail(grow: Grow, final = false): GrowResult {
    if (grow.kind === 'list') return this.#growList(grow, final);
    const src = this.#src;
    const lineEnd = final ? src.length : src.lastIndexOf('\n') + 1;
    if (grow.kind === 'text') {
      const added = src.slice(grow.end);
      // What a render would show otherwise: syntax, a line break, autolinks, trailing blanks at the end.
      if (SYNTAX.test(added) || AUTOLINK.test(src.slice(Math.max(0, grow.end - 4))) || (final && /\s$/.test(src))) return 'render';
      if (this.#costOver(added.length)) return 'render';
      this.#removeCursor();
      extendText(grow.host, added);
      grow.end = src.length;
    } else if (grow.kind === 'code') {
      // The fence closes on a complete line: the block is done (and frozen, as it stands).
      const close = closingFenceLine(src, grow.end, lineEnd, grow.close);
      const upTo = close === -1 ? lineEnd : close;
      // Half a closing fence, or a line that looks like one and is not, is for the renderer.
      if (close === -1 && (FENCE_LIKE.test(src.slice(grow.end, lineEnd)) || /^ {0,3}[`~]/.test(src.slice(Math.max(lineEnd, grow.end))))) return 'render';
      // Counted into the limits as lines are added (the partial line once it is complete).
      if (src.includes('\0', grow.end) || this.#costOver(upTo - grow.end)) return 'render';
      this.#removeCursor();
      if (upTo > grow.end) {
        // Lines in blocks of about RUN_CHARS (`.run`, laid out as blocks): an append lays out the
        // last block, not all the code so far (5,000 lines: 20–30 ms of layout every frame).
        if (grow.lines.length >= RUN_CHARS) {
          const run = document.createElement('span');
          run.className = 'run';
          run.append(grow.lines);
          grow.partial.before(run, (grow.lines = new Text()));
        }
        grow.lines.appendData(src.slice(grow.end, upTo));
        grow.end = upTo;
      }
      // A finished text: the code ends with a line break, as rendered.
      if (final && close === -1 && !grow.lines.data.endsWith('\n')) grow.lines.appendData('\n');
      if (close !== -1) {
        grow.partial.remove();
        joinRuns(grow.lines);
        const end = src.indexOf('\n', close);
        this.#freezeTail(end === -1 ? src.length : end);
        return 'render';
      }
      const partial = src.slice(grow.end);
      grow.partial.data = partial ? `${partial}\n` : '';
      if (final && !partial) grow.partial.remove();
      if (final) joinRuns(grow.lines);
    } else if (lineEnd > grow.end) {
      // A blank line ends the table: its rows so far are final (and frozen, as they stand).
      const blank = blankLine(src, grow.end, lineEnd);
      let upTo = blank === -1 ? lineEnd : blank;
      // At most GROW_STEP characters of rows per update (a fast stream adds hundreds per frame).
      const step = src.lastIndexOf('\n', grow.end + GROW_STEP - 1) + 1;
      const behind = !final && upTo - grow.end > GROW_STEP && step > grow.end;
      if (behind) upTo = step;
      const appended = upTo > grow.end;
      if (appended) {
        // The last line of a finished text is complete without its line break.
        const lines = src.slice(grow.end, upTo) + (upTo === src.length && !src.endsWith('\n') ? '\n' : '');
        if (!TABLE_ROWS.test(lines)) return 'render';
        const analysis = analyzeMarkdown(lines);
        if (analysis.hostile || this.#costOver(analysis.cost)) return 'render';
        const tokens = lexMarkdown(grow.head + lines);
        if (tokens.length !== 1 || tokens[0]!.type !== 'table' || tokens[0]!.raw.length !== grow.head.length + lines.length) return 'render';
        const rendered = renderTokens(tokens, this.#options).querySelector('table');
        if (!rendered || bodyRowCount(rendered) !== lines.split('\n').length - 1) return 'render';
        if (tokensHaveRawHtml(tokens) || Object.keys(tokens.links).length > 0) this.#dirty = true;
        this.#removeCursor();
        // The rows with the line breaks between them, in groups, as in a render of the whole table.
        appendRows(grow.table, Array.from(rendered.tBodies).flatMap((body) => Array.from(body.childNodes)), this.#options);
        grow.end = upTo;
      }
      if (behind) {
        this.#tailView = null;
        return 'behind';
      }
      if (blank !== -1) {
        // The table is complete. What follows it is rendered by the next update, not with these
        // rows: the two changes in one frame lay a long table out at twice the cost of either.
        if (appended && !final) {
          this.#tailView = null;
          return 'behind';
        }
        this.#removeCursor();
        this.#freezeTail(blank);
        return 'render';
      }
    } else if (final && grow.end < src.length) {
      return 'render';
    }
    this.#tailView = null;
    return 'shown';
  }

  /**
   * A grown block is complete (its code fence closed, or a blank line after its rows): what it
   * shows is what rendering it would show, so it is frozen as it stands and the tail starts at
   * `end` (the rest of the text, rendered as usual by the same update).
   */
  #freezeTail(end: number): void {
    if (this.#options.highlight) for (const node of this.#tailNodes) highlightWithin(node);
    this.#frozenCost += this.#tailCost;
    this.#tailCost = 0;
    this.#tailStart = end;
    this.#tailNodes = [];
    this.#tailView = null;
    this.#grow = null;
  }

  /** Counts `added` into the tail's cost; true when the text would pass {@link MARKDOWN_LIMITS}. */
  #costOver(added: number): boolean {
    this.#tailCost += added;
    return this.#frozenCost + this.#tailCost > MARKDOWN_LIMITS.maxCost;
  }

  // -------------------------------------------------------------------------------------------
  // Plain-text mode (over the limits, hostile input, or a failed parse)
  // -------------------------------------------------------------------------------------------

  #enterPlain(): void {
    this.#removeCursor();
    // Taking a long render down (a table of a thousand rows) costs as much as laying out a step
    // of plain text: the first step is a small one.
    if (this.container.hasChildNodes()) this.#plainStep = SWITCH_STEP;
    this.container.replaceChildren();
    this.#plain = true;
    this.#tailStart = 0;
    this.#tailNodes = [];
    this.#tailView = null;
    this.#grow = null;
    this.#lineStart = 0;
    this.#lineShown = 0;
    this.#lineNodes = false;
    this.#writer = new PlainWriter(this.container);
  }

  /**
   * Append-only, at most {@link PLAIN_STEP} characters per call, each line counting
   * {@link LINE_COST} more (a line is a `<br>` and a text node to lay out), and a smaller first
   * step after a switch: each line is added once (by the {@link PlainWriter} that
   * {@link renderPlainText} uses) and a line still being written is extended as it grows. The
   * result has the same nodes as {@link renderPlainText}. Returns false when there is more to show
   * (streaming only: a finishing update shows all).
   */
  #renderPlain(streaming: boolean): boolean {
    this.#removeCursor();
    const src = this.#src;
    let left = streaming ? this.#plainStep : Infinity;
    this.#plainStep = PLAIN_STEP;
    for (;;) {
      const start = this.#lineStart;
      const newline = src.indexOf('\n', start + this.#lineShown);
      const end = newline === -1 ? src.length : newline;
      if (!this.#lineNodes) {
        // Nothing of this line shown yet: a line of blanks shows nothing (complete: it ends the paragraph).
        if (!/\S/.test(src.slice(start, end))) {
          if (newline === -1) return true;
          this.#writer!.endParagraph();
          this.#lineStart = newline + 1;
          continue;
        }
        if (left <= LINE_COST) return false;
        this.#writer!.startLine();
        left -= LINE_COST;
        this.#lineNodes = true;
        this.#lineShown = 0;
      }
      const to = Math.min(end, start + this.#lineShown + left);
      if (to > start + this.#lineShown) {
        this.#writer!.extend(src.slice(start + this.#lineShown, to));
        left -= to - start - this.#lineShown;
        this.#lineShown = to - start;
      }
      if (to < end) return false; // out of budget inside the line
      if (newline === -1) return true;
      this.#lineStart = newline + 1;
      this.#lineShown = 0;
      this.#lineNodes = false;
      if (left <= 0) return this.#lineStart >= src.length;
    }
  }

  // -------------------------------------------------------------------------------------------
  // DOM bookkeeping
  // -------------------------------------------------------------------------------------------

  /**
   * Makes the tail's nodes equal to the newly frozen blocks (if any) followed by the new tail.
   * Rather than swapping the whole tail, the fresh render is patched into the nodes already shown
   * (see {@link patchChildren}): a few tokens more usually change one text node, so the browser
   * restyles and lays out that much instead of every element of the tail.
   */
  #commit(frozen: DocumentFragment | null, open: DocumentFragment): void {
    this.#removeCursor();
    const frozenCount = frozen ? frozen.childNodes.length : 0;
    const next = frozen ? [...frozen.childNodes, ...open.childNodes] : Array.from(open.childNodes);
    const nodes = patchChildren(this.container, this.#tailNodes, next);
    this.#tailNodes = nodes.slice(frozenCount);
    if (this.#options.highlight) {
      // Newly frozen blocks are final: highlight their code. The tail's code only loads the highlighter.
      for (const node of nodes.slice(0, frozenCount)) highlightWithin(node);
      if (!highlighterRequested() && this.#tailNodes.some(hasHighlightableCode)) void preloadHighlighter().catch(() => {});
    }
  }

  #finish(): void {
    this.#done = true;
    const wantPlain = !parsable(this.#src);
    if (wantPlain !== this.#plain || (!this.#plain && this.#tailStart > 0 && this.#dirty)) {
      this.container.replaceChildren(renderMarkdown(this.#src, this.#options));
      this.#tailStart = 0;
      this.#tailNodes = Array.from(this.container.childNodes);
      this.#tailView = null;
      this.#plain = wantPlain;
    }
    if (this.#options.highlight && !this.#plain) highlightWithin(this.container);
  }

  /** Takes the cursor out, re-joining a text node that `#placeCursor` split around it. */
  #removeCursor(): void {
    const cursor = this.#cursor;
    if (!cursor || !this.container.contains(cursor)) return;
    const before = cursor.previousSibling;
    const after = cursor.nextSibling;
    cursor.remove();
    if (before instanceof Text && after instanceof Text) {
      before.appendData(after.data);
      after.remove();
    }
  }

  /** Puts the cursor at the end of the text, unless it is still there (nothing changed). */
  #placeCursor(): void {
    // Every DOM change takes the cursor out first, so a cursor still attached is in place.
    if (this.#cursor && this.container.contains(this.#cursor)) return;
    const doc = this.container.ownerDocument;
    if (!this.#cursor) {
      const cursor = doc.createElement('span');
      cursor.setAttribute('part', 'cursor');
      cursor.className = 'cursor';
      cursor.setAttribute('aria-hidden', 'true');
      this.#cursor = cursor;
    }
    const cursor = this.#cursor;
    const inTail = findCursorHost(this.#tailNodes);
    const host = inTail ?? findCursorHost(Array.from(this.container.childNodes)) ?? this.container;
    // In a code block the text ends with a newline: put the cursor before it, on the last line.
    // Only in the tail: frozen nodes are never modified (the cursor is appended and later removed).
    const last = host.lastChild;
    if (inTail && host.localName === 'code' && last instanceof Text && last.data.endsWith('\n')) {
      last.splitText(last.data.length - 1);
      host.insertBefore(cursor, host.lastChild);
    } else {
      host.append(cursor);
    }
  }
}

/** Plain text laid out per update at most (see {@link MarkdownStream.update}). */
const PLAIN_STEP = 48 * 1024;
/** What a line of plain text counts into a step besides its characters. */
const LINE_COST = 48;
/** The first step of plain text after a render was taken down (see `#enterPlain`). */
const SWITCH_STEP = 8 * 1024;
/** A streaming tail this long, one block of a known kind, grows in place (see `#growFrom`). */
const GROW_MIN = 2048;
/**
 * A list grows in place from this long: a list is one block, so until then every update lexes and
 * renders all of it again, and marked lexes a nested item once per level it is nested in (the
 * bench's list, nested up to four deep, lexes about 4 times slower than the same items flat).
 * Growing renders each item once it is complete and re-renders only the open one.
 */
const LIST_GROW_MIN = 512;
/** What growing text may not add: markdown syntax, entities, HTML, line breaks, NUL. */
// eslint-disable-next-line no-control-regex
const SYNTAX = /[\\`*_~[\]<>&!|#\n\r\0]/;
/** A streaming tail longer than this is rendered a window at a time (see `#renderMarkdown`). */
const WINDOW = 4 * 1024;

/**
 * Whether rendering `part` (the start of a long tail, ending at a line break) makes progress: a
 * block in it is complete (a blank line, then a line that starts something), or it is one block
 * of a kind that grows in place from there.
 */
function windowProgresses(part: string): boolean {
  if (/\n[ \t]*\n[ \t]*\S[^\n]*\n/.test(part)) return true;
  return /^(?: {0,3}(?:`{3,}|~{3,})|\||[-*+] |\d{1,9}[.)] )/.test(part);
}

/** Characters of table rows a growing table adds per update at most. */
const GROW_STEP = 2 * 1024;
/** What GFM turns into links in plain text (with a few characters of context before the new text). */
const AUTOLINK = /@|www\.|:\/\//i;
/** See `#growTail`. */
type GrowResult = 'shown' | 'behind' | 'render';

/**
 * The code of a block grown in runs, as one text node again (done growing): as a render of the
 * block has it, and as the highlighter takes it. `lines`: the last of its text nodes.
 */
function joinRuns(lines: Text): void {
  const code = lines.parentNode;
  if (code && code.firstChild !== lines) code.textContent = code.textContent;
}
/** A line that could be a fence (closing the code block being grown). */
const FENCE_LIKE = /^ {0,3}[`~]{3}/m;
/** Complete lines that are all table rows (start with a pipe). */
const TABLE_ROWS = /^(?: {0,3}\|[^\n]*\n)+$/;

/** Start of the first complete line in `[from, to)` that closes the code block (`close`: its closing fence line), or -1. */
function closingFenceLine(src: string, from: number, to: number, close: RegExp): number {
  for (let start = from; start < to; ) {
    const end = lineEndIn(src, start, to);
    if (close.test(src.slice(start, end))) return start;
    start = end + 1;
  }
  return -1;
}

/** Start of the first complete blank line in `[from, to)`, or -1. */
function blankLine(src: string, from: number, to: number): number {
  for (let start = from; start < to; ) {
    const end = lineEndIn(src, start, to);
    if (!/\S/.test(src.slice(start, end))) return start;
    start = end + 1;
  }
  return -1;
}

/** Start of the last line in `[from, to)` that starts a list item (`item`), or -1. */
function lastItemStart(src: string, from: number, to: number, item: RegExp): number {
  for (let start = src.lastIndexOf('\n', to - 1) + 1; start >= from; start = src.lastIndexOf('\n', start - 2) + 1) {
    if (item.test(src.slice(start, lineEndIn(src, start, to)))) return start;
    if (start === 0) break;
  }
  return -1;
}

/** End of the line that starts at `start` (its line break, or `to`). */
function lineEndIn(src: string, start: number, to: number): number {
  const end = src.indexOf('\n', start);
  return end === -1 || end > to ? to : end;
}

/** A long open block growing in place: the source offset up to which its nodes show it, and its nodes. */
type Grow =
  /** `lines`: the text node complete lines are added to (the ones before it are in runs); `partial`: the line being written. */
  | {kind: 'code'; end: number; close: RegExp; lines: Text; partial: Text}
  | {kind: 'table'; end: number; head: string; table: HTMLTableElement}
  | {kind: 'text'; end: number; host: Element}
  | {kind: 'list'; end: number; item: RegExp; list: Element; open: Element | null};

function copyOptions(options: MarkdownStreamOptions): MarkdownStreamOptions {
  return {
    imageHosts: [...(options.imageHosts ?? [])],
    ...(options.codeCopyLabel ? {codeCopyLabel: options.codeCopyLabel} : {}),
    ...(options.tableMoreLabel ? {tableMoreLabel: options.tableMoreLabel} : {}),
    highlight: !!options.highlight,
  };
}

const CODE_SELECTOR = '.code-block > pre > code';

/** Queues the code blocks in `node` (final) for highlighting. */
function highlightWithin(node: Node): void {
  if (!(node instanceof Element)) return;
  if (node.matches(CODE_SELECTOR)) highlightCode(node as HTMLElement);
  for (const code of Array.from(node.querySelectorAll<HTMLElement>(CODE_SELECTOR))) highlightCode(code);
}

function hasHighlightableCode(node: Node): boolean {
  if (!(node instanceof Element)) return false;
  for (const code of Array.from(node.querySelectorAll(CODE_SELECTOR))) if (grammarFor(code)) return true;
  return false;
}

/**
 * Makes `parent`'s trailing children `old` equal to `next` (the children of a freshly sanitised
 * fragment) and returns the children that result, in order. Nodes are matched by position: an old
 * node whose shape (node type, tag and attributes) equals the new one is kept, its text or its
 * children patched the same way; from the first mismatch on, the old nodes are removed and the new
 * ones moved in. The result has exactly the new fragment's nodes, attributes and text, so the
 * sanitiser's output is what is shown; only node identity is carried over.
 */
function patchChildren(parent: Node, old: readonly ChildNode[], next: readonly ChildNode[]): ChildNode[] {
  const result: ChildNode[] = [];
  let i = 0;
  for (; i < old.length && i < next.length; i++) {
    const a = old[i]!;
    const b = next[i]!;
    if (!sameShape(a, b)) break;
    if (a instanceof CharacterData) {
      const data = (b as CharacterData).data;
      if (a.data !== data) a.data = data;
    } else {
      patchChildren(a, Array.from(a.childNodes), Array.from(b.childNodes));
    }
    result.push(a);
  }
  for (let k = i; k < old.length; k++) old[k]!.remove();
  const added = next.slice(i);
  for (const node of added) parent.appendChild(node);
  return result.concat(added);
}

function sameShape(a: Node, b: Node): boolean {
  if (a.nodeType !== b.nodeType) return false;
  if (!(a instanceof Element)) return true;
  const el = b as Element;
  if (a.namespaceURI !== el.namespaceURI || a.localName !== el.localName) return false;
  const attrs = a.attributes;
  if (attrs.length !== el.attributes.length) return false;
  for (let k = 0; k < attrs.length; k++) {
    const attr = attrs[k]!;
    if (el.getAttributeNS(attr.namespaceURI, attr.localName) !== attr.value) return false;
  }
  return true;
}

function renderTokensOrText(tokens: Token[], text: string, options: MarkdownOptions): DocumentFragment {
  try {
    return renderTokens(tokens, options);
  } catch {
    return renderPlainText(text);
  }
}

// ---------------------------------------------------------------------------------------------
// Block boundaries
// ---------------------------------------------------------------------------------------------

/**
 * The last top-level token index `k` such that tokens `[0, k)` are final: token `k` follows a
 * blank line (a `space` token) and its first line is complete. Also checks that the tokens' `raw`
 * strings tile the text exactly; if not, nothing is frozen (offsets would be unreliable).
 * @internal
 */
export function findFreezePoint(text: string, tokens: Token[]): {index: number; offset: number} {
  let best = {index: 0, offset: 0};
  let offset = 0;
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k]!;
    if (!text.startsWith(token.raw, offset)) return {index: 0, offset: 0};
    if (
      k > 0 &&
      token.type !== 'space' &&
      tokens[k - 1]!.type === 'space' &&
      followsBlankLine(text, offset) &&
      text.indexOf('\n', offset) !== -1
    ) {
      best = {index: k, offset};
    }
    offset += token.raw.length;
  }
  return offset === text.length ? best : {index: 0, offset: 0};
}

function followsBlankLine(text: string, offset: number): boolean {
  let i = offset - 1;
  if (text[i] !== '\n') return false;
  i--;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return i < 0 || text[i] === '\n';
}

// ---------------------------------------------------------------------------------------------
// The open tail while streaming: never flash raw markdown syntax
// ---------------------------------------------------------------------------------------------

/**
 * What to render for the open tail while it streams (`tokens` are the tail's real tokens):
 * 1. inside an unclosed fence: the text as is (marked already renders an unclosed fence as code to
 *    the end, i.e. closes it virtually), minus a half-typed closing fence on the last line;
 * 2. in indented code: as is; in a raw HTML block: as is, minus a half-written tag at the end;
 * 3. otherwise, on the last line: drop a partial line that is only block syntax (`-`, `1.`, `#`,
 *    `>`, `|--`, `` ` ``, a setext `=`/`-` underline, …); drop a trailing backslash, half entity
 *    (`&am`), half tag or autolink (`<a hr`), and show a link or image whose `](url)` is not
 *    finished as its text; drop a trailing run of `*`/`_`/`~`, then close the emphasis and code
 *    spans still open in the current paragraph (`**bold` renders bold, `` `code`` as code);
 * 4. a lone table header row (`| a | b |`, first line after a blank) gets a virtual delimiter
 *    row, so it shows as a table header from the start instead of as pipes that later jump into
 *    a table.
 * @internal
 */
export function streamingView(text: string, tokens: Token[]): string {
  const leaf = lastLeaf(tokens);
  if (leaf?.type === 'code') {
    const code = leaf as Tokens.Code;
    if (code.codeBlockStyle === 'indented') return text;
    const fence = openFence(code.raw);
    return fence ? dropPartialClosingFence(text, fence) : text;
  }
  if (leaf?.type === 'html') {
    // Raw HTML is not markdown: only hide a half-written tag at the end.
    return text.replace(/<(?:[A-Za-z/!?][^<>\n]{0,80})?$/, '');
  }
  let s = dropSyntaxOnlyLine(text).trimEnd();
  for (let i = 0; i < 4; i++) {
    const trimmed = trimPartialInline(s);
    if (trimmed === s) break;
    s = trimmed;
  }
  s = closeInline(s);
  return completeTableHeader(s);
}

function lastLeaf(tokens: Token[]): Token | undefined {
  let list: Token[] = tokens;
  for (let depth = 0; depth < 100; depth++) {
    let token: Token | undefined;
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i]!.type !== 'space') {
        token = list[i];
        break;
      }
    }
    if (!token) return undefined;
    if (token.type === 'list') {
      const items = (token as Tokens.List).items;
      const item = items[items.length - 1];
      if (!item) return token;
      list = item.tokens;
    } else if (token.type === 'blockquote') {
      list = (token as Tokens.Blockquote).tokens;
    } else {
      return token;
    }
  }
  return undefined;
}

/** The fence (e.g. "```") of a fenced code token's raw text if it is not closed yet. */
function openFence(raw: string): string | null {
  const lines = raw.replace(/\n+$/, '').split('\n');
  const open = /^ {0,3}(`{3,}|~{3,})/.exec(lines[0]!);
  if (!open) return null;
  const fence = open[1]!;
  if (lines.length > 1) {
    const close = /^ {0,3}(`+|~+)[ \t]*$/.exec(lines[lines.length - 1]!);
    if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length) return null;
  }
  return fence;
}

function dropPartialClosingFence(text: string, fence: string): string {
  if (text.endsWith('\n')) return text;
  const start = text.lastIndexOf('\n') + 1;
  if (start === 0) return text; // the opening line itself
  const line = text.slice(start);
  const ch = fence[0] === '`' ? '`' : '~';
  return new RegExp(`^[ \\t>]*\\${ch}+[ \\t]*$`).test(line) ? text.slice(0, start) : text;
}

function dropSyntaxOnlyLine(text: string): string {
  if (text.endsWith('\n')) return text;
  const start = text.lastIndexOf('\n') + 1;
  return isSyntaxOnly(text, start) ? text.slice(0, start) : text;
}

/**
 * Whether `text` from `start` is only block syntax with no content yet: spaces, `>`, `#`, `=`,
 * `-`, `_`, `*`, `+`, `` ` ``, `~`, `|`, `:`, list numbers with their `.`/`)`, a task box. A
 * hand-written scan: a regex with nested repetition here backtracks exponentially on `-----…x`.
 */
function isSyntaxOnly(text: string, start: number): boolean {
  for (let i = start; i < text.length; ) {
    const c = text[i]!;
    if (' \t>#=-_*+`~|:'.includes(c)) {
      i++;
    } else if (c >= '0' && c <= '9') {
      let j = i;
      while (j < text.length && j - i < 9 && text[j]! >= '0' && text[j]! <= '9') j++;
      if (text[j] !== '.' && text[j] !== ')') return false;
      i = j + 1;
    } else {
      return c === '[' && /^\[[ xX]?\]?[ \t]*$/.test(text.slice(i));
    }
  }
  return true;
}

function trimPartialInline(s: string): string {
  // A trailing backslash (an escape waiting for its character).
  if (s.endsWith('\\')) return s.slice(0, -1).trimEnd();
  // Half an entity: "&", "&am", "&#12".
  let m = /&#?[A-Za-z0-9]{0,31}$/.exec(s);
  if (m) return s.slice(0, m.index).trimEnd();
  // Half a tag or autolink: "<", "<span cl", "<https://exa".
  m = /<(?:[A-Za-z/!?][^<>\n]{0,80})?$/.exec(s);
  if (m) return s.slice(0, m.index).trimEnd();
  // A link or image still being written: "[text", "[text]", "[text](https://exa" → "text".
  m = /!?\[([^[\]\n]*)(?:\](?:\([^()\n]*)?)?$/.exec(s);
  if (m) return (s.slice(0, m.index) + m[1]).trimEnd();
  return s;
}

const BLOCK_START = /^[ \t]{0,3}(?:>|[-*+][ \t]|\d{1,9}[.)][ \t]|#{1,6}[ \t]|\|)/;
const BLOCK_PREFIX = /^[ \t]*(?:(?:>|[-*+]|\d{1,9}[.)]|#{1,6})[ \t]+|>)*(?:\[[ xX]\][ \t]+)?/;

/** Start of the paragraph (or list item, heading, …) the text ends in. */
function inlineSegmentStart(s: string): number {
  let start = s.lastIndexOf('\n') + 1;
  for (let lines = 0; lines < 64 && start > 0; lines++) {
    if (BLOCK_START.test(s.slice(start, start + 16))) break;
    const prevStart = s.lastIndexOf('\n', start - 2) + 1;
    const prev = s.slice(prevStart, start - 1);
    if (!/\S/.test(prev) || /^[ \t]*(?:`{3,}|~{3,})/.test(prev)) break;
    start = prevStart;
  }
  return start;
}

interface Opener {
  ch: string;
  len: number;
  pos: number;
}

/** Drops a trailing delimiter run and closes the code span and emphasis still open at the end. */
function closeInline(input: string): string {
  let s = input;
  const segStart = inlineSegmentStart(s);
  const first = s.slice(segStart, s.indexOf('\n', segStart) === -1 ? s.length : s.indexOf('\n', segStart));
  const from = segStart + (BLOCK_PREFIX.exec(first)?.[0].length ?? 0);
  let trailing = s.length;
  while (trailing > from && '*_~'.includes(s[trailing - 1]!)) trailing--;
  if (trailing < s.length) s = s.slice(0, trailing).trimEnd();

  const stack: Opener[] = [];
  let code: {pos: number; len: number} | null = null;
  let noTagEnd = -1;
  for (let i = from; i < s.length; ) {
    const c = s[i]!;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '`') {
      let r = i;
      while (s[r] === '`') r++;
      const len = r - i;
      const close = findBacktickRun(s, r, len);
      if (close === -1) {
        code = {pos: i, len};
        break;
      }
      i = close + len;
      continue;
    }
    if (c === ']' && s[i + 1] === '(') {
      const close = s.indexOf(')', i + 2);
      i = close === -1 ? s.length : close + 1;
      continue;
    }
    if (c === '<' && noTagEnd < i && /^<[A-Za-z/!?]/.test(s.slice(i, i + 2))) {
      const close = s.indexOf('>', i + 1);
      if (close !== -1) {
        i = close + 1;
        continue;
      }
      noTagEnd = s.length; // no '>' anywhere after: do not search again (keeps this linear)
    }
    if (c === '*' || c === '_' || c === '~') {
      let r = i;
      while (s[r] === c) r++;
      const len = r - i;
      const prev = i > 0 ? s[i - 1]! : ' ';
      const next = r < s.length ? s[r]! : ' ';
      const left = !isSpaceChar(next) && (!isPunctChar(next) || isSpaceChar(prev) || isPunctChar(prev));
      const right = !isSpaceChar(prev) && (!isPunctChar(prev) || isSpaceChar(next) || isPunctChar(next));
      const canOpen = c === '_' ? left && (!right || isPunctChar(prev)) : left;
      const canClose = c === '_' ? right && (!left || isPunctChar(next)) : right;
      if (!(c === '~' && len > 2)) {
        let match = -1;
        if (canClose) {
          for (let k = stack.length - 1; k >= 0; k--) {
            if (stack[k]!.ch === c) {
              match = k;
              break;
            }
          }
        }
        if (match >= 0) stack.length = match;
        else if (canOpen) stack.push({ch: c, len, pos: i});
      }
      i = r;
      continue;
    }
    i++;
  }

  let closers = '';
  if (code) {
    if (/^\s*$/.test(s.slice(code.pos + code.len))) s = s.slice(0, code.pos).trimEnd();
    else closers = '`'.repeat(code.len);
  }
  // An opener with nothing after it yet is dropped rather than closed ("**" + "**" is no bold).
  while (!closers && stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.pos + top.len < s.length) break;
    s = s.slice(0, top.pos).trimEnd();
    stack.pop();
  }
  for (let k = stack.length - 1; k >= 0; k--) {
    const opener = stack[k]!;
    if (opener.pos < s.length) closers += opener.ch.repeat(opener.len);
  }
  return closers ? s.trimEnd() + closers : s;
}

function findBacktickRun(s: string, from: number, len: number): number {
  for (let i = s.indexOf('`', from); i !== -1; i = s.indexOf('`', i)) {
    let r = i;
    while (s[r] === '`') r++;
    if (r - i === len) return i;
    i = r;
  }
  return -1;
}

function completeTableHeader(s: string): string {
  const start = s.lastIndexOf('\n') + 1;
  if (start > 0 && !followsBlankLine(s, start)) return s;
  const line = s.slice(start);
  if (!/^ {0,3}\|/.test(line)) return s;
  let cells = line.trim().slice(1);
  if (cells.endsWith('|') && !cells.endsWith('\\|')) cells = cells.slice(0, -1);
  if (!/[^\s|]/.test(cells)) return s;
  const count = cells.split(/(?<!\\)\|/).length;
  return `${s}\n|${' --- |'.repeat(count)}`;
}

function isSpaceChar(c: string): boolean {
  return /\s/.test(c);
}

function isPunctChar(c: string): boolean {
  return /[\p{P}\p{S}]/u.test(c);
}

// ---------------------------------------------------------------------------------------------
// Cursor placement
// ---------------------------------------------------------------------------------------------

/** Elements the cursor descends into when they are the last thing rendered. */
const DESCEND = new Set([
  'ul', 'ol', 'li', 'blockquote', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'pre',
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'div', 'details', 'summary', 'dl', 'dt', 'dd',
]);
const VOID = new Set(['hr', 'br', 'img', 'wbr', 'col']);

/** The deepest last element holding inline text among `nodes`, or null if there is none. */
function findCursorHost(nodes: readonly ChildNode[]): Element | null {
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    if (node instanceof Element) {
      if (VOID.has(node.localName) || !DESCEND.has(node.localName)) return null;
      return descend(node);
    }
    if (node instanceof Text && /\S/.test(node.data)) return null;
  }
  return null;
}

function descend(start: Element): Element {
  let current = start;
  for (;;) {
    const last = lastMeaningfulChild(current);
    if (!(last instanceof Element) || VOID.has(last.localName)) return current;
    if (DESCEND.has(last.localName) || (last.localName === 'code' && current.localName === 'pre')) {
      current = last;
      continue;
    }
    return current;
  }
}

function lastMeaningfulChild(el: Element): ChildNode | null {
  for (let node = el.lastChild; node; node = node.previousSibling) {
    if (node instanceof Text && !/\S/.test(node.data)) continue;
    if (node.nodeType === Node.COMMENT_NODE) continue;
    return node;
  }
  return null;
}

/** A short answer with every kind of block and inline markdown the renderer meets (see {@link warmMarkdown}). */
const WARM_SAMPLE =
  '## A\n\n*a*, **b**, ~~c~~, `d`, [e](https://e.com "t") and https://f.org.\n\n- a\n  1. b\n\n> c\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n\n```\ncode\n```\n\n---\n\nEnd.\n';
/**
 * The sample, then the same with a character past Latin-1 (a curly apostrophe): V8 compiles a
 * regular expression apart for each kind of string it meets, one byte or two bytes a character,
 * and most replies hold a curly quote, a dash or a script other than Latin. Warmed on Latin-1
 * alone, a first reply in Chinese paid about 35 ms for marked's block rules in its first frame.
 */
const WARM_SAMPLES = [WARM_SAMPLE, WARM_SAMPLE.replace('## A', '## A’s')];
/** Characters of a sample added per warm-up step (a few milliseconds; a sample's first step, cold, about 30 ms). */
const WARM_STEP = 40;

/**
 * Streams small samples into a detached element of an inert document (nothing shows, nothing
 * loads), finishing each: marked's regular expressions are compiled (for both kinds of string)
 * and the renderer's code is warm before the first reply, which would otherwise pay for it (a
 * fifth of the work of a 16,000-token reply). `next` schedules the steps (the widget: when the
 * page is idle); each call takes one step, and more while its idle deadline leaves time.
 */
export function warmMarkdown(next: (step: (deadline?: IdleDeadline) => void) => void): void {
  let sample = 0;
  let stream: MarkdownStream | undefined;
  let end = 0;
  const step = (deadline?: IdleDeadline): void => {
    do {
      const text = WARM_SAMPLES[sample]!;
      end = Math.min(end + WARM_STEP, text.length);
      try {
        stream ??= new MarkdownStream(document.implementation.createHTMLDocument('').body);
        stream.update(text.slice(0, end), end < text.length);
      } catch {
        return; // only a warm-up
      }
      if (end === text.length) {
        if (++sample === WARM_SAMPLES.length) return;
        stream = undefined;
        end = 0;
        // The next sample's first step is cold (about 30 ms, compiling): an idle period of its own.
        break;
      }
    } while ((deadline?.timeRemaining() ?? 0) > WARM_SLACK_MS);
    next(step);
  };
  next(step);
}

/** Idle time a warm-up step leaves unused (a cold step can take a few milliseconds). */
const WARM_SLACK_MS = 8;
