import {expect} from '@open-wc/testing';
import {css} from 'lit';
import {addStyles} from '../../../src/render/add-styles.js';

const a = css`.a { color: red; }`;
const b = css`.b { color: green; }`;
const c = css`.c { color: blue; }`;

function root(): ShadowRoot {
  const host = document.createElement('div');
  document.body.append(host);
  return host.attachShadow({mode: 'open'});
}

describe('addStyles', () => {
  it('adopts a sheet once, last or right after the one named', () => {
    const r = root();
    r.adoptedStyleSheets = [a.styleSheet!, c.styleSheet!];
    addStyles(r, b, a);
    expect(r.adoptedStyleSheets).to.deep.equal([a.styleSheet, b.styleSheet, c.styleSheet]);
    addStyles(r, b);
    expect(r.adoptedStyleSheets).to.have.length(3);
    const other = root();
    addStyles(other, c, a); // `a` is not there: last
    addStyles(other, b);
    expect(other.adoptedStyleSheets).to.deep.equal([c.styleSheet, b.styleSheet]);
  });

  it('without constructable stylesheets: a <style> after the root\'s others, once', () => {
    const r = root();
    Object.defineProperty(r, 'adoptedStyleSheets', {value: undefined});
    const own = document.createElement('style');
    r.append(own, document.createElement('div'));
    // A CSSResult without a sheet, as where CSSStyleSheet cannot be constructed.
    const plain = {cssText: b.cssText, styleSheet: undefined} as unknown as typeof b;
    addStyles(r, plain);
    addStyles(r, plain);
    const styles = [...r.children].filter((n) => n.localName === 'style');
    expect(styles).to.have.length(2);
    expect(styles[0]).to.equal(own);
    expect(styles[1]!.textContent).to.equal(b.cssText);
    expect(r.children[1]).to.equal(styles[1]);
    // Right after the one named, as with adopted sheets.
    const first = {cssText: a.cssText, styleSheet: undefined} as unknown as typeof a;
    const after = {cssText: c.cssText, styleSheet: undefined} as unknown as typeof c;
    own.textContent = a.cssText;
    addStyles(r, after, first);
    expect([...r.children].filter((n) => n.localName === 'style').map((n) => n.textContent)).to.deep.equal([a.cssText, c.cssText, b.cssText]);
  });
});
