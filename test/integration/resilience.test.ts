import {expect} from '@open-wc/testing';
import {mount, nextRender, recordEvents, serverLog, shadow, until, untilOpen, untilReply} from '../helpers.js';

const chatFrames = (frames: unknown[]) => frames.filter((f: any) => f?.type === 'chat') as any[];

describe('connection resilience (reference backends with faults)', () => {
  it('keeps the partial text of a reply cut mid-stream, marks it interrupted, reconnects, and never resends by itself', async () => {
    const {el, tag} = await mount({protocol: 'brand', attrs: {brand: 'techpro'}, query: {fault: 'drop'}});
    const statuses = recordEvents(el, ['chat-status']);
    await untilOpen(el);
    el.send('I need a laptop');
    await until(() => el.messages.some((m) => m.status === 'interrupted'), 'interrupted reply');
    const cut = el.messages.find((m) => m.status === 'interrupted')!;
    expect(cut.text.length).to.be.greaterThan(0);
    await until(() => statuses.some((e) => e.detail.status === 'reconnecting'), 'reconnecting');
    await untilOpen(el);
    await nextRender(el);
    const retry = shadow(el).querySelector<HTMLButtonElement>(`[data-id="${cut.id}"] button`)!;
    expect(retry.textContent).to.match(/retry/i);
    await new Promise((r) => setTimeout(r, 300));
    const log = await serverLog('brand', tag);
    expect(log.connections.length).to.equal(2);
    expect(log.connections.flatMap((c) => chatFrames(c.received))).to.have.length(1);
    // The retry button sends the question once more, exactly once.
    retry.click();
    await until(async () => (await serverLog('brand', tag)).connections.flatMap((c) => chatFrames(c.received)).length === 2, 'retry sent');
    const after = await serverLog('brand', tag);
    expect(after.connections.flatMap((c) => chatFrames(c.received)).map((f) => f.data.message)).to.deep.equal(['I need a laptop', 'I need a laptop']);
  });

  it('does not retry after an auth close (4401)', async () => {
    const {el, tag} = await mount({protocol: 'brand', attrs: {brand: 'techpro'}, query: {fault: 'close=4401'}});
    await untilOpen(el);
    el.send('hello');
    await untilReply(el);
    await until(() => el.status === 'error', `error status (is ${el.status})`);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await serverLog('brand', tag)).connections).to.have.length(1);
  });

  it('retries after an abnormal close (1011) and delivers a message typed meanwhile exactly once', async () => {
    const {el, tag} = await mount({protocol: 'brand', attrs: {brand: 'techpro'}, query: {fault: 'close=1011'}});
    await untilOpen(el);
    el.send('first');
    await untilReply(el, 1);
    await until(() => el.status === 'reconnecting', 'reconnecting');
    el.send('typed while offline');
    expect(el.messages.at(-1)!.status).to.equal('pending');
    // Waiting to be sent is not being answered: no typing dots, no Stop.
    await el.updateComplete;
    expect(shadow(el).querySelector('[part~="typing-indicator"]'), 'typing dots').to.equal(null);
    expect(shadow(el).querySelector('[part~="stop"]'), 'Stop').to.equal(null);
    await untilReply(el, 2);
    const log = await serverLog('brand', tag);
    expect(log.connections.length).to.be.at.least(2);
    expect(log.connections.flatMap((c) => chatFrames(c.received)).map((f) => f.data.message)).to.deep.equal(['first', 'typed while offline']);
  });

  it('a server that was never reached reads as connecting, and a message sent meanwhile says the server cannot be reached', async function () {
    this.timeout(15_000);
    const {el} = await mount({protocol: 'brand', url: 'ws://127.0.0.1:9', attrs: {brand: 'techpro'}});
    const status = () => shadow(el).querySelector('[part="status"]')!.textContent!.trim();
    await until(() => el.status === 'reconnecting', `retrying (is ${el.status})`, 8000);
    await el.updateComplete;
    expect(status()).to.equal('Connecting…');
    const errors = recordEvents(el, ['chat-error']);
    el.send('anyone there?');
    await until(() => errors.length > 0 || el.status === 'reconnecting', 'the next failure');
    await until(() => errors.length > 0, 'a network error', 8000);
    expect(errors[0]!.detail).to.include({kind: 'network', message: 'Cannot reach the chat server.'});
    el.remove();
  });

  it('template: an idle close (4001) is not retried in a loop; the next message reconnects', async () => {
    const {el, tag} = await mount({protocol: 'template', query: {idle: '400'}});
    await untilOpen(el);
    await until(() => el.status === 'closed', `closed after idle (is ${el.status})`, 4000);
    await new Promise((r) => setTimeout(r, 1200));
    expect((await serverLog('template', tag)).connections).to.have.length(1);
    el.send('back again');
    await untilReply(el);
    expect((await serverLog('template', tag)).connections).to.have.length(2);
  });
});
