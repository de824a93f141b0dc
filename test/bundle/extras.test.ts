/**
 * The view's extras (suggestion chips, reasoning, sources, progress, product cards, the `job` panels
 * and form, the emergency alert, the idle warning, the session's end, the template prompt, the
 * header's countdown to a retry: src/render/extras.ts) are a chunk of the built bundle of their own:
 * a conversation that shows none of them never fetches it (./sanitizer.test.ts); a reply with
 * product cards, starter chips, the session's end, a 429's wait, or a protocol with a form, loads it
 * and shows them, styled.
 */
import {expect} from '@esm-bundle/chai';
import {addWidget, backend, bundleUrl, fetchedKinds, newRun, replies, until} from './bundle.js';

const run = newRun();

describe('the built bundle: the extras chunk', () => {
  before(async () => {
    await import(bundleUrl(run));
  });

  it('a reply with product cards loads it and shows them, styled', async function () {
    this.timeout(15_000);
    const el = addWidget({protocol: 'brand', brand: 'techpro', persist: 'none', url: `${backend('brand')}/?t=${run}&delay=0`});
    await until(() => el.status === 'open', `socket open (is ${el.status})`);
    el.send('I need a laptop for business');
    await until(() => replies(el).at(-1)?.status === 'complete', 'a brand reply', 10_000);
    const cards = () => el.shadowRoot!.querySelectorAll('[part~="product"]');
    await until(() => cards().length > 0, 'product cards');
    expect(await fetchedKinds(run)).to.include('extras');
    const list = el.shadowRoot!.querySelector('[part~="products"]')!;
    expect(getComputedStyle(list).display, 'the extras styles apply').to.equal('flex');
    // Their English came with the chunk (addEnglish), not with the widget's.
    expect(list.getAttribute('aria-label')).to.equal('Suggested products');
    expect(cards()[0]!.querySelector('.product-link')!.textContent!.trim()).to.be.oneOf(['View', 'Choose']);
    el.remove();
  });

  it('starter chips load it and show, styled; choosing one sends it', async function () {
    this.timeout(15_000);
    const el = addWidget({protocol: 'openai', persist: 'none', url: `${backend('openai')}/?t=${run}&delay=0`, starters: '["What can you do?", "Pricing"]'});
    const chips = () => el.shadowRoot?.querySelectorAll<HTMLButtonElement>('[part~="suggestion"]') ?? [];
    await until(() => chips().length === 2, 'the starter chips');
    expect(await fetchedKinds(run)).to.include('extras');
    const group = el.shadowRoot!.querySelector('[part~="suggestions"]')!;
    expect(getComputedStyle(group).display, 'the extras styles apply').to.equal('flex');
    // Their English came with the chunk (addEnglish), not with the widget's.
    expect(group.getAttribute('aria-label')).to.equal('Suggestions');
    chips()[1]!.click();
    await until(() => el.messages.some((m) => m.role === 'user' && m.text === 'Pricing'), 'the chosen starter sent');
    await until(() => chips().length === 0, 'the starters gone once the visitor has written');
    el.remove();
  });

  it("the session's end loads it and shows why, with Start again", async function () {
    this.timeout(15_000);
    const el = addWidget({protocol: 'session', persist: 'none', url: `${backend('session')}/?t=${run}&delay=0&end=300`});
    const banner = () => el.shadowRoot?.querySelector('[part~="session-end"]');
    await until(() => banner(), 'the session-end notice', 10_000);
    expect(await fetchedKinds(run)).to.include('extras');
    // The start-again English came with the chunk (addEnglish).
    expect(banner()!.querySelector('button')!.textContent!.trim()).to.equal('Start again');
    el.remove();
  });

  it("a 429's wait loads it and counts down in the header", async function () {
    this.timeout(15_000);
    const el = addWidget({protocol: 'openai', persist: 'none', url: `${backend('openai')}/?t=${run}&delay=0&fault=429&retry-after=3`});
    await until(() => el.send('Hello') !== null, 'a message sent over openai');
    await until(() => el.status === 'reconnecting', 'waiting to retry');
    const status = () => el.shadowRoot!.querySelector('[part="status"]')!.textContent!;
    // The countdown and its English came with the chunk (addEnglish); before it, Retrying… (the widget's).
    await until(() => /^Retrying in [123] seconds?…$/.test(status()), `the header counts down (says ${status()})`);
    expect(await fetchedKinds(run)).to.include('extras');
    el.remove();
  });

  it('a protocol with a form (job) shows its fields', async function () {
    this.timeout(15_000);
    const el = addWidget({protocol: 'job', token: 'demo-token', persist: 'none', url: `${backend('job')}/?t=${run}`});
    await until(() => el.shadowRoot?.querySelector('.job-fields select'), 'the form fields');
    const label = el.shadowRoot!.querySelector<HTMLElement>('.job-fields label')!;
    expect(getComputedStyle(label).display).to.equal('flex');
    // The fields' English came with the job adapter's chunk.
    expect(label.textContent!.trim()).to.match(/^Platform/);
    el.remove();
  });
});
