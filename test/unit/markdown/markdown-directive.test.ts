import {expect, html} from '@open-wc/testing';
import {render, type RootPart} from 'lit';
import {loadMarkdown, markdown} from '../../../src/render/markdown-directive.js';
import {renderMarkdown, loadSanitizer} from '../../../src/markdown/markdown.js';
import {MarkdownStream} from '../../../src/markdown/stream-renderer.js';
import {nextFrame as anyFrame, sleep} from '../../frames.js';

// The HTML path (raw HTML) loads on demand (test/unit/markdown/sanitizer-lazy.test.ts); these tests use it at once.
before(() => loadSanitizer());

// The directive renders markdown once its lazy chunk has loaded (before that: plain text, tested in test/bundle/).
await loadMarkdown();

function oneShot(text: string, imageHosts: readonly string[] = []): string {
  const div = document.createElement('div');
  div.append(renderMarkdown(text, {imageHosts}));
  return div.innerHTML;
}

/** The directive's clock (`performance.now()` while a test runs), advanced by hand: no test depends on timing. */
let clock = 0;

/** The next animation frame, or 60 ms when frames are throttled (a background test page); the clock moves on 20 ms. */
function nextFrame(): Promise<void> {
  clock += 20;
  return anyFrame();
}

describe('markdown() directive', () => {
  let calls: {text: string; streaming: boolean}[];
  const original = MarkdownStream.prototype.update;
  const realNow = performance.now;
  let container: HTMLElement;
  let part: RootPart | undefined;

  beforeEach(() => {
    calls = [];
    clock = 1_000_000;
    performance.now = () => clock;
    MarkdownStream.prototype.update = function (this: MarkdownStream, text: string, streaming: boolean) {
      calls.push({text, streaming});
      return original.call(this, text, streaming);
    };
    // Not fixture(): it waits for an animation frame, which a background test page may not get.
    container = document.createElement('div');
    document.body.append(container);
  });

  afterEach(() => {
    performance.now = realNow;
    MarkdownStream.prototype.update = original;
    part?.setConnected(false);
    part = undefined;
    container.remove();
  });

  const show = (text: string, options?: {streaming?: boolean; cut?: boolean; imageHosts?: readonly string[]}) => {
    part = render(html`<div class="md" ${markdown(text, options)}></div>`, container);
    return container.querySelector('.md')!;
  };

  it('renders a finished message synchronously, equal to renderMarkdown', () => {
    const el = show('# Hi\n\nSome **text**');
    expect(el.innerHTML).to.equal(oneShot('# Hi\n\nSome **text**'));
    expect(calls).to.deep.equal([{text: '# Hi\n\nSome **text**', streaming: false}]);
  });

  it('does no work for a finished message whose text did not change', () => {
    show('same text');
    const node = container.querySelector('.md')!.firstChild;
    show('same text');
    show('same text', {streaming: false});
    expect(calls.length).to.equal(1);
    expect(container.querySelector('.md')!.firstChild === node).to.be.true;
  });

  it('renders the first streaming update at once and coalesces the next ones to a later frame', async () => {
    show('Hel', {streaming: true});
    expect(calls).to.deep.equal([{text: 'Hel', streaming: true}]);
    const el = container.querySelector('.md')!;
    expect(el.querySelector('[part="cursor"]')).not.to.equal(null);
    clock += 5;
    show('Hello', {streaming: true});
    show('Hello wor', {streaming: true});
    expect(calls.length, 'not due yet: less than a frame since the last render').to.equal(1);
    await nextFrame();
    await nextFrame();
    expect(calls.map((c) => c.text)).to.deep.equal(['Hel', 'Hello wor']);
    // A frame has passed since that render: the next update renders at once, the one after waits.
    show('Hello world', {streaming: true});
    show('Hello world!', {streaming: true});
    expect(calls.map((c) => c.text)).to.deep.equal(['Hel', 'Hello wor', 'Hello world']);
    await nextFrame();
    await nextFrame();
    expect(calls.map((c) => c.text)).to.deep.equal(['Hel', 'Hello wor', 'Hello world', 'Hello world!']);
    expect(el.textContent!.trim()).to.equal('Hello world!');
  });

  it('renders in the Lit update itself once a render is due (no extra frame)', () => {
    show('One', {streaming: true});
    clock += 20;
    show('One two', {streaming: true});
    expect(calls.map((c) => c.text)).to.deep.equal(['One', 'One two']);
  });

  it('spaces renders by how long the last one took', async () => {
    MarkdownStream.prototype.update = function (this: MarkdownStream, text: string, streaming: boolean) {
      calls.push({text, streaming});
      clock += 8; // a render that takes 8 ms
      return original.call(this, text, streaming);
    };
    show('Slow', {streaming: true});
    // 8 ms × 16 = 128 ms from the start of that render before the next one.
    clock += 100;
    show('Slow render', {streaming: true});
    expect(calls.map((c) => c.text)).to.deep.equal(['Slow']);
    await nextFrame();
    await nextFrame();
    expect(calls.map((c) => c.text)).to.deep.equal(['Slow', 'Slow render']);
  });

  it('shows a stream that is behind a step per frame: a long step is not followed by another in the same frame', async () => {
    await sleep(0); // a task of its own
    let behind = 3;
    MarkdownStream.prototype.update = function (this: MarkdownStream, text: string, streaming: boolean) {
      calls.push({text, streaming});
      clock += 20; // a step that takes longer than a frame
      const shown = original.call(this, text, streaming);
      return behind-- > 0 ? false : shown;
    };
    show('Big', {streaming: true});
    // The store's Lit update with new text, in the same frame: no second step now.
    show('Big frame', {streaming: true});
    expect(calls.map((c) => c.text)).to.deep.equal(['Big']);
    for (let i = 0; i < 20 && calls.length < 4; i++) await nextFrame();
    expect(calls.map((c) => c.text)).to.deep.equal(['Big', 'Big frame', 'Big frame', 'Big frame']);
  });

  it('renders the end of a stream in the next frame when a long streaming render ran in the same task', async () => {
    await sleep(0); // a task of its own
    MarkdownStream.prototype.update = function (this: MarkdownStream, text: string, streaming: boolean) {
      calls.push({text, streaming});
      clock += 20; // a render that fills the task's slice
      return original.call(this, text, streaming);
    };
    show('Long', {streaming: true});
    show('Long reply', {streaming: false});
    expect(calls).to.deep.equal([{text: 'Long', streaming: true}]);
    for (let i = 0; i < 20 && calls.length < 2; i++) await nextFrame();
    expect(calls).to.deep.equal([
      {text: 'Long', streaming: true},
      {text: 'Long reply', streaming: false},
    ]);
    expect(container.querySelector('.md')!.innerHTML).to.equal(oneShot('Long reply'));
  });

  it('renders the end of a stream synchronously and drops the pending frame', async () => {
    show('Hello', {streaming: true});
    show('Hello **world', {streaming: true});
    show('Hello **world**', {streaming: false});
    const el = container.querySelector('.md')!;
    expect(calls).to.deep.equal([
      {text: 'Hello', streaming: true},
      {text: 'Hello **world**', streaming: false},
    ]);
    expect(el.innerHTML).to.equal(oneShot('Hello **world**'));
    expect(el.querySelector('[part="cursor"]')).to.equal(null);
    clock += 1000;
    await nextFrame();
    await sleep(80);
    expect(calls.length).to.equal(2);
  });

  it('renders a stream that ends early (cut) finished, with what was open closed', async () => {
    show('Hello', {streaming: true});
    await nextFrame();
    await sleep(0); // a task of its own (the first render's task may still hold the slice when the frame came first)
    show('Hello **wor', {streaming: true});
    const el = container.querySelector('.md')!;
    expect(el.querySelector('[part="cursor"]')).not.to.equal(null);
    show('Hello **wor', {streaming: false, cut: true});
    expect(calls).to.deep.equal([
      {text: 'Hello', streaming: true},
      {text: 'Hello **wor', streaming: true},
      {text: 'Hello **wor**', streaming: false},
    ]);
    expect(el.innerHTML).to.equal(oneShot('Hello **wor**'));
    expect(el.querySelector('[part="cursor"]')).to.equal(null);
    // Other Lit updates with the same text cost nothing; no frame renders again.
    show('Hello **wor', {streaming: false, cut: true});
    clock += 1000;
    await nextFrame();
    await sleep(80);
    expect(calls.length).to.equal(3);
    // Without `cut`, the same text is the finished render of what it says.
    show('Hello **wor', {streaming: false});
    expect(el.innerHTML).to.equal(oneShot('Hello **wor'));
  });

  it('renders a cut text restored as it was (no stream before): finished, its open fence a code block', () => {
    const el = show('Run:\n\n```js\nlet a = 1;\n``', {cut: true});
    expect(el.innerHTML).to.equal(oneShot('Run:\n\n```js\nlet a = 1;'));
    expect(el.querySelector('pre code')!.textContent).to.equal('let a = 1;\n');
  });

  it('renders a long finished text a few blocks per frame, the first ones at once', async () => {
    const text = Array.from({length: 400}, (_, i) => `## Part ${i}\n\nSome *text* for part ${i}, long enough to count.`).join('\n\n');
    const el = show(text);
    expect(calls, 'the steps before the last do not go through update()').to.deep.equal([]);
    const first = el.firstElementChild;
    expect(first?.textContent).to.equal('Part 0');
    expect(el.querySelectorAll('h2').length).to.be.lessThan(400);
    show(text); // another Lit update while it renders: carries on, does not start over
    for (let i = 0; i < 40 && calls.length === 0; i++) await nextFrame();
    expect(calls).to.deep.equal([{text, streaming: false}]);
    expect(el.firstElementChild === first, 'blocks already shown are kept').to.be.true;
    expect(el.innerHTML).to.equal(oneShot(text));
  });

  it('renders the finished messages of one update as many as fit in a slice of the task, the rest in the next frames', async () => {
    await sleep(0); // a task of its own
    MarkdownStream.prototype.update = function (this: MarkdownStream, text: string, streaming: boolean) {
      calls.push({text, streaming});
      clock += 6; // each render takes 6 ms: three fit in the 16 ms slice
      return original.call(this, text, streaming);
    };
    const texts = Array.from({length: 10}, (_, i) => `Message **${i}**`);
    part = render(html`${texts.map((text) => html`<div class="md" ${markdown(text)}></div>`)}`, container);
    const bodies = () => Array.from(container.querySelectorAll('.md'), (el) => el.innerHTML);
    expect(bodies().filter(Boolean).length, 'rendered in the update').to.equal(3);
    for (let i = 0; i < 20 && bodies().some((b) => !b); i++) await nextFrame();
    expect(bodies()).to.deep.equal(texts.map((text) => oneShot(text)));
    expect(calls.map((c) => c.text)).to.deep.equal(texts);
  });

  it('falls back to a 50 ms timer when requestAnimationFrame does not fire', async () => {
    const raf = window.requestAnimationFrame;
    window.requestAnimationFrame = () => 0;
    clock += 10_000; // no frame for a long while
    try {
      show('Background', {streaming: true});
      show('Background tab', {streaming: true});
      expect(calls.map((c) => c.text)).to.deep.equal(['Background']);
      clock += 20;
      await sleep(120); // the 50 ms timeout after the render is due
      expect(calls.map((c) => c.text)).to.deep.equal(['Background', 'Background tab']);
    } finally {
      window.requestAnimationFrame = raf;
    }
  });

  it('waits for a frame that is late rather than stepping from the fallback timer while frames run', async () => {
    const raf = window.requestAnimationFrame;
    const callbacks: FrameRequestCallback[] = [];
    window.requestAnimationFrame = (cb) => callbacks.push(cb);
    clock += 10_000;
    try {
      show('Slow', {streaming: true});
      show('Slow frames', {streaming: true});
      expect(calls.map((c) => c.text)).to.deep.equal(['Slow']);
      clock += 20;
      callbacks.shift()!(clock); // a frame: renders
      expect(calls.map((c) => c.text)).to.deep.equal(['Slow', 'Slow frames']);
      show('Slow frames run', {streaming: true});
      // The next frame is late (a long frame, a loaded machine): the timer does not step meanwhile.
      clock += 100;
      await sleep(160);
      expect(calls.map((c) => c.text)).to.deep.equal(['Slow', 'Slow frames']);
      callbacks.shift()!(clock);
      expect(calls.map((c) => c.text)).to.deep.equal(['Slow', 'Slow frames', 'Slow frames run']);
      // Frames stopped (a hidden tab): after a while without one, the timer steps again.
      show('Slow frames run out', {streaming: true});
      clock += 300;
      await sleep(160);
      expect(calls.map((c) => c.text)).to.deep.equal(['Slow', 'Slow frames', 'Slow frames run', 'Slow frames run out']);
    } finally {
      window.requestAnimationFrame = raf;
    }
  });

  it('renders again when the image hosts change', () => {
    const text = '![cat](https://img.example.com/cat.png)';
    const el = show(text, {imageHosts: []});
    expect(el.querySelector('img')).to.equal(null);
    show(text, {imageHosts: ['img.example.com']});
    expect(el.querySelector('img')).not.to.equal(null);
    expect(el.innerHTML).to.equal(oneShot(text, ['img.example.com']));
    show(text, {imageHosts: ['img.example.com']});
    expect(calls.length).to.equal(2);
  });

  it('keeps frozen blocks while a message streams in through Lit updates', async () => {
    show('First paragraph.\n\nSecond', {streaming: true});
    await nextFrame();
    show('First paragraph.\n\nSecond paragraph.\n\nThird', {streaming: true});
    await nextFrame();
    const first = container.querySelector('.md')!.firstElementChild;
    show('First paragraph.\n\nSecond paragraph.\n\nThird and last.', {streaming: true});
    await nextFrame();
    show('First paragraph.\n\nSecond paragraph.\n\nThird and last.', {streaming: false});
    const el = container.querySelector('.md')!;
    expect(el.firstElementChild === first).to.be.true;
    expect(el.innerHTML).to.equal(oneShot('First paragraph.\n\nSecond paragraph.\n\nThird and last.'));
  });

  it('does not render while disconnected, and catches up when reconnected', async () => {
    show('Stream', {streaming: true});
    show('Streaming', {streaming: true});
    part!.setConnected(false);
    await nextFrame();
    await sleep(80);
    expect(calls.map((c) => c.text)).to.deep.equal(['Stream']);
    part!.setConnected(true);
    await nextFrame();
    await nextFrame();
    expect(calls.map((c) => c.text)).to.deep.equal(['Stream', 'Streaming']);
  });

  it('keeps one stream per element in a keyed list', async () => {
    const items = [
      {id: 'a', text: 'Alpha', streaming: false},
      {id: 'b', text: 'Beta **bold', streaming: true},
    ];
    const {repeat} = await import('lit/directives/repeat.js');
    const draw = () =>
      render(
        html`${repeat(
          items,
          (m) => m.id,
          (m) => html`<div class="md" data-id=${m.id} ${markdown(m.text, {streaming: m.streaming})}></div>`
        )}`,
        container
      );
    draw();
    await nextFrame();
    await nextFrame();
    const before = calls.length;
    items[1] = {id: 'b', text: 'Beta **bold** done', streaming: false};
    draw();
    // Only the changed message rendered; the finished one was not parsed again.
    expect(calls.slice(before)).to.deep.equal([{text: 'Beta **bold** done', streaming: false}]);
    expect(container.querySelector('[data-id="a"]')!.innerHTML).to.equal(oneShot('Alpha'));
    expect(container.querySelector('[data-id="b"]')!.innerHTML).to.equal(oneShot('Beta **bold** done'));
  });

  it('is an element directive only', () => {
    expect(() => render(html`<div>${markdown('x')}</div>`, container)).to.throw(/element directive/);
  });
});
