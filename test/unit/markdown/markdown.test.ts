import {expect} from '@open-wc/testing';
import {
  analyzeMarkdown,
  appendText,
  extendText,
  isSafeHref,
  loadSanitizer,
  MARKDOWN_LIMITS,
  parsable,
  renderMarkdown,
  renderPlainText,
} from '../../../src/markdown/markdown.js';
import {MarkdownStream} from '../../../src/markdown/stream-renderer.js';

// The HTML path (raw HTML) loads on demand (test/unit/markdown/sanitizer-lazy.test.ts); these tests use it at once.
before(() => loadSanitizer());

function html(src: string, imageHosts: readonly string[] = []): string {
  const div = document.createElement('div');
  div.append(renderMarkdown(src, {imageHosts}));
  return div.innerHTML;
}

function dom(src: string, imageHosts: readonly string[] = []): HTMLDivElement {
  const div = document.createElement('div');
  div.append(renderMarkdown(src, {imageHosts}));
  return div;
}

/** The fallback shape: only paragraphs (in chunks past the first 16 KB), line breaks and runs (blocks of long text), the source's non-blank lines as text. */
function expectPlain(div: Element, src: string): void {
  expect(div.querySelector(':not(p):not(br):not(span.run):not(div.chunk)') === null, 'only paragraphs, line breaks, runs and chunks').to.be.true;
  expect(div.querySelector(':not(:scope) > div.chunk, div.chunk :not(p, p *)') === null, 'chunks hold paragraphs, at the top').to.be.true;
  const lines = src.split('\n').filter((l) => /\S/.test(l));
  expect(div.textContent === lines.join(''), 'the text, escaped').to.be.true;
  const plain = document.createElement('div');
  plain.append(renderPlainText(src));
  expect(div.innerHTML === plain.innerHTML, 'the plain-text render').to.be.true;
}

describe('renderMarkdown', () => {
  it('renders GFM markdown to a fragment', () => {
    const out = html('# Title\n\nSome **bold** and *em*.\n\n- a\n- b\n\n```js\nx < 1\n```\n\n| a | b |\n|:-|-:|\n| 1 | 2 |');
    expect(out).to.equal(
      '<h1>Title</h1>\n<p>Some <strong>bold</strong> and <em>em</em>.</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n' +
        '<div part="code-block" class="code-block"><div class="code-head"><span class="code-lang">js</span>' +
        '<button type="button" part="code-copy" class="code-copy" aria-label="Copy code">Copy code</button></div>' +
        '<pre tabindex="0"><code class="language-js">x &lt; 1\n</code></pre></div>\n' +
        '<div class="table-wrap" tabindex="0"><table>\n<thead>\n<tr>\n<th align="left">a</th>\n<th align="right">b</th>\n</tr>\n</thead>\n' +
        '<tbody><tr>\n<td align="left">1</td>\n<td align="right">2</td>\n</tr>\n</tbody></table></div>\n'
    );
  });

  it('returns a DocumentFragment and turns single newlines into <br> (breaks: true)', () => {
    const fragment = renderMarkdown('a\nb');
    expect(fragment).to.be.instanceOf(DocumentFragment);
    expect(html('a\nb')).to.equal('<p>a<br>b</p>\n');
  });

  it('shows task list items with a glyph, not an <input>', () => {
    const div = dom('- [x] done\n- [ ] open');
    expect(div.querySelector('input')).to.equal(null);
    expect(div.textContent).to.contain('\u2611 done').and.to.contain('\u2610 open');
  });

  it('does not touch the global marked options', async () => {
    const {marked} = await import('marked');
    expect(marked.defaults.breaks).to.equal(false);
    renderMarkdown('a\nb');
    expect(marked.defaults.breaks).to.equal(false);
    expect(marked.parse('a\nb', {async: false})).to.equal('<p>a\nb</p>\n');
  });

  describe('links', () => {
    it('open in a new tab with rel="noopener noreferrer"', () => {
      const a = dom('[x](https://example.com) <https://b.example> www.c.example').querySelectorAll('a');
      expect(a.length).to.equal(3);
      for (const link of Array.from(a)) {
        expect(link.getAttribute('target')).to.equal('_blank');
        expect(link.getAttribute('rel')).to.equal('noopener noreferrer');
      }
      const inline = dom('<a href="https://x.example" target="_self" rel="opener">x</a>').querySelector('a')!;
      expect(inline.getAttribute('target')).to.equal('_blank');
      expect(inline.getAttribute('rel')).to.equal('noopener noreferrer');
    });

    it('keep http, https, mailto, relative and fragment hrefs', () => {
      for (const href of ['https://a.example/x?y#z', 'http://a.example', 'mailto:a@b.example', '/path', 'rel/ative', '#top', '?q=1']) {
        expect(dom(`[x](${href})`).querySelector('a')!.getAttribute('href'), href).to.equal(href);
      }
    });

    it('lose any other scheme, however it is obfuscated', () => {
      const hrefs = [
        'javascript:alert(1)',
        'JaVaScRiPt:alert(1)',
        '&#106;avascript:alert(1)',
        '&#x6A;avascript&#x3A;alert(1)',
        'javascript&colon;alert(1)',
        'vbscript:msgbox(1)',
        'data:text/html,<script>alert(1)</script>',
        'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
        'file:///etc/passwd',
        'ftp://x.example',
        'jav&#x09;ascript:alert(1)',
        ' javascript:alert(1)',
        '&#0000106avascript:alert(1)',
      ];
      for (const href of hrefs) {
        for (const src of [`[x](${href})`, `[x](<${href}>)`, `<a href="${href}">x</a>`, `[x]\n\n[x]: ${href}`]) {
          const a = dom(src).querySelector('a');
          const value = a?.getAttribute('href') ?? null;
          if (value !== null) expect(isSafeHref(value), `${src} → ${value}`).to.be.true;
          expect(value ?? '', src).not.to.match(/^\s*(javascript|vbscript|data|file|ftp):/i);
        }
      }
    });

    it('isSafeHref sees through whitespace, control characters and case', () => {
      expect(isSafeHref('https://x')).to.be.true;
      expect(isSafeHref('MAILTO:x@y')).to.be.true;
      expect(isSafeHref('#x')).to.be.true;
      expect(isSafeHref('./a:b')).to.be.true;
      expect(isSafeHref('java\tscript:alert(1)')).to.be.false;
      expect(isSafeHref('\u0001javascript:alert(1)')).to.be.false;
      expect(isSafeHref('\u2028javascript:alert(1)')).to.be.false;
      expect(isSafeHref(' JAVASCRIPT:alert(1)')).to.be.false;
      expect(isSafeHref('a:b')).to.be.false;
    });
  });

  describe('images', () => {
    it('a host that is not allowed shows the alt text and no <img>', () => {
      const div = dom('Look: ![a cat](https://img.example.com/cat.png "Cat")');
      expect(div.querySelector('img')).to.equal(null);
      expect(div.querySelector('.blocked-image')!.textContent).to.equal('a cat');
      expect(div.textContent!.trim()).to.equal('Look: a cat');
    });

    it('an allowed host keeps the image, lazy and without referrer', () => {
      const div = dom('![a cat](https://img.example.com/cat.png "Cat")', ['img.example.com']);
      const img = div.querySelector('img')!;
      expect(img.getAttribute('src')).to.equal('https://img.example.com/cat.png');
      expect(img.getAttribute('alt')).to.equal('a cat');
      expect(img.getAttribute('loading')).to.equal('lazy');
      expect(img.getAttribute('referrerpolicy')).to.equal('no-referrer');
    });

    it('matches the host exactly (no subdomains, no lookalikes), http or https only', () => {
      const hosts = ['img.example.com'];
      expect(dom('![x](http://img.example.com/a.png)', hosts).querySelector('img')).not.to.equal(null);
      expect(dom('![x](https://img.example.com:8443/a.png)', hosts).querySelector('img')).not.to.equal(null);
      expect(dom('![x](https://img.example.com:8443/a.png)', ['img.example.com:8443']).querySelector('img')).not.to.equal(null);
      expect(dom('![x](https://img.example.com/a.png)', ['img.example.com:8443']).querySelector('img')).to.equal(null);
      for (const src of [
        'https://evil.img.example.com/a.png',
        'https://img.example.com.evil.example/a.png',
        'https://evil.example/?img.example.com',
        'https://img.example.com@evil.example/a.png',
        '/relative.png',
        '//evil.example/a.png',
        'data:image/png;base64,AAAA',
        'javascript:alert(1)',
        'ftp://img.example.com/a.png',
      ]) {
        expect(dom(`![x](${src})`, hosts).querySelector('img'), src).to.equal(null);
      }
    });

    it('an inline <img> follows the same rules; srcset and handlers never survive', () => {
      const div = dom(
        '<img src="https://img.example.com/a.png" srcset="https://evil.example/b.png 2x" onerror="alert(1)" alt="A">',
        ['img.example.com']
      );
      const img = div.querySelector('img')!;
      expect(img.hasAttribute('srcset')).to.be.false;
      expect(img.hasAttribute('onerror')).to.be.false;
      expect(dom('<img src="https://evil.example/a.png" alt="leak">').textContent).to.equal('leak');
      expect(dom('<img src="https://evil.example/a.png">').querySelector('img,span')).to.equal(null);
    });
  });

  describe('forbidden markup', () => {
    it('removes dangerous and form elements', () => {
      const src =
        '<style>p{}</style><form><input><button>b</button><textarea>t</textarea><select><option>o</option></select></form>' +
        '<iframe src="https://x.example"></iframe><object data="x"></object><embed src="x"><base href="https://x">' +
        '<link rel="stylesheet" href="x"><meta http-equiv="refresh" content="0"><script>alert(1)</script>' +
        '<svg><circle/></svg><math><mi>x</mi></math><video src="x"></video><audio src="x"></audio><template>t</template>';
      const div = dom(src);
      const tags = Array.from(div.querySelectorAll('*')).map((e) => e.localName);
      for (const tag of ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'base', 'link', 'meta', 'script', 'svg', 'math', 'video', 'audio', 'template']) {
        expect(tags, tag).not.to.include(tag);
      }
    });

    it('removes style, id, name, part and event-handler attributes, and classes except code languages', () => {
      const div = dom(
        '<p style="color:red" id="x" name="y" part="cursor" class="cursor" onclick="alert(1)" title="ok">t</p>\n\n```ts\ncode\n```'
      );
      const p = div.querySelector('p')!;
      expect(Array.from(p.attributes).map((a) => a.name)).to.deep.equal(['title']);
      expect(div.querySelector('code')!.className).to.equal('language-ts');
    });

    it('keeps escaped HTML in code as text', () => {
      const div = dom('`<img src=x onerror=alert(1)>`\n\n```\n<script>alert(1)</script>\n```');
      expect(div.querySelector('img,script')).to.equal(null);
      expect(div.textContent).to.contain('<img src=x onerror=alert(1)>').and.to.contain('<script>alert(1)</script>');
    });
  });

  describe('plain-text fallback', () => {
    it('renderPlainText escapes everything, splits paragraphs on blank lines and keeps line breaks', () => {
      const div = document.createElement('div');
      div.append(renderPlainText('# not a heading <b>x</b>\nsecond line\n\n\n  \nnext *para*\r\nthird'));
      expect(div.innerHTML).to.equal(
        '<p># not a heading &lt;b&gt;x&lt;/b&gt;<br>second line</p><p>next *para*<br>third</p>'
      );
    });

    it('groups the paragraphs of a long text in chunks of 16 KB, where only the text before decides', () => {
      const para = (i: number) => `paragraph ${i} ${'word '.repeat(i % 40)}`;
      const text = Array.from({length: 2000}, (_, i) => para(i)).join('\n\n');
      const div = document.createElement('div');
      div.append(renderPlainText(text));
      const chunks = Array.from(div.querySelectorAll(':scope > div.chunk'));
      expect(chunks.length).to.be.within(10, 20);
      // Paragraphs at the top until 16 KB of them, then in chunks of at least 16 KB (but the last).
      const top = Array.from(div.children).filter((c) => c.localName === 'p');
      expect(top.length).to.be.greaterThan(100);
      expect(div.firstElementChild!.localName).to.equal('p');
      expect(top.reduce((n, p) => n + p.textContent!.length, 0)).to.be.within(16 * 1024, 17 * 1024);
      for (const c of chunks.slice(0, -1)) expect(c.textContent!.length).to.be.within(16 * 1024, 17 * 1024);
      expect(div.querySelectorAll('p').length).to.equal(2000);
      expect(div.textContent).to.equal(text.replace(/\n/g, ''));
    });

    it('appendText and extendText cut runs where a render of the whole does, also at a surrogate pair split between updates', () => {
      // A run that ends with a high surrogate at the end of the text so far: its low surrogate comes next.
      const first = `${'a'.repeat(4095)}\uD83D`;
      const rest = `\uDE00${'b'.repeat(3000)}`;
      const grown = document.createElement('div');
      appendText(grown, first);
      expect(grown.querySelectorAll('span.run')).to.have.length(2);
      extendText(grown, rest);
      const whole = document.createElement('div');
      appendText(whole, first + rest);
      expect(grown.innerHTML === whole.innerHTML, 'the runs of a one-shot render').to.equal(true);
      expect(grown.textContent).to.equal(first + rest);
      // A short text is one text node, extended in place until it is long enough for runs.
      const small = document.createElement('div');
      appendText(small, 'abc');
      extendText(small, 'def');
      expect(small.childNodes).to.have.length(1);
      extendText(small, 'x'.repeat(3000));
      const big = document.createElement('div');
      appendText(big, `abcdef${'x'.repeat(3000)}`);
      expect(small.innerHTML).to.equal(big.innerHTML);
      expect(small.querySelectorAll('span.run')).to.have.length(2);
    });

    it('concatenating renders of pieces cut after a blank line equals the whole', () => {
      const text = 'a\nb\n\nc\n\n\nd\ne';
      const whole = document.createElement('div');
      whole.append(renderPlainText(text));
      const parts = document.createElement('div');
      parts.append(renderPlainText('a\nb\n\n'), renderPlainText('c\n\n'), renderPlainText('\nd\ne'));
      expect(parts.innerHTML).to.equal(whole.innerHTML);
    });
  });

  describe('hostile input', () => {
    const lines = (n: number, f: (i: number) => string) => Array.from({length: n}, (_, i) => f(i)).join('\n');
    const cases: [string, string][] = [
      ['1,900 nested >', '>'.repeat(1900) + ' deep'],
      ['5,000 nested >', '>'.repeat(5000) + ' deeper'],
      ['5,000 nested "> "', '> '.repeat(5000) + 'deeper'],
      ['3,000 *', '*'.repeat(3000) + 'a' + '*'.repeat(3000)],
      ['3,000 _', '_'.repeat(3000) + 'a' + '_'.repeat(3000)],
      ['3,000 alternating *_', '*_'.repeat(1500) + 'a' + '_*'.repeat(1500)],
      ['3,000 nested strong', '**a '.repeat(3000) + 'x' + ' b**'.repeat(3000)],
      ['3,000 nested strike', '~~a '.repeat(3000) + 'x' + ' b~~'.repeat(3000)],
      ['3,000 intraword *', '*a*b'.repeat(3000)],
      ['3,000 intraword _', '_a_b'.repeat(3000)],
      ['200-level nested list', lines(200, (i) => '  '.repeat(i) + '- item ' + i)],
      ['200-level nested ordered list', lines(200, (i) => '   '.repeat(i) + '1. item ' + i)],
      ['20,000 inline list markers', '1. '.repeat(20000) + 'x'],
      ['nested quote and list markers', '> - '.repeat(1000) + 'x'],
      ['1 MB of text', ('lorem ipsum dolor sit amet, consectetur adipiscing elit\n'.repeat(20) + '\n').repeat(900)],
      ['1 MB on one line', 'a'.repeat(1024 * 1024)],
      ['60 KB table (too many cells)', '|a|b|c|d|\n|-|-|-|-|\n' + '|x|y|z|w|\n'.repeat(6000)],
    ];

    for (const [name, src] of cases) {
      it(`${name}: renderMarkdown never throws and shows escaped text`, () => {
        let div!: HTMLDivElement;
        expect(() => (div = dom(src))).not.to.throw();
        expectPlain(div, src);
      });

      it(`${name}: MarkdownStream never throws, streamed or whole`, () => {
        const el = document.createElement('div');
        const stream = new MarkdownStream(el);
        const step = Math.max(1, Math.floor(src.length / 7));
        for (let i = step; i < src.length; i += step) expect(() => stream.update(src.slice(0, i), true)).not.to.throw();
        expect(() => stream.update(src, false)).not.to.throw();
        expectPlain(el, src);
        const whole = new MarkdownStream(document.createElement('div'));
        expect(() => whole.update(src, false)).not.to.throw();
        expect(whole.container.innerHTML).to.equal(el.innerHTML);
      });
    }

    it('analyzeMarkdown flags what marked cannot take and passes normal text', () => {
      expect(analyzeMarkdown('>'.repeat(33) + ' x').hostile).to.be.true;
      expect(analyzeMarkdown('>'.repeat(32) + ' x').hostile).to.be.false;
      expect(analyzeMarkdown('*'.repeat(65) + 'x').hostile).to.be.true;
      expect(analyzeMarkdown('*'.repeat(200)).hostile, 'a thematic break').to.be.false;
      expect(analyzeMarkdown('```\n' + '_a_b '.repeat(1000) + '\n```').hostile, 'fenced code is not inline').to.be.false;
      const normal = 'A **normal** reply with `code`, _em_ and a [link](https://x.test).\n\n- one\n- two\n';
      expect(analyzeMarkdown(normal)).to.deep.equal({hostile: false, cost: analyzeMarkdown(normal).cost});
      expect(analyzeMarkdown(normal.repeat(200)).hostile).to.be.false;
    });

    it('analyzeMarkdown counts the syntax after long runs without any, on the same line or later ones', () => {
      // Cost: the characters and one per line, 8 per pipe, 2 per delimiter run.
      const run = 'x'.repeat(5000);
      expect(analyzeMarkdown(`${run}|${run}`).cost).to.equal(10_002 + 8);
      expect(analyzeMarkdown(`${run}\n${run}\n${run} *a* |`).cost).to.equal(5001 + 5001 + 5007 + 2 * 2 + 8);
      expect(analyzeMarkdown(`${run}\\*${run}`).cost, 'an escaped delimiter is no run').to.equal(10_003);
      expect(analyzeMarkdown(`${run}\n${'*a* '.repeat(129)}`).hostile, '258 runs in one paragraph').to.be.true;
      expect(analyzeMarkdown(`${run}\n\n${'*a* '.repeat(127)}`).hostile, '254 runs').to.be.false;
    });

    it('parsable: within the size cap and not hostile', () => {
      const para = 'Some *text* here.\n\n';
      const under = para.repeat(Math.floor(MARKDOWN_LIMITS.maxChars / para.length));
      expect(parsable(under)).to.be.true;
      expect(parsable(under + 'x'.repeat(MARKDOWN_LIMITS.maxChars - under.length + 1))).to.be.false;
      expect(parsable('>'.repeat(33) + ' x')).to.be.false;
    });

    it('a text just over the size cap is plain, just under is markdown', () => {
      const para = 'Some *text* here.\n\n';
      const under = para.repeat(Math.floor(MARKDOWN_LIMITS.maxChars / para.length));
      expect(dom(under).querySelector('em')).not.to.equal(null);
      const over = under + 'x'.repeat(MARKDOWN_LIMITS.maxChars - under.length + 1);
      expect(dom(over).querySelector('em')).to.equal(null);
    });

    it('never throws on odd values', () => {
      for (const value of [null, undefined, 42, '\u0000', '\ud800', '\r\r\n\r', '<', '&#0;', '[](', '\\'] as unknown as string[]) {
        expect(() => renderMarkdown(value)).not.to.throw();
      }
    });
  });
});
