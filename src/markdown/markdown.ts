/**
 * The one module that turns untrusted strings into DOM.
 *
 * Every path is marked's lexer (private options) → tokens → `DocumentFragment` → a post-pass that
 * enforces our link, image and attribute rules → the widget's own markup around code blocks
 * (language, copy button) and tables (a scrolling box). Tokens become DOM nodes directly
 * (./dom-render.ts: `createElement`, text nodes, never parsed) unless they hold raw HTML (or a
 * character reference the HTML parser would decode); those go marked's way: HTML string →
 * DOMPurify (./html-render.ts). Both give the same tree. The HTML string never leaves that
 * module, so the rest of the code base has no HTML sink at all (`innerHTML`,
 * `insertAdjacentHTML`, `unsafeHTML`).
 *
 * The HTML path is loaded the first time a text needs it ({@link loadSanitizer}): until then the
 * top-level blocks that need it are shown as plain text ({@link renderPlainText} of their source,
 * never HTML), the others as markdown, and the sanitizer starts loading; a renderer that showed
 * such a block renders again once it has loaded (`MarkdownStream.awaitingSanitizer`).
 *
 * Hostile input: marked overflows the stack on ~1,900 nested `>` or deeply nested emphasis, and
 * slows down badly on deep lists and on long runs of delimiters. {@link analyzeMarkdown} is a
 * single cheap pass that detects those shapes and estimates the parse cost; anything hostile, or
 * larger than {@link MARKDOWN_LIMITS}, and any exception from marked or DOMPurify, falls back to
 * {@link renderPlainText}. {@link renderMarkdown} never throws.
 *
 * SSR: importing this module touches neither `window` nor `document`; marked's options are
 * created on first use.
 */
import {Lexer, getDefaults, type MarkedOptions, type Token, type TokensList} from 'marked';
import {retryable} from '../core/retryable.js';
import {tokensToDom} from './dom-render.js';
import {ALLOWED_URI_REGEXP, isAllowedImage, isSafeHref} from './urls.js';

// The URL checks live in ./urls.ts (the widget's first render uses them without this module).
export {isAllowedImage, isSafeHref};

/** Options of {@link renderMarkdown}. */
export interface MarkdownOptions {
  /**
   * Hosts images may load from (exact match against the URL's `host` or `hostname`, http or
   * https only). Empty by default: an image URL in model output is a data-exfiltration channel.
   */
  imageHosts?: readonly string[];
  /** Label (and accessible name) of the copy button of each code block. Default 'Copy code'. */
  codeCopyLabel?: string;
  /**
   * Label of the button under a long table that shows all its rows (the row count follows it in
   * parentheses; see {@link ROW_GROUP}). Default 'Show all rows'.
   */
  tableMoreLabel?: string;
}

/**
 * Text nodes longer than this (outside code) are laid out in blocks of this many characters
 * (`<span class="run">`, `display: block`; see {@link appendText}).
 */
export const RUN_CHARS = 2048;

/** The copy button's label when none is given. */
export const DEFAULT_CODE_COPY_LABEL = 'Copy code';
/** The long table's "show all rows" label when none is given. */
const DEFAULT_TABLE_MORE_LABEL = 'Show all rows';

/**
 * What one render will parse as markdown. Above these, or when {@link analyzeMarkdown} finds a
 * hostile shape, the text is shown as plain text. Chosen so that no single render blocks the main
 * thread for long (the measured worst cases are in the module tests' notes).
 */
export const MARKDOWN_LIMITS = Object.freeze({
  /** Characters parsed as markdown in one render. */
  maxChars: 64 * 1024,
  /**
   * Estimated cost in one render: characters + 12 per container marker (`>` or list item) + 2 per
   * delimiter run + 8 per table pipe (what makes marked slow and the sanitizer walk many nodes).
   */
  maxCost: 96 * 1024,
  /** Nesting on one line: `>` and list markers, plus list indentation (2 columns per level). */
  maxDepth: 32,
  /** Length of one run of `*`, `_` or `~` (a line that is only the run, a thematic break, is fine). */
  maxDelimiterRun: 64,
  /** Unclosed emphasis openers in one paragraph. */
  maxEmphasisNesting: 32,
  /** Delimiter runs in one paragraph, list item or heading (marked's emphasis pass is quadratic). */
  maxRunsPerParagraph: 256,
});

const MARKER_COST = 12;
const RUN_COST = 2;
const PIPE_COST = 8;

/** Result of {@link analyzeMarkdown}. */
export interface MarkdownAnalysis {
  /** A shape that would overflow marked's stack or make it slow. */
  hostile: boolean;
  /** Estimated parse cost (see {@link MARKDOWN_LIMITS.maxCost}); additive over whole lines. */
  cost: number;
}

// ---------------------------------------------------------------------------------------------
// Lazily created private state
// ---------------------------------------------------------------------------------------------

/** marked's lexer options (a private object: the global `marked` defaults play no part). */
let lexerOptions: MarkedOptions | undefined;

function getLexerOptions(): MarkedOptions {
  lexerOptions ??= {...getDefaults(), gfm: true, breaks: true, async: false, silent: false};
  return lexerOptions;
}

type HtmlRender = typeof import('./html-render.js');

/** The HTML path, once loaded. */
let htmlRender: HtmlRender | undefined;
/** Blocks shown as plain text because the HTML path was not loaded yet (see {@link placeholdersShown}). */
let placeholders = 0;

/**
 * Loads the HTML path (marked's HTML renderer and DOMPurify: the bundle's `sanitizer` chunk),
 * once; again after a failure. Texts that need it render it from then on.
 */
export const loadSanitizer: () => Promise<void> = retryable(() =>
  import('./html-render.js').then((m) => {
    htmlRender = m;
  }),
);

/** True once the HTML path has loaded. */
export function sanitizerLoaded(): boolean {
  return htmlRender !== undefined;
}

/**
 * @internal How many top-level blocks were shown as plain text so far because the HTML path had
 * not loaded yet: a renderer compares it before and after a render to know whether to render
 * again once {@link loadSanitizer} resolves.
 */
export function placeholdersShown(): number {
  return placeholders;
}

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/**
 * Renders untrusted markdown to a sanitised fragment. Never throws: hostile or oversized input,
 * and any error, give {@link renderPlainText} of the input instead.
 */
export function renderMarkdown(src: string, options: MarkdownOptions = {}): DocumentFragment {
  const text = normalizeNewlines(String(src ?? ''));
  try {
    if (!parsable(text)) return renderPlainText(text);
    return renderTokens(lexMarkdown(text), options);
  } catch {
    return renderPlainText(text);
  }
}

/**
 * The fallback: the text as text nodes in `<p>` elements (paragraphs split on blank lines, line
 * breaks as `<br>`). Never parses anything. Concatenating the renders of pieces cut right after a
 * blank line gives the render of the whole.
 */
export function renderPlainText(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const src = normalizeNewlines(String(text ?? ''));
  const writer = new PlainWriter(fragment);
  let start = 0;
  while (start <= src.length) {
    let end = src.indexOf('\n', start);
    if (end === -1) end = src.length;
    const line = src.slice(start, end);
    if (!/\S/.test(line)) {
      writer.endParagraph();
    } else {
      writer.startLine();
      writer.extend(line);
    }
    start = end + 1;
  }
  return fragment;
}

/**
 * Plain text: once the paragraphs written so far hold this many characters, the next ones go into
 * a `<div class="chunk">` of their own, and so on (see {@link PlainWriter}).
 */
export const CHUNK_CHARS = 16 * 1024;

/**
 * Writes plain text as {@link renderPlainText} shows it, a line or a piece of a line at a time
 * (the streaming renderer grows the last line as it arrives): paragraphs (`<p>`), lines separated
 * by `<br>`; once a paragraph's lines add up to {@link RUN_CHARS} characters, its next lines go
 * into a `<span class="run">` of their own (laid out as a block), and so on, so that a paragraph
 * of thousands of lines (a table or a code block shown as text) is laid out a block at a time
 * as it grows. Paragraphs are grouped the same way: after {@link CHUNK_CHARS} characters of them,
 * the next go into a `<div class="chunk">`, so that a text of thousands of paragraphs (a megabyte
 * in plain text) does not make the browser walk all of them on every layout as it grows (each
 * frame's layout would cost in proportion to what is already shown). Where a run or a chunk
 * starts depends only on the lines before it, so growing a text gives the nodes a one-shot
 * render of the whole gives.
 */
export class PlainWriter {
  readonly #parent: Node;
  /** Where paragraphs go: the parent, then its current chunk. */
  #block: Node;
  /** Characters of the paragraphs in `#block`. */
  #blockChars = 0;
  #paragraph: HTMLParagraphElement | null = null;
  /** Where lines go: the paragraph, then its current run. */
  #group: Element | null = null;
  /** Characters of the lines in `#group`. */
  #chars = 0;

  constructor(parent: Node) {
    this.#parent = parent;
    this.#block = parent;
  }

  /** Starts a line: in the open paragraph (after a `<br>`, or in a new run), or in a new paragraph. */
  startLine(): void {
    const doc = this.#parent.ownerDocument ?? document;
    if (!this.#paragraph || !this.#group) {
      if (this.#blockChars >= CHUNK_CHARS) {
        const chunk = doc.createElement('div');
        chunk.className = 'chunk';
        this.#parent.appendChild(chunk);
        this.#block = chunk;
        this.#blockChars = 0;
      }
      this.#paragraph = doc.createElement('p');
      this.#block.appendChild(this.#paragraph);
      this.#group = this.#paragraph;
      this.#chars = 0;
    } else if (this.#chars >= RUN_CHARS) {
      const run = doc.createElement('span');
      run.className = 'run';
      this.#paragraph.append(run);
      this.#group = run;
      this.#chars = 0;
    } else {
      this.#group.append(doc.createElement('br'));
    }
  }

  /** Adds text to the line being written. */
  extend(text: string): void {
    if (!this.#group || !text) return;
    extendText(this.#group, text);
    this.#chars += text.length;
    this.#blockChars += text.length;
  }

  /** A blank line: the next line starts a new paragraph. */
  endParagraph(): void {
    this.#paragraph = null;
    this.#group = null;
  }
}

/**
 * Appends `text` to `#parent`: one text node, or, when it is longer than {@link RUN_CHARS}, runs of
 * that many characters, each in a `<span class="run">` laid out as a block. The browser lays out
 * an inline formatting context as a whole: one 64,000-character paragraph of Chinese, or an
 * unbroken base64 string, costs 50–300 ms of layout every time a character is added to it, and
 * again on every later change; in blocks, a change lays out only the block it is in. The price is
 * a line break every {@link RUN_CHARS} characters of one unbroken text, which prose never has.
 * Run boundaries depend only on the text from its start (never inside a surrogate pair), so a
 * text grown with {@link extendText} has the runs a one-shot render gives it.
 */
export function appendText(parent: Node, text: string): void {
  extendText(parent, text, true);
}

/**
 * Adds `text` at the end of the text `#parent` ends with, keeping the runs {@link appendText}
 * would give the whole: work and layout in proportion to what is added, not to what is shown.
 * (`fresh`: the text starts new, whatever `#parent` ends with.)
 */
export function extendText(parent: Node, text: string, fresh = false): void {
  const last = fresh ? null : parent.lastChild;
  const node = last instanceof Text ? last : isRun(last) ? (last.firstChild as Text) : null;
  const whole = node ? node.data + text : text;
  if (whole.length <= RUN_CHARS) {
    if (node) node.appendData(text);
    else if (text) parent.appendChild((parent.ownerDocument ?? document).createTextNode(text));
    return;
  }
  // The text becomes runs from its start; a run already shown keeps its node and is filled up to
  // where appendText would cut the whole (or loses a high surrogate whose pair just arrived).
  let start = 0;
  if (node && node === last) node.remove();
  else if (node) {
    start = runEnd(whole, 0);
    if (start > node.length) node.appendData(whole.slice(node.length, start));
    else if (start < node.length) node.deleteData(start, node.length - start);
  }
  while (start < whole.length) {
    const end = runEnd(whole, start);
    const run = (parent.ownerDocument ?? document).createElement('span');
    run.className = 'run';
    run.append(whole.slice(start, end));
    parent.appendChild(run);
    start = end;
  }
}

function isRun(node: Node | null): node is HTMLElement {
  return node instanceof Element && node.localName === 'span' && node.className === 'run' && node.firstChild instanceof Text && node.childNodes.length === 1;
}

/** End of the run that starts at `start`: {@link RUN_CHARS} on, one less before a low surrogate. */
function runEnd(text: string, start: number): number {
  let end = Math.min(text.length, start + RUN_CHARS);
  if (end < text.length && end > start + 1) {
    const c = text.charCodeAt(end - 1);
    if (c >= 0xd800 && c <= 0xdbff) end--;
  }
  return end;
}

// ---------------------------------------------------------------------------------------------
// Building blocks for the streaming renderer (same sanitizer path; no HTML leaves this module)
// ---------------------------------------------------------------------------------------------

/** `\r\n` and `\r` → `\n` (what marked does internally; done up front so offsets agree). */
export function normalizeNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** Whether a text with this analysis may be parsed as markdown in one render. */
export function shouldParse(text: string, analysis: MarkdownAnalysis): boolean {
  return (
    !analysis.hostile && text.length <= MARKDOWN_LIMITS.maxChars && analysis.cost <= MARKDOWN_LIMITS.maxCost
  );
}

/**
 * Whether `text` may be parsed as markdown in one render: {@link shouldParse} of its analysis, and
 * no analysis when it is over the length limit (a megabyte of plain text needs none).
 */
export function parsable(text: string): boolean {
  return text.length <= MARKDOWN_LIMITS.maxChars && shouldParse(text, analyzeMarkdown(text));
}

/**
 * @internal Lexes with the private marked instance. May throw (hostile input): call only after
 * {@link shouldParse}, inside a try.
 */
export function lexMarkdown(src: string): TokensList {
  return Lexer.lex(src, getLexerOptions());
}

/**
 * @internal Renders tokens from {@link lexMarkdown} (all of them, or a run of whole top-level
 * tokens) to a sanitised fragment. May throw; callers fall back to plain text.
 */
export function renderTokens(tokens: Token[], options: MarkdownOptions = {}): DocumentFragment {
  // Without raw HTML, straight to DOM nodes (the same tree as the sanitized HTML: ./dom-render.ts),
  // made in an inert document as DOMPurify's are: an image made in the page's document would
  // start loading before the post-pass could drop it.
  inertDocument ??= document.implementation.createHTMLDocument('');
  const built = tokensToDom(tokens, inertDocument, allowedUri);
  if (built) return finish(built, options);
  if (htmlRender) return renderTokensAsHtml(tokens, options);
  // The HTML path is on its way: each top-level block the DOM path makes as usual, the others as
  // their source in plain text (raw HTML may leave elements open across blocks: as text it cannot).
  void loadSanitizer().catch(() => {});
  const fragment = inertDocument.createDocumentFragment();
  for (const token of tokens) {
    const block = tokensToDom([token], inertDocument, allowedUri);
    if (!block) placeholders++;
    fragment.append(block ?? renderPlainText(token.raw));
  }
  return finish(fragment, options);
}

/**
 * @internal The HTML path of {@link renderTokens}: marked's HTML, sanitized by DOMPurify (the
 * reference the DOM path is tested against, and the path of raw HTML). Throws until
 * {@link loadSanitizer} has resolved.
 */
export function renderTokensAsHtml(tokens: Token[], options: MarkdownOptions = {}): DocumentFragment {
  if (!htmlRender) throw new Error('the sanitizer is not loaded');
  return finish(htmlRender.sanitizedHtml(tokens), options);
}

/** The document the DOM path builds in (no browsing context: nothing it holds loads or runs). */
let inertDocument: Document | undefined;

/** DOMPurify's whitespace in attribute values (ignored by its URI check). */
const ATTR_WHITESPACE = /[\u0000-\u0020\u00A0\u1680\u180E\u2000-\u2029\u205F\u3000]/g;

/** DOMPurify's check of `href` and `src` (./html-render.ts), for the DOM path. */
function allowedUri(value: string): boolean {
  return ALLOWED_URI_REGEXP.test(value.replace(ATTR_WHITESPACE, ''));
}

/**
 * @internal Whether the tokens hold raw HTML (block or inline). Raw HTML may leave elements open
 * across blocks, so renders of separate blocks are only known to match a whole render without it.
 */
export function tokensHaveRawHtml(tokens: readonly Token[]): boolean {
  // The children marked's `walkTokens` visits: table cells, list items, inline tokens.
  for (const token of tokens) {
    if (token.type === 'html') return true;
    const t = token as Token & {header?: Array<{tokens: Token[]}>; rows?: Array<Array<{tokens: Token[]}>>; items?: Token[]; tokens?: Token[]};
    if (token.type === 'table') {
      if (t.header!.some((cell) => tokensHaveRawHtml(cell.tokens)) || t.rows!.some((row) => row.some((cell) => tokensHaveRawHtml(cell.tokens)))) return true;
    } else if (token.type === 'list') {
      if (tokensHaveRawHtml(t.items!)) return true;
    } else if (t.tokens && tokensHaveRawHtml(t.tokens)) {
      return true;
    }
  }
  return false;
}

/**
 * One cheap pass over `src` (no regex backtracking, no allocation per character) that flags the
 * shapes marked handles badly and estimates the parse cost. Per line: container nesting and list
 * indentation; per paragraph (reset at blank lines and block starts): emphasis nesting and the
 * number of delimiter runs; per run: its length. Fenced code is skipped except for its size.
 * Extending the text never lowers what a prefix already measured (a marker or delimiter run at the
 * very end of the text is not classified until the next character shows what it is).
 */
export function analyzeMarkdown(src: string): MarkdownAnalysis {
  const L = MARKDOWN_LIMITS;
  const n = src.length;
  let cost = 0;
  let fenceChar = 0;
  let fenceLen = 0;
  let runs = 0;
  let emphasis = 0;
  /** The next character at or after the inline scan's position that it looks at (`n`: none left). */
  let special = -1;
  let i = 0;
  while (i < n) {
    let end = src.indexOf('\n', i);
    const hasNewline = end !== -1;
    if (!hasNewline) end = n;
    cost += end - i + 1;

    // Container prefix: blockquote markers and list markers, with the indentation before them.
    let p = i;
    let markers = 0;
    let lead = -1;
    let cols = 0;
    for (;;) {
      while (p < end) {
        const c = src.charCodeAt(p);
        if (c === 32) cols++;
        else if (c === 9) cols += 4 - (cols % 4);
        else break;
        p++;
      }
      if (p >= end) break;
      const c = src.charCodeAt(p);
      if (c === 62 /* > */) {
        if (lead < 0) lead = cols;
        markers++;
        p++;
        cols++;
        continue;
      }
      let q: number;
      if (c === 45 || c === 42 || c === 43 /* - * + */) {
        q = p + 1;
      } else if (isDigit(c)) {
        q = p;
        while (q < end && q - p < 9 && isDigit(src.charCodeAt(q))) q++;
        const d = q < end ? src.charCodeAt(q) : 0;
        if (d !== 46 && d !== 41 /* . ) */) break;
        q++;
      } else {
        break;
      }
      const after = q < end ? src.charCodeAt(q) : -1;
      if (after === 32 || after === 9 || (after === -1 && hasNewline)) {
        if (lead < 0) lead = cols;
        markers++;
        cols += q - p;
        p = q;
        continue;
      }
      break;
    }
    cost += markers * MARKER_COST;

    // Fences (approximate: any indentation, after any container prefix).
    const first = p < end ? src.charCodeAt(p) : -1;
    if (first === 96 || first === 126 /* ` ~ */) {
      let r = p;
      while (r < end && src.charCodeAt(r) === first) r++;
      if (r - p >= 3) {
        if (!fenceChar) {
          fenceChar = first;
          fenceLen = r - p;
        } else if (first === fenceChar && r - p >= fenceLen && isBlank(src, r, end)) {
          fenceChar = 0;
        }
        runs = 0;
        emphasis = 0;
        i = end + 1;
        continue;
      }
    }
    if (fenceChar) {
      i = end + 1;
      continue;
    }

    const depth = markers + (markers > 0 ? lead >> 1 : 0);
    if (depth > L.maxDepth) return {hostile: true, cost};
    if (p >= end) {
      runs = 0;
      emphasis = 0;
      i = end + 1;
      continue;
    }
    if (markers > 0 || first === 35 /* # */ || first === 124 /* | */) {
      runs = 0;
      emphasis = 0;
    }

    let inCode = false;
    for (let k = p; k < end; ) {
      // Only these characters count; the native search skips the rest (an unbroken run of 10,000
      // letters, or a line of prose, costs one call instead of a loop that is still cold). `test`,
      // not `exec`: it allocates no match.
      if (special < k) {
        INLINE_SPECIAL.lastIndex = k;
        special = INLINE_SPECIAL.test(src) ? INLINE_SPECIAL.lastIndex - 1 : n;
      }
      if (special >= end) break;
      k = special;
      const c = src.charCodeAt(k);
      if (c === 92 /* \ */) {
        k += 2;
        continue;
      }
      if (c === 96) {
        while (k < end && src.charCodeAt(k) === 96) k++;
        inCode = !inCode;
        continue;
      }
      if (c === 124 /* | */) cost += PIPE_COST;
      if (!inCode && (c === 42 || c === 95 || c === 126)) {
        let r = k;
        while (r < end && isDelimiter(src.charCodeAt(r))) r++;
        runs++;
        cost += RUN_COST;
        if (r - k > L.maxDelimiterRun && !(k === p && isBlank(src, r, end))) return {hostile: true, cost};
        if (r < end || hasNewline) {
          const prev = k > i ? src.charCodeAt(k - 1) : 32;
          const next = r < end ? src.charCodeAt(r) : 32;
          const left = !isSpace(next) && (!isPunct(next) || isSpace(prev) || isPunct(prev));
          const right = !isSpace(prev) && (!isPunct(prev) || isSpace(next) || isPunct(next));
          if (left && !right) {
            if (++emphasis > L.maxEmphasisNesting) return {hostile: true, cost};
          } else if (right && !left && emphasis > 0) {
            emphasis--;
          }
        }
        k = r;
        continue;
      }
      k++;
    }
    if (runs > L.maxRunsPerParagraph) return {hostile: true, cost};
    i = end + 1;
  }
  return {hostile: false, cost};
}

// ---------------------------------------------------------------------------------------------
// Sanitising
// ---------------------------------------------------------------------------------------------

/** The post-pass and the widget's wrappers, on a fragment of either path. */
function finish(fragment: DocumentFragment, options: MarkdownOptions): DocumentFragment {
  enforce(fragment, options.imageHosts ?? []);
  decorate(fragment, options);
  return fragment;
}

/**
 * The widget's own markup around sanitised content, added after the sanitizer and the post-pass
 * (so it is trusted UI: the sanitizer strips `part`, `class` and `<button>` from backend HTML, and
 * nothing from the backend can pose as these wrappers):
 * - each table goes into `<div class="table-wrap" tabindex="0">`, which scrolls sideways when
 *   the table is wider than the bubble (focusable, like the code's `<pre tabindex="0">`, so that
 *   a keyboard can scroll it: axe's scrollable-region-focusable); a long one shows its first
 *   rows, and after the table `<button type="button" part="table-more" class="table-more">` that
 *   shows the rest (see {@link ROW_GROUP}; inert too, handled by `<chat-widget>`);
 * - each code block, `<pre>` holding only a `<code>` that holds only text (what a fence renders;
 *   so what a copy button copies is exactly the text shown), becomes
 *   `<div part="code-block" class="code-block"><div class="code-head"><span class="code-lang">…</span>
 *   <button type="button" part="code-copy" class="code-copy" aria-label="…">…</button></div><pre tabindex="0">…</pre></div>`.
 *   The button is inert: `<chat-widget>` handles clicks on `[part~="code-copy"]` by delegation
 *   (copying `closest('[part~="code-block"]').querySelector('code').textContent`).
 * Both wrappers are added wherever a table or code block is rendered (streaming tail, frozen
 * blocks, one-shot), so a streamed reply still equals its one-shot render and keeps its layout.
 */
function decorate(fragment: DocumentFragment, options: MarkdownOptions): void {
  const doc = fragment.ownerDocument;
  const copyLabel = options.codeCopyLabel || DEFAULT_CODE_COPY_LABEL;
  splitLongText(fragment);
  for (const table of Array.from(fragment.querySelectorAll('table'))) {
    const wrap = doc.createElement('div');
    wrap.className = 'table-wrap';
    wrap.tabIndex = 0;
    table.replaceWith(wrap);
    wrap.append(table);
    groupRows(table as HTMLTableElement, options);
  }
  for (const pre of Array.from(fragment.querySelectorAll('pre'))) {
    const code = pre.firstElementChild;
    if (!code || code.localName !== 'code' || code.childElementCount > 0) continue;
    if (Array.from(pre.childNodes).some((n) => n !== code && !(n instanceof Text && !/\S/.test(n.data)))) continue;
    const lang = /^language-(.+)$/.exec(code.getAttribute('class') ?? '')?.[1] ?? '';
    const block = doc.createElement('div');
    block.setAttribute('part', 'code-block');
    block.className = 'code-block';
    const head = doc.createElement('div');
    head.className = 'code-head';
    const name = doc.createElement('span');
    name.className = 'code-lang';
    name.textContent = lang;
    const copy = partButton(doc, 'code-copy');
    copy.setAttribute('aria-label', copyLabel);
    copy.textContent = copyLabel;
    head.append(name, copy);
    pre.tabIndex = 0;
    pre.replaceWith(block);
    block.append(head, pre);
  }
}

/**
 * Body rows per `<tbody>` of a long table, and the rows a long table shows until the visitor asks
 * for all. A long table's body is split into consecutive `<tbody>` groups of this many rows, which
 * look the same (the grid is drawn by the cells), and the groups after the first are hidden, with
 * a button at the table's foot that shows them ("Show all rows (1000)"; `<chat-widget>` handles
 * `[part~="table-more"]` by delegation and marks the wrapper `all`). Why: a browser lays a table
 * out as a whole, and a row that widens a column moves every cell, so thousands of rows streaming
 * in would block the page for tens of milliseconds a frame (1,000 rows: ~40 ms per such frame on
 * a small laptop core); rows out of the layout (`display: none`) cost nothing until shown. A table
 * this long is read by scrolling a page of it anyway; the visitor shows the rest in one click.
 */
export const ROW_GROUP = 200;

/** Splits a table's single long body into groups of {@link ROW_GROUP} rows, all but the first hidden. */
function groupRows(table: HTMLTableElement, options: MarkdownOptions): void {
  if (table.tBodies.length !== 1 || table.tBodies[0]!.rows.length <= ROW_GROUP) return;
  const rest: ChildNode[] = [];
  for (let node: ChildNode | null = table.tBodies[0]!.rows[ROW_GROUP]!; node; node = node.nextSibling) rest.push(node);
  appendRows(table, rest, options);
}

/**
 * @internal Appends body rows (each `<tr>` with the line break after it, as rendered) to the
 * table's last `<tbody>`, starting a new one after each {@link ROW_GROUP} rows: the groups a
 * render of the whole table has (and its "show all" button, see {@link foldRows}).
 */
export function appendRows(table: HTMLTableElement, nodes: readonly ChildNode[], options: MarkdownOptions): void {
  let body = table.tBodies[table.tBodies.length - 1];
  for (const node of nodes) {
    if (node.nodeName === 'TR' && (!body || body.rows.length >= ROW_GROUP)) body = table.createTBody();
    body!.append(node);
  }
  foldRows(table, options);
}

/**
 * @internal Hides a long table's groups after the first, and keeps the button that shows them
 * (with the count of body rows) in its wrapper, after the table; no button when every row shows.
 * Nothing is hidden once the visitor showed all (the wrapper has the class `all`).
 */
export function foldRows(table: HTMLTableElement, options: MarkdownOptions): void {
  const wrap = table.parentElement;
  if (!wrap || wrap.classList.contains('all')) return;
  const bodies = table.tBodies;
  for (let i = 1; i < bodies.length; i++) if (!bodies[i]!.hidden) bodies[i]!.hidden = true;
  let more = wrap.querySelector<HTMLButtonElement>(':scope > .table-more');
  if (bodies.length < 2) return more?.remove();
  if (!more) wrap.append((more = partButton(table.ownerDocument, 'table-more')));
  more.textContent = `${options.tableMoreLabel || DEFAULT_TABLE_MORE_LABEL} (${bodyRowCount(table)})`;
}

/** @internal The rows of a table's bodies (all its groups), the header's left out. */
export function bodyRowCount(table: HTMLTableElement): number {
  return table.rows.length - (table.tHead?.rows.length ?? 0);
}

/** `<button type="button" part="NAME" class="NAME">`: one of the widget's buttons in a reply. */
function partButton(doc: Document, name: string): HTMLButtonElement {
  const button = doc.createElement('button');
  button.type = 'button';
  button.setAttribute('part', name);
  button.className = name;
  return button;
}

/** Long text nodes outside `<pre>` become runs ({@link appendText}). */
function splitLongText(fragment: DocumentFragment): void {
  const walker = fragment.ownerDocument.createTreeWalker(fragment, NodeFilter.SHOW_TEXT);
  const long: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if ((node as Text).length > RUN_CHARS && !node.parentElement?.closest('pre')) long.push(node as Text);
  }
  for (const text of long) {
    const holder = fragment.ownerDocument.createDocumentFragment();
    appendText(holder, text.data);
    text.replaceWith(holder);
  }
}

/**
 * The post-pass, on the still-inert fragment (its images have not started loading): URL schemes,
 * link targets, the image allowlist, class names. Runs after DOMPurify, so it is a second line of
 * defence for URLs and event handlers rather than the only one.
 */
function enforce(fragment: DocumentFragment, imageHosts: readonly string[]): void {
  for (const el of Array.from(fragment.querySelectorAll('*'))) {
    if (!el.hasAttributes() && el.localName !== 'a' && el.localName !== 'img') continue;
    for (const {name} of Array.from(el.attributes)) {
      const lower = name.toLowerCase();
      if (lower.startsWith('on') || lower.includes(':')) el.removeAttribute(name);
    }
    const tag = el.localName;
    const href = el.getAttribute('href');
    if (href !== null && (tag !== 'a' || !isSafeHref(href))) el.removeAttribute('href');
    if (tag !== 'img') el.removeAttribute('src');
    const cls = el.getAttribute('class');
    if (cls !== null && !(tag === 'code' && /^language-[\w#+.-]{1,40}$/.test(cls))) el.removeAttribute('class');

    if (tag === 'a') {
      el.setAttribute('target', '_blank');
      el.setAttribute('rel', 'noopener noreferrer');
    } else if (tag === 'img') {
      const src = el.getAttribute('src');
      if (src !== null && isAllowedImage(src, imageHosts)) {
        el.setAttribute('loading', 'lazy');
        el.setAttribute('referrerpolicy', 'no-referrer');
      } else {
        // A blocked image shows its alt text (CONTRACT §6).
        const alt = el.getAttribute('alt') ?? '';
        if (alt.trim()) {
          const span = el.ownerDocument.createElement('span');
          span.className = 'blocked-image';
          span.textContent = alt;
          el.replaceWith(span);
        } else {
          el.remove();
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Character classes for the analysis
// ---------------------------------------------------------------------------------------------

/** What the inline scan of {@link analyzeMarkdown} looks at: escapes, code spans, pipes, delimiters. */
const INLINE_SPECIAL = /[\\`|*_~]/g;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isDelimiter(c: number): boolean {
  return c === 42 || c === 95 || c === 126;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 11 || c === 12 || c === 13 || c === 0xa0;
}

function isPunct(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

function isBlank(src: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = src.charCodeAt(k);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}
