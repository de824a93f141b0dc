import {expect} from '@open-wc/testing';
import {ChatWidget} from '../../src/chat-widget.js';
import type {ChatEvent} from '../../src/core/chat-event.js';
import type {ProtocolAdapter} from '../../src/protocols/protocol-adapter.js';
import {XSS_PAYLOADS} from '../fixtures/xss-payloads.js';
import {backend, mount, nextRender, recordEvents, shadow, until, untilOpen, untilReply} from '../helpers.js';

declare global {
  interface Window {
    __xss?: unknown;
  }
}

/** Spies on everything a payload may call; returns how often that happened. */
function installSpies(): {hits: () => number; restore: () => void} {
  let hits = 0;
  const saved = {alert: window.alert, confirm: window.confirm, prompt: window.prompt, print: window.print};
  const spy = () => {
    hits++;
    return null as never;
  };
  Object.assign(window, {alert: spy, confirm: spy, prompt: spy, print: spy});
  window.__xss = spy;
  return {
    hits: () => hits + (typeof window.__xss === 'function' ? 0 : 1),
    restore: () => {
      Object.assign(window, saved);
      delete window.__xss;
    },
  };
}

/** The promises of CONTRACT §8, checked on the whole shadow tree. */
function assertInert(root: ShadowRoot): void {
  expect(root.querySelectorAll('script, iframe, object, embed, base, form:not([part~="composer"]), frame, frameset, link, meta, style').length, 'dangerous elements').to.equal(0);
  for (const el of root.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      expect(attr.name.startsWith('on'), `${el.localName}[${attr.name}]`).to.equal(false);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc', 'data'].includes(attr.name)) {
        expect(attr.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase(), `${el.localName}[${attr.name}]`).not.to.match(/^(javascript|vbscript|data:text\/html)/);
      }
    }
  }
}

const settle = () => new Promise((r) => setTimeout(r, 150));

describe('XSS: nothing a backend sends can run script, in any text path', () => {
  let spies: ReturnType<typeof installSpies>;
  beforeEach(() => (spies = installSpies()));
  afterEach(() => spies.restore());

  it(`renders ${XSS_PAYLOADS.length} corpus payloads, whole and split across chunks, in every text path, inertly`, async function () {
    this.timeout(30_000);
    expect(XSS_PAYLOADS.length).to.be.at.least(100);
    // An adapter that turns the backend's welcome frame into every kind of event the widget
    // renders, each carrying hostile text (the socket is the real brand backend).
    const events: ChatEvent[] = [];
    XSS_PAYLOADS.forEach((p, i) => {
      const cut = 1 + (i % Math.max(1, p.length - 1));
      events.push(
        // Reasoning, tool steps, sources and data parts (the standard protocols' text paths), then the reply.
        {type: 'reasoning', text: p.slice(0, cut)},
        {type: 'reasoning', text: p.slice(cut)},
        {type: 'progress', step: `tool-${i}`, label: p, details: {tool: p, input: {q: p}}, update: true},
        {type: 'progress', step: `tool-${i}`, label: '', details: {output: p, done: true}, update: true},
        {type: 'source', source: {kind: 'url', url: p, title: p}},
        {type: 'source', source: {kind: 'url', url: `javascript:window.__xss(${i})`, title: p}},
        {type: 'source', source: {kind: 'document', title: p, filename: p}},
        {type: 'data', name: p.slice(0, 30), data: {html: p}},
        {type: 'state', snapshot: {html: p}},
        {type: 'reply.delta', text: p.slice(0, cut)},
        {type: 'reply.delta', text: p.slice(cut)},
        {type: 'reply.end', meta: {
          products: [{name: p, description: p, category: p, price: 1, features: [p], specifications: {[p.slice(0, 20)]: p}, availability: true}],
          strategy: {tone: p, list: [p]},
          compliance: {notes: p, checks: [{name: p, passed: true}]},
          agents: [p],
        }},
        {type: 'progress', step: p.slice(0, 30), label: p},
        {type: 'error', kind: 'server', message: p, code: p.slice(0, 10)},
      );
    });
    const last = XSS_PAYLOADS.at(-1)!;
    events.push(
      {type: 'session', title: last},
      {type: 'welcome', text: last},
      {type: 'suggestions', items: XSS_PAYLOADS.slice(0, 20)},
      {type: 'idle.warning', message: last},
      {type: 'template.opportunity', suggestion: {title: last, description: last}},
      {type: 'template.created', template: {title: last}},
      {type: 'emergency', message: last},
      {type: 'error', kind: 'protocol', message: last},
    );
    const probe: ProtocolAdapter = {
      transport: (ctx) => ({kind: 'websocket', url: `${ctx.config.wsBase}/ws/chat/techpro?${new URLSearchParams(ctx.config.baseQuery as [string, string][])}`}),
      encode: () => null,
      decode: (frame: any) => (frame.type === 'welcome' ? events : []),
    };
    ChatWidget.registerProtocol('xss-probe', probe);
    const {el} = await mount({protocol: 'xss-probe', url: backend('brand')});
    await until(() => el.messages.length >= XSS_PAYLOADS.length * 2, 'all payload messages');
    await nextRender(el);
    await settle();
    expect(shadow(el).querySelectorAll('[part~="product"]').length).to.equal(XSS_PAYLOADS.length);
    expect(shadow(el).querySelectorAll('[part~="suggestion"]').length).to.equal(20);
    expect(shadow(el).querySelectorAll('[part~="reasoning"]').length).to.equal(XSS_PAYLOADS.length);
    expect(shadow(el).querySelectorAll('[part~="sources"] li').length).to.equal(XSS_PAYLOADS.length * 3);
    assertInert(shadow(el));
    expect(spies.hits()).to.equal(0);
    // Text paths show the payload as text, not markup.
    expect(shadow(el).querySelector('[part~="product"] .product-name')!.textContent).to.equal(XSS_PAYLOADS[0]);
  });

  for (const protocol of ['openai', 'ai-sdk', 'ag-ui'] as const) {
    it(`${protocol}: the reference backend's hostile mode (reply, reasoning, tool names and results, sources, data, state, errors) stays inert`, async () => {
      const {el} = await mount({protocol, query: {fault: 'xss'}});
      const seen = recordEvents(el, ['chat-data', 'chat-state']);
      el.send('think about the weather tool, cite sources, show data and steps');
      await untilReply(el);
      await nextRender(el);
      await settle();
      const reply = el.messages.find((m) => m.role === 'assistant')!;
      expect(reply.meta.reasoning, 'hostile reasoning arrived').to.contain('<');
      expect(reply.meta.progress!.length, 'tool steps').to.be.at.least(1);
      if (protocol === 'ai-sdk') expect(reply.meta.sources!.length).to.be.at.least(2);
      if (protocol !== 'openai') expect(seen.length, 'data or state events').to.be.at.least(1);
      if (protocol !== 'openai') {
        // The tool call's hostile result is shown in its folded summary, as text.
        const result = [...shadow(el).querySelectorAll('.tool-call dd')].at(-1)!;
        expect(result.textContent).to.contain('<');
        expect(result.children.length).to.equal(0);
      }
      assertInert(shadow(el));
      expect(spies.hits()).to.equal(0);
      expect(window.__xss).to.be.a('function');
    });
  }

  for (const protocol of ['brand', 'agent', 'session', 'template', 'job'] as const) {
    it(`${protocol}: the reference backend's hostile mode (replies, titles, labels, suggestions, products, panels) stays inert`, async () => {
      const {el} = await mount({
        protocol,
        query: {fault: 'xss'},
        attrs: protocol === 'brand' ? {brand: 'techpro'} : protocol === 'job' ? {token: 'demo-token'} : {token: 'demo-jwt'},
      });
      if (protocol !== 'job') await untilOpen(el);
      el.send(protocol === 'brand' ? 'I need a laptop' : 'hello');
      await untilReply(el);
      if (protocol === 'template') {
        el.send('again');
        await until(() => shadow(el).querySelector('[part~="template-prompt"]'), 'template prompt', 6000);
      }
      await nextRender(el);
      await settle();
      assertInert(shadow(el));
      expect(spies.hits()).to.equal(0);
      expect(window.__xss).to.be.a('function');
    });
  }
});
