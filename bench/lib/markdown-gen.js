// Seeded, realistic markdown for the benchmark stream, and the tokenizer that
// cuts it into ~4-character tokens the way an LLM tokenizer would.
//
// The same seed always gives the same text, so every run (and the widget and
// the baseline page) gets the same token sequence. `tokensFor(n)` is a prefix
// of `tokensFor(m)` for n < m.
import {prng} from '../../scripts/prng.js';

export const WORDS = (
  'the a an of to in for with on by from as at that this these those it its is are was be can will should may ' +
  'stream streaming token tokens render renderer rendering incremental markdown parser paragraph heading list item ' +
  'table column row cell code block fence language widget component element shadow root style layout paint frame ' +
  'browser main thread task budget latency throughput socket message chunk reply assistant user session brand ' +
  'product laptop price feature battery display memory storage processor keyboard warranty shipping order ' +
  'customer support request response server client network connection retry backoff timeout error handler ' +
  'state store reducer action event listener callback promise async await function value object array string ' +
  'number boolean default option setting configuration attribute property method interface type module bundle ' +
  'performance memory allocation garbage collection benchmark baseline median percentile growth linear quadratic ' +
  'simple fast small large careful quick reliable robust secure sanitized escaped safe clear readable useful'
).split(' ');

const LANGS = ['js', 'js', 'js', 'ts'];
const IDENTS = ['value', 'result', 'items', 'node', 'parser', 'stream', 'chunk', 'buffer', 'config', 'state', 'index', 'count', 'offset', 'token', 'queue'];
const FUNCS = ['render', 'parse', 'append', 'flush', 'update', 'measure', 'connect', 'format', 'split', 'schedule', 'dispatch', 'sanitize'];
const PATHS = ['docs', 'guide', 'api', 'blog/streaming', 'reference/widget', 'faq', 'pricing', 'support/contact', 'changelog'];

/** The seeded generator of prose and markdown blocks (also the base of `./code-gen.js`). */
export class Gen {
  constructor(seed) {
    this.r = prng(seed);
  }
  int(lo, hi) {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  pick(arr) {
    return arr[Math.floor(this.r() * arr.length)];
  }
  chance(p) {
    return this.r() < p;
  }
  words(lo, hi) {
    const out = [];
    for (let i = this.int(lo, hi); i > 0; i--) out.push(this.pick(WORDS));
    return out.join(' ');
  }
  title(lo = 2, hi = 5) {
    return this.words(lo, hi).replace(/(^|\s)\S/g, (c) => c.toUpperCase());
  }
  inline() {
    switch (this.int(0, 5)) {
      case 0:
        return `**${this.words(1, 3)}**`;
      case 1:
        return `*${this.words(1, 3)}*`;
      case 2:
        return `\`${this.pick(FUNCS)}(${this.pick(IDENTS)})\``;
      case 3:
        return `[${this.words(1, 4)}](https://example.com/${this.pick(PATHS)})`;
      case 4:
        return `\`${this.pick(IDENTS)}\``;
      default:
        return `***${this.words(1, 2)}***`;
    }
  }
  sentence() {
    const parts = [];
    for (let i = this.int(5, 16); i > 0; i--) {
      parts.push(this.chance(0.1) ? this.inline() : this.pick(WORDS));
    }
    let s = parts.join(' ');
    if (this.chance(0.15)) s += `, ${this.words(2, 6)}`;
    s = s.charAt(0).toUpperCase() + s.slice(1);
    return s + this.pick(['.', '.', '.', '.', '!', '?', ':']).replace(':', '.');
  }
  paragraph() {
    const s = [];
    for (let i = this.int(2, 5); i > 0; i--) s.push(this.sentence());
    return s.join(' ');
  }
  list(ordered, depth = 0) {
    const indent = '   '.repeat(depth);
    const lines = [];
    const n = this.int(2, depth ? 3 : 6);
    const bullet = this.pick(['-', '-', '*']);
    for (let i = 1; i <= n; i++) {
      const marker = ordered ? `${i}.` : bullet;
      lines.push(`${indent}${marker} ${this.sentence()}`);
      if (depth < 2 && this.chance(depth ? 0.1 : 0.25)) lines.push(this.list(this.chance(0.3), depth + 1));
    }
    return lines.join('\n');
  }
  codeLine(indent) {
    const pad = '  '.repeat(indent);
    switch (this.int(0, 6)) {
      case 0:
        return `${pad}const ${this.pick(IDENTS)} = ${this.pick(FUNCS)}(${this.pick(IDENTS)}, ${this.int(0, 512)});`;
      case 1:
        return `${pad}// ${this.words(3, 8)}`;
      case 2:
        return `${pad}${this.pick(IDENTS)}.${this.pick(FUNCS)}(${this.pick(IDENTS)} => ${this.pick(IDENTS)} * ${this.int(2, 9)});`;
      case 3:
        return `${pad}let ${this.pick(IDENTS)} = ['${this.pick(WORDS)}', '${this.pick(WORDS)}'];`;
      case 4:
        return `${pad}await ${this.pick(IDENTS)}.${this.pick(FUNCS)}({ ${this.pick(IDENTS)}: ${this.int(0, 99)} });`;
      case 5:
        return `${pad}${this.pick(IDENTS)} += ${this.pick(IDENTS)}.length < ${this.int(1, 64)} ? 1 : 0;`;
      default:
        return `${pad}return ${this.pick(IDENTS)} && ${this.pick(FUNCS)}(${this.pick(IDENTS)});`;
    }
  }
  code() {
    const lang = this.pick(LANGS);
    const lines = [`\`\`\`${lang}`];
    lines.push(`function ${this.pick(FUNCS)}${this.title(1, 1).replace(/\s/g, '')}(${this.pick(IDENTS)}, ${this.pick(IDENTS)}) {`);
    for (let i = this.int(3, 12); i > 0; i--) {
      if (this.chance(0.15)) {
        lines.push(`  if (${this.pick(IDENTS)} > ${this.int(0, 100)}) {`);
        lines.push(this.codeLine(2));
        lines.push('  }');
      } else {
        lines.push(this.codeLine(1));
      }
    }
    lines.push('}', '```');
    return lines.join('\n');
  }
  table() {
    const cols = this.int(3, 4);
    const head = [];
    for (let c = 0; c < cols; c++) head.push(this.title(1, 2));
    const rows = [`| ${head.join(' | ')} |`, `|${head.map((_, c) => (c === cols - 1 && this.chance(0.5) ? '---:' : '---')).join('|')}|`];
    for (let r = this.int(3, 7); r > 0; r--) {
      const cells = [];
      for (let c = 0; c < cols; c++) {
        cells.push(c === cols - 1 ? `${this.int(1, 999)}.${this.int(10, 99)}` : this.chance(0.15) ? this.inline() : this.words(1, 3));
      }
      rows.push(`| ${cells.join(' | ')} |`);
    }
    return rows.join('\n');
  }
  quote() {
    const lines = [`> ${this.sentence()} ${this.sentence()}`];
    if (this.chance(0.4)) lines.push('>', `> ${this.sentence()}`);
    return lines.join('\n');
  }
  section(index) {
    const blocks = [`${'#'.repeat(this.pick([2, 2, 3]))} ${this.title()}`, this.paragraph()];
    for (let i = this.int(2, 5); i > 0; i--) {
      const k = this.int(0, 9);
      if (k <= 2) blocks.push(this.paragraph());
      else if (k <= 4) blocks.push(this.list(false));
      else if (k === 5) blocks.push(this.list(true));
      else if (k <= 7) blocks.push(this.code());
      else if (k === 8) blocks.push(this.quote());
      else blocks.push(`${this.paragraph()}\n\n---`);
    }
    // A table every third section.
    if (index % 3 === 2) blocks.push(this.table(), this.paragraph());
    return blocks.join('\n\n');
  }
  document() {
    const blocks = [`# ${this.title(3, 6)}`, this.paragraph()];
    for (let i = 0, n = this.int(4, 7); i < n; i++) blocks.push(this.section(i));
    return blocks.join('\n\n');
  }
}

/** Splits text into tokens of one to four non-space characters with the whitespace before them. */
export function tokenize(text) {
  return text.match(/\s*\S{1,4}|\s+/g) ?? [];
}

export const DEFAULT_SEED = 20240601;

/**
 * `(n, seed) => exactly n tokens` of documents made by `makeDocument(seed)` with successive seeds,
 * joined by blank lines (cached per seed).
 * @param {(seed: number) => string} makeDocument
 */
export function seededTokens(makeDocument) {
  const cache = new Map();
  return (n, seed = DEFAULT_SEED) => {
    let entry = cache.get(seed);
    if (!entry || entry.tokens.length < n) {
      let text = entry?.text ?? '';
      let docs = entry?.docs ?? 0;
      let tokens = entry?.tokens ?? [];
      while (tokens.length < n) {
        text += (text ? '\n\n' : '') + makeDocument(seed + docs * 7919);
        docs++;
        tokens = tokenize(text);
      }
      entry = {text, docs, tokens};
      cache.set(seed, entry);
    }
    return entry.tokens.slice(0, n);
  };
}

/** Exactly `n` tokens of seeded markdown (documents with successive seeds, joined by blank lines). */
export const tokensFor = seededTokens((seed) => new Gen(seed).document());

// `node bench/lib/markdown-gen.js 300` prints a sample.
if (typeof process !== 'undefined' && import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 400);
  const toks = tokensFor(n);
  process.stdout.write(toks.join('') + '\n');
  const chars = toks.join('').length;
  process.stderr.write(`\n${toks.length} tokens, ${chars} chars, ${(chars / toks.length).toFixed(2)} chars/token\n`);
}
