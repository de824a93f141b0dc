import {expect} from '@open-wc/testing';
import {mount, nextRender, recordEvents, serverLog, shadow, until, untilOpen, untilReply} from '../helpers.js';

describe('<chat-widget protocol="brand"> against the reference backend', () => {
  it('shows the welcome, uses brand_name as heading, streams a reply with product cards', async () => {
    const {el, tag} = await mount({protocol: 'brand', attrs: {brand: 'techpro', 'user-id': 'u-42', currency: 'IDR'}});
    const events = recordEvents(el, ['chat-status', 'chat-send', 'chat-message', 'chat-frame']);
    await until(() => el.messages.some((m) => m.meta.kind === 'welcome'), 'welcome message');
    await nextRender(el);
    expect(shadow(el).querySelector('.title')!.textContent).to.equal('TechPro Solutions');

    el.send('I need a laptop for business work');
    const reply = await untilReply(el);
    expect(reply.text.length).to.be.greaterThan(100);
    expect(reply.meta.products!.length).to.be.greaterThan(0);
    expect(reply.meta.confidence).to.equal(0.85);
    await nextRender(el);

    const cards = shadow(el).querySelectorAll('[part~="product"]');
    expect(cards.length).to.equal(reply.meta.products!.length);
    expect(cards[0].querySelector('.price')!.textContent).to.match(/IDR|Rp/);
    // Confidence is for the site, not the shopper: shown only when the site asks (show-confidence).
    expect(shadow(el).querySelector('.confidence')).to.equal(null);
    el.showConfidence = true;
    await nextRender(el);
    expect(shadow(el).querySelector('.confidence')!.textContent).to.contain('85');
    const bubble = shadow(el).querySelector(`[data-id="${reply.id}"] .md`)!;
    expect(bubble.querySelector('p, li, h1, h2, h3')).to.exist;

    // The server got exactly the documented frame.
    const log = await serverLog('brand', tag);
    const chat = log.connections[0].received.filter((f: any) => f.type === 'chat');
    expect(chat).to.have.length(1);
    expect(chat[0]).to.deep.equal({type: 'chat', data: {message: 'I need a laptop for business work', user_id: 'u-42', voice: false}});

    const names = events.map((e) => e.type);
    expect(names.indexOf('chat-send')).to.be.lessThan(names.lastIndexOf('chat-message'));
    expect(events.filter((e) => e.type === 'chat-message').at(-1)!.detail.message.id).to.equal(reply.id);
    expect(events.some((e) => e.type === 'chat-frame' && e.detail.direction === 'out')).to.equal(true);
  });

  it('continues the conversation with the server-assigned conversation_id and sends voice', async () => {
    const {el, tag} = await mount({protocol: 'brand', attrs: {brand: 'techpro', voice: true}});
    await untilOpen(el);
    el.send('hello');
    await untilReply(el, 1);
    el.send('what phones do you have?');
    await untilReply(el, 2);
    const log = await serverLog('brand', tag);
    const chats = log.connections[0].received.filter((f: any) => f.type === 'chat') as any[];
    expect(chats[0].data.conversation_id).to.equal(undefined);
    expect(chats[0].data.voice).to.equal(true);
    const assigned = (log.connections[0].sent as any[]).find((f) => f.type === 'chunk').data.conversation_id;
    expect(chats[1].data.conversation_id).to.equal(assigned);
  });

  it('renders a whole reply sent as a single complete (server failure path)', async () => {
    const {el} = await mount({protocol: 'brand', attrs: {brand: 'techpro'}});
    await untilOpen(el);
    el.send('server-fail please');
    const reply = await untilReply(el);
    expect(reply.text).to.match(/sorry|apolog/i);
  });

  it('shows an error frame as a server error and keeps the conversation going', async () => {
    const {el} = await mount({protocol: 'brand', attrs: {brand: 'techpro'}});
    const errors = recordEvents(el, ['chat-error']);
    await untilOpen(el);
    el.send('trigger error-frame');
    await until(() => errors.length > 0, 'chat-error');
    expect(errors[0].detail.kind).to.equal('server');
    expect(el.messages.at(-1)!.role).to.equal('system');
    el.send('hello again');
    await untilReply(el);
    expect(el.status).to.equal('open');
  });

  it('does not reconnect in a loop after an unknown brand (error, then close 1000)', async () => {
    const {el, tag} = await mount({protocol: 'brand', attrs: {brand: 'no-such-brand'}});
    const errors = recordEvents(el, ['chat-error']);
    await until(() => el.status === 'closed', `closed (is ${el.status})`);
    expect(errors.some((e) => /not found/.test(e.detail.message)) || el.messages.some((m) => /not found/.test(m.text))).to.equal(true);
    await new Promise((r) => setTimeout(r, 1500));
    const log = await serverLog('brand', tag);
    expect(log.connections).to.have.length(1);
  });

  it('reports malformed frames (garbage fault) and still completes the reply', async () => {
    const {el} = await mount({protocol: 'brand', attrs: {brand: 'techpro'}, query: {fault: 'garbage'}});
    const errors = recordEvents(el, ['chat-error']);
    await untilOpen(el);
    el.send('hello');
    const reply = await untilReply(el);
    expect(reply.text.length).to.be.greaterThan(10);
    const protocolErrors = errors.filter((e) => e.detail.kind === 'protocol');
    expect(protocolErrors.some((e) => /JSON/.test(e.detail.message))).to.equal(true);
    expect(protocolErrors.some((e) => /mystery_frame/.test(e.detail.message))).to.equal(true);
    await nextRender(el);
    // Protocol noise is for the host (chat-error, chat-frame), not a banner in front of the visitor.
    expect(shadow(el).querySelector('[part~="notice"]')).to.equal(null);
  });
});
