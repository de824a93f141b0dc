import {expect, html} from '@open-wc/testing';
import {render, type RootPart} from 'lit';
import {markdown} from '../../../src/render/markdown-directive.js';
import {renderMarkdown} from '../../../src/markdown/markdown.js';
import {MarkdownStream} from '../../../src/markdown/stream-renderer.js';

function oneShot(text: string, imageHosts: readonly string[] = []): string {
  const div = document.createElement('div');
  div.append(renderMarkdown(text, {imageHosts}));
  return div.innerHTML;
}

/** The next animation frame, or 60 ms when frames are throttled (a background test page). */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 60);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('markdown() directive', () => {
  let calls: {text: string; streaming: boolean}[];
  const original = MarkdownStream.prototype.update;
  let container: HTMLElement;
  let part: RootPart | undefined;

  beforeEach(() => {
    calls = [];
    MarkdownStream.prototype.update = function (this: MarkdownStream, text: string, streaming: boolean) {
      calls.push({text, streaming});
      return original.call(this, text, streaming);
    };
    // Not fixture(): it waits for an animation frame, which a background test page may not get.
    container = document.createElement('div');
    document.body.append(container);
  });

  afterEach(() => {
    MarkdownStream.prototype.update = original;
    part?.setConnected(false);
    part = undefined;
    container.remove();
  });

  const show = (text: string, options?: {streaming?: boolean; imageHosts?: readonly string[]}) => {
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

  it('coalesces streaming updates to one render per animation frame', async () => {
    show('Hel', {streaming: true});
    show('Hello', {streaming: true});
    show('Hello wor', {streaming: true});
    expect(calls).to.deep.equal([]);
    await nextFrame();
    await nextFrame();
    expect(calls).to.deep.equal([{text: 'Hello wor', streaming: true}]);
    const el = container.querySelector('.md')!;
    expect(el.querySelector('[part="cursor"]')).not.to.equal(null);
    show('Hello world', {streaming: true});
    show('Hello world!', {streaming: true});
    await nextFrame();
    await nextFrame();
    expect(calls.map((c) => c.text)).to.deep.equal(['Hello wor', 'Hello world!']);
  });

  it('renders the end of a stream synchronously and drops the pending frame', async () => {
    show('Hello', {streaming: true});
    show('Hello **world', {streaming: true});
    show('Hello **world**', {streaming: false});
    const el = container.querySelector('.md')!;
    expect(calls).to.deep.equal([{text: 'Hello **world**', streaming: false}]);
    expect(el.innerHTML).to.equal(oneShot('Hello **world**'));
    expect(el.querySelector('[part="cursor"]')).to.equal(null);
    await nextFrame();
    await sleep(80);
    expect(calls.length).to.equal(1);
  });

  it('falls back to a 50 ms timer when requestAnimationFrame does not fire', async () => {
    const raf = window.requestAnimationFrame;
    window.requestAnimationFrame = () => 0;
    try {
      show('Background tab', {streaming: true});
      expect(calls).to.deep.equal([]);
      await sleep(120);
      expect(calls).to.deep.equal([{text: 'Background tab', streaming: true}]);
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
    show('Streaming', {streaming: true});
    part!.setConnected(false);
    await nextFrame();
    await sleep(80);
    expect(calls).to.deep.equal([]);
    part!.setConnected(true);
    await nextFrame();
    await nextFrame();
    expect(calls).to.deep.equal([{text: 'Streaming', streaming: true}]);
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
