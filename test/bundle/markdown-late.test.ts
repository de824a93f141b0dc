/**
 * The built bundle (`dist/`), a reply whose first tokens arrive before the markdown chunk: the
 * test server answers the chunk SLOW_MS late (test/bundle/bundle-server.js, mode `slow-md`).
 * The reply shows as plain text meanwhile, then as markdown, complete and sanitized.
 */
import {expect} from '@esm-bundle/chai';
import {addWidget, backend, bundleUrl, kindOf, newRun, served, until} from './bundle.js';


describe('the built bundle: the first reply before the markdown chunk', () => {
  it('shows the streaming reply as plain text until the chunk arrives, then renders it as markdown', async function () {
    this.timeout(30_000);
    const run = newRun();
    const el = addWidget({protocol: 'brand', brand: 'techpro', persist: 'none', url: `${backend('brand')}/?t=${run}&delay=5`});
    // An inline widget: the bundle's module resolves once the element is defined.
    const mod = (await import(bundleUrl(run, 'slow-md'))) as {ChatWidget: unknown};
    expect(mod.ChatWidget).to.equal(customElements.get('chat-widget'));
    await until(() => el.status === 'open', `socket open (is ${el.status})`);
    el.send('I need a laptop for business');
    const reply = () => el.messages.filter((m) => m.role === 'assistant' && m.meta.kind !== 'welcome').at(-1);
    const body = () => (reply() ? el.shadowRoot!.querySelector<HTMLElement>(`[data-id="${reply()!.id}"] .md`) : null);
    // The first bold phrase of the reply, as its source: `**…**`.
    const bold = () => /\*\*([^*\n]+)\*\*/.exec(reply()?.text ?? '');
    await until(() => bold() && body()?.textContent?.includes(bold()![0]), 'the reply shown as it came, with its markdown', 10_000);

    const early = await served(run);
    const md = early.find((e) => kindOf(e.file) === 'markdown');
    expect(md, `the markdown chunk was asked for (requests: ${early.map((e) => e.file).join(', ')})`).to.not.equal(undefined);
    expect(md!.servedAt, 'the markdown chunk had not arrived when the reply showed').to.equal(null);
    expect(body()!.querySelector('strong')).to.equal(null);

    await until(() => body()?.querySelector('strong'), 'rendered as markdown once the chunk arrived', 15_000);
    await until(() => reply()?.status === 'complete', 'the reply complete', 15_000);
    await until(() => !body()!.textContent!.includes('**'), 'no markdown source left');
    const strong = [...body()!.querySelectorAll('strong')].map((s) => s.textContent);
    expect(strong).to.include(bold()![1]);
    expect(body()!.querySelector('h2, h3, ul, ol, li'), 'block markdown too').to.not.equal(null);
    // Links are checked (only http(s), mailto or relative) and open in a new tab, as without the delay.
    for (const a of body()!.querySelectorAll('a')) expect(a.getAttribute('href')).to.match(/^(https?:|mailto:|[/?#])/);
    // The markdown styles came with the chunk: a rendered list is indented by them.
    const list = body()!.querySelector('ul, ol');
    if (list) expect(getComputedStyle(list).paddingInlineStart).to.not.equal('40px');
    expect((await served(run)).find((e) => kindOf(e.file) === 'markdown')!.servedAt).to.not.equal(null);
  });
});
