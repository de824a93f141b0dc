import {expect} from '@open-wc/testing';
import type {ChatWidget} from '../../src/chat-widget.js';
import type {ChatMessage} from '../../src/types.js';
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

describe('A stopped or cut-off reply renders its markdown finished', () => {
  const reply = (el: ChatWidget) => el.messages.filter((m) => m.role === 'assistant' && m.meta.kind !== 'welcome').at(-1);
  const body = (el: ChatWidget, id: string) => shadow(el).querySelector<HTMLElement>(`[data-id="${id}"] .bubble.md`)!;
  /** The text's last paragraph has a `**` still open, with a word begun after it. */
  const openBold = (text: string) => {
    const para = text.slice(text.lastIndexOf('\n\n') + 2);
    return (para.match(/\*\*/g) ?? []).length % 2 === 1 && /\*\*[^*\s]+[^*]*[^*\s]$/.test(para);
  };

  /** The reply shows its open `**` words bold: no raw `**`, no cursor. */
  const expectFinishedBold = (el: ChatWidget, stopped: ChatMessage) => {
    const md = body(el, stopped.id);
    expect(md.querySelector('[part="cursor"]')).to.equal(null);
    expect(md.textContent).to.not.contain('**');
    const strong = [...md.querySelectorAll('strong')].at(-1)!;
    expect(stopped.text.endsWith(strong.textContent!), `the bold words: ${strong.textContent}`).to.equal(true);
  };

  it('openai: Stop inside **bold shows the bold text as bold, without the cursor or raw **', async function () {
    this.timeout(20_000);
    const {el} = await mount({protocol: 'openai', query: {delay: '40'}});
    el.send('Say **these many words in bold for a good while');
    await until(() => openBold(reply(el)?.text ?? ''), 'an open ** in the reply', 15_000);
    await nextRender(el);
    const before = body(el, reply(el)!.id);
    expect(before.querySelector('[part="cursor"]'), 'streaming: the cursor shows').to.not.equal(null);
    el.stop();
    const stopped = reply(el)!;
    expect(stopped.status).to.equal('stopped');
    expect(stopped.text, 'the message keeps the text as received').to.match(/\*\*[^*]+$/);
    await nextRender(el);
    expectFinishedBold(el, stopped);
    expect(shadow(el).querySelector(`[data-id="${stopped.id}"] .meta.stopped`)!.textContent).to.equal('Stopped.');
  });

  it('openai: Stop inside a code fence shows a finished code block (highlighted, copy button, no cursor)', async function () {
    this.timeout(20_000);
    const {el} = await mount({protocol: 'openai', query: {delay: '20'}});
    el.send('Run this:\n```js\nconst first = 1;\nconst second = 2;\nconst third = 3;\nconst fourth = 4;');
    await until(() => /const second/.test(reply(el)?.text ?? ''), 'the reply is inside the code block', 15_000);
    el.stop();
    const stopped = reply(el)!;
    expect(stopped.text).to.contain('```js');
    expect(stopped.text).to.not.contain('fourth = 4;”');
    await nextRender(el);
    const md = body(el, stopped.id);
    expect(md.querySelector('[part="cursor"]')).to.equal(null);
    const code = md.querySelector('.code-block pre code')!;
    expect(code.textContent).to.contain('const first = 1;');
    expect(md.textContent).to.not.contain('```');
    expect(md.querySelector('.code-block button'), 'the copy button of a finished block').to.not.equal(null);
    // Highlighted as a finished block is (the streaming tail stays plain).
    await until(() => md.querySelector('.code-block code .hl-seg, .code-block code [class^="hl-"]'), 'highlighted code');
  });

  it('brand (WebSocket): Stop in the middle of a table shows a finished table, no pipes or cursor', async function () {
    this.timeout(20_000);
    const {el} = await mount({protocol: 'brand', attrs: {brand: 'techpro'}, query: {delay: '15'}});
    await untilOpen(el);
    el.send('I need a laptop for business');
    await until(() => {
      const text = reply(el)?.text ?? '';
      return /\| Dell XPS 13 Plus \| \S/.test(text) && !text.includes('Best value |');
    }, 'half a table', 15_000);
    el.stop();
    const stopped = reply(el)!;
    expect(stopped.status).to.equal('stopped');
    await nextRender(el);
    const md = body(el, stopped.id);
    expect(md.querySelector('[part="cursor"]')).to.equal(null);
    const table = md.querySelector('table')!;
    expect(table.querySelector('th')!.textContent).to.equal('Model');
    expect(table.querySelector('td')!.textContent).to.equal('Dell XPS 13 Plus');
    expect(md.textContent).to.not.contain('|');
  });

  it('brand (WebSocket): Stop inside **bold shows it bold', async function () {
    this.timeout(20_000);
    const {el} = await mount({protocol: 'brand', attrs: {brand: 'techpro'}, query: {delay: '60'}});
    await untilOpen(el);
    el.send('I need a laptop for business');
    await until(() => openBold(reply(el)?.text ?? ''), 'an open ** in the reply', 15_000);
    el.stop();
    const stopped = reply(el)!;
    await nextRender(el);
    expectFinishedBold(el, stopped);
  });

  it('openai: a stream cut without its end marker (interrupted) inside **bold shows it bold', async () => {
    const {el} = await mount({protocol: 'openai', query: {fault: 'cut'}});
    // After 5 tokens ("You", " sai", "d:", " “**B", "old"): the stream ends in the open bold.
    el.send('**Bold words here');
    await until(() => reply(el)?.status === 'interrupted', 'interrupted reply');
    const cut = reply(el)!;
    expect(cut.text).to.equal('You said: “**Bold');
    await nextRender(el);
    const md = body(el, cut.id);
    expect(md.querySelector('[part="cursor"]')).to.equal(null);
    expect(md.querySelector('strong')!.textContent).to.equal('Bold');
    expect(md.textContent!.trim()).to.equal('You said: “Bold');
    expect(shadow(el).querySelector(`[data-id="${cut.id}"] .meta.warn`)!.textContent).to.contain('cut off');
  });

  it('brand (WebSocket): a dropped connection leaves the reply interrupted, rendered finished', async function () {
    this.timeout(20_000);
    const {el} = await mount({protocol: 'brand', attrs: {brand: 'techpro'}, query: {fault: 'drop1'}});
    await untilOpen(el);
    el.send('I need a laptop for business');
    await until(() => reply(el)?.status === 'interrupted', 'interrupted reply');
    const cut = reply(el)!;
    await nextRender(el);
    const md = body(el, cut.id);
    expect(md.querySelector('[part="cursor"]')).to.equal(null);
    expect(md.querySelector('h2')!.textContent).to.equal(cut.text.replace(/^## /, ''));
  });
});
