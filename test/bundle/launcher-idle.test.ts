/**
 * The built bundle in launcher mode (CONTRACT §12): until the visitor reaches for the launcher
 * or the browser is idle, the page fetches and runs only the loader (`dist/chat-widget.js`),
 * which draws the launcher; then the rest loads from the same folder. Here: nobody reaches,
 * the rest loads once the page is idle. (Requests are read from the test server's log.)
 */
import {expect} from '@esm-bundle/chai';
import {addWidget, backend, bundleUrl, kindOf, loadReason, newRun, served, stayBusy, until} from './bundle.js';

describe('the built bundle, launcher mode: idle', () => {
  it('draws the launcher with the loader alone, and loads the rest when the browser is idle', async function () {
    this.timeout(20_000);
    const run = newRun();
    const el = addWidget({protocol: 'brand', brand: 'techpro', persist: 'none', launcher: '', url: `${backend('brand')}/?t=${run}`});
    const stop = stayBusy();
    let loaded = false;
    const mod = import(bundleUrl(run)).then((m: {ChatWidget: unknown}) => ((loaded = true), m));
    try {
      await until(() => el.shadowRoot?.querySelector('[part~="launcher"]'), 'the launcher drawn');
      const button = el.shadowRoot!.querySelector<HTMLElement>('[part~="launcher"]')!;
      expect(button.getBoundingClientRect().width, 'the launcher is shown').to.be.greaterThan(0);
      expect(button.getAttribute('aria-label')).to.equal('Open chat');
      expect((await served(run)).map((e) => e.file)).to.deep.equal(['chat-widget.js']);
      expect(customElements.get('chat-widget')).to.equal(undefined);
      expect(loaded, 'the module waits for the element before it resolves').to.equal(false);
    } finally {
      stop();
    }
    await until(() => customElements.get('chat-widget'), 'the rest loaded once the page was idle', 10_000);
    expect(loadReason()).to.equal('idle');
    expect((await mod).ChatWidget).to.equal(customElements.get('chat-widget'));
    const kinds = (await served(run)).map((e) => kindOf(e.file));
    expect(kinds[0]).to.equal('entry');
    expect(kinds).to.include('widget');
    // The element took over the loader's launcher: one launcher, the element's own, still closed.
    await (el as HTMLElement & {updateComplete: Promise<unknown>}).updateComplete;
    expect(el.shadowRoot!.querySelectorAll('[part~="launcher"]').length).to.equal(1);
    expect(el.hasAttribute('open')).to.equal(false);
    expect(el.shadowRoot!.querySelector('textarea'), 'the panel is the element’s').to.not.equal(null);
  });
});
