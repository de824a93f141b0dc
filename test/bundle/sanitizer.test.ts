/**
 * The HTML path of markdown (marked's HTML renderer and DOMPurify, for raw HTML) is a chunk of the
 * built bundle of its own: a conversation whose markdown has no raw HTML never fetches it; a reply
 * with raw HTML shows those blocks as plain text until it arrives, then renders them sanitized,
 * and nothing the backend sent runs.
 */
import {expect} from '@esm-bundle/chai';
import {addWidget, backend, bundleUrl, fetchedKinds, newRun, replies, until, type Widget} from './bundle.js';

declare global {
  interface Window {
    __xss?: unknown;
  }
}

const run = newRun();

const bubbleOf = (el: Widget, id: string) => el.shadowRoot?.querySelector(`[data-id="${id}"] .md`) ?? null;

describe('the built bundle: the sanitizer chunk', () => {
  before(async () => {
    await import(bundleUrl(run));
  });

  it('a conversation with markdown, without raw HTML or extras, fetches neither it nor the extras chunk', async function () {
    this.timeout(15_000);
    const el = addWidget({protocol: 'openai', persist: 'none', url: `${backend('openai')}/?t=${run}&delay=0`});
    await until(() => el.send('Hello') !== null, 'a message sent over openai');
    await until(() => replies(el).at(-1)?.status === 'complete', 'an openai reply', 10_000);
    const reply = replies(el).at(-1)!;
    await until(() => bubbleOf(el, reply.id)?.querySelector('p, li, strong, h2, h3'), 'the reply, as markdown');
    const kinds = await fetchedKinds(run);
    expect(kinds).to.include('markdown');
    expect(kinds).not.to.include('sanitizer');
    expect(kinds, 'the extras (test/bundle/extras.test.ts)').not.to.include('extras');
    el.remove();
  });

  it('a reply with raw HTML renders sanitized once it has arrived, and nothing runs', async function () {
    this.timeout(15_000);
    delete window.__xss;
    // fault=xss: the brand backend's welcome is hostile markdown (demo/server/content.js).
    const el = addWidget({protocol: 'brand', brand: 'techpro', persist: 'none', url: `${backend('brand')}/?t=${run}&delay=0&fault=xss`});
    const welcome = () => el.messages.find((m) => m.meta.kind === 'welcome');
    await until(() => welcome(), 'the welcome');
    await until(() => bubbleOf(el, welcome()!.id)?.querySelector('a[href="https://example.com"]'), 'the welcome, rendered', 10_000);
    await until(async () => (await fetchedKinds(run)).includes('sanitizer'), 'the sanitizer chunk fetched');
    const bubble = bubbleOf(el, welcome()!.id)!;
    await until(() => bubble.querySelector('h2'), 'the heading with inline HTML, as markdown');
    expect(bubble.querySelector('script, iframe, svg, img, [onerror], [onclick], [onmouseover], [style]')).to.equal(null);
    expect(bubble.querySelector('a[href^="javascript" i]')).to.equal(null);
    expect(bubble.textContent, 'no raw HTML shown as text any more').not.to.contain('<script>');
    await new Promise((r) => setTimeout(r, 100));
    expect(window.__xss, 'nothing ran').to.equal(undefined);
    el.remove();
  });
});
