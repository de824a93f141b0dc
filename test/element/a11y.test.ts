import {expect, fixture, html} from '@open-wc/testing';
import type {ChatWidget} from '../../src/chat-widget.js';
import {backend, mount, nextRender, shadow, until, untilOpen, untilReply} from '../helpers.js';

/** axe-core on the element, shadow tree included: 0 violations. */
async function expectAccessible(el: ChatWidget, state: string): Promise<void> {
  await nextRender(el);
  await expect(el, state).to.be.accessible();
}

describe('accessibility (axe-core, every state)', () => {
  it('empty, streaming, products, suggestions, progress, session ended', async function () {
    this.timeout(30_000);
    const brand = await mount({protocol: 'brand', attrs: {brand: 'techpro'}, query: {delay: '5'}});
    await untilOpen(brand.el);
    await expectAccessible(brand.el, 'empty');
    brand.el.send('I need a laptop');
    await until(() => brand.el.messages.some((m) => m.status === 'streaming' && m.text.length > 20), 'streaming');
    await expectAccessible(brand.el, 'streaming');
    const streaming = shadow(brand.el).querySelector('[aria-busy="true"]');
    expect(streaming, 'the streaming message is aria-busy').to.exist;
    await untilReply(brand.el);
    await expectAccessible(brand.el, 'products');
    expect(shadow(brand.el).querySelector('[aria-busy="true"]')).to.equal(null);

    const session = await mount({protocol: 'session', query: {idle: '600', end: '60000'}});
    await untilOpen(session.el);
    await until(() => shadow(session.el).querySelector('[part~="suggestion"]'), 'suggestions');
    await expectAccessible(session.el, 'suggestions');
    await until(() => shadow(session.el).querySelector('[part~="idle-warning"]'), 'idle warning', 4000);
    await expectAccessible(session.el, 'idle warning');

    const ended = await mount({protocol: 'session'});
    await untilOpen(ended.el);
    ended.el.send('bye');
    await until(() => ended.el.status === 'closed', 'session ended');
    await expectAccessible(ended.el, 'session ended');

    const agent = await mount({protocol: 'agent'});
    await untilOpen(agent.el);
    agent.el.send('I have chest pain');
    await untilReply(agent.el);
    await expectAccessible(agent.el, 'progress + emergency');
  });

  it('template prompt, config error, launcher closed and open', async function () {
    this.timeout(20_000);
    const {el} = await mount({protocol: 'template', attrs: {token: 'demo-jwt'}});
    await untilOpen(el);
    el.send('one');
    await untilReply(el, 1);
    el.send('two');
    await until(() => shadow(el).querySelector('[part~="template-prompt"]'), 'template prompt');
    await expectAccessible(el, 'template prompt');

    const broken = await fixture<ChatWidget>(html`<chat-widget protocol="brand" persist="none"></chat-widget>`);
    await expectAccessible(broken, 'config error');

    const launcher = await fixture<ChatWidget>(html`<chat-widget launcher protocol="brand" brand="techpro" url=${backend('brand')} persist="none"></chat-widget>`);
    await expectAccessible(launcher, 'launcher closed');
    launcher.open = true;
    await untilOpen(launcher);
    // The open animation fades the panel in: axe sees it as it stays.
    for (const a of shadow(launcher).querySelector('[part~="panel"]')!.getAnimations()) a.finish();
    await expectAccessible(launcher, 'launcher open');
  });

  it('the new parts: actions row (copy, regenerate, feedback), timestamps, reasoning, steps, sources, Stop, in light, dark and RTL', async function () {
    this.timeout(30_000);
    for (const attrs of [{}, {theme: 'dark'}, {lang: 'ar'}] as Array<Record<string, string>>) {
      const label = JSON.stringify(attrs);
      const {el} = await mount({protocol: 'ai-sdk', attrs: {actions: 'copy regenerate feedback', ...attrs}, query: {delay: '5'}});
      el.send('Think about the weather tool and cite your sources');
      await until(() => shadow(el).querySelector('[part~="stop"]') || el.messages.some((m) => m.status === 'streaming'), 'streaming');
      await expectAccessible(el, `${label} streaming with Stop`);
      const reply = await untilReply(el);
      await nextRender(el);
      expect(shadow(el).querySelector(`[data-id="${reply.id}"] [part~="actions"] [part~="feedback-up"]`), label).to.exist;
      expect(shadow(el).querySelector(`[data-id="${reply.id}"] [part~="sources"]`), label).to.exist;
      shadow(el).querySelector<HTMLButtonElement>(`[data-id="${reply.id}"] [part~="feedback-up"]`)!.click();
      await expectAccessible(el, `${label} reply with actions, reasoning, steps, sources, timestamps`);
    }
  });

  it('the first screen: greeting, starters, header/empty/footer slots, then new-chat', async () => {
    const {el} = await mount({protocol: 'openai', attrs: {greeting: 'Hi! How can I help?', starters: '["Pricing", "Opening hours"]'}});
    const empty = document.createElement('p');
    empty.slot = 'empty';
    empty.textContent = 'Ask about orders, returns and delivery.';
    const footer = document.createElement('small');
    footer.slot = 'footer';
    footer.textContent = 'AI answers can be wrong.';
    el.append(empty, footer);
    await expectAccessible(el, 'first screen');
    el.send('Pricing');
    await untilReply(el);
    await expectAccessible(el, 'with new-chat');
  });

  it('choosing a suggestion chip keeps the focus in the widget, in the input', async () => {
    const {el} = await mount({protocol: 'session'});
    await until(() => shadow(el).querySelectorAll('[part~="suggestion"]').length >= 3, 'chips');
    await nextRender(el);
    const chip = shadow(el).querySelector<HTMLButtonElement>('[part~="suggestion"]')!;
    chip.focus();
    chip.click();
    await nextRender(el);
    expect(shadow(el).activeElement).to.equal(shadow(el).querySelector('textarea'));
    expect(document.activeElement).to.equal(el);
  });

  it('suggestion chips are one tab stop with arrow-key navigation', async () => {
    const {el} = await mount({protocol: 'session'});
    await until(() => shadow(el).querySelectorAll('[part~="suggestion"]').length >= 3, 'chips');
    await nextRender(el);
    const chips = [...shadow(el).querySelectorAll<HTMLButtonElement>('[part~="suggestion"]')];
    expect(chips.map((c) => c.tabIndex)).to.deep.equal([0, ...chips.slice(1).map(() => -1)]);
    chips[0].focus();
    chips[0].dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight', bubbles: true, composed: true}));
    expect(shadow(el).activeElement).to.equal(chips[1]);
    expect(chips[1].tabIndex).to.equal(0);
    chips[1].dispatchEvent(new KeyboardEvent('keydown', {key: 'End', bubbles: true, composed: true}));
    expect(shadow(el).activeElement).to.equal(chips.at(-1));
    chips.at(-1)!.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight', bubbles: true, composed: true}));
    expect(shadow(el).activeElement).to.equal(chips[0]);
  });

  it('the message list is a live log', async () => {
    const {el} = await mount({protocol: 'brand', attrs: {brand: 'techpro'}});
    const log = shadow(el).querySelector('[part~="messages"]')!;
    expect(log.getAttribute('role')).to.equal('log');
    expect(log.getAttribute('aria-live')).to.equal('polite');
  });
});
