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
 *   plain), at most `FRAME_CHARS` per frame, sharing the slice of each frame with finished
 *   markdown renders (`./slice.ts`). The queue and its frames are the chunk's (`enqueue`): this
 *   module only picks the blocks and loads it.
 *
 * SSR: importing this module touches no browser global; nothing loads until a code block does.
 */
import type {Job} from './highlighter.js';

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

type Highlighter = typeof import('./highlighter.js');

let loading: Promise<Highlighter> | undefined;
let highlighter: Highlighter | undefined;

/**
 * Starts loading the highlighter (once; later calls return the same promise). A failed load
 * (offline, a host that does not serve the chunk) leaves code blocks plain and may be retried by
 * a later code block.
 */
export function preloadHighlighter(): Promise<Highlighter> {
  loading ??= import('./highlighter.js').then(
    (mod) => (highlighter = mod),
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

/** Blocks waiting for the highlighter to load. */
const pending: Job[] = [];
/** Code elements already queued or done (a block is highlighted once). */
const seen = new WeakSet<Element>();

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
  pending.push({code, grammar});
  preloadHighlighter().then(
    (mod) => mod.enqueue(pending.splice(0)),
    () => {
      // Not available: the blocks stay plain (the element may retry with a later block).
      for (const job of pending.splice(0)) seen.delete(job.code);
    },
  );
}

/** Resolves once every queued block is done (tests). */
export function highlightIdle(): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (pending.length === 0 && (highlighter?.idle() ?? true) ? resolve() : setTimeout(check, 10));
    check();
  });
}
