import {expect} from '@open-wc/testing';
import type {ChatWidget} from '../../src/chat-widget.js';
import type {BuiltinProtocol} from '../../src/protocols/registry.js';
import {mount, nextRender, serverLog, shadow, uniqueTag, until, untilOpen, untilReply, type MountOptions} from '../helpers.js';

/** Short timings so that every fault plays out in well under a second. */
const FAST = {'reconnect-delay': '20', 'reconnect-max': '80', 'connect-timeout': '1000'};

/** The user text of a frame the server received, per protocol (undefined for other frames). */
const USER_TEXT: Record<Exclude<BuiltinProtocol, 'job'>, (frame: any) => string | undefined> = {
  brand: (f) => (f?.type === 'chat' ? f.data?.message : undefined),
  agent: (f) => (f && f.type === undefined && typeof f.message === 'string' ? f.message : undefined),
  session: (f) => (f?.type === 'chat_message' ? f.message : undefined),
  template: (f) => (f?.type === 'chat_message' ? f.content : undefined),
};

/** Per connection, the user messages the server received, in order. */
async function receivedTexts(protocol: BuiltinProtocol, tag: string): Promise<string[][]> {
  const log = await serverLog(protocol, tag);
  if (protocol === 'job') return [((log.starts ?? []) as any[]).map((s) => s.body?.query)];
  const pick = USER_TEXT[protocol];
  return log.connections.map((c) => c.received.map(pick).filter((t): t is string => t !== undefined));
}

/** Mounts and records every `chat-status` from the very first one (fired during the first update). */
async function mountWatched(options: MountOptions): Promise<{el: ChatWidget; tag: string; statuses: string[]; errors: CustomEvent[]}> {
  const tag = options.tag ?? uniqueTag();
  const statuses: string[] = [];
  const errors: CustomEvent[] = [];
  const onStatus = (e: Event) => {
    if ((e.target as ChatWidget).url?.includes(tag)) statuses.push((e as CustomEvent).detail.status);
  };
  const onError = (e: Event) => {
    if ((e.target as ChatWidget).url?.includes(tag)) errors.push(e as CustomEvent);
  };
  document.addEventListener('chat-status', onStatus);
  document.addEventListener('chat-error', onError);
  const {el} = await mount({...options, tag});
  // From now on, listen on the element itself (other widgets may come and go on the page).
  document.removeEventListener('chat-status', onStatus);
  document.removeEventListener('chat-error', onError);
  el.addEventListener('chat-status', onStatus);
  el.addEventListener('chat-error', onError);
  return {el, tag, statuses, errors};
}

const replies = (el: ChatWidget) => el.messages.filter((m) => m.role === 'assistant' && m.meta.kind !== 'welcome');
const users = (el: ChatWidget) => el.messages.filter((m) => m.role === 'user');
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('resilience against the fault-injecting backends', () => {
  describe('a reply that shows no first frame is surfaced as stalled, with a Retry that sends once more', () => {
    const cases: Array<[BuiltinProtocol, Record<string, string>, string]> = [
      ['brand', {brand: 'techpro'}, 'I need a laptop'],
      ['agent', {}, 'I have a headache'],
      ['session', {}, 'What is a novated lease?'],
      ['template', {}, 'Write a support email'],
      ['job', {token: 'demo-token'}, 'Launch post'],
    ];
    for (const [protocol, attrs, text] of cases) {
      it(protocol, async () => {
        const {el, tag, statuses, errors} = await mountWatched({protocol, attrs: {...attrs, ...FAST, 'stall-timeout': '150'}, query: {fault: 'stall1'}});
        if (protocol !== 'job') await untilOpen(el);
        const id = el.send(text)!;
        await until(() => shadow(el).querySelector('[part~="stalled"]'), 'stalled notice');
        await nextRender(el);
        expect(errors.map((e) => [e.detail.kind, e.detail.code])).to.deep.include(['network', 'stalled']);
        expect(el.matches(':state(stalled)'), 'stalled custom state').to.equal(true);
        shadow(el).querySelector<HTMLButtonElement>('[part~="stalled"] button')!.click();
        await untilReply(el);
        await nextRender(el);
        expect(shadow(el).querySelector('[part~="stalled"]')).to.equal(null);
        // The same message, once in the transcript, answered once.
        expect(users(el).map((m) => [m.id, m.text, m.status])).to.deep.equal([[id, text, 'sent']]);
        expect(replies(el)).to.have.length(1);
        const log = await serverLog(protocol, tag);
        if (protocol === 'job') {
          expect((log.starts as any[]).map((s) => s.body.query)).to.deep.equal([text, text]);
          expect(log.connections).to.have.length(2);
        } else {
          // The silent socket was abandoned by the client; the retry went out once, on a fresh one.
          expect(await receivedTexts(protocol, tag)).to.deep.equal([[text], [text]]);
          expect(log.connections[0].closed!.code).to.equal(1000);
          expect(statuses.slice(-2)).to.deep.equal(['reconnecting', 'open']);
        }
      });
    }

    it('a late reply on the abandoned socket is never shown: one reply, not two', async () => {
      const {el, tag} = await mountWatched({protocol: 'brand', attrs: {brand: 'techpro', ...FAST, 'stall-timeout': '100'}, query: {fault: 'late1=500'}});
      await untilOpen(el);
      el.send('I need a laptop');
      await until(() => shadow(el).querySelector('[part~="stalled"] button'), 'stalled notice');
      shadow(el).querySelector<HTMLButtonElement>('[part~="stalled"] button')!.click();
      await untilReply(el);
      // Past the moment the first socket would have answered.
      await pause(700);
      expect(replies(el)).to.have.length(1);
      expect(users(el)).to.have.length(1);
      expect(await receivedTexts('brand', tag)).to.deep.equal([['I need a laptop'], ['I need a laptop']]);
      const log = await serverLog('brand', tag);
      // The first socket was closed before its late reply began: it sent nothing but the welcome.
      expect((log.connections[0].sent as any[]).filter((f) => f.type === 'chunk')).to.have.length(0);
    });

    it('a reply that arrives before Retry clears the stalled notice', async () => {
      const {el, tag} = await mountWatched({protocol: 'brand', attrs: {brand: 'techpro', ...FAST, 'stall-timeout': '80'}, query: {fault: 'late1=300'}});
      await untilOpen(el);
      el.send('I need a laptop');
      await until(() => el.matches(':state(stalled)'), 'stalled');
      await untilReply(el);
      await nextRender(el);
      expect(el.matches(':state(stalled)')).to.equal(false);
      expect(shadow(el).querySelector('[part~="stalled"]')).to.equal(null);
      expect(await receivedTexts('brand', tag)).to.deep.equal([['I need a laptop']]);
    });
  });

  it('drop1: the reply is cut once, the widget reconnects and the conversation continues on the new socket', async () => {
    const {el, tag, statuses} = await mountWatched({protocol: 'brand', attrs: {brand: 'techpro', ...FAST}, query: {fault: 'drop1'}});
    await untilOpen(el);
    el.send('I need a laptop');
    await until(() => replies(el).some((m) => m.status === 'interrupted'), 'interrupted reply');
    await untilOpen(el);
    el.send('and a phone');
    await untilReply(el);
    expect(replies(el).map((m) => m.status)).to.deep.equal(['interrupted', 'complete']);
    expect(statuses).to.deep.equal(['connecting', 'open', 'reconnecting', 'open']);
    expect(await receivedTexts('brand', tag)).to.deep.equal([['I need a laptop'], ['and a phone']]);
    const log = await serverLog('brand', tag);
    expect(log.connections[0].closed!.code).to.equal(1006);
    const firstConversation = (log.connections[0].sent as any[]).find((f) => f.type === 'chunk').data.conversation_id;
    expect((log.connections[1].received[0] as any).data.conversation_id).to.equal(firstConversation);
  });

  it('refuse: reconnects fail with 503 for a while, then succeed; a message typed meanwhile is delivered exactly once', async () => {
    const {el, tag, statuses} = await mountWatched({protocol: 'brand', attrs: {brand: 'techpro', ...FAST}, query: {fault: 'drop1', refuse: '600'}});
    await untilOpen(el);
    el.send('I need a laptop');
    await until(() => el.status === 'reconnecting', 'reconnecting');
    await until(async () => (await serverLog('brand', tag)).refused?.length, 'a refused reconnect');
    el.send('typed while refused');
    expect(users(el).at(-1)!.status).to.equal('pending');
    await untilReply(el, 1);
    await until(() => replies(el).at(-1)!.status === 'complete', 'second reply');
    const log = await serverLog('brand', tag);
    expect((log as any).refused.length).to.be.at.least(1);
    expect((log as any).refused.every((r: any) => r.status === 503)).to.equal(true);
    expect(log.connections).to.have.length(2);
    expect(await receivedTexts('brand', tag)).to.deep.equal([['I need a laptop'], ['typed while refused']]);
    // However many attempts were refused, the widget went through one reconnecting phase.
    expect(statuses).to.deep.equal(['connecting', 'open', 'reconnecting', 'open']);
    expect(users(el).map((m) => m.status)).to.deep.equal(['sent', 'sent']);
  });

  it('big: a 2 MB frame mid-reply is taken in, and the conversation goes on', async () => {
    const {el, tag, errors} = await mountWatched({protocol: 'brand', attrs: {brand: 'techpro', ...FAST}, query: {fault: 'big'}});
    await untilOpen(el);
    el.send('I need a laptop');
    await untilReply(el);
    expect(replies(el)[0].text.length).to.be.greaterThan(2 * 1024 * 1024);
    el.send('thanks');
    await untilReply(el, 2);
    expect(errors).to.have.length(0);
    expect(el.status).to.equal('open');
    expect(await receivedTexts('brand', tag)).to.deep.equal([['I need a laptop', 'thanks']]);
  });

  it('binary: binary frames interleaved with a reply are reported and skipped; the text is exact', async () => {
    const {el, tag, errors} = await mountWatched({protocol: 'brand', attrs: {brand: 'techpro', ...FAST}, query: {fault: 'binary'}});
    await untilOpen(el);
    el.send('I need a laptop');
    const reply = await untilReply(el);
    const log = await serverLog('brand', tag);
    const sent = log.connections[0].sent as any[];
    const binaries = sent.filter((f) => f.binary).length;
    expect(binaries).to.be.greaterThan(3);
    expect(reply.text).to.equal(sent.filter((f) => f.type === 'chunk').map((f) => f.data.content).join(''));
    await until(() => errors.length === binaries, `${binaries} protocol errors (got ${errors.length})`);
    expect(errors.every((e) => e.detail.kind === 'protocol')).to.equal(true);
    expect(el.status).to.equal('open');
    expect(await receivedTexts('brand', tag)).to.deep.equal([['I need a laptop']]);
  });

  it('a message whose reply never began when the socket closed is marked interrupted; Retry sends the same message once', async () => {
    // template closes an idle socket with 4001 (not retried); the first socket never answers.
    const {el, tag} = await mountWatched({protocol: 'template', attrs: {...FAST, 'stall-timeout': '0'}, query: {fault: 'stall1', idle: '300'}});
    await untilOpen(el);
    const id = el.send('Write a support email')!;
    await until(() => el.status === 'closed', `closed (is ${el.status})`);
    expect(users(el).map((m) => m.status)).to.deep.equal(['interrupted']);
    await nextRender(el);
    shadow(el).querySelector<HTMLButtonElement>(`[data-id="${id}"] button`)!.click();
    await untilReply(el);
    expect(users(el).map((m) => [m.id, m.status])).to.deep.equal([[id, 'sent']]);
    expect(await receivedTexts('template', tag)).to.deep.equal([['Write a support email'], ['Write a support email']]);
  });

  describe('job: the HTTP start is retried within bounds', () => {
    const job = (query: Record<string, string>, attrs: Record<string, string> = {}) =>
      mountWatched({protocol: 'job', attrs: {token: 'demo-token', ...FAST, ...attrs}, query});
    const startStatuses = async (tag: string) => ((await serverLog('job', tag)).starts as any[]).map((s) => s.status);

    it('5xx: retried, then the job runs', async () => {
      const {el, tag, statuses} = await job({'start-fail': '503', 'start-fails': '2'});
      el.send('Launch post');
      await untilReply(el);
      expect(await startStatuses(tag)).to.deep.equal([503, 503, 200]);
      expect(statuses).to.deep.equal(['connecting', 'reconnecting', 'connecting', 'reconnecting', 'connecting', 'open', 'idle']);
      expect(users(el).map((m) => m.status)).to.deep.equal(['sent']);
    });

    it('5xx: at most 3 retries, then a clear error and Retry', async () => {
      const {el, tag, errors} = await job({'start-fail': '503', 'start-fails': '10'});
      el.send('Launch post');
      await until(() => users(el)[0]?.status === 'error', `the message failed (is ${users(el)[0]?.status})`);
      expect(await startStatuses(tag)).to.deep.equal([503, 503, 503, 503]);
      expect(errors.map((e) => e.detail.kind)).to.deep.equal(['http']);
      // The server answered (with a refusal): it is reachable, the widget reads "Ready".
      expect(el.status).to.equal('idle');
    });

    it('401/403: never retried', async () => {
      for (const status of ['401', '403']) {
        const {el, tag} = await job({'start-fail': status, 'start-fails': '10'});
        el.send('Launch post');
        await until(() => users(el)[0]?.status === 'error', `the message failed (is ${users(el)[0]?.status})`);
        await pause(150);
        expect(await startStatuses(tag)).to.deep.equal([Number(status)]);
      }
    });

    it('429: waits for Retry-After and tries again; a Retry-After too long to wait fails at once', async () => {
      const ok = await job({'start-fail': '429', 'retry-after': '0'});
      ok.el.send('Launch post');
      await untilReply(ok.el);
      expect(await startStatuses(ok.tag)).to.deep.equal([429, 200]);

      const tooLong = await job({'start-fail': '429', 'retry-after': '3600'});
      tooLong.el.send('Launch post');
      await until(() => users(tooLong.el)[0]?.status === 'error', 'the message failed');
      await pause(150);
      expect(await startStatuses(tooLong.tag)).to.deep.equal([429]);
      expect(tooLong.errors.at(-1)!.detail.kind).to.equal('http');
    });

    it('a start that never answers is abandoned after connect-timeout and retried', async () => {
      const {el, tag} = await job({'start-fail': 'hang'}, {'connect-timeout': '250'});
      el.send('Launch post');
      await untilReply(el);
      expect(await startStatuses(tag)).to.deep.equal(['hang', 200]);
      expect(users(el)).to.have.length(1);
    });
  });

  describe('removal leaves no open socket and no live timers', () => {
    it('while waiting to reconnect', async () => {
      const {el, tag} = await mountWatched({protocol: 'brand', attrs: {brand: 'techpro', 'reconnect-delay': '5000', 'reconnect-max': '5000'}, query: {fault: 'drop1'}});
      await untilOpen(el);
      el.send('I need a laptop');
      await until(() => el.status === 'reconnecting', 'reconnecting');
      el.send('queued');
      expect(el._diagnostics.timers).to.be.greaterThan(0);
      el.remove();
      expect(el._diagnostics).to.deep.equal({timers: 0, socket: false, outbox: 1, inFlight: 0});
      await pause(100);
      expect((await serverLog('brand', tag)).connections).to.have.length(1);
    });

    it('while a stalled reply is awaited', async () => {
      const {el, tag} = await mountWatched({protocol: 'brand', attrs: {brand: 'techpro', 'stall-timeout': '60000'}, query: {fault: 'stall'}});
      await untilOpen(el);
      el.send('hello');
      await until(() => el._diagnostics.inFlight === 1, 'in flight');
      el.remove();
      expect(el._diagnostics).to.deep.equal({timers: 0, socket: false, outbox: 0, inFlight: 0});
      await until(async () => (await serverLog('brand', tag)).connections[0].closed, 'server saw the close');
    });

    it('while a job start waits to be retried', async () => {
      const {el} = await mountWatched({protocol: 'job', attrs: {token: 'demo-token', 'reconnect-delay': '5000', 'reconnect-max': '5000'}, query: {'start-fail': '503', 'start-fails': '10'}});
      el.send('Launch post');
      await until(() => el.status === 'reconnecting', 'waiting to retry the start');
      el.remove();
      expect(el._diagnostics).to.deep.equal({timers: 0, socket: false, outbox: 1, inFlight: 0});
    });
  });

  it('reconnect-delay / reconnect-max / stall-timeout / connect-timeout are attributes with defaults', async () => {
    const {el} = await mount({protocol: 'brand', attrs: {brand: 'techpro'}});
    expect([el.stallTimeout, el.reconnectDelay, el.reconnectMax, el.connectTimeout]).to.deep.equal([20_000, 1_000, 30_000, 10_000]);
    el.setAttribute('stall-timeout', '0');
    el.setAttribute('reconnect-delay', 'soon');
    expect([el.stallTimeout, el.reconnectDelay]).to.deep.equal([0, 1_000]);
  });
});
