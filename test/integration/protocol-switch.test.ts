import {expect} from '@open-wc/testing';
import {backend, mount, shadow, until} from '../helpers.js';

// A site may repoint a live widget at another backend (a settings page, a tag manager): the new
// protocol must start from a clean state whatever the old one was doing.
describe('<chat-widget> switched to another protocol at runtime', () => {
  it('from a WebSocket protocol in the middle of a reply to an HTTP one: Ready, then answers there', async function () {
    this.timeout(20_000);
    const {el} = await mount({protocol: 'brand', attrs: {brand: 'techpro'}, query: {delay: '30'}});
    await until(() => el.status === 'open', `brand open (is ${el.status})`);
    el.send('Tell me about your products');
    await until(() => el.messages.some((m) => m.role === 'assistant' && m.meta.kind !== 'welcome' && m.text.length > 10), 'the brand reply streams');
    el.protocol = 'openai';
    el.url = `${backend('openai')}/?delay=0`;
    await until(() => el.status === 'idle', `Ready on the new protocol (is ${el.status})`, 10_000);
    expect(shadow(el).querySelector('[part="status"]')!.textContent!.trim()).to.equal('Ready');
    el.send('Hello after the switch');
    await until(
      () => el.messages.some((m) => m.role === 'assistant' && m.status === 'complete' && m.text.includes('Hello after the switch')),
      'the openai answer',
      10_000,
    );
    // Nothing of the cut brand reply goes on streaming into the conversation.
    const streaming = el.messages.filter((m) => m.role === 'assistant' && m.status === 'streaming');
    expect(streaming).to.have.length(0);
  });

  it('from an HTTP protocol in the middle of a reply to a WebSocket one: connects and answers there', async function () {
    this.timeout(20_000);
    const {el} = await mount({protocol: 'openai', query: {delay: '30'}});
    el.send('Hello');
    await until(() => el.messages.some((m) => m.role === 'assistant' && m.text.length > 10), 'the openai reply streams');
    el.setAttribute('brand', 'techpro');
    el.protocol = 'brand';
    el.url = `${backend('brand')}/?delay=0`;
    await until(() => el.status === 'open', `open on the new protocol (is ${el.status})`, 10_000);
    el.send('Tell me about your products');
    await until(
      () => el.messages.filter((m) => m.role === 'assistant' && m.status === 'complete' && m.meta.kind !== 'welcome').length >= 1 &&
        el.messages.at(-1)!.role === 'assistant' && el.messages.at(-1)!.status === 'complete',
      'the brand answer',
      10_000,
    );
    expect(el.messages.filter((m) => m.role === 'assistant' && m.status === 'streaming')).to.have.length(0);
  });
});
