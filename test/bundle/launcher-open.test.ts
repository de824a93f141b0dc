/**
 * The built bundle in launcher mode: a click on the launcher before the rest has loaded shows the
 * panel's shell at once (drawn by the click: the launcher's first paint has the launcher only),
 * loads the rest, and the element opens the real panel in its place.
 */
import {expect} from '@esm-bundle/chai';
import {addWidget, backend, bundleUrl, kindOf, loadReason, newRun, served, stayBusy, until} from './bundle.js';

describe('the built bundle, launcher mode: open before the rest has loaded', () => {
  it('shows the panel shell at once, then the element’s panel, open and focused', async function () {
    this.timeout(20_000);
    const run = newRun();
    const el = addWidget({protocol: 'brand', brand: 'techpro', persist: 'none', launcher: '', heading: 'Help', url: `${backend('brand')}/?t=${run}`});
    const opened: boolean[] = [];
    el.addEventListener('chat-open-change', (e) => opened.push((e as CustomEvent<{open: boolean}>).detail.open));
    const stop = stayBusy();
    try {
      void import(bundleUrl(run));
      await until(() => el.shadowRoot?.querySelector('[part~="launcher"]'), 'the launcher drawn');
      expect((await served(run)).map((e) => e.file)).to.deep.equal(['chat-widget.js']);
      expect([...el.shadowRoot!.children].map((c) => c.getAttribute('part')), 'nothing but the launcher before a click').to.deep.equal(['launcher']);
      // The shell shows the heading the widget has when it is clicked.
      el.setAttribute('heading', 'Support');
      const launcher = el.shadowRoot!.querySelector<HTMLElement>('[part~="launcher"]')!;
      launcher.click();
      // At once, in the same task: the panel's shell, before anything else has loaded.
      const shell = el.shadowRoot!.querySelector<HTMLElement>('[part~="panel"]')!;
      expect(shell.hidden).to.equal(false);
      expect(launcher.getAttribute('aria-expanded')).to.equal('true');
      launcher.click();
      expect(el.shadowRoot!.querySelectorAll('[part~="panel"]').length, 'one shell, however many clicks').to.equal(1);
      expect(shell.getBoundingClientRect().height).to.be.greaterThan(100);
      expect(shell.textContent).to.include('Support');
      expect(el.hasAttribute('open')).to.equal(true);
      expect(customElements.get('chat-widget')).to.equal(undefined);
      await until(() => customElements.get('chat-widget'), 'the rest loaded');
      expect(loadReason()).to.equal('open');
    } finally {
      stop();
    }
    const w = el as HTMLElement & {updateComplete: Promise<unknown>; open: boolean; status: string};
    await w.updateComplete;
    expect(w.open).to.equal(true);
    const panel = el.shadowRoot!.querySelector<HTMLElement>('[part~="panel"]')!;
    expect(panel.hidden).to.equal(false);
    expect(el.shadowRoot!.querySelectorAll('[part~="panel"]').length).to.equal(1);
    expect(opened).to.deep.equal([true]);
    await until(() => el.shadowRoot!.activeElement?.matches('textarea, button.send'), 'the focus in the panel');
    await until(() => w.status === 'open', 'connected once open');
    expect((await served(run)).map((e) => kindOf(e.file))).to.include('widget');
  });
});
