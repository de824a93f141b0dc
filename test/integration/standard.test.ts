import {expect} from '@open-wc/testing';
import type {ChatWidget} from '../../src/chat-widget.js';
import {mount, nextRender, recordEvents, shadow, until, untilReply} from '../helpers.js';

/** What the HTTP reference backends logged for a tag (`GET /__log?t=`). */
interface LoggedRequest {
  path: string;
  headers: Record<string, string | null>;
  body: any;
  status: number;
  sent: unknown[];
  end: 'complete' | 'aborted' | 'cut' | 'error' | 'http-error' | null;
  trigger?: string;
}

async function requests(protocol: string, tag: string): Promise<LoggedRequest[]> {
  const res = await fetch(`${window.__BACKENDS__[protocol as 'brand']}/__log?t=${encodeURIComponent(tag)}`);
  return (await res.json()).requests;
}

const PROTOCOLS = ['openai', 'ai-sdk', 'ag-ui'] as const;

/** The user texts a request carried, whatever the protocol's message shape. */
function sentTexts(protocol: string, body: any): Array<[string, string]> {
  return body.messages.map((m: any) => [m.role, protocol === 'ai-sdk' ? m.parts.map((p: any) => p.text).join('') : m.content]);
}

function bubble(el: ChatWidget, id: string): Element {
  return shadow(el).querySelector(`[data-id="${id}"]`)!;
}

for (const protocol of PROTOCOLS) {
  describe(`<chat-widget protocol="${protocol}"> against the reference backend`, () => {
    it('streams a reply, is Ready between messages, and sends the conversation so far with each message', async () => {
      const {el, tag} = await mount({protocol});
      const events = recordEvents(el, ['chat-message', 'chat-error', 'chat-status']);
      await nextRender(el);
      expect(shadow(el).querySelector('[part="status"]')!.textContent).to.equal('Ready');
      el.send('Hello there');
      const first = await untilReply(el);
      expect(first.text).to.contain('You said: “Hello there”');
      await until(() => el.status === 'idle', `idle after the reply (is ${el.status})`);
      el.send('And again');
      await untilReply(el, 2);
      expect(events.filter((e) => e.type === 'chat-message')).to.have.length(2);
      expect(events.filter((e) => e.type === 'chat-error')).to.have.length(0);
      const statuses = events.filter((e) => e.type === 'chat-status').map((e) => e.detail.status);
      expect(statuses).to.include.members(['connecting', 'open', 'idle']);

      const log = await requests(protocol, tag);
      expect(log).to.have.length(2);
      expect(log.every((r) => r.end === 'complete')).to.equal(true);
      const shown = el.messages.filter((m) => m.role !== 'system').map((m) => [m.role, m.text]);
      // The second request carries the first exchange exactly as shown, then the new message.
      expect(sentTexts(protocol, log[1].body)).to.deep.equal(shown.slice(0, 3));
      expect(el.messages.find((m) => m.role === 'user')!.status).to.equal('sent');
    });

    it('new settings in the middle of a reply leave the widget Ready, and it answers the next message', async function () {
      this.timeout(15_000);
      const {el} = await mount({protocol, query: {delay: '20'}});
      el.send('Hello');
      await until(() => el.messages.some((m) => m.role === 'assistant' && m.text.length > 20), 'the reply streams');
      el.url = `${el.url}&moved=1`;
      await until(() => el.status === 'idle', `Ready again (is ${el.status})`);
      el.send('Again');
      await until(() => el.messages.some((m) => m.role === 'assistant' && m.status === 'complete' && m.text.includes('Again')), 'the next answer', 10_000);
    });

    it('shows reasoning as a collapsed Thinking section and tool calls as steps', async () => {
      const {el} = await mount({protocol});
      el.send('think about the weather tool please');
      const reply = await untilReply(el);
      expect(reply.meta.reasoning).to.be.a('string').and.not.equal('');
      expect(reply.meta.progress!.some((p) => p.label.includes('get_weather'))).to.equal(true);
      await nextRender(el);
      const details = bubble(el, reply.id).querySelector<HTMLDetailsElement>('[part~="reasoning"]')!;
      expect(details.open).to.equal(false);
      expect(details.querySelector('summary')!.textContent).to.contain('Thinking');
      expect(details.textContent).to.contain(reply.meta.reasoning!.trim().slice(0, 20));
    });

    it('reports an error in the middle of the stream and keeps the text', async () => {
      const {el} = await mount({protocol, query: {fault: 'error-mid'}});
      const errors = recordEvents(el, ['chat-error']);
      el.send('Hello');
      await until(() => errors.some((e) => e.detail.kind === 'server'), 'server error');
      await until(() => el.status === 'idle', 'idle');
      const reply = el.messages.find((m) => m.role === 'assistant')!;
      expect(reply.status).to.equal('error');
      expect(reply.text.length).to.be.greaterThan(0);
      await nextRender(el);
      // The partial text says it was cut off and offers Retry.
      expect(bubble(el, reply.id).querySelector('.meta.warn')!.textContent).to.contain('cut off');
    });

    it('marks a stream cut without its end marker as interrupted, with Retry', async () => {
      const {el} = await mount({protocol, query: {fault: 'cut'}});
      el.send('Hello');
      await until(() => el.messages.some((m) => m.role === 'assistant' && m.status === 'interrupted'), 'interrupted reply');
      await nextRender(el);
      const reply = el.messages.find((m) => m.role === 'assistant')!;
      expect(bubble(el, reply.id).querySelector('.meta.warn button')!.textContent).to.contain('Retry');
      // Said once, on the reply: no second notice about the same cut.
      expect(shadow(el).querySelector('[part~="notice"]')).to.equal(null);
    });

    it('retries a 429 after its Retry-After, and the message stays one message', async () => {
      const {el, tag} = await mount({protocol, query: {fault: '429', 'retry-after': '0'}});
      el.send('Hello');
      await untilReply(el);
      const log = await requests(protocol, tag);
      expect(log.map((r) => r.status)).to.deep.equal([429, 200]);
      expect(el.messages.filter((m) => m.role === 'user')).to.have.length(1);
    });

    it('says in plain words on the message that the server failed (500), offers Retry, and tells the host the status', async () => {
      const {el} = await mount({protocol, query: {fault: '500'}});
      const errors = recordEvents(el, ['chat-error']);
      el.send('Hello');
      await until(() => errors.length > 0, 'http error');
      expect(errors[0].detail.kind).to.equal('http');
      expect(errors[0].detail.message).to.match(/^HTTP 500\./);
      expect(el.messages[0].status).to.equal('error');
      // The server answered: it is reachable, so the widget reads Ready.
      await until(() => el.status === 'idle', 'ready again');
      await nextRender(el);
      expect(shadow(el).querySelector('[part="status"]')!.textContent).to.equal('Ready');
      const line = bubble(el, el.messages[0].id).querySelector('.meta.warn')!;
      expect(line.textContent).to.contain('The chat service ran into a problem and could not answer.');
      expect(line.textContent, 'no status code for the visitor').to.not.contain('500');
      expect(line.querySelector('button')!.textContent).to.equal('Retry');
      // Said once, on the message: no banner repeating it.
      expect(shadow(el).querySelector('[part~="notice"]')).to.equal(null);
    });

    it('while it waits out a 429\'s Retry-After by itself, the header counts the wait down', async () => {
      const {el} = await mount({protocol, query: {fault: '429', 'retry-after': '2'}});
      el.send('Hello');
      await until(() => el.status === 'reconnecting', 'waiting to retry');
      await nextRender(el);
      const status = () => shadow(el).querySelector('[part="status"]')!.textContent!;
      expect(status()).to.match(/^Retrying in [12] seconds?…$/);
      await until(() => status() === 'Retrying in 1 second…', 'the countdown ticks', 3000);
      await untilReply(el);
    });

    it('after a 429 whose Retry-After outlasts its retries, counts down on the message, holds Send, then offers Retry', async function () {
      this.timeout(15_000);
      // Three retries one second apart, then the fourth 429 (Retry-After: 1) is the visitor's to wait out.
      const {el, tag} = await mount({protocol, query: {fault: '429', fails: '4', 'retry-after': '1'}});
      const errors = recordEvents(el, ['chat-error']);
      el.send('Hello');
      await until(() => el.messages[0].status === 'error', 'refused', 8000);
      await nextRender(el);
      const line = () => bubble(el, el.messages[0].id).querySelector('.meta.warn')!;
      const send = () => shadow(el).querySelector<HTMLButtonElement>('[part="send"]')!;
      expect(line().textContent).to.match(/The chat is busy right now\. Try again in 1 second\./);
      expect(line().querySelector('button'), 'no Retry before the time is up').to.equal(null);
      expect(send().disabled).to.equal(true);
      // The server's detail is read by code loaded on a failure only: the host hears of it a moment later.
      await until(() => errors.length > 0, 'chat-error');
      expect(errors[0].detail.message).to.match(/^HTTP 429\./);
      await until(() => !send().disabled && line().querySelector('button') !== null, 'Send back when the time is up', 4000);
      expect(line().textContent).to.contain('The chat is busy right now. Please try again.');
      line().querySelector('button')!.click();
      await untilReply(el);
      expect((await requests(protocol, tag)).map((r) => r.status)).to.deep.equal([429, 429, 429, 429, 200]);
    });

    it('reads Ready when its url arrives after it was defined (a tag manager, the demo)', async () => {
      const el = document.createElement('chat-widget');
      el.setAttribute('persist', 'none');
      el.protocol = protocol;
      document.body.appendChild(el);
      try {
        await el.updateComplete;
        expect(el.status).to.equal('error');
        el.url = `${window.__BACKENDS__[protocol as 'brand']}/?delay=0`;
        await el.updateComplete;
        expect(el.status).to.equal('idle');
        await nextRender(el);
        expect(shadow(el).querySelector('[part="status"]')!.textContent).to.equal('Ready');
        expect(shadow(el).querySelector('[part~="notice"]')).to.equal(null);
      } finally {
        el.remove();
      }
    });

    it('Stop before the first word leaves an empty stopped reply that says so', async () => {
      const {el} = await mount({protocol, query: {fault: '429', 'retry-after': '5'}});
      const stops = recordEvents(el, ['chat-stop']);
      el.send('Hello');
      await until(() => el.status === 'reconnecting', 'waiting to retry');
      expect(el.stop()).to.equal(true);
      const reply = el.messages.at(-1)!;
      expect(reply).to.include({role: 'assistant', text: '', status: 'stopped'});
      expect(stops[0].detail.message.id).to.equal(reply.id);
      await nextRender(el);
      expect(bubble(el, reply.id).querySelector('.meta.stopped')!.textContent).to.equal('Stopped.');
      expect(el.status).to.equal('idle');
    });

    it('Stop aborts the request (the server sees it end), keeps the text and marks the reply stopped', async () => {
      const {el, tag} = await mount({protocol, query: {delay: '20'}});
      const stops = recordEvents(el, ['chat-stop', 'chat-message']);
      el.send('Tell me something long');
      await until(() => (el.messages.find((m) => m.role === 'assistant')?.text.length ?? 0) > 20, 'some text');
      await nextRender(el);
      const stopButton = shadow(el).querySelector<HTMLButtonElement>('[part~="stop"]')!;
      expect(stopButton).to.exist;
      stopButton.click();
      const reply = el.messages.find((m) => m.role === 'assistant')!;
      expect(reply.status).to.equal('stopped');
      const kept = reply.text;
      expect(stops.filter((e) => e.type === 'chat-stop')).to.have.length(1);
      expect(stops[0].detail.message.id).to.equal(reply.id);
      expect(el.status).to.equal('idle');
      await until(async () => (await requests(protocol, tag))[0]?.end === 'aborted', 'the server saw the abort');
      await new Promise((r) => setTimeout(r, 100));
      expect(el.messages.find((m) => m.role === 'assistant')!.text).to.equal(kept);
      expect(stops.filter((e) => e.type === 'chat-message')).to.have.length(0);
      await nextRender(el);
      expect(shadow(el).querySelector('[part~="stop"]')).to.equal(null);
      // The next message gets its own reply.
      el.send('Hello');
      await untilReply(el);
    });

    it('sends the host headers and the token as a bearer token, and never shows them', async () => {
      const {el, tag} = await mount({protocol, attrs: protocol === 'openai' ? {token: 'demo-key'} : {}});
      el.headers = {'X-Site-Key': 'site-secret-42'};
      el.send('Hello');
      await untilReply(el);
      const [req] = await requests(protocol, tag);
      expect(req.headers['x-site-key']).to.equal('site-secret-42');
      if (protocol === 'openai') expect(req.headers.authorization).to.equal('Bearer demo-key');
      expect(shadow(el).innerHTML).not.to.contain('site-secret-42');
    });
  });
}

describe('openai specifics', () => {
  it('sends model and instructions (a leading system message) and context in the body', async () => {
    const {el, tag} = await mount({protocol: 'openai', attrs: {model: 'llama3.1', instructions: 'Be brief.'}});
    el.context = {user: 'visitor-7'};
    el.send('Hello');
    await untilReply(el);
    const [req] = await requests('openai', tag);
    expect(req.path).to.equal('/v1/chat/completions');
    expect(req.body).to.include({model: 'llama3.1', stream: true, user: 'visitor-7'});
    expect(req.body.messages).to.deep.equal([
      {role: 'system', content: 'Be brief.'},
      {role: 'user', content: 'Hello'},
    ]);
  });

  it('history-limit bounds the earlier messages sent', async () => {
    const {el, tag} = await mount({protocol: 'openai', attrs: {'history-limit': '2'}});
    for (const [i, text] of ['one', 'two', 'three'].entries()) {
      el.send(text);
      await untilReply(el, i + 1);
      await until(() => el.status === 'idle', 'idle');
    }
    const log = await requests('openai', tag);
    expect(log[2].body.messages.map((m: any) => m.content.slice(0, 20))).to.have.length(3);
    expect(log[2].body.messages[0].role).to.equal('user');
    expect(log[2].body.messages[0].content).to.equal('two');
  });

  it('marks a reply cut by the length limit as cut off', async () => {
    const {el} = await mount({protocol: 'openai'});
    el.send('what is the length limit');
    await until(() => el.messages.some((m) => m.role === 'assistant' && m.status === 'interrupted'), 'cut short');
  });

  it('reads reasoning from delta.reasoning too, and tolerates comments, CRLF, multi-line data and split chunks', async () => {
    const {el} = await mount({protocol: 'openai', query: {fault: 'reasoning-field,comments,crlf,multiline,split'}});
    const errors = recordEvents(el, ['chat-error']);
    el.send('think first');
    const reply = await untilReply(el);
    expect(reply.meta.reasoning).to.be.a('string').and.not.equal('');
    expect(reply.text).to.contain('You said: “think first”');
    expect(errors).to.have.length(0);
  });
});

describe('ai-sdk specifics', () => {
  it('posts id, UI messages and trigger; shows sources as safe links; fires chat-data', async () => {
    const {el, tag} = await mount({protocol: 'ai-sdk'});
    const data = recordEvents(el, ['chat-data']);
    el.send('cite your sources and data');
    const reply = await untilReply(el);
    const [req] = await requests('ai-sdk', tag);
    expect(req.path).to.equal('/api/chat');
    expect(req.body.trigger).to.equal('submit-message');
    expect(req.body.id).to.be.a('string').and.not.equal('');
    expect(req.body.messages[0]).to.deep.include({role: 'user', parts: [{type: 'text', text: 'cite your sources and data'}]});
    expect(reply.meta.sources!.length).to.be.at.least(2);
    expect(data).to.have.length(1);
    expect(data[0].detail.name).to.equal('weather');
    expect(data[0].detail.message.id).to.equal(reply.id);
    await nextRender(el);
    const links = [...bubble(el, reply.id).querySelectorAll<HTMLAnchorElement>('[part~="sources"] a')];
    expect(links.length).to.be.at.least(2);
    for (const a of links) {
      expect(a.protocol).to.match(/^https?:$/);
      expect(a.target).to.equal('_blank');
      expect(a.rel).to.equal('noopener noreferrer');
    }
  });

  it('keeps the chat id across messages and an abort part stops the reply', async () => {
    const {el, tag} = await mount({protocol: 'ai-sdk'});
    el.send('abort this');
    await until(() => el.messages.some((m) => m.role === 'assistant' && m.status === 'stopped'), 'stopped by the server');
    await until(() => el.status === 'idle', 'idle');
    el.send('Hello');
    await untilReply(el);
    const log = await requests('ai-sdk', tag);
    expect(log[0].body.id).to.equal(log[1].body.id);
  });
});

describe('ag-ui specifics', () => {
  it('posts RunAgentInput with the context as entries, and fires chat-state for snapshots and deltas', async () => {
    const {el, tag} = await mount({protocol: 'ag-ui'});
    el.context = {page: '/pricing', plan: {tier: 'pro'}};
    const states = recordEvents(el, ['chat-state', 'chat-error']);
    el.send('show data with steps');
    const reply = await untilReply(el);
    const [req] = await requests('ag-ui', tag);
    expect(req.body.threadId).to.be.a('string');
    expect(req.body.runId).to.be.a('string');
    expect(req.body.tools).to.deep.equal([]);
    expect(req.body.context).to.deep.equal([
      {description: 'page', value: '"/pricing"'},
      {description: 'plan', value: '{"tier":"pro"}'},
    ]);
    const stateEvents = states.filter((e) => e.type === 'chat-state');
    expect(stateEvents.length).to.be.at.least(2);
    expect(states.filter((e) => e.type === 'chat-error')).to.have.length(0);
    expect(stateEvents.at(-1)!.detail.state).to.not.deep.equal(stateEvents[0].detail.state);
    expect(reply.meta.progress!.length).to.be.at.least(1);
  });

  it('reads TEXT_MESSAGE_CHUNK and the older THINKING_* events', async () => {
    const {el} = await mount({protocol: 'ag-ui', query: {fault: 'thinking'}});
    el.send('think in chunks');
    const reply = await untilReply(el);
    expect(reply.text).to.contain('You said');
    expect(reply.meta.reasoning).to.be.a('string').and.not.equal('');
  });
});

describe('standard protocols after a reload', () => {
  it('send the conversation shown, restored from storage', async () => {
    for (const protocol of PROTOCOLS) {
      const {el, tag} = await mount({protocol, attrs: {persist: 'session'}});
      el.send('First question');
      await untilReply(el);
      await until(() => el.status === 'idle', 'idle');
      el.remove();
      // A new element with the same settings restores the conversation, as after a reload.
      const {el: again} = await mount({protocol, tag, attrs: {persist: 'session'}});
      expect(again.messages.map((m) => m.text)).to.deep.equal(el.messages.map((m) => m.text));
      again.send('Second question');
      await untilReply(again, 2);
      const log = await requests(protocol, tag);
      const shown = again.messages.filter((m) => m.role !== 'system').map((m) => [m.role, m.text]);
      expect(sentTexts(protocol, log[1].body), protocol).to.deep.equal(shown.slice(0, 3));
      again.clear();
      again.remove();
    }
  });
});

describe('HTTP failures in the language the widget shows', () => {
  it('openai, lang="es": a 500 is worded in Spanish on the message; the host gets the status and the server\'s own detail', async () => {
    const {el} = await mount({protocol: 'openai', query: {fault: '500'}, attrs: {lang: 'es'}});
    await until(() => shadow(el).querySelector('textarea')?.placeholder === 'Escribe un mensaje…', 'the Spanish locale');
    const errors = recordEvents(el, ['chat-error']);
    el.send('Hola');
    await until(() => errors.length > 0, 'http error');
    expect(errors[0].detail.message).to.match(/^HTTP 500\. \S/);
    await nextRender(el);
    expect(bubble(el, el.messages[0].id).querySelector('.meta.warn')!.textContent).to.contain('El servicio de chat tuvo un problema y no pudo responder.');
  });

  it('openai: a refused request (401) says so plainly, without Retry (the same request would be refused again)', async () => {
    const {el} = await mount({protocol: 'openai', attrs: {token: 'not-the-key'}});
    const errors = recordEvents(el, ['chat-error']);
    el.send('Hello');
    await until(() => errors.length > 0, 'http error');
    expect(errors[0].detail.message).to.match(/^HTTP 401\. Incorrect API key/);
    await nextRender(el);
    const line = bubble(el, el.messages[0].id).querySelector('.meta.warn')!;
    expect(line.textContent!.trim()).to.equal('The chat could not accept this message.');
    expect(line.querySelector('button')).to.equal(null);
  });

  it('ag-ui: a server that cannot be reached says to check the connection, with Retry', async () => {
    // Nothing listens on the discard port: the connection is refused.
    const {el} = await mount({protocol: 'ag-ui', url: 'http://127.0.0.1:9'});
    const errors = recordEvents(el, ['chat-error']);
    el.send('Hello');
    await until(() => errors.length > 0, 'network error');
    expect(errors[0].detail.kind).to.equal('network');
    await nextRender(el);
    const line = bubble(el, el.messages[0].id).querySelector('.meta.warn')!;
    expect(line.textContent).to.contain('Could not reach the server. Check the connection and try again.');
    expect(line.querySelector('button')!.textContent).to.equal('Retry');
  });
});

describe('A finished tool call shows a folded summary of its input and result', () => {
  const toolCall = (el: ChatWidget, id: string) => bubble(el, id).querySelector<HTMLDetailsElement>('details.steps .tool-call');

  it('ai-sdk: the input and the result, as text, collapsed', async () => {
    const {el} = await mount({protocol: 'ai-sdk'});
    el.send('What is the weather tool saying?');
    const reply = await untilReply(el);
    await nextRender(el);
    const call = toolCall(el, reply.id)!;
    expect(call.open).to.equal(false);
    expect(call.querySelector('summary')!.textContent).to.equal('get_weather');
    const rows = [...call.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling!.textContent]);
    expect(rows).to.deep.equal([
      ['Input', '{"city":"Paris"}'],
      ['Result', '{"city":"Paris","temperature":18,"unit":"C","conditions":"sunny"}'],
    ]);
    // Live, while the reply streamed, the step was only its name; folded, the rest.
    expect(call.querySelector('dd *'), 'text only').to.equal(null);
  });

  it('ag-ui (lang="fr"): the input and the result, under translated headings', async () => {
    const {el} = await mount({protocol: 'ag-ui', attrs: {lang: 'fr'}});
    await until(() => shadow(el).querySelector('textarea')?.placeholder === 'Écrivez un message…', 'the French locale');
    el.send('What is the weather tool saying?');
    const reply = await untilReply(el);
    await nextRender(el);
    const call = toolCall(el, reply.id)!;
    expect(call.querySelector('summary')!.textContent).to.equal('get_weather');
    expect([...call.querySelectorAll('dt')].map((dt) => dt.textContent)).to.deep.equal(['Entrée', 'Résultat']);
    // The input is its TOOL_CALL_ARGS deltas, joined.
    expect(call.querySelectorAll('dd')[0].textContent).to.equal('{"city":"Paris"}');
    expect(call.querySelectorAll('dd')[1].textContent).to.contain('"temperature":18');
  });

  it('openai: the input its argument pieces streamed, joined (Chat Completions sends no result)', async () => {
    const {el} = await mount({protocol: 'openai'});
    el.send('What is the weather tool saying?');
    const reply = await untilReply(el);
    await nextRender(el);
    const call = toolCall(el, reply.id)!;
    expect(call.querySelector('summary')!.textContent).to.equal('get_weather');
    const rows = [...call.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling!.textContent]);
    expect(rows).to.deep.equal([['Input', '{"city":"Paris"}']]);
  });
});
