/** The built bundle on a page where another version already defined `<chat-widget>`: no error, no shell, that class exported. */
import {expect} from '@esm-bundle/chai';
import {addWidget, bundleUrl, newRun, served} from './bundle.js';

describe('the built bundle after another version', () => {
  it('leaves the element to the version that defined it', async () => {
    const errors: string[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.message);
    window.addEventListener('error', onError);
    class OtherVersion extends HTMLElement {}
    customElements.define('chat-widget', OtherVersion);
    const el = addWidget({launcher: ''});
    const run = newRun();
    const mod = (await import(bundleUrl(run))) as {ChatWidget: unknown};
    window.removeEventListener('error', onError);
    expect(mod.ChatWidget).to.equal(OtherVersion);
    expect(el.shadowRoot, 'no launcher drawn into another version’s element').to.equal(null);
    expect((await served(run)).map((e) => e.file)).to.deep.equal(['chat-widget.js']);
    expect(errors).to.deep.equal([]);
  });
});
