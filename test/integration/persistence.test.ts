import {expect} from '@open-wc/testing';
import type {ChatWidget} from '../../src/chat-widget.js';
import type {BuiltinProtocol} from '../../src/protocols/registry.js';
import {backend, mount, nextRender, serverLog, shadow, uniqueTag, until, untilOpen, untilReply} from '../helpers.js';

const FAST = {'reconnect-delay': '20', 'reconnect-max': '60'};

/** What `mount()` puts in `url` for this tag (the storage key includes it). */
function urlFor(protocol: BuiltinProtocol, tag: string, query: Record<string, string> = {}): string {
  return `${backend(protocol)}/?${new URLSearchParams({t: tag, delay: '0', ...query})}`;
}

/** The storage key the widget uses (protocol, url, brand, session-id, user-id). */
function keyFor(protocol: BuiltinProtocol, url: string, brand = ''): string {
  return `chat-widget:v1:${protocol}:${url}:${brand}::`;
}

const users = (el: ChatWidget) => el.messages.filter((m) => m.role === 'user');

/** "Reloads" a widget: removes it (as a page unload would) and mounts a new one with the same settings. */
async function reload(el: ChatWidget, options: Parameters<typeof mount>[0]): Promise<ChatWidget> {
  el.remove();
  return (await mount(options)).el;
}

describe('persistence across reloads', () => {
  it('pending messages are stored at once, restored after a reload and delivered exactly once', async () => {
    const tag = uniqueTag();
    // The first socket drops mid-reply; reconnects are then refused for a while.
    const options = {protocol: 'brand', tag, query: {fault: 'drop1', refuse: '1200'}, attrs: {brand: 'techpro', persist: 'session', ...FAST}};
    const first = (await mount(options)).el;
    await untilOpen(first);
    first.send('I need a laptop');
    await until(() => first.status === 'reconnecting', 'reconnecting');
    const pendingId = first.send('typed while offline')!;
    // Stored synchronously: a reload right now would not lose it.
    const stored = JSON.parse(sessionStorage.getItem(keyFor('brand', urlFor('brand', tag, options.query), 'techpro'))!);
    expect(stored.messages.filter((m: any) => m.role === 'user').map((m: any) => [m.text, m.status])).to.deep.equal([
      ['I need a laptop', 'sent'],
      ['typed while offline', 'pending'],
    ]);

    const second = await reload(first, options);
    expect(users(second).map((m) => [m.id, m.status])).to.deep.include([pendingId, 'pending']);
    await until(() => users(second).every((m) => m.status === 'sent'), 'delivered after the reload');
    await untilReply(second);
    await new Promise((r) => setTimeout(r, 200));
    const log = await serverLog('brand', tag);
    const texts = log.connections.map((c) => c.received.filter((f: any) => f.type === 'chat').map((f: any) => f.data.message));
    // Sent once before the reload, the pending one once after: nothing lost, nothing twice.
    expect(texts).to.deep.equal([['I need a laptop'], ['typed while offline']]);
    expect(users(second).map((m) => m.text)).to.deep.equal(['I need a laptop', 'typed while offline']);
    second.remove();
  });

  describe('a reload continues the conversation against the backend', () => {
    it('brand: the same conversation_id', async () => {
      const tag = uniqueTag();
      const options = {protocol: 'brand', tag, attrs: {brand: 'techpro', persist: 'session'}};
      const first = (await mount(options)).el;
      await untilOpen(first);
      first.send('I need a laptop');
      await untilReply(first);
      const conversationId = (await serverLog('brand', tag)).connections[0].sent.find((f: any) => f.type === 'chunk') as any;
      const second = await reload(first, options);
      await untilOpen(second);
      second.send('and a phone');
      await untilReply(second, 2);
      const log = await serverLog('brand', tag);
      expect(log.connections).to.have.length(2);
      expect((log.connections[1].received[0] as any).data.conversation_id).to.equal(conversationId.data.conversation_id);
      second.remove();
    });

    it('template: the same session path', async () => {
      const tag = uniqueTag();
      const options = {protocol: 'template', tag, attrs: {persist: 'session'}};
      const first = (await mount(options)).el;
      await untilOpen(first);
      first.send('Write a support email');
      await untilReply(first);
      const second = await reload(first, options);
      await untilOpen(second);
      second.send('Shorter please');
      await untilReply(second, 2);
      const log = await serverLog('template', tag);
      expect(log.connections).to.have.length(2);
      expect(log.connections[0].path).to.match(/^\/ws\/chat\/session_user_anonymous_\d+\/$/);
      expect(log.connections[1].path).to.equal(log.connections[0].path);
      expect((log.connections[1].received[0] as any).session_id).to.equal((log.connections[0].received[0] as any).session_id);
      second.remove();
    });

    it('session: the same session_id and visitor_id (and the server remembers the visitor)', async () => {
      const tag = uniqueTag();
      const options = {protocol: 'session', tag, attrs: {persist: 'session'}};
      const first = (await mount(options)).el;
      await untilOpen(first);
      first.send('my name is Ann');
      await untilReply(first);
      const second = await reload(first, options);
      await untilOpen(second);
      second.send('ann@example.com');
      const reply = await untilReply(second, 2);
      expect(reply.text).to.contain('Ann');
      const log = await serverLog('session', tag);
      expect(log.connections).to.have.length(2);
      expect(log.connections[1].query.session_id).to.equal(log.connections[0].query.session_id);
      expect(log.connections[1].query.visitor_id).to.equal(log.connections[0].query.visitor_id);
      second.remove();
    });
  });

  it('corrupt stored JSON: chat-error kind config, and the widget still works (and stores cleanly again)', async () => {
    const tag = uniqueTag();
    const key = keyFor('brand', urlFor('brand', tag), 'techpro');
    sessionStorage.setItem(key, '{"v":1,"messages":[{"id"');
    const errors: CustomEvent[] = [];
    const onError = (e: Event) => errors.push(e as CustomEvent);
    document.addEventListener('chat-error', onError);
    const {el} = await mount({protocol: 'brand', tag, attrs: {brand: 'techpro', persist: 'session'}});
    document.removeEventListener('chat-error', onError);
    expect(errors.map((e) => e.detail.kind)).to.deep.equal(['config']);
    expect(errors[0].detail.message).to.match(/storage/i);
    await untilOpen(el);
    el.send('I need a laptop');
    await untilReply(el);
    el.remove();
    const saved = JSON.parse(sessionStorage.getItem(key)!);
    expect(saved.messages.some((m: any) => m.text === 'I need a laptop')).to.equal(true);
  });

  it('persist="local" keeps the conversation in localStorage (not sessionStorage)', async () => {
    const tag = uniqueTag();
    const key = keyFor('brand', urlFor('brand', tag), 'techpro');
    const options = {protocol: 'brand', tag, attrs: {brand: 'techpro', persist: 'local'}};
    const first = (await mount(options)).el;
    await untilOpen(first);
    first.send('remember me locally');
    await untilReply(first);
    first.remove();
    expect(sessionStorage.getItem(key)).to.equal(null);
    const saved = JSON.parse(localStorage.getItem(key)!);
    expect(saved.messages.map((m: any) => m.text)).to.include('remember me locally');
    expect(saved.ids.conversationId).to.be.a('string');
    const second = (await mount(options)).el;
    expect(second.messages.map((m) => m.text)).to.include('remember me locally');
    second.clear();
    expect(localStorage.getItem(key)).to.equal(null);
    second.remove();
    localStorage.removeItem(key);
  });
});

describe('session errors after which the session cannot continue', () => {
  it('keep the transcript, close the input and offer Start again, which continues with new ids', async () => {
    const tag = uniqueTag();
    const options = {protocol: 'session', tag, attrs: {persist: 'session', ...FAST}};
    const first = (await mount(options)).el;
    await untilOpen(first);
    first.send('my name is Ann');
    await untilReply(first);
    first.remove();
    // The server forgot the session meanwhile: stored ids now name an expired one.
    const key = keyFor('session', urlFor('session', tag));
    const snapshot = JSON.parse(sessionStorage.getItem(key)!);
    const expired = `expired-${snapshot.ids.sessionId}`;
    sessionStorage.setItem(key, JSON.stringify({...snapshot, ids: {...snapshot.ids, sessionId: expired}}));

    const {el} = await mount(options);
    await until(() => el.messages.some((m) => m.meta.code === 'session_expired'), 'the expired-session error');
    await nextRender(el);
    // A protocol error never wipes the transcript.
    expect(el.messages.slice(0, 2).map((m) => m.text)).to.deep.equal(['my name is Ann', snapshot.messages[1].text]);
    const banner = shadow(el).querySelector('[part~="session-end"]')!;
    expect(banner).to.exist;
    expect(shadow(el).querySelector<HTMLTextAreaElement>('textarea')!.disabled).to.equal(true);
    expect(shadow(el).querySelector('[data-id] .bubble')!.textContent).to.contain('my name is Ann');
    // No reconnect loop against a dead session.
    await new Promise((r) => setTimeout(r, 300));
    expect((await serverLog('session', tag)).connections).to.have.length(2);

    banner.querySelector<HTMLButtonElement>('button')!.click();
    await untilOpen(el);
    el.send('hello again');
    await untilReply(el);
    const log = await serverLog('session', tag);
    const last = log.connections.at(-1)!;
    expect(last.query.session_id).to.be.a('string').and.not.equal(expired).and.not.equal(snapshot.ids.sessionId);
    expect(last.query.visitor_id).not.to.equal(snapshot.ids.visitorId);
    expect((last.received[0] as any).message).to.equal('hello again');
    el.remove();
  });
});
