/**
 * The chunked build (`dist/chat-widget.js`, its loader, and the widget and markdown chunks it
 * imports relative to itself) under the strict CSP with Trusted Types enforced
 * (web-test-runner.config.js serves test/csp/ pages with it, see strict-csp-server.js): a
 * conversation with a markdown reply, with no violation on either channel.
 */
import {expect} from '@esm-bundle/chai';
import {addWidget, backend, bundleUrl, kindOf, newRun, served, until} from '../bundle/bundle.js';

const page = new URLSearchParams(location.search).get('wtr-session-id') ?? '';

interface Widget extends HTMLElement {
  send(text: string): string | null;
  status: string;
  messages: {id: string; role: string; status: string; text: string; meta: {kind?: string}}[];
}

describe('strict CSP and Trusted Types: the chunked build', () => {
  it('loads its chunks and renders a markdown reply without a violation', async function () {
    this.timeout(20_000);
    const run = newRun();
    const el = addWidget({protocol: 'brand', brand: 'techpro', persist: 'none', url: `${backend('brand')}/?t=${run}`}) as Widget;
    await import(bundleUrl(run));
    await until(() => el.status === 'open', 'socket open');
    el.send('I need a laptop for business');
    const reply = () => el.messages.filter((m) => m.role === 'assistant' && m.meta.kind !== 'welcome').at(-1);
    await until(() => reply()?.status === 'complete', 'the reply complete', 10_000);
    const body = () => el.shadowRoot!.querySelector(`[data-id="${reply()!.id}"] .md`);
    await until(() => body()?.querySelector('strong'), 'rendered as markdown');
    const kinds = (await served(run)).map((e) => kindOf(e.file));
    expect(kinds).to.include.members(['entry', 'widget', 'markdown']);
    await new Promise((r) => setTimeout(r, 300)); // reports are sent asynchronously
    const events = (window as unknown as {__CSP_VIOLATIONS__: unknown[]}).__CSP_VIOLATIONS__;
    expect(events).to.deep.equal([]);
    const reports = await (await fetch(`/__csp__/reports?page=${encodeURIComponent(page)}`, {cache: 'no-store'})).json();
    expect(reports).to.deep.equal([]);
  });
});
