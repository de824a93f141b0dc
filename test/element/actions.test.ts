import {expect} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';
import {ChatWidget} from '../../src/chat-widget.js';
import {backend, mount, nextRender, recordEvents, serverLog, shadow, until, untilOpen, untilReply} from '../helpers.js';

/** What the HTTP reference backends logged for a tag. */
async function requests(protocol: string, tag: string): Promise<Array<{body: any; status: number}>> {
  const res = await fetch(`${window.__BACKENDS__[protocol as 'brand']}/__log?t=${encodeURIComponent(tag)}`);
  return (await res.json()).requests;
}

function part(el: ChatWidget, id: string, name: string): HTMLButtonElement | null {
  return shadow(el).querySelector<HTMLButtonElement>(`[data-id="${id}"] [part~="${name}"]`);
}

const users = (el: ChatWidget) => el.messages.filter((m) => m.role === 'user');
const replies = (el: ChatWidget) => el.messages.filter((m) => m.role === 'assistant' && m.meta.kind === undefined);

describe('actions under a reply', () => {
  it('copy writes the exact text of the reply, says so, and fires chat-copy', async () => {
    const granted = await executeServerCommand<boolean, undefined>('grant-clipboard');
    const {el} = await mount({protocol: 'openai'});
    const copies = recordEvents(el, ['chat-copy']);
    el.send('Hello there');
    const reply = await untilReply(el);
    await nextRender(el);
    const copy = part(el, reply.id, 'copy')!;
    expect(copy.getAttribute('aria-label')).to.equal('Copy');
    copy.click();
    await until(() => copies.length === 1, 'chat-copy');
    expect(copies[0].detail).to.deep.include({text: reply.text, kind: 'message'});
    expect(copies[0].detail.message.id).to.equal(reply.id);
    await nextRender(el);
    expect(part(el, reply.id, 'copy')!.getAttribute('aria-label')).to.equal('Copied');
    if (granted) expect(await navigator.clipboard.readText()).to.equal(reply.text);
  });

  it('regenerate (WebSocket protocol) replaces the last reply: one question bubble, the old reply gone, the question sent again', async () => {
    const {el, tag} = await mount({protocol: 'brand', attrs: {brand: 'techpro'}});
    const events = recordEvents(el, ['chat-regenerate', 'chat-message']);
    await untilOpen(el);
    el.send('I need a laptop');
    const first = await untilReply(el);
    await nextRender(el);
    expect(part(el, first.id, 'regenerate'), 'regenerate on the last reply').to.exist;
    part(el, first.id, 'regenerate')!.click();
    await until(() => replies(el).length === 1 && replies(el)[0].id !== first.id && replies(el)[0].status === 'complete', 'a new reply in place of the old');
    expect(users(el)).to.have.length(1);
    expect(users(el)[0].status).to.equal('sent');
    expect(el.messages.some((m) => m.id === first.id)).to.equal(false);
    expect(events.filter((e) => e.type === 'chat-regenerate').map((e) => e.detail.message.id)).to.deep.equal([first.id]);
    const received = (await serverLog('brand', tag)).connections[0].received.filter((f: any) => f.type === 'chat').map((f: any) => f.data.message);
    expect(received).to.deep.equal(['I need a laptop', 'I need a laptop']);
  });

  it('regenerate (stateless protocols) sends the history without the replaced reply; ai-sdk says regenerate-message', async () => {
    for (const protocol of ['openai', 'ai-sdk'] as const) {
      const {el, tag} = await mount({protocol});
      el.send('First');
      await untilReply(el, 1);
      await until(() => el.status === 'idle', 'idle');
      el.send('Second');
      const old = await untilReply(el, 2);
      await until(() => el.status === 'idle', 'idle');
      expect(el.regenerate()).to.equal(true);
      await until(() => replies(el).length === 2 && replies(el)[1].id !== old.id && replies(el)[1].status === 'complete', 'regenerated');
      expect(users(el).map((m) => m.text)).to.deep.equal(['First', 'Second']);
      const log = await requests(protocol, tag);
      expect(log).to.have.length(3);
      const last = log[2].body;
      const texts = last.messages.map((m: any) => (protocol === 'ai-sdk' ? m.parts[0].text : m.content));
      expect(texts, protocol).to.deep.equal(['First', replies(el)[0].text, 'Second']);
      if (protocol === 'ai-sdk') {
        expect(last.trigger).to.equal('regenerate-message');
        expect(last.messageId).to.equal(old.id);
        expect(log[1].body.trigger).to.equal('submit-message');
      }
    }
  });

  it('chat-regenerate can be canceled, and regenerate is offered on the last reply only', async () => {
    const {el} = await mount({protocol: 'openai'});
    el.send('One');
    const first = await untilReply(el, 1);
    await until(() => el.status === 'idle', 'idle');
    el.send('Two');
    const second = await untilReply(el, 2);
    await until(() => el.status === 'idle', 'idle');
    await nextRender(el);
    expect(part(el, first.id, 'regenerate')).to.equal(null);
    expect(part(el, second.id, 'regenerate')).to.exist;
    el.addEventListener('chat-regenerate', (e) => e.preventDefault(), {once: true});
    expect(el.regenerate()).to.equal(false);
    expect(replies(el).map((m) => m.id)).to.deep.equal([first.id, second.id]);
  });

  it('Retry on a cut reply answers again in its place, without a second question bubble', async () => {
    const {el} = await mount({protocol: 'openai', query: {fault: 'cut'}});
    el.send('Hello');
    await until(() => replies(el)[0]?.status === 'interrupted', 'cut');
    for (let i = 0; i < 2; i++) {
      await nextRender(el);
      const cut = replies(el)[0];
      shadow(el).querySelector<HTMLButtonElement>(`[data-id="${cut.id}"] .meta.warn button`)!.click();
      await until(() => replies(el)[0]?.id !== cut.id && replies(el)[0]?.status === 'interrupted', 'cut again (the fault applies to every request)');
      expect(users(el), `after Retry ${i + 1}`).to.have.length(1);
      expect(replies(el)).to.have.length(1);
    }
  });

  it('feedback toggles, fires chat-feedback, and survives a reload', async () => {
    sessionStorage.clear();
    const {el, tag} = await mount({protocol: 'openai', attrs: {actions: 'copy regenerate feedback', persist: 'session'}});
    const ratings = recordEvents(el, ['chat-feedback']);
    el.send('Rate me');
    const reply = await untilReply(el);
    await nextRender(el);
    const up = () => part(el, reply.id, 'feedback-up')!;
    const down = () => part(el, reply.id, 'feedback-down')!;
    up().click();
    await nextRender(el);
    expect(up().getAttribute('aria-pressed')).to.equal('true');
    expect(el.messages.find((m) => m.id === reply.id)!.meta.feedback).to.equal('up');
    up().click();
    await nextRender(el);
    expect(up().getAttribute('aria-pressed')).to.equal('false');
    expect(el.messages.find((m) => m.id === reply.id)!.meta.feedback).to.equal(undefined);
    down().click();
    expect(ratings.map((e) => e.detail.rating)).to.deep.equal(['up', null, 'down']);
    expect(ratings.every((e) => e.detail.message.id === reply.id)).to.equal(true);
    await new Promise((r) => setTimeout(r, 400));
    el.remove();
    const {el: again} = await mount({protocol: 'openai', tag, attrs: {actions: 'copy regenerate feedback', persist: 'session'}});
    await nextRender(again);
    expect(again.messages.find((m) => m.id === reply.id)!.meta.feedback).to.equal('down');
    expect(part(again, reply.id, 'feedback-down')!.getAttribute('aria-pressed')).to.equal('true');
    again.clear();
    sessionStorage.clear();
  });

  it('the actions attribute picks the buttons; none shows no row', async () => {
    const {el} = await mount({protocol: 'openai', attrs: {actions: 'none'}});
    el.send('Hello');
    const reply = await untilReply(el);
    await nextRender(el);
    expect(shadow(el).querySelector(`[data-id="${reply.id}"] [part~="actions"]`)).to.equal(null);
    el.actions = 'feedback';
    await nextRender(el);
    const row = shadow(el).querySelector(`[data-id="${reply.id}"] [part~="actions"]`)!;
    expect([...row.querySelectorAll('button')].map((b) => b.getAttribute('part'))).to.deep.equal(['feedback-up', 'feedback-down']);
  });
});

describe('code blocks', () => {
  it('Copy on a code block writes exactly its code and fires chat-copy with kind "code"', async () => {
    const granted = await executeServerCommand<boolean, undefined>('grant-clipboard');
    const code = 'const answer = 42;\nconsole.log(`<b>${answer}</b>`);';
    ChatWidget.registerProtocol('code-probe', {
      transport: (ctx) => ({kind: 'websocket', url: `${ctx.config.wsBase}/ws/chat/techpro?${new URLSearchParams(ctx.config.baseQuery as [string, string][])}`}),
      encode: () => null,
      decode: (frame: any) => (frame.type === 'welcome' ? [{type: 'reply.delta', text: `Here:\n\n\`\`\`js\n${code}\n\`\`\`\n`}, {type: 'reply.end'}] : []),
    });
    const {el} = await mount({protocol: 'code-probe', url: backend('brand')});
    const copies = recordEvents(el, ['chat-copy']);
    const reply = await untilReply(el);
    await nextRender(el);
    const block = shadow(el).querySelector(`[data-id="${reply.id}"] [part~="code-block"]`)!;
    expect(block.querySelector('.code-lang')!.textContent).to.match(/js|javascript/i);
    const button = block.querySelector<HTMLButtonElement>('[part~="code-copy"]')!;
    expect(button.textContent!.trim()).to.equal('Copy code');
    button.click();
    await until(() => copies.length === 1, 'chat-copy');
    expect(copies[0].detail).to.deep.include({kind: 'code', text: code});
    expect(copies[0].detail.message.id).to.equal(reply.id);
    expect(button.textContent).to.equal('Copied');
    expect(button.getAttribute('aria-label'), 'screen readers hear it too').to.equal('Copied');
    if (granted) expect(await navigator.clipboard.readText()).to.equal(code);
  });
});

describe('timestamps', () => {
  it('each message shows when it was written, as <time datetime> in ::part(timestamp), in the widget language', async () => {
    const {el} = await mount({protocol: 'openai', attrs: {lang: 'de'}});
    el.send('Hallo');
    await untilReply(el);
    await nextRender(el);
    for (const m of el.messages) {
      const time = shadow(el).querySelector(`[data-id="${m.id}"] time[part~="timestamp"]`)!;
      expect(time, m.role).to.exist;
      expect(time.getAttribute('datetime')).to.equal(new Date(m.createdAt).toISOString());
      expect(time.textContent!.trim()).to.equal(new Intl.RelativeTimeFormat('de', {numeric: 'auto'}).format(0, 'second'));
      expect(time.getAttribute('title')).to.equal(new Intl.DateTimeFormat('de', {dateStyle: 'full', timeStyle: 'short'}).format(new Date(m.createdAt)));
    }
  });
});
