import {expect, fixtureSync, html} from '@open-wc/testing';
import {ChatWidget} from '../../src/chat-widget.js';
import {normalizeProducts} from '../../src/protocols/brand.js';
import {backend, mount, nextRender, shadow, until, untilReply} from '../helpers.js';

// A message is rendered again only when something it shows has changed (the message, the widget's
// settings, its time label, …): these check that each such change still reaches a message that
// did not change itself.
describe('a message that did not change follows what it shows', () => {
  it('the widget’s currency, image hosts, confidence setting and language', async () => {
    ChatWidget.registerProtocol('settings-probe', {
      transport: (ctx) => ({kind: 'websocket', url: `${ctx.config.wsBase}/ws/chat/techpro?${new URLSearchParams(ctx.config.baseQuery as [string, string][])}`}),
      encode: () => null,
      decode: (frame: any) =>
        frame.type === 'welcome'
          ? [{type: 'reply.end', text: 'One pick:', meta: {products: normalizeProducts([{name: 'Aero 14', price: 1299, image: 'https://img.example/aero.png'}]), confidence: 0.85}}]
          : [],
    });
    const {el} = await mount({protocol: 'settings-probe', url: backend('brand'), attrs: {currency: 'USD'}});
    const reply = await untilReply(el);
    await nextRender(el);
    const inReply = (selector: string) => shadow(el).querySelector<HTMLElement>(`[data-id="${reply.id}"] ${selector}`);
    expect(inReply('.price')!.textContent).to.contain('$');
    expect(inReply('[part~="product-image"]')).to.equal(null);
    expect(inReply('.confidence')).to.equal(null);
    expect(inReply('[part~="copy"]')!.getAttribute('aria-label')).to.equal('Copy');

    el.currency = 'EUR';
    await nextRender(el);
    expect(inReply('.price')!.textContent).to.contain('€');
    el.imageHosts = ['img.example'];
    await nextRender(el);
    expect(inReply('[part~="product-image"]')!.getAttribute('src')).to.equal('https://img.example/aero.png');
    el.showConfidence = true;
    await nextRender(el);
    expect(inReply('.confidence')!.textContent).to.contain('85');
    el.lang = 'de';
    await until(() => inReply('[part~="copy"]')?.getAttribute('aria-label') === 'Kopieren', 'the reply’s Copy in German');
    expect(el.messages.find((m) => m.id === reply.id), 'the message itself is the same').to.equal(reply);
  });

  it('its time label, when the clock moves it on', async () => {
    sessionStorage.clear();
    const url = `${backend('openai')}/?t=time-label`;
    const at = Date.now() - 59_400;
    const messages = [
      {id: 'q1', role: 'user', text: 'Hello', status: 'sent', createdAt: at, meta: {}},
      {id: 'a1', role: 'assistant', text: 'Hi!', status: 'complete', createdAt: at, meta: {}},
    ];
    sessionStorage.setItem(`chat-widget:v1:openai:${url}:::`, JSON.stringify({v: 1, messages, ids: {}, title: null, seq: 2}));
    const el = fixtureSync<ChatWidget>(html`<chat-widget protocol="openai" url=${url} persist="session"></chat-widget>`);
    await until(() => el.messages.length === 2, 'the conversation restored');
    await nextRender(el);
    const label = (id: string) => shadow(el).querySelector(`[data-id="${id}"] time[part~="timestamp"]`)!.textContent!.trim();
    const rtf = new Intl.RelativeTimeFormat('en', {numeric: 'auto'});
    expect([label('q1'), label('a1')]).to.deep.equal([rtf.format(0, 'second'), rtf.format(0, 'second')]);
    // The widget's clock re-renders it each minute; here, as soon as the messages are a minute old.
    await until(() => Date.now() - at >= 60_000, 'a minute since', 3000);
    el.requestUpdate();
    await nextRender(el);
    expect([label('q1'), label('a1')]).to.deep.equal([rtf.format(-1, 'minute'), rtf.format(-1, 'minute')]);
    sessionStorage.clear();
  });

  it('a message waiting to be sent: Sending… while the widget connects, Waiting to send once it cannot', async function () {
    this.timeout(15_000);
    const {el} = await mount({protocol: 'brand', url: 'ws://127.0.0.1:9', attrs: {brand: 'techpro'}});
    expect(el.status).to.equal('connecting');
    el.send('anyone there?');
    const mine = el.messages.at(-1)!;
    await el.updateComplete;
    const line = () => shadow(el).querySelector(`[data-id="${mine.id}"] .meta`)?.textContent!.trim();
    expect(line()).to.equal('Sending…');
    await until(() => el.status === 'reconnecting', `retrying (is ${el.status})`, 8000);
    await nextRender(el);
    expect(el.messages.find((m) => m.id === mine.id), 'the message itself is the same').to.equal(mine);
    expect(line()).to.equal('Waiting to send');
    el.remove();
  });
});
