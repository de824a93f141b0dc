/**
 * The HTML path (marked's HTML and DOMPurify, for raw HTML) loads the first time a text needs it.
 * Until then the blocks that need it show their source as plain text, never as HTML; then the
 * renderers render again. (This file's page starts without it: each test file has a page of its own.)
 */
import {expect, html} from '@open-wc/testing';
import {render} from 'lit';
import {loadSanitizer, renderMarkdown, sanitizerLoaded} from '../../../src/markdown/markdown.js';
import {MarkdownStream} from '../../../src/markdown/stream-renderer.js';
import {loadMarkdown, markdown} from '../../../src/render/markdown-directive.js';
import {nextFrame} from '../../frames.js';

declare global {
  interface Window {
    __lazyXss?: () => void;
  }
}

const HOSTILE = 'Intro with **bold**.\n\n<img src="x" onerror="window.__lazyXss()"><b>kept</b>\n\nAfter, with `code`.';

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await nextFrame();
  expect(check(), what).to.equal(true);
}

describe('the HTML path, loaded on demand', () => {
  let ran = 0;
  before(() => {
    window.__lazyXss = () => ran++;
  });
  after(() => {
    delete window.__lazyXss;
  });

  it('before it loads: raw HTML blocks show as plain text, the rest as markdown; then they render sanitized', async () => {
    await loadMarkdown();
    expect(sanitizerLoaded(), 'not loaded at first').to.equal(false);
    const host = document.createElement('div');
    const container = document.createElement('div');
    document.body.append(host, container);
    const view = (text: string, streaming: boolean) => html`<div class="md" ${markdown(text, {streaming})}></div>`;
    try {
      // The directive: a streamed reply, then finished, while the HTML path is on its way.
      render(view('Hello **there**.\n\n<b>ok</b>', true), container);
      render(view('Hello **there**.\n\n<b>ok</b>\n\nDone.', false), container);
      expect(container.querySelector('.md b'), 'the directive: plain text at first').to.equal(null);
      expect(container.querySelector('.md')!.textContent).to.contain('<b>ok</b>');

      host.append(renderMarkdown(HOSTILE));
      expect(host.querySelector('strong')?.textContent, 'markdown blocks as markdown').to.equal('bold');
      expect(host.querySelector('code')?.textContent).to.equal('code');
      expect(host.querySelector('img, b'), 'no HTML element from the raw HTML').to.equal(null);
      expect(host.textContent, 'its source, as text').to.contain('<img src="x" onerror="window.__lazyXss()"><b>kept</b>');

      const stream = new MarkdownStream(document.createElement('div'));
      stream.update(HOSTILE, false);
      expect(stream.awaitingSanitizer).to.equal(true);
      expect(stream.container.querySelector('img, b')).to.equal(null);

      await loadSanitizer();
      expect(sanitizerLoaded()).to.equal(true);
      expect(stream.redo()).to.equal(true);
      expect(stream.awaitingSanitizer).to.equal(false);
      expect(stream.container.querySelector('b')?.textContent, 'sanitized HTML').to.equal('kept');
      expect(stream.container.querySelector('[onerror]'), 'no handler').to.equal(null);
      const div = document.createElement('div');
      div.append(renderMarkdown(HOSTILE));
      expect(stream.container.innerHTML, 'as a one-shot render').to.equal(div.innerHTML);

      // The directive rendered again by itself.
      await until(() => container.querySelector('.md b')?.textContent === 'ok', 'the directive: the raw HTML, sanitized');
      expect(container.querySelector('.md strong')?.textContent).to.equal('there');
      expect(container.querySelector('.md')!.textContent).to.contain('Done.');
      expect(container.querySelector('.md')!.textContent).not.to.contain('<b>');
      await nextFrame();
      expect(ran, 'nothing ran').to.equal(0);
    } finally {
      render(html``, container);
      host.remove();
      container.remove();
    }
  });
});
