/**
 * The syntax highlighter: a chunk of its own, loaded by `./highlight.ts` with a dynamic `import()`
 * only when a reply shows a code block in a language it knows (never at startup, never on a
 * server). It holds @speed-highlight/core (its tokenizer and grammars: plain regular expressions,
 * no `eval`, no `new Function`, nothing injected into the page), everything that turns a block
 * into highlighted DOM, one segment per step, and the queue of blocks that runs those steps a
 * frame at a time ({@link enqueue}). The tokens become text nodes and
 * `<span class="hl-…">` elements made with `textContent`: no HTML string is parsed, so nothing
 * here needs a Trusted Types policy or the sanitizer, and the code's text does not change.
 */
import {tokenizeWith, type ShjLanguageData} from '@speed-highlight/core/tokenize';
import * as grammars from '@speed-highlight/core/languages';
import {highlightStyles} from '../styles/highlight.styles.js';
import {sliceOpen} from './slice.js';
import {addStyles} from '../render/add-styles.js';

const languages = grammars as unknown as Record<string, ShjLanguageData>;

/** Target size of one highlighting step, in characters (a segment ends at a line end). */
export const SEGMENT_CHARS = 1024;
/**
 * Lines longer than this are never highlighted (they stay plain text). Regular-expression
 * grammars can take time quadratic in the length of a line on hostile input (a 2,000-character
 * word: 60–300 ms in some grammars); with this cap, the worst segment measured stays far under a
 * long task.
 */
export const MAX_LINE_CHARS = 320;

/** Token types of @speed-highlight/core; each is the class `hl-<type>` in ../styles/highlight.styles.ts. */
const TOKEN_TYPES = new Set<string>([
  'deleted', 'err', 'var', 'section', 'kwd', 'class', 'cmnt', 'insert', 'type', 'func', 'bool', 'num', 'oper', 'str', 'esc',
]);

/** One code block being highlighted: the plain text still to do is the last text in `code`. */
export interface Job {
  code: HTMLElement;
  /** A key of @speed-highlight/core's grammars. */
  grammar: string;
  /** The plain text still to do: undefined before the first step, null when done. */
  rest?: Text | null;
}

/**
 * Highlights the next segment of `job` and returns its length (0 for a segment left plain);
 * `job.rest` is null once the job is over (done, or given up: the block was detached or changed).
 *
 * Each segment becomes a `<span class="hl-seg">`, a block (`display: block` in the styles; it
 * ends with its last line's newline, so it shows the same lines): the browser lays out a new
 * segment without laying out the ones before it again. Spans inserted into one inline run made
 * every frame lay out the whole block (about 60 ms for 500 lines on a 2-core machine).
 */
export function step(job: Job): number {
  const {code} = job;
  if (job.rest === undefined) adoptStyles(code);
  job.rest ??= start(code);
  const rest = job.rest;
  if (!rest || !code.isConnected || rest.parentNode !== code || !onlyCursorAfter(rest)) {
    job.rest = null;
    return 0;
  }
  const text = rest.data;
  const {end, plain} = nextSegment(text);
  job.rest = end < text.length ? rest.splitText(end) : null;
  if (plain) return 0;
  const doc = code.ownerDocument;
  const segment = doc.createElement('span');
  segment.className = 'hl-seg';
  segment.append(render(rest.data, job.grammar, doc));
  rest.replaceWith(segment);
  return end;
}

/**
 * The text node of a block about to be highlighted; null unless it is plain text, as rendered
 * (the typing cursor may follow it: while a reply streams, a frozen block can be the last text
 * shown, and the cursor is appended to it).
 */
function start(code: HTMLElement): Text | null {
  code.normalize();
  const first = code.firstChild;
  return first instanceof Text && onlyCursorAfter(first) ? first : null;
}

function onlyCursorAfter(node: Node): boolean {
  for (let next = node.nextSibling; next; next = next.nextSibling) {
    if (!(next instanceof Element && next.getAttribute('part') === 'cursor')) return false;
  }
  return true;
}

/** The tokens of `src` as text nodes and `<span class="hl-…">` elements (adjacent tokens of a type merged). */
function render(src: string, grammar: string, doc: Document): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  let pendingText = '';
  let pendingType: string | undefined;
  const flush = () => {
    if (!pendingText) return;
    if (pendingType) {
      const span = doc.createElement('span');
      span.className = `hl-${pendingType}`;
      span.textContent = pendingText;
      fragment.append(span);
    } else {
      fragment.append(doc.createTextNode(pendingText));
    }
    pendingText = '';
  };
  const language = languages[grammar];
  const onToken = (text: string, type?: string) => {
    if (!text) return;
    const cls = type && TOKEN_TYPES.has(type) ? type : undefined;
    if (cls !== pendingType) {
      flush();
      pendingType = cls;
    }
    pendingText += text;
  };
  // The tokenizer never throws: if a grammar fails, it emits the rest as plain text.
  if (language) tokenizeWith(src, language, onToken, {languages});
  else onToken(src);
  flush();
  return fragment;
}

/**
 * Where the next step ends in `text` (the plain text still to do), and whether that part stays
 * plain (a run of lines longer than {@link MAX_LINE_CHARS}). A highlighted segment is whole lines
 * of at least {@link SEGMENT_CHARS} characters when there are that many, ending before an
 * unindented line that follows a blank line if one comes within another {@link SEGMENT_CHARS}
 * (else after a blank line, else at the line end reached), so multi-line comments and strings
 * are rarely cut; it never holds a long line.
 */
export function nextSegment(text: string): {end: number; plain: boolean} {
  let start = 0;
  let lineEnd = lineEndAt(text, 0);
  if (lineEnd - start > MAX_LINE_CHARS) {
    while (start < text.length && lineEnd - start > MAX_LINE_CHARS) {
      start = Math.min(text.length, lineEnd + 1);
      lineEnd = lineEndAt(text, start);
    }
    return {end: start, plain: true};
  }
  let afterBlank = -1;
  let prevBlank = false;
  for (;;) {
    const next = Math.min(text.length, lineEnd + 1); // start of the following line
    const blank = !/\S/.test(text.slice(start, lineEnd));
    if (start > 0 && prevBlank && !blank && start >= SEGMENT_CHARS) {
      if (!/^[ \t]/.test(text.slice(start, start + 1))) return {end: start, plain: false};
      if (afterBlank < 0) afterBlank = start;
    }
    if (next >= text.length) return {end: text.length, plain: false};
    const nextEnd = lineEndAt(text, next);
    if (nextEnd - next > MAX_LINE_CHARS) return {end: next, plain: false};
    if (next >= 2 * SEGMENT_CHARS) return {end: afterBlank > 0 ? afterBlank : next, plain: false};
    prevBlank = blank;
    start = next;
    lineEnd = nextEnd;
  }
}

function lineEndAt(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
}

/** Adds the highlighter's styles to the shadow root `code` is in (once per root), after the others. */
function adoptStyles(code: Element): void {
  const root = code.getRootNode();
  if (root instanceof ShadowRoot) addStyles(root, highlightStyles);
}

/**
 * Characters highlighted per frame (or timer task), all blocks together. Much of the cost of a
 * step is not the tokenizer but what the browser does with the new elements after it (style,
 * layout and paint of about one element per 3 characters): on a loaded 2-core machine, a frame
 * that highlights 2 KB of JavaScript takes about 15–20 ms in all.
 */
export const FRAME_CHARS = 2048;

const queue: Job[] = [];
let frame = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

/** Highlights these blocks in the coming frames, after those already queued. */
export function enqueue(jobs: readonly Job[]): void {
  queue.push(...jobs);
  schedule();
}

/** True when no block is queued. */
export function idle(): boolean {
  return queue.length === 0;
}

function schedule(): void {
  if (frame || timer !== undefined || queue.length === 0) return;
  if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(run);
  // A hidden tab may not run frames: a timer, which is a task and a slice of its own, then does.
  timer = setTimeout(() => run({}), 50);
}

function run(key: unknown): void {
  if (frame) cancelAnimationFrame(frame);
  if (timer !== undefined) clearTimeout(timer);
  frame = 0;
  timer = undefined;
  let chars = 0;
  while (queue.length > 0 && chars < FRAME_CHARS && sliceOpen(key)) {
    const job = queue[0]!;
    chars += step(job);
    if (!job.rest) queue.shift();
  }
  schedule();
}
