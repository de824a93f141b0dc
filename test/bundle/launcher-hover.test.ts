/**
 * The built bundle in launcher mode: the pointer over the launcher loads the rest (the page is
 * kept busy, so not idle). The `pointerover` is dispatched on the launcher: a real mouse move
 * (a server command) can take longer than the loader's idle timeout on a loaded machine.
 */
import {expect} from '@esm-bundle/chai';
import {addWidget, backend, bundleUrl, kindOf, loadReason, newRun, served, stayBusy, until} from './bundle.js';

describe('the built bundle, launcher mode: pointer over', () => {
  it('loads only the loader until the pointer comes over the launcher, then the rest', async function () {
    this.timeout(20_000);
    const run = newRun();
    const el = addWidget({protocol: 'brand', brand: 'techpro', persist: 'none', launcher: '', url: `${backend('brand')}/?t=${run}`});
    const stop = stayBusy();
    try {
      void import(bundleUrl(run));
      await until(() => el.shadowRoot?.querySelector('[part~="launcher"]'), 'the launcher drawn');
      expect((await served(run)).map((e) => e.file)).to.deep.equal(['chat-widget.js']);
      const launcher = el.shadowRoot!.querySelector('[part~="launcher"]')!;
      launcher.dispatchEvent(new PointerEvent('pointerover', {bubbles: true, composed: true, pointerType: 'mouse'}));
      await until(() => customElements.get('chat-widget'), 'the rest loaded');
      expect(loadReason()).to.equal('pointerover');
      expect((await served(run)).map((e) => kindOf(e.file))).to.include('widget');
    } finally {
      stop();
    }
  });
});
