/**
 * The built bundle twice on one page: two copies imported dynamically (distinct URLs, so two
 * module instances), then a third by a script tag. The element is defined once, nothing throws,
 * and every copy exports the class that was defined.
 */
import {expect} from '@esm-bundle/chai';
import {addWidget, backend, bundleUrl, newRun, served, until} from './bundle.js';

describe('the built bundle, two copies on one page', () => {
  const errors: string[] = [];
  const onError = (e: ErrorEvent) => errors.push(e.message);
  before(() => window.addEventListener('error', onError));
  after(() => window.removeEventListener('error', onError));

  it('two copies imported at once define the element once and export the same class', async () => {
    const el = addWidget({protocol: 'brand', brand: 'techpro', persist: 'none', url: `${backend('brand')}/?t=${newRun()}`});
    const [a, b] = (await Promise.all([import(bundleUrl(newRun())), import(bundleUrl(newRun()))])) as {ChatWidget: unknown}[];
    const defined = customElements.get('chat-widget');
    expect(defined).to.not.equal(undefined);
    expect(a!.ChatWidget).to.equal(defined);
    expect(b!.ChatWidget).to.equal(defined);
    expect(el).to.be.instanceOf(defined!);
    await until(() => el.shadowRoot?.querySelector('textarea'), 'the widget rendered');
    expect(errors).to.deep.equal([]);
  });

  it('a third copy by a script tag loads without an error and fetches nothing more', async () => {
    const run = newRun();
    const script = document.createElement('script');
    script.type = 'module';
    script.src = bundleUrl(run);
    const loaded = new Promise((resolve, reject) => {
      script.onload = resolve;
      script.onerror = reject;
    });
    document.head.append(script);
    await loaded;
    // The element was defined already: this copy's loader has nothing to load.
    expect((await served(run)).map((e) => e.file)).to.deep.equal(['chat-widget.js']);
    expect(errors).to.deep.equal([]);
  });
});
