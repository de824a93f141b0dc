/** The built bundle in launcher mode: focusing the launcher (keyboard) loads the rest and keeps the focus on the launcher. */
import {expect} from '@esm-bundle/chai';
import {addWidget, backend, bundleUrl, kindOf, loadReason, newRun, served, stayBusy, until} from './bundle.js';

describe('the built bundle, launcher mode: focus', () => {
  it('loads only the loader until the launcher is focused, then the rest; the focus stays on the launcher', async function () {
    this.timeout(20_000);
    const run = newRun();
    const el = addWidget({protocol: 'brand', brand: 'techpro', persist: 'none', launcher: '', url: `${backend('brand')}/?t=${run}`});
    const stop = stayBusy();
    try {
      void import(bundleUrl(run));
      await until(() => el.shadowRoot?.querySelector('[part~="launcher"]'), 'the launcher drawn');
      expect((await served(run)).map((e) => e.file)).to.deep.equal(['chat-widget.js']);
      el.shadowRoot!.querySelector<HTMLElement>('[part~="launcher"]')!.focus();
      await until(() => customElements.get('chat-widget'), 'the rest loaded');
      expect(loadReason()).to.equal('focus');
      expect((await served(run)).map((e) => kindOf(e.file))).to.include('widget');
    } finally {
      stop();
    }
    await (el as HTMLElement & {updateComplete: Promise<unknown>}).updateComplete;
    const launcher = el.shadowRoot!.querySelector('[part~="launcher"]');
    await until(() => el.shadowRoot!.activeElement === launcher, 'the element’s launcher has the focus');
  });
});
