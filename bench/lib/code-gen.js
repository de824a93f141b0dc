// A seeded, code-heavy answer for the benchmark's `code …` cases: prose, one wide
// table, and long fenced blocks (100–500 lines) in languages the widget's highlighter
// knows (Python, shell, JSON, TypeScript, SQL, CSS, HTML, JavaScript), one block in a
// language it does not know (Ruby: stays plain, the control), and a few lines longer
// than the highlighter's 320-character limit (they stay plain inside their block).
//
// Same contract as `./markdown-gen.js`: the same seed gives the same text, cut into
// the same ~4-character tokens, and `codeTokensFor(n)` is a prefix of `codeTokensFor(m)`
// for n < m. The first 4,000 tokens hold the Python, Ruby and shell blocks, the table
// and part of the JSON block, so the paced case has finished blocks of three languages,
// the control and a block still open when the reply ends.
import {Gen, seededTokens} from './markdown-gen.js';

/** Fence languages of the answer that the widget highlights (its grammar table maps each). */
export const HIGHLIGHTED_LANGS = ['python', 'bash', 'json', 'ts', 'sql', 'css', 'html', 'js'];
/** The control: a fence language without a grammar, so its block must stay plain. */
export const PLAIN_LANG = 'ruby';
/** Lines longer than this stay plain (`MAX_LINE_CHARS` in src/markdown/highlighter.ts). */
export const MAX_HIGHLIGHTED_LINE = 320;

const NOUNS = ['user', 'order', 'item', 'cart', 'session', 'token', 'message', 'stream', 'chunk', 'price', 'product', 'invoice', 'account', 'event', 'queue', 'report', 'cache', 'job'];
const VERBS = ['load', 'save', 'fetch', 'parse', 'render', 'update', 'delete', 'create', 'validate', 'format', 'merge', 'split', 'flush', 'retry', 'schedule', 'resolve'];
const TYPES_TS = ['string', 'number', 'boolean', 'Date', 'unknown', 'string[]', 'number[]', 'Record<string, number>', 'Map<string, Item>', 'Promise<void>'];
const CSS_PROPS = [
  ['display', ['flex', 'grid', 'block', 'inline-flex', 'none']],
  ['margin', ['0', '0 auto', '8px 16px', '1rem 0']],
  ['padding', ['4px 8px', '12px', '0.5rem 1rem', '0']],
  ['color', ['#1f2937', 'var(--fg)', 'rgb(17 24 39)', 'currentColor', '#b91c1c']],
  ['background', ['#fff', 'var(--bg)', 'linear-gradient(90deg, #eef 0%, #fff 100%)', 'transparent']],
  ['border', ['1px solid #d0d5dc', 'none', '2px dashed var(--accent)']],
  ['border-radius', ['4px', '8px', '50%', '0.75rem']],
  ['font', ['14px/1.4 system-ui, sans-serif', 'italic 600 1rem Georgia, serif']],
  ['gap', ['4px', '0.5rem', '1rem 2rem']],
  ['transition', ['opacity 0.2s ease-in-out', 'transform 150ms cubic-bezier(0.4, 0, 0.2, 1)']],
  ['grid-template-columns', ['repeat(3, minmax(0, 1fr))', '200px 1fr', 'repeat(auto-fill, minmax(12rem, 1fr))']],
  ['box-shadow', ['0 1px 2px rgb(0 0 0 / 0.08)', 'inset 0 0 0 1px #e5e7eb']],
];
const HTML_TAGS = ['div', 'section', 'article', 'span', 'p', 'ul', 'li', 'button', 'a', 'label', 'nav', 'header', 'footer'];
const SQL_COLS = ['id', 'user_id', 'order_id', 'created_at', 'updated_at', 'status', 'total_cents', 'currency', 'email', 'name', 'quantity', 'sku'];

const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);

class CodeGen extends Gen {
  noun() {
    return this.pick(NOUNS);
  }
  camel() {
    return `${this.pick(VERBS)}${cap(this.noun())}`;
  }
  snake() {
    return `${this.pick(VERBS)}_${this.noun()}`;
  }
  pascal() {
    return `${cap(this.noun())}${this.pick(['Store', 'Service', 'Client', 'Parser', 'Queue', 'View', 'Model'])}`;
  }
  /** Lines from `unit()` (each call returns a few lines) until `count` lines. */
  lines(count, unit) {
    const out = [];
    while (out.length < count) out.push(...unit(out.length));
    return out.slice(0, count);
  }
  /** A list of `n` generated items joined into one line, for the over-long lines. */
  longList(n, item) {
    const out = [];
    for (let i = 0; i < n; i++) out.push(item(i));
    return out.join(', ');
  }

  python(count) {
    const head = ['import asyncio', 'import json', 'from dataclasses import dataclass, field', 'from typing import Any, Iterable, Optional', ''];
    return this.lines(count, (i) => {
      if (i === 0) return head;
      if (this.chance(0.35)) {
        const cls = this.pascal();
        const lines = ['', '@dataclass', `class ${cls}:`, `    """${cap(this.words(4, 9))}."""`, ''];
        for (let k = this.int(2, 4); k > 0; k--) lines.push(`    ${this.noun()}_${this.noun()}: ${this.pick(['int', 'str', 'float', 'bool', 'Optional[str]', 'list[int]'])} = ${this.pick(['0', "''", 'None', 'False', '1.5'])}`);
        lines.push(`    tags: list[str] = field(default_factory=list)`, '');
        lines.push(`    def ${this.snake()}(self, ${this.noun()}: Iterable[Any], *, limit: int = ${this.int(1, 100)}) -> dict[str, Any]:`);
        lines.push(`        result = {k: v for k, v in enumerate(${this.noun()}) if k < limit}`);
        lines.push(`        if not result:  # ${this.words(2, 6)}`, `            raise ValueError(f"no {${this.noun()}!r} for {self.tags}")`, `        return result`);
        return lines;
      }
      const fn = this.snake();
      const lines = ['', `async def ${fn}(${this.noun()}_id: int, retries: int = ${this.int(1, 5)}) -> Optional[dict]:`, `    """${cap(this.words(5, 10))}."""`];
      lines.push(`    for attempt in range(retries):`, `        try:`);
      lines.push(`            data = await client.get(f"/api/${this.noun()}s/{${this.noun()}_id}", timeout=${this.int(1, 30)}.0)`);
      lines.push(`            return json.loads(data) if data else None`, `        except (TimeoutError, ConnectionError) as err:`);
      lines.push(`            await asyncio.sleep(0.${this.int(1, 9)} * 2 ** attempt)  # backoff`, `            last = err`, `    raise RuntimeError("${this.words(2, 5)}") from last`);
      return lines;
    });
  }

  ruby(count) {
    return this.lines(count, (i) => {
      if (i === 0) return ["require 'json'", "require 'net/http'", ''];
      const lines = [`class ${this.pascal()} < Base`, `  attr_reader :${this.noun()}, :${this.noun()}`, ''];
      for (let k = this.int(1, 3); k > 0; k--) {
        lines.push(`  def ${this.snake()}(${this.noun()}, opts = {})`);
        lines.push(`    @${this.noun()} ||= opts.fetch(:${this.noun()}, ${this.int(0, 99)})`);
        lines.push(`    ${this.noun()}s.each_with_index.map { |x, i| x * i + ${this.int(1, 9)} }.select(&:positive?)`);
        lines.push(`    raise ArgumentError, "${this.words(2, 5)}" unless ${this.noun()}.respond_to?(:each)`, '  end', '');
      }
      lines.push('end', '');
      return lines;
    });
  }

  bash(count) {
    const longCmd =
      `curl --fail --silent --show-error --retry 5 --retry-delay 2 --max-time 60 ` +
      this.longList(14, (i) => `-H "X-${cap(this.noun())}-${i}: ${this.noun()}-${this.int(1000, 9999)}"`) +
      ` --data-binary @payload.json "https://api.example.com/v2/${this.noun()}s/export?format=ndjson&since=2024-01-01"`;
    let longDone = false;
    return this.lines(count, (i) => {
      if (i === 0) return ['#!/usr/bin/env bash', 'set -euo pipefail', 'IFS=$\'\\n\\t\'', '', `readonly ROOT="$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)"`, ''];
      if (!longDone && i > count / 2) {
        longDone = true;
        return ['# the export: one long command line', longCmd, ''];
      }
      const fn = this.snake();
      return [
        `${fn}() {`,
        `  local ${this.noun()}="\${1:-${this.noun()}}" count=0`,
        `  for f in "$ROOT"/${this.noun()}s/*.json; do`,
        `    if [[ -s "$f" && "$f" != *.tmp.json ]]; then`,
        `      jq -r '.${this.noun()}s[] | select(.${this.noun()} > ${this.int(1, 99)}) | .id' "$f" | sort -u >> "$TMP/${this.noun()}.txt"`,
        `      count=$((count + 1))`,
        '    fi',
        '  done',
        `  echo "${fn}: \${count} file(s)" >&2`,
        '}',
        '',
      ];
    });
  }

  jsonValue(depth) {
    if (depth > 2 || this.chance(0.45)) {
      switch (this.int(0, 4)) {
        case 0:
          return `"${this.words(1, 4)}"`;
        case 1:
          return String(this.int(0, 99999));
        case 2:
          return this.pick(['true', 'false', 'null']);
        case 3:
          return `${this.int(0, 999)}.${this.int(10, 99)}`;
        default:
          return `"${this.noun()}-${this.int(100, 999)}"`;
      }
    }
    return null;
  }
  json(count) {
    const lines = ['{', `  "version": "${this.int(1, 9)}.${this.int(0, 20)}.${this.int(0, 9)}",`, `  "generated": "2024-06-01T12:${this.int(10, 59)}:00Z",`];
    const longDesc = `  "description": "${Array.from({length: 60}, () => this.pick(NOUNS)).join(' ')}",`;
    lines.push(longDesc, `  "${this.noun()}s": [`);
    while (lines.length < count - 3) {
      lines.push('    {');
      lines.push(`      "id": ${this.int(1, 99999)},`, `      "${this.noun()}": "${this.words(1, 3)}",`, `      "price": ${this.int(1, 999)}.${this.int(10, 99)},`);
      lines.push(`      "tags": [${Array.from({length: this.int(1, 4)}, () => `"${this.noun()}"`).join(', ')}],`);
      lines.push(`      "meta": {"${this.noun()}": ${this.jsonValue(3)}, "${this.noun()}": ${this.jsonValue(3)}, "active": ${this.pick(['true', 'false'])}},`);
      lines.push(`      "note": ${this.chance(0.3) ? 'null' : `"${this.words(2, 6)}"`}`);
      lines.push('    },');
    }
    lines[lines.length - 1] = '    }';
    lines.push('  ],', `  "total": ${this.int(100, 9999)}`, '}');
    return lines;
  }

  ts(count) {
    let long = 0;
    return this.lines(count, (i) => {
      if (i === 0) return ["import {html, LitElement} from 'lit';", "import type {Item, Order} from './types.js';", ''];
      const k = this.int(0, 4);
      if (i > 60 && long < 1 + Math.floor(i / 250) && this.chance(0.3)) {
        long++;
        return ['/** Lookup table (generated). */', `export const ${this.noun().toUpperCase()}_WEIGHTS: readonly number[] = [${this.longList(70, () => `${this.int(0, 99)}.${this.int(0, 9)}`)}];`, ''];
      }
      if (k === 0) {
        const lines = [`export interface ${this.pascal()} {`];
        for (let f = this.int(3, 6); f > 0; f--) lines.push(`  ${this.chance(0.3) ? 'readonly ' : ''}${this.noun()}${this.chance(0.3) ? '?' : ''}: ${this.pick(TYPES_TS)};`);
        lines.push('}', '');
        return lines;
      }
      if (k === 1) {
        return [`export type ${cap(this.noun())}State = 'idle' | 'loading' | 'error' | {kind: '${this.noun()}'; value: ${this.pick(TYPES_TS)}};`, ''];
      }
      if (k === 2) {
        const fn = this.camel();
        return [
          `export async function ${fn}<T extends Item>(items: readonly T[], signal?: AbortSignal): Promise<Map<string, T>> {`,
          '  const out = new Map<string, T>();',
          '  for (const item of items) {',
          "    if (signal?.aborted) throw new DOMException('aborted', 'AbortError');",
          `    const key = \`\${item.${this.noun()}}:\${item.id ?? ${this.int(0, 99)}}\`;`,
          `    if (!out.has(key) && item.${this.noun()} !== undefined) out.set(key, {...item, ${this.noun()}: ${this.jsonValue(3)}});`,
          '  }',
          '  return out;',
          '}',
          '',
        ];
      }
      if (k === 3) {
        return [
          `enum ${cap(this.noun())}Kind {`,
          `  ${cap(this.noun())} = ${this.int(0, 9)},`,
          `  ${cap(this.noun())} = ${this.int(10, 19)},`,
          `  ${cap(this.noun())} = ${this.int(20, 29)},`,
          '}',
          '',
        ];
      }
      const cls = this.pascal();
      return [
        `export class ${cls} extends LitElement {`,
        `  static override properties = {${this.noun()}: {type: String}, count: {type: Number}};`,
        `  declare ${this.noun()}: string;`,
        `  private _${this.noun()} = new Set<number>(); // ${this.words(2, 5)}`,
        '',
        '  override render() {',
        `    return html\`<p class="${this.noun()}">\${this.count ?? 0} ${this.words(1, 3)}</p>\`;`,
        '  }',
        '}',
        '',
      ];
    });
  }

  sql(count) {
    const longInsert = `INSERT INTO ${this.noun()}s (id, ${this.noun()}, total_cents) VALUES ${this.longList(16, () => `(${this.int(1, 99999)}, '${this.noun()}', ${this.int(100, 99999)})`)};`;
    let longDone = false;
    return this.lines(count, (i) => {
      if (i === 0) return ['-- schema and reports', 'BEGIN;', ''];
      if (!longDone && i > count / 3) {
        longDone = true;
        return [longInsert, ''];
      }
      if (this.chance(0.3)) {
        const t = `${this.noun()}s`;
        const lines = [`CREATE TABLE IF NOT EXISTS ${t} (`, '  id BIGSERIAL PRIMARY KEY,'];
        for (let c = this.int(3, 6); c > 0; c--) lines.push(`  ${this.pick(SQL_COLS)}_${this.int(1, 9)} ${this.pick(['TEXT NOT NULL', 'INTEGER DEFAULT 0', "TIMESTAMPTZ NOT NULL DEFAULT now()", 'NUMERIC(12, 2)', 'BOOLEAN'])},`);
        lines.push(`  CONSTRAINT ${t}_${this.noun()}_check CHECK (id > 0)`, ');', `CREATE INDEX ON ${t} (${this.pick(SQL_COLS)});`, '');
        return lines;
      }
      return [
        `WITH recent AS (`,
        `  SELECT o.id, o.user_id, SUM(i.quantity * i.price_cents) AS total_cents`,
        `  FROM orders o JOIN order_items i ON i.order_id = o.id`,
        `  WHERE o.created_at > now() - INTERVAL '${this.int(1, 90)} days' AND o.status <> '${this.noun()}'`,
        '  GROUP BY o.id, o.user_id',
        ')',
        `SELECT u.email, COUNT(*) AS n, ROUND(AVG(r.total_cents) / 100.0, 2) AS avg_${this.noun()} -- ${this.words(2, 5)}`,
        'FROM recent r LEFT JOIN users u ON u.id = r.user_id',
        `GROUP BY u.email HAVING COUNT(*) >= ${this.int(2, 20)} ORDER BY n DESC LIMIT ${this.int(10, 100)};`,
        '',
      ];
    });
  }

  css(count) {
    return this.lines(count, (i) => {
      if (i === 0) return [':root {', '  --fg: #111827;', '  --bg: #ffffff;', '  --accent: #2563eb;', '}', ''];
      const sel = this.pick([
        `.${this.noun()}-${this.noun()}`,
        `.${this.noun()} > .${this.noun()}:hover`,
        `#${this.noun()} ${this.pick(HTML_TAGS)}:not(:last-child)`,
        `[data-${this.noun()}="${this.noun()}"] .${this.noun()}::after`,
        `${this.pick(HTML_TAGS)}.${this.noun()}:focus-visible`,
      ]);
      const lines = [];
      if (this.chance(0.15)) lines.push(`/* ${this.words(3, 8)} */`);
      const media = this.chance(0.15);
      if (media) lines.push(`@media (max-width: ${this.int(30, 80)}rem) {`);
      const pad = media ? '  ' : '';
      lines.push(`${pad}${sel} {`);
      for (let p = this.int(2, 6); p > 0; p--) {
        const [prop, values] = this.pick(CSS_PROPS);
        lines.push(`${pad}  ${prop}: ${this.pick(values)}${this.chance(0.05) ? ' !important' : ''};`);
      }
      lines.push(`${pad}}`);
      if (media) lines.push('}');
      lines.push('');
      return lines;
    });
  }

  html(count) {
    const body = this.lines(count - 14, () => {
      const tag = this.pick(['section', 'article', 'div']);
      const lines = [`    <${tag} class="${this.noun()} ${this.noun()}-${this.noun()}" data-id="${this.int(1, 999)}">`];
      if (this.chance(0.2)) lines.push(`      <!-- ${this.words(2, 6)} -->`);
      lines.push(`      <h2 id="${this.noun()}-${this.int(1, 99)}">${cap(this.words(2, 5))}</h2>`);
      lines.push(`      <p>${cap(this.words(5, 12))} <a href="https://example.com/${this.noun()}?id=${this.int(1, 99)}&amp;ref=bench">${this.words(1, 3)}</a>.</p>`);
      lines.push('      <ul>');
      for (let k = this.int(2, 4); k > 0; k--) lines.push(`        <li><label><input type="checkbox" name="${this.noun()}" value="${this.int(1, 99)}"${this.chance(0.3) ? ' checked' : ''}> ${this.words(1, 4)}</label></li>`);
      lines.push('      </ul>', `      <button type="button" aria-label="${this.words(1, 3)}" disabled>${cap(this.pick(VERBS))}</button>`, `    </${tag}>`);
      return lines;
    });
    return [
      '<!doctype html>',
      '<html lang="en">',
      '<head>',
      '  <meta charset="utf-8">',
      '  <meta name="viewport" content="width=device-width, initial-scale=1">',
      `  <title>${cap(this.words(2, 4))}</title>`,
      '  <link rel="stylesheet" href="/styles/app.css">',
      '</head>',
      '<body>',
      '  <main id="app">',
      ...body,
      '  </main>',
      '</body>',
      '</html>',
    ];
  }

  js(count) {
    let long = 0;
    return this.lines(count, (i) => {
      if (i === 0) return ["import {readFile} from 'node:fs/promises';", "import {createServer} from 'node:http';", '', "'use strict';", ''];
      if (i > 100 && long < 1 + Math.floor(i / 200) && this.chance(0.25)) {
        long++;
        return [
          `// ${this.words(3, 6)} (minified, one line)`,
          `const ${this.noun()}Lookup={${this.longList(30, () => `${this.noun()}${this.int(0, 99)}:"${this.noun()}",`).replace(/, /g, '')}ok:!0};`,
          '',
        ];
      }
      const k = this.int(0, 3);
      if (k === 0) {
        const fn = this.camel();
        return [
          '/**',
          ` * ${cap(this.words(4, 10))}.`,
          ` * @param {string} ${this.noun()}`,
          ' */',
          `export async function ${fn}(${this.noun()}, {limit = ${this.int(1, 100)}, signal} = {}) {`,
          `  const res = await fetch(\`/api/${this.noun()}s?limit=\${limit}\`, {signal, headers: {accept: 'application/json'}});`,
          "  if (!res.ok) throw new Error(`HTTP ${res.status}`);",
          `  const {${this.noun()}s = []} = await res.json();`,
          `  return ${this.noun()}s.filter((x) => x.${this.noun()} > ${this.int(0, 99)}).map((x, i) => ({...x, rank: i + 1}));`,
          '}',
          '',
        ];
      }
      if (k === 1) {
        return [
          `const ${this.noun()}Pattern = /^(?<${this.noun()}>[a-z]{${this.int(1, 4)},${this.int(5, 12)}})-(\\d+)$/iu;`,
          `let ${this.noun()}Count = 0x${this.int(16, 255).toString(16)} + ${this.int(1, 9)}e${this.int(1, 3)};`,
          '',
        ];
      }
      if (k === 2) {
        const cls = this.pascal();
        return [
          `class ${cls} extends EventTarget {`,
          `  #${this.noun()} = new Map();`,
          `  static DEFAULT_${this.noun().toUpperCase()} = ${this.jsonValue(3)};`,
          '',
          `  ${this.camel()}(key, value = null) {`,
          `    if (typeof key !== 'string') throw new TypeError('${this.words(2, 5)}');`,
          `    this.#${this.noun()}.set(key, value ?? ${cls}.DEFAULT_${this.noun().toUpperCase()});`,
          `    this.dispatchEvent(new CustomEvent('${this.noun()}-changed', {detail: {key}}));`,
          '    return this;',
          '  }',
          '}',
          '',
        ];
      }
      return [
        `createServer(async (req, res) => {`,
        `  try {`,
        `    const body = await readFile(new URL('./${this.noun()}.json', import.meta.url), 'utf8');`,
        "    res.writeHead(200, {'content-type': 'application/json'}).end(body);",
        '  } catch (err) {',
        `    console.error('${this.words(2, 4)}', err); // ${this.words(2, 5)}`,
        '    res.writeHead(500).end();',
        '  }',
        `}).listen(${this.int(3000, 9000)});`,
        '',
      ];
    });
  }

  wideTable() {
    const cols = ['Endpoint', 'Method', 'Request body', 'Response', 'Auth', 'Rate limit', 'Cache', 'Notes'];
    const rows = [`| ${cols.join(' | ')} |`, `|${cols.map((_, i) => (i === 5 ? '---:' : '---')).join('|')}|`];
    for (let r = 0; r < 10; r++) {
      rows.push(
        `| \`/api/v2/${this.noun()}s/{id}/${this.noun()}\` | ${this.pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH'])} | \`{"${this.noun()}": ${this.jsonValue(3)}, "${this.noun()}": ${this.jsonValue(3)}}\` | ${this.words(3, 7)} | ${this.pick(['bearer token', 'session cookie', 'none', 'API key header'])} | ${this.int(10, 5000)}/min | ${this.pick(['no-store', 'max-age=60', 'private, max-age=600'])} | ${this.words(4, 10)} |`,
      );
    }
    return rows.join('\n');
  }

  fence(lang, lines) {
    return [`\`\`\`${lang}`, ...lines, '```'].join('\n');
  }

  section(title, lang, count) {
    return [`## ${title}`, this.paragraph(), this.fence(lang, this[lang === 'python' ? 'python' : lang](count)), this.paragraph()].join('\n\n');
  }

  document() {
    return [
      `# ${this.title(3, 6)}`,
      this.paragraph(),
      this.section('The Python service', 'python', 100),
      `### ${this.title()}`,
      this.paragraph(),
      this.wideTable(),
      this.paragraph(),
      this.section('The same in Ruby (for comparison)', 'ruby', 100),
      this.section('Deploy script', 'bash', 100),
      this.section('Sample payload', 'json', 160),
      this.list(false),
      this.section('Types and components', 'ts', 300),
      this.section('Server', 'js', 480),
      this.section('Reports', 'sql', 150),
      this.section('Styles', 'css', 200),
      this.section('Markup', 'html', 150),
      this.paragraph(),
    ].join('\n\n');
  }
}

/** Exactly `n` tokens of the seeded code-heavy answer (documents with successive seeds, joined by blank lines). */
export const codeTokensFor = seededTokens((seed) => new CodeGen(seed).document());

/** What a prefix of the answer holds: its fenced blocks (language, lines, lines over the limit, closed or not). */
export function describeCode(text) {
  const blocks = [];
  let open = null;
  for (const line of text.split('\n')) {
    if (open) {
      if (/^```\s*$/.test(line)) {
        blocks.push({...open, closed: true});
        open = null;
      } else {
        open.lines++;
        if (line.length > MAX_HIGHLIGHTED_LINE) open.longLines++;
      }
    } else {
      const m = /^```(\S*)\s*$/.exec(line);
      if (m) open = {lang: m[1], lines: 0, longLines: 0};
    }
  }
  if (open) blocks.push({...open, closed: false});
  return blocks;
}

// `node bench/lib/code-gen.js 4000` prints that many tokens of the answer, and what it holds.
if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 4000);
  const text = codeTokensFor(n).join('');
  process.stdout.write(`${text}\n`);
  const blocks = describeCode(text);
  process.stderr.write(
    `\n${n} tokens, ${text.length} chars, ${(text.length / n).toFixed(2)} chars/token; blocks: ${blocks
      .map((b) => `${b.lang} ${b.lines}${b.longLines ? ` (${b.longLines} > ${MAX_HIGHLIGHTED_LINE})` : ''}${b.closed ? '' : ' open'}`)
      .join(', ')}\n`,
  );
}
