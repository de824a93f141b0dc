import {expect} from '@open-wc/testing';
import {prng} from '../../../scripts/prng.js';
import {lexMarkdown, renderMarkdown, tokensHaveRawHtml, loadSanitizer} from '../../../src/markdown/markdown.js';
import {MarkdownStream, streamingView, warmMarkdown} from '../../../src/markdown/stream-renderer.js';
import {MARKDOWN_CORPUS} from '../../fixtures/markdown-corpus.js';

// The HTML path (raw HTML) loads on demand (test/unit/markdown/sanitizer-lazy.test.ts); these tests use it at once.
before(() => loadSanitizer());


function oneShot(text: string, imageHosts: readonly string[] = []): string {
  const div = document.createElement('div');
  div.append(renderMarkdown(text, {imageHosts}));
  return div.innerHTML;
}

function randomCuts(length: number, count: number, rand: () => number): number[] {
  const cuts = new Set<number>();
  for (let i = 0; i < count; i++) cuts.add(1 + Math.floor(rand() * Math.max(1, length - 1)));
  return [...cuts].sort((a, b) => a - b);
}

/** Cut points just inside the constructs most likely to render badly half-way. */
function trickyCuts(text: string): number[] {
  const cuts = new Set<number>();
  const re = /```|~~~|\|[-: ]|\]\(|&[#a-z]|<[a-z/!]|\*\*|`[^`]|\n\n|^\s*[-*+\d]/gim;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    for (const d of [1, 2, 3, 5]) if (m.index + d < text.length) cuts.add(m.index + d);
  }
  return [...cuts].sort((a, b) => a - b);
}

function assertCursor(el: Element): void {
  const cursors = el.querySelectorAll('[part="cursor"]');
  expect(cursors.length, 'exactly one cursor').to.equal(1);
  const cursor = cursors[0]!;
  expect(cursor.getAttribute('aria-hidden')).to.equal('true');
  expect(cursor.classList.contains('cursor')).to.be.true;
  const last = el.lastElementChild!;
  expect(last === cursor || last.contains(cursor), 'cursor inside the last block').to.be.true;
  const after = document.createRange();
  after.setStartAfter(cursor);
  after.setEnd(el, el.childNodes.length);
  expect(after.toString().trim(), 'no text after the cursor').to.equal('');
}

/**
 * The widget's wrappers are there at every update, streaming tail included, so a table or code
 * block is laid out while it streams as it will be once finished: each table in its
 * `.table-wrap`, each code block's `<pre>` in its `[part=code-block]` with the header first.
 */
function assertWrappers(el: Element, at: string): void {
  for (const table of Array.from(el.querySelectorAll('table'))) {
    expect(table.parentElement!.className, `${at}: table wrapper`).to.equal('table-wrap');
    expect(table.parentElement!.children.length, `${at}: one table per wrapper`).to.equal(1);
  }
  for (const pre of Array.from(el.querySelectorAll('pre'))) {
    // A code block: `<pre>` holding only a `<code>` of text (the cursor aside); raw HTML may make other `<pre>`s.
    const code = pre.firstElementChild;
    const plain =
      code?.localName === 'code' &&
      pre.children.length === 1 &&
      Array.from(pre.childNodes).every((n) => n === code || !/\S/.test(n.textContent!)) &&
      code.querySelectorAll(':not([part="cursor"])').length === 0;
    if (!plain) continue;
    const block = pre.parentElement!;
    expect(block.getAttribute('part'), `${at}: code block`).to.equal('code-block');
    expect(Array.from(block.children, (c) => c.className || c.localName), `${at}: code block children`).to.deep.equal(['code-head', 'pre']);
  }
}

/** Texts whose final update re-renders the whole (link definitions or raw HTML). */
function needsFullRender(text: string): boolean {
  const tokens = lexMarkdown(text);
  return Object.keys(tokens.links).length > 0 || tokensHaveRawHtml(tokens);
}

interface StreamResult {
  el: HTMLElement;
  stream: MarkdownStream;
  maxFrozen: number;
}

/** Streams `text` through the given prefix lengths, checking invariants after every update. */
function streamThrough(text: string, cuts: readonly number[], imageHosts: readonly string[] = []): StreamResult {
  const el = document.createElement('div');
  const stream = new MarkdownStream(el, {imageHosts});
  let frozen: ChildNode[] = [];
  let maxFrozen = 0;
  for (const cut of cuts) {
    stream.update(text.slice(0, cut), true);
    const now = stream.frozenNodes;
    // Frozen blocks are never re-rendered: the same node objects, in the same order.
    expect(now.length).to.be.at.least(frozen.length);
    for (let i = 0; i < frozen.length; i++) {
      expect(now[i] === frozen[i], `frozen node ${i} kept at ${cut}: ${JSON.stringify(text.slice(0, cut))}`).to.be.true;
    }
    for (const node of frozen) expect(node.parentNode === el, 'frozen node attached').to.be.true;
    frozen = now;
    maxFrozen = Math.max(maxFrozen, stream.frozenLength);
    assertCursor(el);
    assertWrappers(el, `at ${cut}`);
  }
  stream.update(text, false);
  assertWrappers(el, 'final');
  expect(el.querySelector('[part="cursor"]'), 'cursor gone').to.equal(null);
  if (!needsFullRender(text)) {
    for (const node of frozen) expect(node.parentNode === el, 'frozen node survives the end').to.be.true;
  }
  return {el, stream, maxFrozen};
}

describe('MarkdownStream', () => {
  describe('streamed == one-shot (corpus)', () => {
    for (const doc of MARKDOWN_CORPUS) {
      it(`${doc.name}: random split points`, () => {
        const rand = prng(doc.name.length * 7919 + doc.text.length);
        const expected = oneShot(doc.text);
        for (let round = 0; round < 8; round++) {
          const cuts = randomCuts(doc.text.length, 2 + Math.floor(rand() * 40), rand);
          const {el} = streamThrough(doc.text, cuts);
          expect(el.innerHTML, `round ${round}, cuts ${cuts.join(',')}`).to.equal(expected);
        }
      });

      it(`${doc.name}: splits inside fences, tables, links, entities and tags`, () => {
        const cuts = trickyCuts(doc.text);
        const {el} = streamThrough(doc.text, cuts);
        expect(el.innerHTML).to.equal(oneShot(doc.text));
      });
    }

    for (const doc of MARKDOWN_CORPUS) {
      it(`${doc.name}: one character at a time`, () => {
        const cuts = Array.from({length: doc.text.length}, (_, i) => i + 1);
        const {el, maxFrozen} = streamThrough(doc.text, cuts);
        expect(el.innerHTML).to.equal(oneShot(doc.text));
        if (/\n\n\S[^\n]*\n/.test(doc.text.trimEnd())) {
          expect(maxFrozen, 'blocks were frozen while streaming').to.be.greaterThan(0);
        }
      });
    }

    it('streams the whole corpus as one long reply (frozen blocks, equal result)', () => {
      const text = MARKDOWN_CORPUS.map((d) => d.text).join('\n\n');
      const rand = prng(42);
      const {el, maxFrozen} = streamThrough(text, randomCuts(text.length, 300, rand));
      expect(el.innerHTML).to.equal(oneShot(text));
      expect(maxFrozen).to.be.greaterThan(text.length / 2);
      // The equality covers the wrappers: the corpus has code blocks and tables.
      expect(el.querySelectorAll('[part="code-block"] > .code-head > [part="code-copy"]').length, 'code blocks').to.be.greaterThan(3);
      expect(el.querySelectorAll('.table-wrap > table').length, 'tables').to.be.greaterThan(1);
    });

    it('renders a long finished text in steps of whole blocks, ending equal to the one-shot render', () => {
      const text = Array.from({length: 4}, () => MARKDOWN_CORPUS.map((d) => d.text).join('\n\n')).join('\n\n');
      const el = document.createElement('div');
      const stream = new MarkdownStream(el);
      let steps = 0;
      let frozen: ChildNode[] = [];
      while (!stream.renderStep(text, 2048)) {
        steps++;
        expect(stream.text.length, 'each step renders a part').to.be.lessThan(text.length);
        expect(stream.text.endsWith('\n\n'), 'cut at a blank line').to.be.true;
        expect(el.querySelector('[part="cursor"]'), 'no cursor on a finished text').to.equal(null);
        const now = stream.frozenNodes;
        for (let i = 0; i < frozen.length; i++) expect(now[i] === frozen[i], 'frozen blocks kept').to.be.true;
        frozen = now;
      }
      expect(steps).to.be.greaterThan(3);
      expect(el.innerHTML).to.equal(oneShot(text));
      expect(stream.renderStep(text, 2048), 'done: nothing more to do').to.be.true;
      // A short text, or one without blank lines after the step size, renders in one call.
      const short = document.createElement('div');
      expect(new MarkdownStream(short).renderStep('# Short', 2048)).to.be.true;
      expect(short.innerHTML).to.equal(oneShot('# Short'));
    });

    it('handles CRLF line endings, also split between \\r and \\n', () => {
      const text = MARKDOWN_CORPUS[0]!.text.replace(/\n/g, '\r\n');
      const cuts = Array.from({length: text.length}, (_, i) => i + 1);
      const {el} = streamThrough(text, cuts);
      expect(el.innerHTML).to.equal(oneShot(text));
      expect(el.innerHTML).to.equal(oneShot(MARKDOWN_CORPUS[0]!.text));
    });

    it('handles carriage returns that first come late in the text (after updates without any)', () => {
      // The renderer uses the text itself until a carriage return comes, then a normalised copy.
      const lf = MARKDOWN_CORPUS[0]!.text;
      const text = `${lf}\n\n${MARKDOWN_CORPUS[1]!.text.replace(/\n/g, '\r\n')}\rlone carriage return\r\n\nEnd.`;
      const cuts = Array.from({length: Math.ceil(text.length / 5)}, (_, i) => Math.min(text.length, (i + 1) * 5));
      const {el} = streamThrough(text, cuts);
      expect(el.innerHTML).to.equal(oneShot(text));
      expect(el.innerHTML).to.equal(oneShot(text.replace(/\r\n?/g, '\n')));
    });
  });

  describe('generated documents (fuzz)', () => {
    const pieces: ((r: () => number) => string)[] = [
      () => 'A paragraph with **bold**, *em* and `code`.',
      () => 'Two lines\nof one paragraph',
      (r) => `${'#'.repeat(1 + Math.floor(r() * 6))} Heading`,
      () => 'Setext\n===',
      () => 'Setext two\n---',
      () => '- a\n- b\n  - c\n    - d',
      () => '* x\n* y',
      () => '+ p\n\n+ q',
      () => '1. one\n2. two\n\n3. three',
      () => '3. three\n4. four',
      () => '- item\n\n  continued paragraph\n\n- next',
      () => '- item\n\n      indented code in item',
      () => '- a\n-\n- c',
      () => '- [ ] todo\n- [x] done',
      () => '```\nplain fence\n\nwith blank\n```',
      () => '```js\nconst a = 1;\n```',
      () => '````\n```\nnested\n```\n````',
      () => '~~~~python\nx = 1\n\n\ny = 2\n~~~~',
      () => '    indented code\n\n    more code',
      () => '| a | b |\n|:-|-:|\n| 1 | 2 |\n| 3 | 4 |',
      () => '| h |\n|---|',
      () => '> quote\n> more\n\n> another',
      () => '> quote\nlazy continuation',
      () => '> - list in quote\n> - two',
      () => '***',
      () => '- - -',
      () => 'Text with &amp; &copy; &#35; entities & more',
      () => 'Link [a](https://a.test "t") and <https://b.test> and www.c.test',
      () => 'Image ![alt](https://img.test/x.png)',
      () => 'Hard  \nbreak and back\\\nslash',
      () => '  indented paragraph (two spaces)',
      () => '\tTabbed line',
      () => 'paragraph\n    not code (lazy)',
      () => 'ending with colon:',
      () => '1) paren list\n2) second',
      () => 'snake_case and 2*3*4',
      () => '\\# escaped heading',
      () => '[not a link] and [also](',
      () => 'para\n```\nfence right after para\n```',
      () => 'para\n- list interrupts',
      () => 'para\n> quote interrupts',
      () => 'para\n| x | y |\n|---|---|\n| 1 | 2 |',
      () => '<div>\n\n*md in div*\n\n</div>',
      () => '<!--\n\ncomment\n\n-->',
      () => '<pre>\n\nx\n\n</pre>',
      () => '[ref]: https://ref.test\n\nuse [ref]',
      () => '- a\n\n   b (3 spaces)',
      () => '- a\n\n b (1 space)',
      () => '1. a\n\n    b (4 spaces)',
      () => '10. ten\n\n    content',
      () => '- a\n\n\n- b',
      () => '1. a\n2) b',
      () => 'a | b\n--|--\n1 | 2',
      () => '* * *',
      () => '# H\n- list right after',
      () => 'para\n\n  - indented list',
      () => '- a\n\n  b\n\nc',
      () => '> a\n>\n> b',
      () => '>\n> x',
      () => '-\n  foo',
      () => '- ```\n  code in item\n\n  more\n  ```',
      () => '- a\n  ```\n  x\n\ny',
      () => '```\nunclosed fence\n\nstill code',
      () => '<script>\n\nalert(1)\n\n</script>',
      () => '<table><tr><td>\n\n**x**\n\n</td></tr></table>',
      () => 'Term\n: not a def list',
      () => '[^1]: footnote\n\ntext[^1]',
      () => '$$\nmath\n$$',
      () => '   # heading with 3 spaces',
      () => '    # code with 4 spaces',
      () => '***bold italic*** and ~~del~~',
      () => '| a |\n| - |\n| b |\nnot a row?',
    ];
    const separators = ['\n', '\n\n', '\n\n\n', '\n \n', '\n\t\n', '\n\n    ', '\n\n  '];

    function generate(r: () => number): string {
      const n = 2 + Math.floor(r() * 9);
      let text = '';
      for (let i = 0; i < n; i++) {
        text += pieces[Math.floor(r() * pieces.length)]!(r);
        if (i < n - 1) text += separators[Math.floor(r() * separators.length)];
      }
      if (r() < 0.5) text += '\n';
      return text;
    }

    // 10 batches of 20 documents (each batch well within the runner's per-test timeout).
    for (let batch = 0; batch < 10; batch++) {
      it(`random documents stream to the one-shot render (batch ${batch})`, () => {
        const rand = prng(20240601 + batch);
        let froze = 0;
        for (let i = 0; i < 20; i++) {
          const text = generate(rand);
          const expected = oneShot(text);
          const cuts =
            rand() < 0.1
              ? Array.from({length: text.length}, (_, k) => k + 1)
              : randomCuts(text.length, 1 + Math.floor(rand() * 25), rand);
          const {el, maxFrozen} = streamThrough(text, cuts);
          expect(el.innerHTML, `doc ${i}: ${JSON.stringify(text)} cuts ${cuts.join(',')}`).to.equal(expected);
          if (maxFrozen > 0) froze++;
        }
        // The split rules do fire on most documents (they are not equal by never splitting).
        expect(froze).to.be.greaterThan(8);
      });
    }
  });

  describe('frozen blocks', () => {
    it('freezes a block once the next block has a complete first line', () => {
      const el = document.createElement('div');
      const s = new MarkdownStream(el);
      s.update('First paragraph.\n\nSecond', true);
      expect(s.frozenLength).to.equal(0);
      s.update('First paragraph.\n\nSecond paragraph.\n', true);
      expect(s.frozenLength).to.equal('First paragraph.\n\n'.length);
      const first = el.firstElementChild!;
      expect(first.outerHTML).to.equal('<p>First paragraph.</p>');
      s.update('First paragraph.\n\nSecond paragraph.\nmore\n\nThird.\n', true);
      expect(el.firstElementChild === first).to.be.true;
      s.update('First paragraph.\n\nSecond paragraph.\nmore\n\nThird.\n', false);
      expect(el.firstElementChild === first).to.be.true;
    });

    it('does not freeze inside an open fence, a list that may continue or a growing table', () => {
      const el = document.createElement('div');
      const s = new MarkdownStream(el);
      s.update('```\ncode\n\nmore code\n', true);
      expect(s.frozenLength).to.equal(0);
      s.update('- a\n- b\n\n- c\n', true);
      expect(s.frozenLength).to.equal(0);
      s.reset();
      s.update('| a |\n|---|\n| 1 |\n| 2 |\n', true);
      expect(s.frozenLength).to.equal(0);
      s.update('| a |\n|---|\n| 1 |\n| 2 |\n\nAfter.\n', true);
      expect(s.frozenLength).to.equal('| a |\n|---|\n| 1 |\n| 2 |\n\n'.length);
      s.reset();
      s.update('    code\n\n    more\n', true);
      expect(s.frozenLength).to.equal(0);
    });

    it('re-renders once at the end when a reference definition arrives late', () => {
      const text = 'See [the guide][g].\n\nMore text.\n\n[g]: https://example.com/guide\n';
      const cuts = Array.from({length: text.length}, (_, i) => i + 1);
      const {el} = streamThrough(text, cuts);
      expect(el.innerHTML).to.equal(oneShot(text));
      expect(el.querySelector('a')!.getAttribute('href')).to.equal('https://example.com/guide');
    });

    it('re-renders once at the end when raw HTML could change nesting across blocks', () => {
      const text = '<div>\n\nInside *the* div?\n\n</div>\n\nAfter <b>bold\n\nnext paragraph\n';
      const cuts = Array.from({length: text.length}, (_, i) => i + 1);
      const {el} = streamThrough(text, cuts);
      expect(el.innerHTML).to.equal(oneShot(text));
    });

    it('a new text that does not extend the old one starts over', () => {
      const el = document.createElement('div');
      const s = new MarkdownStream(el);
      s.update('Hello\n\nworld\n', true);
      s.update('Completely different', true);
      s.update('Completely different', false);
      expect(el.innerHTML).to.equal(oneShot('Completely different'));
    });

    it('a finished render with the same text does no work', () => {
      const el = document.createElement('div');
      const s = new MarkdownStream(el);
      s.update('# Title\n\ntext', false);
      const first = el.firstChild;
      s.update('# Title\n\ntext', false);
      expect(el.firstChild === first).to.be.true;
    });
  });

  describe('the streaming tail', () => {
    function view(text: string): string {
      const el = document.createElement('div');
      const s = new MarkdownStream(el);
      s.update(text, true);
      el.querySelector('[part="cursor"]')?.remove();
      return el.innerHTML;
    }

    it('renders an unclosed fence as a code block and hides a half-typed closing fence', () => {
      expect(view('```js\nconst a = 1;')).to.equal(
        '<div part="code-block" class="code-block"><div class="code-head"><span class="code-lang">js</span>' +
          '<button type="button" part="code-copy" class="code-copy" aria-label="Copy code">Copy code</button></div>' +
          '<pre tabindex="0"><code class="language-js">const a = 1;\n</code></pre></div>\n',
      );
      expect(view('```js\nconst a = 1;\n``')).to.equal(oneShot('```js\nconst a = 1;\n```'));
      expect(view('~~~\nx\n~~')).to.equal(oneShot('~~~\nx\n~~~'));
    });

    it('puts the cursor on the last line of a streaming code block', () => {
      const el = document.createElement('div');
      new MarkdownStream(el).update('```\nline one\nline tw', true);
      const code = el.querySelector('code')!;
      expect(code.lastChild).to.be.instanceOf(Text);
      expect((code.lastChild as Text).data).to.equal('\n');
      expect(code.lastChild!.previousSibling === el.querySelector('[part="cursor"]')).to.be.true;
    });

    it('patches the tail in place: unchanged elements are kept, only changed text is written', () => {
      const el = document.createElement('div');
      const stream = new MarkdownStream(el);
      stream.update('- one **bold**\n- tw', true);
      const [ul, strong] = [el.querySelector('ul')!, el.querySelector('strong')!];
      const firstText = el.querySelector('li')!.firstChild!;
      stream.update('- one **bold**\n- two and', true);
      expect(el.querySelector('ul') === ul, 'the list element is kept').to.be.true;
      expect(el.querySelector('strong') === strong, 'an unchanged element is kept').to.be.true;
      expect(el.querySelector('li')!.firstChild === firstText, 'an unchanged text node is kept').to.be.true;
      expect(el.querySelectorAll('li')[1]!.textContent).to.equal('two and');
      // A change of shape replaces from there on, and the result is still the one-shot render.
      stream.update('- one **bold**\n- two and\n\n> quote', true);
      stream.update('- one **bold**\n- two and\n\n> quote', false);
      expect(el.innerHTML).to.equal(oneShot('- one **bold**\n- two and\n\n> quote'));
    });

    it('does not touch the DOM when the new text is still hidden by the tidying', async () => {
      const el = document.createElement('div');
      const stream = new MarkdownStream(el);
      stream.update('Read the [docs', true);
      const records: MutationRecord[] = [];
      const observer = new MutationObserver((list) => records.push(...list));
      observer.observe(el, {subtree: true, childList: true, characterData: true, attributes: true});
      stream.update('Read the [docs](https://exa', true);
      stream.update('Read the [docs](https://example.com/pa', true);
      await Promise.resolve();
      records.push(...observer.takeRecords());
      observer.disconnect();
      expect(records).to.deep.equal([]);
      expect(el.textContent!.trim()).to.equal('Read the docs');
    });

    it('closes dangling emphasis and code spans instead of showing the markers', () => {
      expect(view('Some **bold')).to.equal('<p>Some <strong>bold</strong></p>\n');
      expect(view('Some *em')).to.equal('<p>Some <em>em</em></p>\n');
      expect(view('Some _em')).to.equal('<p>Some <em>em</em></p>\n');
      expect(view('Run `npm i')).to.equal('<p>Run <code>npm i</code></p>\n');
      expect(view('A **bold `code')).to.equal('<p>A <strong>bold <code>code</code></strong></p>\n');
      expect(view('- item **bo')).to.equal('<ul>\n<li>item <strong>bo</strong></li>\n</ul>\n');
      expect(view('Some **')).to.equal('<p>Some</p>\n');
      expect(view('Some **bold*')).to.equal('<p>Some <strong>bold</strong></p>\n');
      expect(view('Some `')).to.equal('<p>Some</p>\n');
      expect(view('snake_case_na')).to.equal('<p>snake_case_na</p>\n');
      expect(view('2 * 3')).to.equal('<p>2 * 3</p>\n');
    });

    it('shows an unfinished link or image as its text', () => {
      expect(view('See [the docs](https://exa')).to.equal('<p>See the docs</p>\n');
      expect(view('See [the docs]')).to.equal('<p>See the docs</p>\n');
      expect(view('See [the do')).to.equal('<p>See the do</p>\n');
      expect(view('See ![a cat](https://img')).to.equal('<p>See a cat</p>\n');
    });

    it('hides half entities, tags and escapes', () => {
      expect(view('Tom &am')).to.equal('<p>Tom</p>\n');
      expect(view('Press <kb')).to.equal('<p>Press</p>\n');
      expect(view('Visit <https://exa')).to.equal('<p>Visit</p>\n');
      expect(view('a \\')).to.equal('<p>a</p>\n');
    });

    it('hides a partial line that is only block syntax', () => {
      expect(view('Title\n-')).to.equal('<p>Title</p>\n');
      expect(view('Title\n==')).to.equal('<p>Title</p>\n');
      expect(view('Intro\n\n- ')).to.equal('<p>Intro</p>\n');
      expect(view('Intro\n\n12.')).to.equal('<p>Intro</p>\n');
      expect(view('Intro\n\n##')).to.equal('<p>Intro</p>\n');
      expect(view('Intro\n\n> ')).to.equal('<p>Intro</p>\n');
    });

    it('shows a lone table header row as a table header, never as pipes', () => {
      const header = oneShot('| Name | Age |\n| --- | --- |');
      expect(view('| Name | Age |')).to.equal(header);
      expect(view('| Name | Age |\n')).to.equal(header);
      expect(view('| Name | Age |\n|--')).to.equal(header);
      expect(view('| Name | Age |\n| --- | -')).to.equal(header);
      expect(view('| Name | A')).to.equal(oneShot('| Name | A\n| --- | --- |'));
      expect(view('| Name | Age |\n| --- | --- |\n| Ann | 3')).to.equal(oneShot('| Name | Age |\n| --- | --- |\n| Ann | 3'));
      expect(view('| Name | Age |\n| --- | --- |\n| Ann | 3')).not.to.contain('|');
    });

    it('never shows the text after a hidden construct as raw syntax while streaming, char by char', () => {
      const text = 'Use **bold**, `code` and [a link](https://x.test) & more.\n';
      const el = document.createElement('div');
      const s = new MarkdownStream(el);
      for (let i = 1; i <= text.length; i++) {
        s.update(text.slice(0, i), true);
        const shown = el.textContent!;
        expect(shown, `at ${i}`).not.to.match(/\*|`|\]\(|\[/);
      }
    });

    it('tidies long runs of syntax characters in linear time (no regex backtracking)', () => {
      // Each of these hung for seconds with a naive regex; a hang fails the test by timeout.
      const texts = [
        '-'.repeat(5000) + 'x',
        '|'.repeat(5000) + 'x',
        'a\n' + '*'.repeat(20000) + '\nfoo **',
        '<a'.repeat(20000),
        '[a'.repeat(20000),
        '`'.repeat(3000) + ' ' + '``'.repeat(3000),
        '&'.repeat(30000),
      ];
      for (const text of texts) {
        const el = document.createElement('div');
        const s = new MarkdownStream(el);
        s.update(text, true);
        s.update(text, false);
        expect(el.innerHTML).to.equal(oneShot(text));
      }
    });

    it('streamingView leaves indented code and closed fences alone', () => {
      expect(streamingView('    code **', [{type: 'code', raw: '    code **', codeBlockStyle: 'indented', text: 'code **'}])).to.equal(
        '    code **'
      );
    });
  });

  describe('cursor', () => {
    const cases: [string, string][] = [
      ['plain paragraph', 'Hello wor'],
      ['heading', '# Title'],
      ['tight list', '- a\n- b'],
      ['loose list', '- a\n\n- b'],
      ['nested list', '- a\n  - b\n    - c'],
      ['blockquote', '> quoted text'],
      ['table', '| a | b |\n|---|---|\n| 1 | 2'],
      ['code', '```\ncode'],
      ['after a rule', 'text\n\n---\n'],
      ['html', '<details><summary>s</summary>body'],
      ['empty', ''],
    ];
    for (const [name, text] of cases) {
      it(`sits at the end of the text inside the last block: ${name}`, () => {
        const el = document.createElement('div');
        const s = new MarkdownStream(el);
        s.update(text, true);
        assertCursor(el);
        s.update(text, false);
        expect(el.querySelector('[part="cursor"]')).to.equal(null);
        expect(el.innerHTML).to.equal(oneShot(text));
      });
    }

    it('is inside the deepest last text holder', () => {
      const el = document.createElement('div');
      const s = new MarkdownStream(el);
      s.update('- a\n  - b', true);
      expect(el.querySelector('[part="cursor"]')!.parentElement!.localName).to.equal('li');
      expect(el.querySelector('[part="cursor"]')!.parentElement!.textContent).to.equal('b');
      s.update('- a\n  - b\n\nPara', true);
      expect(el.querySelector('[part="cursor"]')!.parentElement!.localName).to.equal('p');
      s.update('- a\n  - b\n\nPara\n\n| x |\n|---|\n| 1', true);
      expect(el.querySelector('[part="cursor"]')!.parentElement!.localName).to.equal('td');
    });
  });

  describe('options', () => {
    it('keeps allowed images and re-renders when the hosts change', () => {
      const el = document.createElement('div');
      const s = new MarkdownStream(el, {imageHosts: []});
      const text = '![cat](https://img.example.com/cat.png)';
      s.update(text, false);
      expect(el.querySelector('img')).to.equal(null);
      expect(el.textContent).to.contain('cat');
      s.setOptions({imageHosts: ['img.example.com']});
      s.update(text, false);
      expect(el.querySelector('img')!.getAttribute('src')).to.equal('https://img.example.com/cat.png');
      expect(el.innerHTML).to.equal(oneShot(text, ['img.example.com']));
    });
  });
});

describe('warmMarkdown', () => {
  /** Runs the warm-up with a scheduler that takes each step at once; returns how many were scheduled. */
  function warm(deadline?: IdleDeadline): number {
    let scheduled = 0;
    const queue: Array<(d?: IdleDeadline) => void> = [];
    warmMarkdown((step) => {
      scheduled++;
      queue.push(step);
    });
    while (queue.length) queue.shift()!(deadline);
    return scheduled;
  }

  it('takes one short step per call without an idle deadline, and ends', () => {
    expect(warm()).to.be.greaterThan(3);
  });

  it('takes more steps in one call while the idle deadline leaves time, and starts each sample in a call of its own', () => {
    // Two samples (Latin-1, then past it): the second's first step is cold, so it waits for the next call.
    expect(warm({didTimeout: false, timeRemaining: () => 50})).to.equal(2);
    let left = 1;
    const steps = warm({didTimeout: false, timeRemaining: () => (left-- > 0 ? 50 : 0)});
    expect(steps).to.be.greaterThan(1).and.lessThan(warm());
  });

  it('finishes a Latin-1 sample and one past Latin-1 (V8 compiles a regular expression apart for each)', () => {
    const finished: string[] = [];
    const update = MarkdownStream.prototype.update;
    MarkdownStream.prototype.update = function (this: MarkdownStream, text: string, streaming: boolean) {
      if (!streaming) finished.push(text);
      return update.call(this, text, streaming);
    };
    try {
      warm();
    } finally {
      MarkdownStream.prototype.update = update;
    }
    expect(finished).to.have.length(2);
    expect(finished.map((text) => /[^\0-\xff]/.test(text))).to.deep.equal([false, true]);
    // Both hold every kind of block: a heading, a list, a quote, a table, a code block, a rule.
    for (const text of finished) for (const block of [/^## /m, /^- /m, /^> /m, /^\|---/m, /^```/m, /^---$/m]) expect(text).to.match(block);
  });

  it('shows nothing and loads nothing in the page', () => {
    const html = document.body.innerHTML;
    const requests = performance.getEntriesByType('resource').length;
    warm();
    expect(document.body.innerHTML).to.equal(html);
    expect(performance.getEntriesByType('resource').length).to.equal(requests);
  });
});
