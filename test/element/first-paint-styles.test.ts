import {expect, fixtureSync, html} from '@open-wc/testing';
import {unsafeStatic, html as staticHtml} from 'lit/static-html.js';
import {ChatWidget} from '../../src/chat-widget.js';
import {widgetMoreStyles, widgetStyles} from '../../src/chat-widget.styles.js';
import {extrasStyles} from '../../src/styles/extras.styles.js';
import {markdownStyles} from '../../src/styles/markdown.styles.js';
import {tokenStyles} from '../../src/styles/tokens.styles.js';
import {backend, shadow, until} from '../helpers.js';

/** The widget's stylesheets as its first update left them (before the first paint). */
class FirstPaintProbe extends ChatWidget {
  atFirstPaint: CSSStyleSheet[] | null = null;
  protected override updated(changed: Parameters<ChatWidget['updated']>[0]): void {
    super.updated(changed);
    this.atFirstPaint ??= [...(this.renderRoot as ShadowRoot).adoptedStyleSheets];
  }
}
const TAG = 'chat-widget-first-paint-probe';
customElements.define(TAG, FirstPaintProbe);
const tag = unsafeStatic(TAG);

const [tokens, first, more, md, extras] = [tokenStyles, widgetStyles, widgetMoreStyles, markdownStyles, extrasStyles].map((s) => s.styleSheet!);
/**
 * The sheets without the extras' (./render/extras.ts): outside the script-tag bundle they are there
 * at once and adopted after the widget's own at its first render; the bundle loads them lazily.
 */
const own = (sheets: readonly CSSStyleSheet[] | null) => sheets?.filter((s) => s !== extras);

describe('first paint: half the layout, the rest after it (chat-widget.styles.ts)', () => {
  it('an empty inline widget paints with widgetStyles alone and has widgetMoreStyles, in order, right after', async () => {
    const el = fixtureSync<FirstPaintProbe>(staticHtml`<${tag} protocol="brand" brand="techpro" url=${backend('brand')} persist="none"></${tag}>`);
    await el.updateComplete;
    expect(own(el.atFirstPaint)).to.deep.equal([tokens, first]);
    // Its next update (here: the socket opening), or an idle moment, brings the rest, after the first sheet.
    await until(() => shadow(el).adoptedStyleSheets.includes(more), 'the rest of the layout adopted');
    expect(shadow(el).adoptedStyleSheets.slice(0, 3)).to.deep.equal([tokens, first, more]);
  });

  it('a first paint that shows more (a greeting, a launcher, a notice) has every rule in it', async () => {
    const greeting = fixtureSync<FirstPaintProbe>(staticHtml`<${tag} protocol="brand" brand="techpro" url=${backend('brand')} persist="none" greeting="Hi **there**"></${tag}>`);
    await greeting.updateComplete;
    expect(greeting.atFirstPaint!.slice(0, 3)).to.deep.equal([tokens, first, more]);
    // The markdown sheet (the helpers load its chunk up front) comes after the layout's, as before the split.
    await until(() => shadow(greeting).adoptedStyleSheets.includes(md), 'the markdown styles');
    expect(own(shadow(greeting).adoptedStyleSheets)).to.deep.equal([tokens, first, more, md]);
    const bubble = shadow(greeting).querySelector('[part~="greeting"] .bubble')!;
    expect(getComputedStyle(bubble).borderTopLeftRadius, 'the bubble is styled in the first paint').not.to.equal('0px');

    const launcher = fixtureSync<FirstPaintProbe>(staticHtml`<${tag} launcher protocol="brand" brand="techpro" url=${backend('brand')} persist="none"></${tag}>`);
    await launcher.updateComplete;
    expect(own(launcher.atFirstPaint)).to.deep.equal([tokens, first, more]);
    expect(getComputedStyle(shadow(launcher).querySelector('[part~="launcher"]')!).position).to.equal('fixed');

    const misconfigured = fixtureSync<FirstPaintProbe>(staticHtml`<${tag} protocol="brand" persist="none"></${tag}>`);
    await misconfigured.updateComplete;
    await until(() => shadow(misconfigured).querySelector('[part~="notice"]') !== null, 'the config notice');
    expect(shadow(misconfigured).adoptedStyleSheets.slice(0, 3)).to.deep.equal([tokens, first, more]);
  });

  it('the plain element (not the probe) follows the same order', async () => {
    const el = fixtureSync<ChatWidget>(html`<chat-widget protocol="brand" brand="techpro" url=${backend('brand')} persist="none" greeting="Hello"></chat-widget>`);
    await el.updateComplete;
    expect(shadow(el).adoptedStyleSheets.slice(0, 3)).to.deep.equal([tokens, first, more]);
  });
});
