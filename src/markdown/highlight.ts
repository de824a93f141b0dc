/**
 * Syntax highlighting of finished code blocks.
 *
 * - The highlighter (`./highlighter.ts`, @speed-highlight/core) is a separate chunk, imported
 *   only when a reply shows a code block in a language it knows: {@link preloadHighlighter} as
 *   soon as such a fence starts streaming, so it is ready when the block is done.
 * - Only FINISHED blocks are highlighted ({@link highlightCode}: a block frozen while the reply
 *   streams, or any block once the reply is complete). The streaming tail stays plain text, as
 *   cheap as before.
 * - The chunk builds the DOM from tokens with `textContent` (`<span class="hl-…">`, in one
 *   `<span class="hl-seg">` per segment): no HTML string, no `style` attribute (the colors are
 *   CSS classes in the widget's styles), nothing for the sanitizer or Trusted Types to see. The
 *   code's text is unchanged (copying gives the same text).
 * - No long task: a block is highlighted a segment at a time (about 1 KB of whole lines, see
 *   `nextSegment` in `./highlighter.ts`; lines too long for regular-expression grammars stay
 *   plain), at most {@link FRAME_CHARS} per frame, sharing the slice of each frame with finished
 *   markdown renders (`./slice.ts`).
 *
 * SSR: importing this module touches no browser global; nothing loads until a code block does.
 */
import {sliceOpen} from './slice.js';
import type {Job} from './highlighter.js';

/**
 * Characters highlighted per frame (or timer task), all blocks together. Much of the cost of a
 * step is not the tokenizer but what the browser does with the new elements after it (style,
 * layout and paint of about one element per 3 characters): on a loaded 2-core machine, a frame
 * that highlights 2 KB of JavaScript takes about 15–20 ms in all.
 */
export const FRAME_CHARS = 2048;

/**
 * Fence languages (lowercase) → grammar of @speed-highlight/core. Close relatives share a grammar
 * where their comments, strings, numbers and calls are written alike (C++ and Objective-C use
 * C's, C#, Kotlin, Scala, Swift, Dart and Groovy use Java's). Anything else stays plain.
 */
const GRAMMARS: Record<string, string> = {};
for (const [grammar, names] of Object.entries({
  js: 'js javascript jsx mjs cjs node',
  ts: 'ts typescript tsx mts cts',
  py: 'py python python3 py3 gyp',
  bash: 'bash sh shell zsh ksh console shellsession',
  c: 'c h cpp c++ cc cxx hpp hxx objc objective-c arduino',
  java: 'java cs csharp c# kotlin kt kts scala groovy gradle dart swift',
  go: 'go golang',
  rs: 'rs rust',
  json: 'json jsonc json5 geojson webmanifest',
  yaml: 'yaml yml',
  toml: 'toml',
  ini: 'ini cfg conf properties editorconfig env dotenv',
  html: 'html htm xhtml vue svelte',
  xml: 'xml svg plist xsd xsl xslt rss atom',
  css: 'css scss less',
  sql: 'sql mysql postgres postgresql psql pgsql sqlite plsql tsql',
  md: 'md markdown mdx',
  diff: 'diff patch udiff',
  docker: 'docker dockerfile containerfile',
  make: 'make makefile mk mak',
  lua: 'lua luau',
  pl: 'pl perl pm',
  http: 'http https',
  asm: 'asm assembly nasm x86asm',
  csv: 'csv',
  log: 'log',
  git: 'git gitcommit',
  uri: 'uri url',
})) {
  for (const name of names.split(' ')) GRAMMARS[name] = grammar;
}

/** The grammar for a `<code>` element's `language-…` class, or null when there is none. */
export function grammarFor(code: Element): string | null {
  const match = /(?:^|\s)language-(\S+)/.exec(code.getAttribute('class') ?? '');
  return (match && GRAMMARS[match[1]!.toLowerCase()]) || null;
}

type Step = (job: Job) => number;

let loading: Promise<Step> | undefined;
let step: Step | undefined;

/**
 * Starts loading the highlighter (once; later calls return the same promise). A failed load
 * (offline, a host that does not serve the chunk) leaves code blocks plain and may be retried by
 * a later code block.
 */
export function preloadHighlighter(): Promise<Step> {
  loading ??= import('./highlighter.js').then(
    (mod) => (step = mod.step),
    (err: unknown) => {
      loading = undefined;
      throw err;
    },
  );
  return loading;
}

/** Whether {@link preloadHighlighter} was called (and did not fail). */
export function highlighterRequested(): boolean {
  return loading !== undefined;
}

const queue: Job[] = [];
/** Code elements already queued or done (a block is highlighted once). */
const seen = new WeakSet<Element>();
let frame = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

/**
 * Highlights a finished `<code>` element (of a code block) in the coming frames, if its language
 * has a grammar. Only call it for code whose text will not change: the job stops if the element
 * is detached or its text is touched meanwhile.
 */
export function highlightCode(code: HTMLElement): void {
  if (seen.has(code)) return;
  const grammar = grammarFor(code);
  if (!grammar) return;
  seen.add(code);
  queue.push({code, grammar});
  preloadHighlighter().then(schedule, () => {
    // Not available: the blocks stay plain (the element may retry with a later block).
    for (const job of queue.splice(0)) seen.delete(job.code);
  });
}

/** Resolves once every queued block is done (tests). */
export function highlightIdle(): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (queue.length === 0 ? resolve() : setTimeout(check, 10));
    check();
  });
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
  while (step && queue.length > 0 && chars < FRAME_CHARS && sliceOpen(key)) {
    const job = queue[0]!;
    chars += step(job);
    if (!job.rest) queue.shift();
  }
  schedule();
}
