import {expect} from '@open-wc/testing';
import {mount, nextRender, recordEvents, serverLog, shadow, until, untilOpen, untilReply} from '../helpers.js';

describe('Stop on WebSocket protocols without a cancel frame', () => {
  it('brand: keeps the stopped text, drops the rest of that reply, and the next reply is only its own', async function () {
    this.timeout(20_000);
    const {el, tag} = await mount({protocol: 'brand', attrs: {brand: 'techpro'}, query: {delay: '5'}});
    const events = recordEvents(el, ['chat-stop', 'chat-message']);
    await untilOpen(el);
    el.send('I need a laptop for business');
    await until(() => (el.messages.find((m) => m.role === 'assistant' && m.meta.kind !== 'welcome')?.text.length ?? 0) > 12, 'some text');
    expect(el.stop()).to.equal(true);
    const stopped = el.messages.find((m) => m.role === 'assistant' && m.meta.kind !== 'welcome')!;
    expect(stopped.status).to.equal('stopped');
    const kept = stopped.text;
    expect(events.filter((e) => e.type === 'chat-stop').map((e) => e.detail.message.id)).to.deep.equal([stopped.id]);
    // The server goes on with that reply; the widget shows none of it.
    await until(async () => {
      const conn = (await serverLog('brand', tag)).connections[0];
      return conn.sent.some((f: any) => f.type === 'complete');
    }, 'the server finished the stopped reply', 10_000);
    el.send('What about phones?');
    const next = await untilReply(el);
    expect(next.id).to.not.equal(stopped.id);
    expect(el.messages.find((m) => m.id === stopped.id)!.text).to.equal(kept);
    expect(el.messages.find((m) => m.id === stopped.id)!.status).to.equal('stopped');
    const log = await serverLog('brand', tag);
    const chunks = log.connections[0].sent.filter((f: any) => f.type === 'chunk').map((f: any) => f.data.content).join('');
    // The next reply holds only the server's second reply: no piece of the first one leaked into it.
    expect(chunks.startsWith(kept)).to.equal(true);
    expect(chunks.endsWith(next.text)).to.equal(true);
    expect(chunks.length).to.be.greaterThan(kept.length + next.text.length);
    expect(next.meta.products!.length).to.be.greaterThan(0);
    expect(events.filter((e) => e.type === 'chat-message' && e.detail.message.meta.kind !== 'welcome').map((e) => e.detail.message.id)).to.deep.equal([next.id]);
    // The connection stayed up: no reconnect for a stop.
    expect(log.connections).to.have.length(1);
  });

  it('agent: statuses and tokens of the stopped reply stop showing; the conversation goes on', async function () {
    this.timeout(20_000);
    const {el} = await mount({protocol: 'agent', query: {delay: '5'}});
    await untilOpen(el);
    el.send('I have a headache and fever');
    await until(() => el.messages.some((m) => m.role === 'assistant' && m.text.length > 8), 'some text');
    el.stop();
    const stopped = el.messages.find((m) => m.role === 'assistant')!;
    const kept = stopped.text;
    await nextRender(el);
    expect(shadow(el).querySelector('.progress.live')).to.equal(null);
    el.send('Thanks, and my stomach hurts');
    const next = await untilReply(el);
    expect(next.id).to.not.equal(stopped.id);
    expect(el.messages.find((m) => m.id === stopped.id)!.text).to.equal(kept);
    expect(next.text).to.match(/stomach|nausea|digest/i);
  });
});

describe('The Stop control', () => {
  it('shows ::part(stop) only while a reply is under way; Escape in the input stops it', async () => {
    const {el, tag} = await mount({protocol: 'openai', query: {delay: '20'}});
    await nextRender(el);
    expect(shadow(el).querySelector('[part~="stop"]'), 'no Stop before sending').to.equal(null);
    el.send('Tell me something long');
    await until(() => (el.messages.find((m) => m.role === 'assistant')?.text.length ?? 0) > 10, 'some text');
    await nextRender(el);
    const stop = shadow(el).querySelector<HTMLButtonElement>('[part~="stop"]')!;
    expect(stop.getAttribute('aria-label')).to.equal('Stop');
    const input = shadow(el).querySelector('textarea')!;
    input.focus();
    input.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true, composed: true, cancelable: true}));
    expect(el.messages.find((m) => m.role === 'assistant')!.status).to.equal('stopped');
    await nextRender(el);
    expect(shadow(el).querySelector('[part~="stop"]'), 'no Stop after stopping').to.equal(null);
    expect(shadow(el).querySelector('.meta.stopped')!.textContent).to.equal('Stopped.');
    const log = async () => (await (await fetch(`${window.__BACKENDS__['openai' as 'brand']}/__log?t=${tag}`)).json()).requests;
    await until(async () => (await log())[0].end === 'aborted', 'the server saw the request end');
  });

  it('stop() with nothing under way does nothing', async () => {
    const {el} = await mount({protocol: 'openai'});
    const stops = recordEvents(el, ['chat-stop']);
    expect(el.stop()).to.equal(false);
    expect(stops).to.have.length(0);
  });
});
