import {expect, fixture, fixtureSync, html} from '@open-wc/testing';
import {emulateMedia} from '@web/test-runner-commands';
import {ChatWidget} from '../../src/chat-widget.js';
import type {ProtocolAdapter} from '../../src/protocols/protocol-adapter.js';
import {normalizeProducts} from '../../src/protocols/brand.js';
import {backend, mount, nextRender, recordEvents, serverLog, shadow, until, untilOpen, untilReply} from '../helpers.js';

describe('<chat-widget> element', () => {
  it('is defined once; importing the define module again does not throw', async () => {
    expect(customElements.get('chat-widget')).to.equal(ChatWidget);
    await import('../../src/define.js?again' as string).catch(() => import('../../src/define.js'));
    expect(customElements.get('chat-widget')).to.equal(ChatWidget);
  });

  it('maps attributes to camelCase properties and never reflects the token', async () => {
    const el = await fixture<ChatWidget>(html`<chat-widget
      session-id="s" visitor-id="v" user-id="u" enable-agents="false" image-hosts="a.example b.example" persist="none"
    ></chat-widget>`);
    expect([el.sessionId, el.visitorId, el.userId, el.enableAgents]).to.deep.equal(['s', 'v', 'u', false]);
    expect(el.imageHosts).to.deep.equal(['a.example', 'b.example']);
    el.token = 'secret-token-xyz';
    await el.updateComplete;
    expect(el.hasAttribute('token')).to.equal(false);
    expect(el.shadowRoot!.innerHTML).not.to.contain('secret-token-xyz');
  });

  describe('bad configuration', () => {
    const cases: Array<[string, Record<string, string>, RegExp]> = [
      ['no url', {protocol: 'brand', brand: 'techpro'}, /“url”/],
      ['no protocol', {url: 'ws://127.0.0.1:1'}, /“protocol”/],
      ['unknown protocol', {protocol: 'carrier-pigeon', url: 'ws://127.0.0.1:1'}, /carrier-pigeon.*“protocol”/],
      ['invalid url', {protocol: 'brand', brand: 'x', url: 'ftp://nope'}, /“url”/],
      ['brand without brand', {protocol: 'brand', url: 'ws://127.0.0.1:1'}, /“brand”/],
    ];
    for (const [name, attrs, pattern] of cases) {
      it(`names the setting at fault: ${name}`, async () => {
        const el = document.createElement('chat-widget') as ChatWidget;
        el.setAttribute('persist', 'none');
        const errors = recordEvents(el, ['chat-error']);
        for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
        const host = fixtureSync<HTMLDivElement>(html`<div></div>`);
        expect(() => host.appendChild(el)).not.to.throw();
        await el.updateComplete;
        await nextRender(el);
        expect(errors).to.have.length(1);
        expect(errors[0].detail.kind).to.equal('config');
        expect(errors[0].detail.message).to.match(pattern);
        const notice = el.shadowRoot!.querySelector('[part~="notice"]')!;
        expect(notice.textContent).to.match(pattern);
        expect(el.status).to.equal('error');
        expect(el.send('hello')).to.equal(null);
      });
    }

    it('recovers when the missing setting is provided', async () => {
      const el = await fixture<ChatWidget>(html`<chat-widget protocol="brand" brand="techpro" persist="none"></chat-widget>`);
      el.url = backend('brand');
      await untilOpen(el);
      await nextRender(el);
      expect(el.shadowRoot!.querySelector('[part~="notice"]')).to.equal(null);
    });
  });

  it('lets a listener veto chat-send', async () => {
    const {el, tag} = await mount({protocol: 'brand', attrs: {brand: 'techpro'}});
    await untilOpen(el);
    el.addEventListener('chat-send', (e) => e.preventDefault(), {once: true});
    expect(el.send('vetoed')).to.equal(null);
    expect(el.messages.some((m) => m.text === 'vetoed')).to.equal(false);
    el.send('allowed');
    await untilReply(el);
    const log = await serverLog('brand', tag);
    expect(log.connections[0].received.map((f: any) => f.data?.message)).to.deep.equal(['allowed']);
  });

  it('fires chat-status with the previous status, and events bubble out of the shadow root composed', async () => {
    const outer = fixtureSync<HTMLDivElement>(html`<div></div>`);
    const seen: CustomEvent[] = [];
    outer.addEventListener('chat-status', (e) => seen.push(e));
    const el = document.createElement('chat-widget') as ChatWidget;
    Object.assign(el, {protocol: 'brand', brand: 'techpro', url: backend('brand'), persist: 'none'});
    outer.appendChild(el);
    await untilOpen(el);
    expect(seen.map((e) => e.detail.status)).to.deep.equal(['connecting', 'open']);
    expect(seen[1].detail.previous).to.equal('connecting');
    expect(seen[0].bubbles && seen[0].composed).to.equal(true);
  });

  it('sends with Enter, keeps Shift+Enter as a new line', async () => {
    const {el, tag} = await mount({protocol: 'brand', attrs: {brand: 'techpro'}});
    await untilOpen(el);
    const input = shadow(el).querySelector<HTMLTextAreaElement>('[part~="input"]')!;
    input.value = 'line one';
    input.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', shiftKey: true, bubbles: true, composed: true}));
    expect(input.value).to.equal('line one');
    input.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true, composed: true, cancelable: true}));
    expect(input.value).to.equal('');
    await untilReply(el);
    const log = await serverLog('brand', tag);
    expect((log.connections[0].received[0] as any).data.message).to.equal('line one');
  });

  it('queues a message sent before the socket opens and delivers it once', async () => {
    const el = document.createElement('chat-widget') as ChatWidget;
    Object.assign(el, {protocol: 'brand', brand: 'techpro', persist: 'none'});
    const host = fixtureSync<HTMLDivElement>(html`<div></div>`);
    host.appendChild(el);
    const tag = `q${Date.now()}`;
    el.url = `${backend('brand')}/?t=${tag}`;
    await el.updateComplete;
    const id = el.send('early bird');
    const mine = () => el.messages.find((m) => m.id === id)!;
    expect(mine().status).to.equal('pending');
    await untilReply(el);
    expect(mine().status).to.equal('sent');
    // The greeting that arrived after the queued message is still shown first.
    expect(el.messages[0].meta.kind).to.equal('welcome');
    const log = await serverLog('brand', tag);
    expect(log.connections[0].received.filter((f: any) => f.type === 'chat')).to.have.length(1);
  });

  it('closes its socket and clears its timers when removed mid-stream', async () => {
    const {el, tag} = await mount({protocol: 'brand', attrs: {brand: 'techpro'}, query: {delay: '30'}});
    await untilOpen(el);
    el.send('I need a laptop');
    await until(() => el.messages.some((m) => m.status === 'streaming' && m.text.length > 0), 'streaming');
    expect(el._diagnostics.timers, 'timers while streaming (heartbeat, uptime …)').to.be.greaterThan(0);
    el.remove();
    // The timers side: nothing is left scheduled, no socket, nothing in flight.
    expect(el._diagnostics).to.deep.equal({timers: 0, socket: false, outbox: 0, inFlight: 0});
    await until(async () => {
      const log = await serverLog('brand', tag);
      return log.connections[0].closed !== null;
    }, 'server saw the close');
    const log = await serverLog('brand', tag);
    expect(log.connections[0].closed!.code).to.equal(1000);
    expect(el.status).to.equal('closed');
    const streamingMsg = el.messages.find((m) => m.role === 'assistant' && m.meta.kind !== 'welcome')!;
    expect(streamingMsg.status).to.equal('interrupted');
  });

  it('keeps two widgets on one page independent', async () => {
    const a = await mount({protocol: 'brand', attrs: {brand: 'techpro'}});
    const b = await mount({protocol: 'brand', attrs: {brand: 'gadgetku'}});
    await untilOpen(a.el);
    await untilOpen(b.el);
    a.el.send('hello from a');
    await untilReply(a.el);
    expect(b.el.messages.some((m) => m.role === 'user')).to.equal(false);
    const logB = await serverLog('brand', b.tag);
    expect(logB.connections[0].received).to.have.length(0);
  });

  it('registers a custom protocol through ChatWidget.registerProtocol with the adapter interface', async () => {
    const echo: ProtocolAdapter = {
      transport: (ctx) => ({kind: 'websocket', url: `${ctx.config.wsBase}/ws/chat/techpro?${new URLSearchParams(ctx.config.baseQuery as [string, string][])}`}),
      encode: (a) => (a.type === 'chat' ? {type: 'chat', data: {message: a.text.toUpperCase()}} : null),
      decode: (f: any) =>
        f.type === 'chunk' ? [{type: 'reply.delta', text: f.data.content}] : f.type === 'complete' ? [{type: 'reply.end'}] : [],
    };
    ChatWidget.registerProtocol('shout', echo);
    expect(() => ChatWidget.registerProtocol('brand', echo)).to.throw();
    const {el, tag} = await mount({protocol: 'shout', url: backend('brand')});
    await untilOpen(el);
    el.send('quiet words');
    await untilReply(el);
    const log = await serverLog('brand', tag);
    expect((log.connections[0].received[0] as any).data.message).to.equal('QUIET WORDS');
  });

  it('picks up a protocol registered after the element named it (a second script tag)', async () => {
    const name = `late-${Math.random().toString(36).slice(2, 8)}`;
    const {el, tag} = await mount({protocol: name, url: backend('brand')});
    const errors = recordEvents(el, ['chat-error']);
    await nextRender(el);
    expect(el.status).to.equal('error');
    expect(shadow(el).querySelector('[part~="notice"]')!.textContent).to.contain(name);
    ChatWidget.registerProtocol(name, {
      transport: (ctx) => ({kind: 'websocket', url: `${ctx.config.wsBase}/ws/chat/techpro?${new URLSearchParams(ctx.config.baseQuery as [string, string][])}`}),
      validate: (config) => (config.brand ? null : {setting: 'brand', message: 'late: set brand to the shop id'}),
      encode: (a) => (a.type === 'chat' ? {type: 'chat', data: {message: a.text}} : null),
      decode: (f: any) => (f.type === 'chunk' ? [{type: 'reply.delta', text: f.data.content}] : f.type === 'complete' ? [{type: 'reply.end'}] : []),
    });
    await until(() => errors.some((e) => e.detail.kind === 'config' && /“brand”/.test(e.detail.message)), 'the setting the adapter needs is named');
    el.brand = 'techpro';
    await untilOpen(el);
    await nextRender(el);
    expect(shadow(el).querySelector('[part~="notice"]'), 'the config notice is gone').to.equal(null);
    el.send('hello late');
    await untilReply(el);
    expect((await serverLog('brand', tag)).connections[0].received).to.have.length(1);
  });

  it('configures a protocol that arrives before its first paint right after that paint, not in its way', async () => {
    const name = `early-${Math.random().toString(36).slice(2, 8)}`;
    const el = fixtureSync<ChatWidget>(html`<chat-widget protocol=${name} brand="techpro" url=${backend('brand')} persist="none"></chat-widget>`);
    await el.updateComplete;
    // The first update is done and no frame has been drawn since: as when the adapter's chunk comes early.
    ChatWidget.registerProtocol(name, {
      transport: (ctx) => ({kind: 'websocket', url: `${ctx.config.wsBase}/ws/chat/techpro?${new URLSearchParams(ctx.config.baseQuery as [string, string][])}`}),
      encode: (a) => (a.type === 'chat' ? {type: 'chat', data: {message: a.text}} : null),
      decode: (f: any) => (f.type === 'chunk' ? [{type: 'reply.delta', text: f.data.content}] : f.type === 'complete' ? [{type: 'reply.end'}] : []),
    });
    expect(['connecting', 'open'], 'not configured in the task of the first paint').not.to.include(el.status);
    // The next frame, then a task: configured and connecting by then (a frame at most).
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    expect(['connecting', 'open'], `configured after the paint (is ${el.status})`).to.include(el.status);
    await untilOpen(el);
    el.send('hello early');
    await untilReply(el);
  });

  it('persists history and ids across a reload (same storage key) and clear() wipes them', async () => {
    sessionStorage.clear();
    const url = backend('brand');
    const make = async () => fixture<ChatWidget>(html`<chat-widget protocol="brand" brand="techpro" url=${url} persist="session"></chat-widget>`);
    const first = await make();
    await untilOpen(first);
    first.send('remember me');
    await untilReply(first);
    first.remove();
    const key = Object.keys(sessionStorage).find((k) => k.startsWith('chat-widget:'))!;
    const saved = JSON.parse(sessionStorage.getItem(key)!);
    expect(saved.ids.conversationId).to.be.a('string');
    const second = await make();
    expect(second.messages.map((m) => m.text)).to.include('remember me');
    second.clear();
    expect(second.messages.filter((m) => m.role === 'user')).to.have.length(0);
    await new Promise((r) => setTimeout(r, 400));
    const stored = Object.keys(sessionStorage).filter((k) => k.startsWith('chat-widget:')).map((k) => JSON.parse(sessionStorage.getItem(k)!));
    expect(stored.every((s) => !s.messages.some((m: any) => m.text === 'remember me'))).to.equal(true);
    second.remove();
  });

  describe('launcher mode', () => {
    it('opens and closes the panel, moves focus in and out, Escape closes, unread badge counts replies', async () => {
      const el = await fixture<ChatWidget>(html`<chat-widget launcher protocol="brand" brand="techpro" url=${backend('brand')} persist="none"></chat-widget>`);
      const events = recordEvents(el, ['chat-open-change']);
      const panel = () => shadow(el).querySelector<HTMLElement>('[part~="panel"]')!;
      const button = () => shadow(el).querySelector<HTMLButtonElement>('[part~="launcher"]')!;
      expect(panel().hidden).to.equal(true);
      expect(el.status).to.equal('idle');
      button().click();
      await el.updateComplete;
      expect(el.open).to.equal(true);
      expect(panel().hidden).to.equal(false);
      expect(shadow(el).activeElement).to.equal(shadow(el).querySelector('[part~="input"]'));
      await until(() => el.messages.some((m) => m.meta.kind === 'welcome'), 'welcome');
      shadow(el).querySelector('[part~="input"]')!.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true, composed: true}));
      await el.updateComplete;
      expect(el.open).to.equal(false);
      expect(shadow(el).activeElement).to.equal(button());
      expect(events.map((e) => e.detail.open)).to.deep.equal([true, false]);
      el.send('hello while closed');
      await untilReply(el);
      await nextRender(el);
      expect(shadow(el).querySelector('[part="unread-badge"]')!.textContent).to.equal('1');
      button().click();
      await el.updateComplete;
      expect(shadow(el).querySelector('[part="unread-badge"]')).to.equal(null);
      // The panel's close button is stylable like the other controls, and closes it.
      shadow(el).querySelector<HTMLButtonElement>('[part="close"]')!.click();
      await el.updateComplete;
      expect(el.open).to.equal(false);
    });

    it('a reply that began while the panel was open and ends after it closed is unread; the count is in the button\'s description', async function () {
      this.timeout(15_000);
      const el = await fixture<ChatWidget>(
        html`<chat-widget launcher protocol="brand" brand="techpro" url=${`${backend('brand')}/?delay=5`} persist="none"></chat-widget>`,
      );
      const button = () => shadow(el).querySelector<HTMLButtonElement>('[part~="launcher"]')!;
      button().click();
      await until(() => el.status === 'open', 'connected');
      el.send('Tell me about your laptops');
      await until(() => el.messages.some((m) => m.role === 'assistant' && m.status === 'streaming'), 'the reply streams');
      button().click();
      await el.updateComplete;
      expect(el.open).to.equal(false);
      expect(shadow(el).querySelector('.badge'), 'no badge while it streams').to.equal(null);
      await untilReply(el, 1, 12_000);
      await nextRender(el);
      const badge = shadow(el).querySelector('.badge')!;
      expect(badge.textContent).to.equal('1');
      expect(button().getAttribute('aria-describedby')).to.equal(badge.id);
      expect(badge.getAttribute('aria-label')).to.equal('1 unread message');
    });

    it('a heading cut short by the panel\'s width shows in full on hover; the close button has a tooltip like the others', async () => {
      const el = await fixture<ChatWidget>(
        html`<chat-widget launcher heading="Model server (OpenAI-compatible) for the whole support team" protocol="openai" url=${backend('openai')} persist="none"></chat-widget>`,
      );
      shadow(el).querySelector<HTMLButtonElement>('[part~="launcher"]')!.click();
      await el.updateComplete;
      const title = shadow(el).querySelector<HTMLElement>('.header .title')!;
      expect(title.getAttribute('title')).to.equal('Model server (OpenAI-compatible) for the whole support team');
      const close = shadow(el).querySelector<HTMLButtonElement>('button.close')!;
      expect(close.title).to.equal('Close chat');
      expect(close.getAttribute('aria-label')).to.equal('Close chat');
      el.open = false;
    });

    it('in a right-to-left language on a left-to-right page, the panel opens on its button\'s side', async () => {
      const el = await fixture<ChatWidget>(html`<chat-widget launcher lang="ar" protocol="openai" url=${backend('openai')} persist="none"></chat-widget>`);
      shadow(el).querySelector<HTMLButtonElement>('[part~="launcher"]')!.click();
      await el.updateComplete;
      await nextRender(el);
      const button = shadow(el).querySelector('[part~="launcher"]')!.getBoundingClientRect();
      const panel = shadow(el).querySelector('[part~="panel"]')!.getBoundingClientRect();
      if (innerWidth > 480) {
        // Both at the inline end of a right-to-left widget: the left edge.
        expect(button.left, 'button on the left').to.be.lessThan(innerWidth / 2);
        expect(panel.left, 'panel on the left, above its button').to.be.lessThan(innerWidth / 2);
        expect(Math.abs(panel.left - button.left)).to.be.lessThan(40);
      }
    });
  });
});

describe('theme (not reflected onto the host)', () => {
  const DARK_BG = 'rgb(22, 24, 29)';
  const LIGHT_BG = 'rgb(255, 255, 255)';
  const colors = (el: ChatWidget) => {
    const panel = getComputedStyle(shadow(el).querySelector('[part~="panel"]')!);
    return {bg: panel.backgroundColor, fg: panel.color};
  };
  /** The page's prefers-color-scheme; false where the browser cannot emulate it (Firefox over BiDi). */
  const scheme = (colorScheme: 'light' | 'dark') =>
    emulateMedia({colorScheme}).then(
      () => true,
      () => false,
    );
  afterEach(() => scheme('light'));

  it('theme set as a property darkens the panel and the launcher without an attribute on the host', async () => {
    await scheme('light');
    const el = await fixture<ChatWidget>(html`<chat-widget launcher open protocol="openai" url=${backend('openai')} persist="none"></chat-widget>`);
    const light = colors(el);
    expect(light.bg).to.equal(LIGHT_BG);
    el.theme = 'dark';
    await el.updateComplete;
    expect(el.hasAttribute('theme'), 'no theme attribute on the host').to.equal(false);
    expect(colors(el).bg, 'dark panel').to.equal(DARK_BG);
    expect(colors(el).fg, 'light text on it').to.not.equal(light.fg);
    const launcher = shadow(el).querySelector('[part~="launcher"]')!;
    expect(getComputedStyle(launcher).colorScheme).to.equal('dark');
    // The public CSS API still wins over the theme.
    el.style.setProperty('--chat-bg', 'rgb(1, 2, 3)');
    expect(colors(el).bg).to.equal('rgb(1, 2, 3)');
    el.style.removeProperty('--chat-bg');
    el.theme = 'light';
    await el.updateComplete;
    if (await scheme('dark')) expect(colors(el).bg, 'light forced on a dark page').to.equal(LIGHT_BG);
    el.open = false;
  });

  it('unset or "auto" follows prefers-color-scheme; the attribute still sets the property', async function () {
    const el = await fixture<ChatWidget>(html`<chat-widget theme="auto" protocol="openai" url=${backend('openai')} persist="none"></chat-widget>`);
    if (!(await scheme('dark'))) this.skip();
    expect(colors(el).bg).to.equal(DARK_BG);
    await scheme('light');
    expect(colors(el).bg).to.equal(LIGHT_BG);
    el.setAttribute('theme', 'dark');
    expect(el.theme).to.equal('dark');
    await el.updateComplete;
    expect(colors(el).bg).to.equal(DARK_BG);
    el.theme = '';
    await el.updateComplete;
    expect(colors(el).bg).to.equal(LIGHT_BG);
  });
});

describe('settings that arrive late (CONTRACT §11)', () => {
  /**
   * A page of its own (an iframe) whose `load` waits for a slow image, with the bundle-free
   * element from this test run: settings arrive while it is still loading.
   */
  async function loadingPage(): Promise<{win: Window & typeof globalThis; doc: Document; loaded: Promise<void>; done: () => void}> {
    const frame = document.createElement('iframe');
    frame.src = `/test/fixtures/loading-page.html?slow=${encodeURIComponent(`${backend('openai')}/__slow?ms=3000`)}`;
    document.body.appendChild(frame);
    const win = frame.contentWindow as Window & typeof globalThis;
    const loaded = new Promise<void>((r) => frame.addEventListener('load', () => setTimeout(r, 10), {once: true}));
    // The element's own module runs in the frame's realm, so it sees that page loading.
    await until(() => frame.contentDocument?.readyState === 'interactive' && win.customElements?.get('chat-widget'), 'the element defined in the loading page', 8000);
    const doc = frame.contentDocument!;
    return {win, doc, loaded, done: () => frame.remove()};
  }

  it('no config error while the page loads; configured 500 ms after upgrade it connects as if set up front', async function () {
    this.timeout(15_000);
    const page = await loadingPage();
    try {
      expect(page.doc.readyState).to.not.equal('complete');
      const el = page.doc.createElement('chat-widget') as ChatWidget;
      el.setAttribute('persist', 'none');
      const events = recordEvents(el, ['chat-error', 'chat-status']);
      el.protocol = 'openai';
      page.doc.body.appendChild(el);
      await el.updateComplete;
      await new Promise((r) => setTimeout(r, 500));
      expect(el.status, 'no "Connection problem" while loading').to.equal('idle');
      el.url = `${backend('openai')}/?delay=0`;
      await el.updateComplete;
      await page.loaded;
      expect(events.filter((e) => e.type === 'chat-error'), 'no config error').to.have.length(0);
      expect(el.status).to.equal('idle');
      expect(el.shadowRoot!.querySelector('[part~="notice"]')).to.equal(null);
      el.send('Hello');
      await untilReply(el);
    } finally {
      page.done();
    }
  });

  it('a setting still missing once the page has loaded is reported then, once', async function () {
    this.timeout(15_000);
    const page = await loadingPage();
    try {
      const el = page.doc.createElement('chat-widget') as ChatWidget;
      el.setAttribute('persist', 'none');
      const errors = recordEvents(el, ['chat-error']);
      el.protocol = 'openai';
      page.doc.body.appendChild(el);
      await el.updateComplete;
      expect(errors, 'nothing while loading').to.have.length(0);
      await page.loaded;
      await until(() => errors.length === 1, 'the config error after load');
      expect(errors[0].detail.kind).to.equal('config');
      expect(errors[0].detail.message).to.match(/“url”/);
      expect(el.status).to.equal('error');
    } finally {
      page.done();
    }
  });
});

describe('first impression (CONTRACT §11)', () => {
  it('greeting, starters, slots and the new-chat button', async () => {
    const {el, tag} = await mount({protocol: 'openai', attrs: {greeting: 'Hi! Ask me **anything**.', starters: '["What can you do?", "Pricing"]'}});
    const logo = document.createElement('img');
    logo.slot = 'header';
    logo.alt = 'Acme';
    const empty = document.createElement('p');
    empty.slot = 'empty';
    empty.textContent = 'Nothing here yet';
    const footer = document.createElement('small');
    footer.slot = 'footer';
    footer.textContent = 'Answers may be wrong.';
    el.append(logo, empty, footer);
    const chips = recordEvents(el, ['chat-suggestion']);
    await nextRender(el);
    const root = shadow(el);
    const assigned = (name: string) => root.querySelector<HTMLSlotElement>(`slot[name="${name}"]`)?.assignedElements() ?? [];
    expect(assigned('header')).to.deep.equal([logo]);
    expect(assigned('empty')).to.deep.equal([empty]);
    expect(assigned('footer')).to.deep.equal([footer]);
    // The greeting is shown, rendered as markdown, and is not a message.
    expect(root.querySelector('[part~="greeting"] strong')!.textContent).to.equal('anything');
    expect(el.messages).to.have.length(0);
    expect([...root.querySelectorAll('[part~="suggestion"]')].map((b) => b.textContent!.trim())).to.deep.equal(['What can you do?', 'Pricing']);
    expect(root.querySelector('[part~="new-chat"]'), 'no new-chat before a message').to.equal(null);

    root.querySelector<HTMLButtonElement>('[part~="suggestion"]')!.click();
    expect(chips.map((e) => e.detail.text)).to.deep.equal(['What can you do?']);
    await untilReply(el);
    await nextRender(el);
    expect(assigned('empty'), 'the empty slot leaves with the first message').to.deep.equal([]);
    expect(root.querySelector('[part~="greeting"]'), 'the greeting stays on top').to.exist;
    expect(root.querySelectorAll('[part~="suggestion"]'), 'starters only before the first message').to.have.length(0);
    const [request] = (await (await fetch(`${backend('openai')}/__log?t=${tag}`)).json()).requests;
    expect(request.body.messages, 'the greeting is not sent').to.deep.equal([{role: 'user', content: 'What can you do?'}]);

    root.querySelector<HTMLButtonElement>('[part~="new-chat"]')!.click();
    await nextRender(el);
    expect(el.messages).to.have.length(0);
    expect(assigned('empty')).to.deep.equal([empty]);
    expect(root.querySelectorAll('[part~="suggestion"]')).to.have.length(2);
    expect(root.activeElement).to.equal(root.querySelector('textarea'));
  });

  it("a protocol's own welcome replaces the greeting", async () => {
    const {el} = await mount({protocol: 'brand', attrs: {brand: 'techpro', greeting: 'Hello from the site'}});
    await untilOpen(el);
    await until(() => el.messages.some((m) => m.meta.kind === 'welcome'), 'the welcome');
    await nextRender(el);
    expect(shadow(el).querySelector('[part~="greeting"]')).to.equal(null);
  });
});

describe('product cards (CONTRACT §11)', () => {
  it('a picture only from imageHosts, a link, a horizontal row, and cancelable chat-product', async () => {
    const products = [
      {name: 'Aero 14', price: 1299, image: 'https://img.example/aero.png', url: 'https://shop.example/aero', features: ['Light'], specifications: {weight: '1.2 kg'}},
      {name: 'Bolt 16', price: 999, image_url: 'https://tracker.example/pixel.png', features: [], specifications: {}},
    ];
    ChatWidget.registerProtocol('product-probe', {
      transport: (ctx) => ({kind: 'websocket', url: `${ctx.config.wsBase}/ws/chat/techpro?${new URLSearchParams(ctx.config.baseQuery as [string, string][])}`}),
      encode: () => null,
      decode: (frame: any) => (frame.type === 'welcome' ? [{type: 'reply.end', text: 'Two picks:', meta: {products: normalizeProducts(products)}}] : []),
    });
    const {el} = await mount({protocol: 'product-probe', url: backend('brand'), attrs: {'image-hosts': 'img.example'}});
    const chosen = recordEvents(el, ['chat-product']);
    const reply = await untilReply(el);
    await nextRender(el);
    const cards = [...shadow(el).querySelectorAll<HTMLElement>(`[data-id="${reply.id}"] [part~="product"]`)];
    expect(cards).to.have.length(2);
    expect(cards[0].querySelector('[part~="product-image"]')!.getAttribute('src')).to.equal('https://img.example/aero.png');
    expect(cards[1].querySelector('img'), 'an image from a host not allowed is not loaded').to.equal(null);
    const row = shadow(el).querySelector<HTMLElement>('[part~="products"]')!;
    expect(getComputedStyle(row).display).to.equal('flex');
    expect(getComputedStyle(row).overflowX).to.equal('auto');
    expect(cards[1].getBoundingClientRect().top).to.equal(cards[0].getBoundingClientRect().top);
    const link = cards[0].querySelector<HTMLAnchorElement>('[part~="product-link"]')!;
    expect(link.href).to.equal('https://shop.example/aero');
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.equal('noopener noreferrer');
    el.addEventListener('chat-product', (e) => e.preventDefault(), {once: true});
    const click = new MouseEvent('click', {bubbles: true, cancelable: true, composed: true});
    link.dispatchEvent(click);
    expect(click.defaultPrevented, 'a canceled chat-product keeps the page').to.equal(true);
    const choose = cards[1].querySelector<HTMLButtonElement>('[part~="product-link"]')!;
    const mine = () => el.messages.filter((m) => m.role === 'user').map((m) => m.text);
    // "Choose" (a card without a page) says so in the conversation, unless the page cancels it.
    el.addEventListener('chat-product', (e) => e.preventDefault(), {once: true});
    choose.click();
    expect(mine(), 'canceled: nothing sent').to.deep.equal([]);
    choose.click();
    expect(mine()).to.deep.equal(['I’d like the Bolt 16.']);
    expect(chosen.map((e) => e.detail.product.name)).to.deep.equal(['Aero 14', 'Bolt 16', 'Bolt 16']);
    expect(chosen.every((e) => e.detail.message.id === reply.id)).to.equal(true);
  });
});
