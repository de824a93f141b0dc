import {expect} from '@open-wc/testing';
import {Gen} from '../../../bench/lib/markdown-gen.js';
import {tokensToDom} from '../../../src/markdown/dom-render.js';
import {lexMarkdown, renderTokens, renderTokensAsHtml, loadSanitizer} from '../../../src/markdown/markdown.js';
import {XSS_PAYLOADS} from '../../fixtures/xss-payloads.js';

// The HTML path (raw HTML) loads on demand (test/unit/markdown/sanitizer-lazy.test.ts); these tests use it at once.
before(() => loadSanitizer());

/**
 * The DOM path of renderTokens (src/markdown/dom-render.ts) against the HTML path it replaces
 * (marked's HTML sanitized by DOMPurify): the same tree, node for node, for every input, whichever
 * path a block takes.
 */

const EDGE_CASES = [
  '# Title\n\nSetext\n===\n\nSub\n---\n\n###### six',
  'Para with **bold**, *em*, ***both***, ~~gone~~, `code <b>`, and a hard\nbreak (breaks: true).',
  'Escapes: \\*not em\\*, \\<tag\\>, a < b > c, "quotes" and \'single\', 5 & 6, AT&T.',
  '| left | center | right | none |\n|:-----|:------:|------:|------|\n| a | **b** | `c` | [d](https://d.example) |\n| | e | | f |',
  '| only | header |\n|---|---|',
  '- a\n- b\n  - nested\n    1. deep\n- c',
  '1. one\n2. two\n\n   loose para\n3. three',
  '7. seven\n8. eight',
  '- [ ] todo\n- [x] done\n- plain',
  '- [x] loose task\n\n- [ ] second\n\n  more',
  '> quote\n> > nested **quote**\n>\n> - list in quote',
  '```js\nconst a = 1 < 2 && "x";\n```\n\n```\nno lang\n\n```\n\n```python extra words\nprint("hi")\n```',
  '    indented code\n    <b>kept</b>',
  '```',
  'para\n\n```js',
  '```\n\n```',
  'Autolinks: https://example.com/a?b=1, www.example.org, <https://x.example>, mail@example.com, <mail@example.com>.',
  '[link](https://example.com "Title here") [rel](/path) [frag](#x) [q](?a=1) [mailto](mailto:a@b.c)',
  '[bad](javascript:alert(1)) [data](data:text/html,x) [vb](vbscript:x) [sp]( javascript:alert(1) )',
  '![alt **text** `c`](https://img.example/a.png "Img title") ![data](data:image/png;base64,AAAA) ![js](javascript:alert(1))',
  '[ref link][r] and ![ref img][i]\n\n[r]: https://ref.example "T"\n[i]: https://img.example/i.png',
  '[link with ![img](https://img.example/x.png)](https://x.example)',
  'Unicode: héllo wörld 你好 مرحبا 🎉 \u00a0nbsp',
  'Long url https://example.com/' + 'a'.repeat(300),
  '---\n\n***\n\n___',
  'Trailing spaces  \nmake a break\\\nand a backslash break',
  '[broken surrogate](https://x.example/\ud800)',
];
/** Raw HTML, and character references the HTML parser decodes: the HTML path. */
const HTML_CASES = [
  '<b>raw html</b> and text',
  '<div>\nblock html\n</div>\n\nafter',
  '&copy; &amp; &#169; &#x1F600; entities',
  '[amp](https://x.example/?a=1&amp;b=2)',
  '`code` then <span>inline html</span>',
];

function seeded(count: number): string[] {
  const out: string[] = [];
  for (let seed = 1; seed <= count; seed++) out.push(new Gen(seed).document());
  return out;
}

function compare(text: string, label: string): boolean {
  const tokens = lexMarkdown(text);
  let viaHtml: DocumentFragment;
  try {
    viaHtml = renderTokensAsHtml(tokens, {imageHosts: ['img.example']});
  } catch {
    // Raw HTML that DOMPurify refuses (the caller shows plain text): the DOM path must not take it.
    expect(tokensToDom(tokens, document, () => true), `${label}: the HTML path threw, the DOM path made a tree`).to.equal(null);
    return false;
  }
  const viaDom = renderTokens(lexMarkdown(text), {imageHosts: ['img.example']});
  const a = document.createElement('div');
  const b = document.createElement('div');
  a.append(viaHtml);
  b.append(viaDom);
  if (!a.isEqualNode(b)) {
    expect(b.innerHTML, `${label}: the DOM path differs from the HTML path`).to.equal(a.innerHTML);
    // Same serialization, different trees (e.g. text nodes split differently).
    expect(b.childNodes.length, `${label}: node count`).to.equal(a.childNodes.length);
    expect.fail(`${label}: same HTML, different trees`);
  }
  return tokensToDom(tokens, document, () => true) !== null;
}

describe('renderTokens: the DOM path equals the HTML path', () => {
  it('on edge cases of every token type (and takes the DOM path for those without raw HTML or character references)', () => {
    const label = (text: string) => JSON.stringify(text.slice(0, 40));
    expect(EDGE_CASES.filter((text) => !compare(text, `edge case ${label(text)}`)), 'edge cases that did not take the DOM path').to.deep.equal([]);
    expect(HTML_CASES.filter((text) => compare(text, `HTML case ${label(text)}`)), 'HTML cases that took the DOM path').to.deep.equal([]);
  });

  it('on 40 seeded answers like the bench streams (headings, lists, code, tables, links, emphasis)', () => {
    let direct = 0;
    seeded(40).forEach((text, i) => (direct += compare(text, `seeded answer ${i + 1}`) ? 1 : 0));
    expect(direct, 'answers without raw HTML take the DOM path').to.be.greaterThan(30);
  });

  it('on each top-level block of the seeded answers (the streaming renderer renders runs of blocks)', () => {
    for (const [n, text] of seeded(10).entries()) {
      const tokens = lexMarkdown(text);
      tokens.forEach((token, i) => {
        const a = document.createElement('div');
        const b = document.createElement('div');
        a.append(renderTokensAsHtml([token]));
        b.append(renderTokens([token]));
        expect(b.innerHTML, `answer ${n + 1}, block ${i} (${token.type})`).to.equal(a.innerHTML);
        expect(b.isEqualNode(a), `answer ${n + 1}, block ${i} (${token.type}): same tree`).to.equal(true);
      });
    }
  });

  it('on prefixes of seeded answers (what a stream renders: open fences, half tables, cut links)', function () {
    this.timeout(30_000);
    let direct = 0;
    for (const [n, text] of seeded(4).entries()) {
      for (let k = 1; k <= 40; k++) {
        const end = Math.round((text.length * k) / 40 - ((k * 7919) % 13));
        direct += compare(text.slice(0, Math.max(1, end)), `answer ${n + 1}, prefix of ${end}`) ? 1 : 0;
      }
    }
    expect(direct).to.be.greaterThan(100);
  });

  it('on the XSS corpus', () => {
    XSS_PAYLOADS.forEach((payload, i) => compare(payload, `payload ${i}: ${JSON.stringify(payload.slice(0, 60))}`));
  });

  it('builds in an inert document: an image the post-pass drops never starts loading', async () => {
    const url = `https://evil.example/leak-${Math.random().toString(36).slice(2)}.png`;
    const fragment = renderTokens(lexMarkdown(`Look: ![tracker](${url}) and **bold**`), {imageHosts: []});
    expect(fragment.ownerDocument.defaultView, 'no browsing context').to.equal(null);
    expect(fragment.querySelector('strong'), 'the DOM path was taken').to.not.equal(null);
    expect(fragment.querySelector('img')).to.equal(null);
    expect(fragment.querySelector('.blocked-image')!.textContent).to.equal('tracker');
    await new Promise((r) => setTimeout(r, 100));
    expect(performance.getEntriesByName(url)).to.have.length(0);
  });

  it('never makes a node from markup in a text: a script tag written as an escaped text stays text', () => {
    const fragment = tokensToDom(lexMarkdown('\\<script>alert(1)\\</script> and `<img src=x onerror=alert(1)>`'), document, () => true);
    expect(fragment).to.not.equal(null);
    const holder = document.createElement('div');
    holder.append(fragment!);
    expect(holder.querySelector('script, img')).to.equal(null);
    expect(holder.textContent).to.contain('<script>alert(1)</script>');
    expect(holder.querySelector('code')!.textContent).to.equal('<img src=x onerror=alert(1)>');
  });
});
