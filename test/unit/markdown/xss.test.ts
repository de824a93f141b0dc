import {expect} from '@open-wc/testing';
import {renderMarkdown, loadSanitizer} from '../../../src/markdown/markdown.js';
import {MarkdownStream} from '../../../src/markdown/stream-renderer.js';
import {highlightIdle} from '../../../src/markdown/highlight.js';
import {nextFrame, sleep} from '../../frames.js';
import {DOMPURIFY_PAYLOADS, MARKDOWN_PAYLOADS, OWASP_PAYLOADS, XSS_PAYLOADS} from '../../fixtures/xss-payloads.js';

// The HTML path (raw HTML) loads on demand (test/unit/markdown/sanitizer-lazy.test.ts); these tests use it at once.
before(() => loadSanitizer());

type Spied = 'alert' | 'confirm' | 'prompt' | 'print' | '__xss';

const FORBIDDEN_TAGS = new Set([
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'base', 'form', 'style', 'link', 'meta',
  'svg', 'math', 'input', 'button', 'textarea', 'select', 'template', 'video', 'audio', 'source', 'noscript',
]);
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'background', 'poster', 'srcdoc', 'srcset']);

/** The widget's own markup around code blocks (added after sanitizing): the only `part`s and the only <button>. */
const OWN_PARTS: Record<string, string> = {cursor: 'span', 'code-block': 'div', 'code-copy': 'button'};
const HIGHLIGHT_CLASS = /^hl-(deleted|err|var|section|kwd|class|cmnt|insert|type|func|bool|num|oper|str|esc)$/;

/** A code-copy button is exactly the widget's: its attributes, its place, and a code block of plain text (or highlight spans) beside it. */
function assertOwnCopyButton(button: Element, label: string): void {
  expect(button.getAttributeNames().sort(), `${label}: copy button attributes`).to.deep.equal(['aria-label', 'class', 'part', 'type']);
  expect([button.getAttribute('type'), button.className], `${label}: copy button`).to.deep.equal(['button', 'code-copy']);
  const head = button.parentElement!;
  expect(head.className, `${label}: copy button parent`).to.equal('code-head');
  const block = head.parentElement!;
  expect(block.getAttribute('part'), `${label}: code block`).to.equal('code-block');
  expect(Array.from(block.children).map((c) => c.localName), `${label}: code block children`).to.deep.equal(['div', 'pre']);
  const code = block.children[1]!.children;
  expect(Array.from(code).map((c) => c.localName), `${label}: pre children`).to.deep.equal(['code']);
  for (const child of Array.from(code[0]!.querySelectorAll('*'))) {
    // Plain text, the streaming cursor, or the highlighter's segments and token spans: never
    // backend elements whose text would be copied unseen.
    const own =
      child.getAttribute('part') === 'cursor' ||
      (child.localName === 'span' && child.className === 'hl-seg' && child.parentElement === code[0]) ||
      (child.localName === 'span' && HIGHLIGHT_CLASS.test(child.className) && child.children.length === 0 && child.parentElement!.className === 'hl-seg');
    expect(own, `${label}: <${child.localName} class=${child.className}> inside a copyable code block`).to.be.true;
  }
}

/** Every check from the brief, on one container (after any update, mid-stream included). */
function assertInert(root: Element, label: string): void {
  for (const el of Array.from(root.querySelectorAll('*'))) {
    if (el.localName === 'button') assertOwnCopyButton(el, label);
    else expect(FORBIDDEN_TAGS.has(el.localName), `${label}: <${el.localName}>`).to.be.false;
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      expect(name.startsWith('on'), `${label}: ${name} on <${el.localName}>`).to.be.false;
      expect(name, `${label}: style attribute`).not.to.equal('style');
      if (URL_ATTRIBUTES.has(name)) {
        // eslint-disable-next-line no-control-regex
        const value = attr.value.replace(/[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028\u2029\u205f\u3000\ufeff]/g, '').toLowerCase();
        expect(value, `${label}: ${name}=${attr.value}`).not.to.match(/^(javascript|vbscript|data:text\/html|data:)/);
      }
    }
    // Nothing may pose as the widget's own parts or styling hooks.
    const part = el.getAttribute('part');
    if (part !== null) {
      expect(OWN_PARTS[part], `${label}: part="${part}" on <${el.localName}>`).to.equal(el.localName);
      if (part === 'cursor') expect(el.className, `${label}: fake cursor`).to.equal('cursor');
      if (part === 'code-block') expect(el.querySelectorAll('[part="code-copy"]').length, `${label}: one copy button per block`).to.equal(1);
    }
    expect(el.hasAttribute('exportparts'), `${label}: exportparts`).to.be.false;
  }
  expect(root.querySelectorAll('[part="code-copy"]').length, `${label}: copy buttons = code blocks`).to.equal(root.querySelectorAll('[part="code-block"]').length);
}

/** Cut points: halves, thirds, every 7th character, and inside every `<`, `(`, `&` and `[`. */
function splits(text: string): number[][] {
  const n = text.length;
  const inside: number[] = [];
  for (let i = 0; i < n; i++) if ('<(&[:='.includes(text[i]!)) inside.push(i + 1, i + 3);
  const every = (step: number) => Array.from({length: Math.floor((n - 1) / step)}, (_, k) => (k + 1) * step);
  return [
    [Math.floor(n / 2)],
    [Math.floor(n / 3), Math.floor((2 * n) / 3)],
    every(7),
    [...new Set(inside.filter((c) => c > 0 && c < n))].sort((a, b) => a - b),
  ].map((cuts) => cuts.filter((c) => c > 0 && c < n));
}

describe('XSS payloads', () => {
  const hits: string[] = [];
  const saved = new Map<Spied, unknown>();
  const w = window as unknown as Record<Spied, unknown>;
  let host: HTMLElement;
  let shadow: ShadowRoot;

  before(() => {
    for (const name of ['alert', 'confirm', 'prompt', 'print', '__xss'] as Spied[]) {
      saved.set(name, w[name]);
      w[name] = (...args: unknown[]) => {
        hits.push(`${name}(${args.map(String).join(',')})`);
        return name === 'confirm' ? false : null;
      };
    }
  });

  after(() => {
    for (const [name, value] of saved) w[name] = value;
  });

  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
    shadow = host.attachShadow({mode: 'open'});
  });

  afterEach(async () => {
    // Give onload/onerror/ontoggle/animation handlers the chance to fire before judging.
    await nextFrame();
    await sleep(150);
    await nextFrame();
    expect(hits, 'no payload ran').to.deep.equal([]);
    host.remove();
  });

  it('the harness does detect a handler that runs (control, without the sanitizer)', async () => {
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.__xss("control")');
    img.setAttribute('src', 'data:,not-an-image');
    shadow.append(img);
    await nextFrame();
    await sleep(150);
    expect(hits).to.deep.equal(['__xss(control)']);
    hits.length = 0;
  });

  it('has a corpus of over 100 payloads from public sources plus markdown-specific ones', () => {
    expect(DOMPURIFY_PAYLOADS.length + OWASP_PAYLOADS.length).to.be.greaterThan(100);
    expect(MARKDOWN_PAYLOADS.length).to.be.greaterThan(30);
    expect(XSS_PAYLOADS.length).to.equal(DOMPURIFY_PAYLOADS.length + OWASP_PAYLOADS.length + MARKDOWN_PAYLOADS.length);
  });

  const groups: [string, readonly string[]][] = [
    ['DOMPurify test suite', DOMPURIFY_PAYLOADS],
    ['OWASP / PortSwigger', OWASP_PAYLOADS],
    ['markdown-specific', MARKDOWN_PAYLOADS],
  ];

  for (const [group, payloads] of groups) {
    it(`${group}: renderMarkdown output is inert (whole payloads, in a shadow root)`, () => {
      payloads.forEach((payload, i) => {
        for (const imageHosts of [[], ['img.example.com', 'x']]) {
          const box = document.createElement('div');
          shadow.append(box);
          box.append(renderMarkdown(payload, {imageHosts}));
          assertInert(box, `${group} #${i} ${JSON.stringify(payload).slice(0, 80)}`);
        }
      });
    });

    // In batches, each well within the runner's per-test timeout.
    for (let from = 0; from < payloads.length; from += 25) {
      const batch = payloads.slice(from, from + 25);
      it(`${group} ${from + 1}-${from + batch.length}: streamed in chunks, every intermediate render is inert`, () => {
        batch.forEach((payload, k) => {
          const i = from + k;
          for (const cuts of splits(payload)) {
            const box = document.createElement('div');
            shadow.append(box);
            const stream = new MarkdownStream(box, {imageHosts: ['img.example.com']});
            for (const cut of cuts) {
              stream.update(payload.slice(0, cut), true);
              assertInert(box, `${group} #${i} at ${cut}`);
            }
            stream.update(payload, false);
            assertInert(box, `${group} #${i} final`);
            const whole = document.createElement('div');
            whole.append(renderMarkdown(payload, {imageHosts: ['img.example.com']}));
            expect(box.innerHTML, `${group} #${i}: streamed == one-shot`).to.equal(whole.innerHTML);
          }
        });
      });
    }
  }

  it('every payload inside a code block (languages in turn), streamed and then highlighted, stays inert and keeps its text', async function () {
    // In a background tab (test files run side by side) highlighting goes in 50 ms timer slices.
    this.timeout(30_000);
    let spans = 0;
    const boxes: {box: HTMLElement; texts: string[]; label: string}[] = [];
    XSS_PAYLOADS.forEach((payload, i) => {
      const longest = Math.max(0, ...(payload.match(/`+/g) ?? []).map((run) => run.length));
      const fence = '`'.repeat(Math.max(3, longest + 1));
      const lang = ['html', 'js', 'md', 'bash', 'nope'][i % 5]!;
      const text = `Before.\n\n${fence}${lang}\n${payload}\n${fence}\n\nAfter ${payload}`;
      const box = document.createElement('div');
      shadow.append(box);
      const stream = new MarkdownStream(box, {highlight: true, imageHosts: ['img.example.com']});
      const n = text.length;
      for (const cut of [12 + fence.length, Math.floor(n / 3), Math.floor(n / 2), Math.floor((2 * n) / 3)]) {
        stream.update(text.slice(0, cut), true);
        assertInert(box, `#${i} ${lang} at ${cut}`);
      }
      stream.update(text, false);
      assertInert(box, `#${i} ${lang} final`);
      boxes.push({box, texts: Array.from(box.querySelectorAll('code'), (c) => c.textContent!), label: `#${i} ${lang}`});
    });
    await highlightIdle();
    for (const {box, texts, label} of boxes) {
      assertInert(box, `${label} highlighted`);
      expect(box.querySelectorAll('[style]').length, `${label}: style attributes`).to.equal(0);
      expect(Array.from(box.querySelectorAll('code'), (c) => c.textContent), `${label}: the code's text is unchanged`).to.deep.equal(texts);
      spans += box.querySelectorAll('[class^="hl-"]:not(.hl-seg)').length;
    }
    expect(spans, 'highlight spans over all payloads').to.be.greaterThan(XSS_PAYLOADS.length);
  });

  it('markdown payloads streamed one character at a time stay inert', () => {
    MARKDOWN_PAYLOADS.forEach((payload, i) => {
      const box = document.createElement('div');
      shadow.append(box);
      const stream = new MarkdownStream(box);
      for (let cut = 1; cut < payload.length; cut++) {
        stream.update(payload.slice(0, cut), true);
        assertInert(box, `#${i} at ${cut}`);
      }
      stream.update(payload, false);
      assertInert(box, `#${i} final`);
    });
  });

  it('payloads concatenated into one long hostile reply, streamed, stay inert', () => {
    const text = XSS_PAYLOADS.join('\n\n');
    const box = document.createElement('div');
    shadow.append(box);
    const stream = new MarkdownStream(box);
    for (let cut = 97; cut < text.length; cut += 97) {
      stream.update(text.slice(0, cut), true);
      assertInert(box, `at ${cut}`);
    }
    stream.update(text, false);
    assertInert(box, 'final');
  });

  it('a script left open (a reply cut inside raw HTML) shows nothing of it and keeps the text before', () => {
    const show = (text: string) => {
      const div = document.createElement('div');
      div.append(renderMarkdown(text));
      return div.innerHTML;
    };
    // (test/csp/strict-csp.test.ts checks that these renders make no Trusted Types report.)
    expect(show('a\n\n<script>window')).to.equal('<p>a</p>\n');
    expect(show('a\n\n<div><SCRIPT src=x>x')).to.equal('<p>a</p>\n<div></div>');
    expect(show('x <script>win')).to.equal('<p>x </p>');
    expect(show('x <script>win</script> y')).to.equal('<p>x  y</p>\n');
    expect(show('a\n\n<script>one</script>\n\n<script>two')).to.equal('<p>a</p>\n');
  });

  it('a payload split so that no single chunk looks dangerous never assembles a live element', () => {
    const payload = '<img src=x onerror=window.__xss()>';
    const box = document.createElement('div');
    shadow.append(box);
    const stream = new MarkdownStream(box);
    for (let cut = 1; cut <= payload.length; cut++) {
      stream.update('Hi ' + payload.slice(0, cut), cut < payload.length);
      assertInert(box, `at ${cut}`);
      expect(box.querySelector('img')).to.equal(null);
    }
  });
});
