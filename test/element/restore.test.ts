import {expect, fixtureSync, html} from '@open-wc/testing';
import type {ChatWidget} from '../../src/chat-widget.js';
import {backend, shadow, until} from '../helpers.js';

/** Stores a conversation of `count` messages (questions and markdown answers) under the widget's key for `url`. */
function store(url: string, count: number): string[] {
  const at = Date.now() - count * 60_000;
  const messages = Array.from({length: count}, (_, i) =>
    i % 2 === 0
      ? {id: `m${i}`, role: 'user', text: `Question ${i}`, status: 'sent', createdAt: at + i * 60_000, meta: {}}
      : {id: `m${i}`, role: 'assistant', text: `Answer **${i}**, with a list:\n\n- one\n- two`, status: 'complete', createdAt: at + i * 60_000, meta: {}},
  );
  sessionStorage.setItem(`chat-widget:v1:openai:${url}:::`, JSON.stringify({v: 1, messages, ids: {}, title: null, seq: count}));
  return messages.map((m) => m.id);
}

const rendered = (el: ChatWidget) => Array.from(shadow(el).querySelectorAll<HTMLElement>('.msg'), (m) => m.dataset['id']);
const log = (el: ChatWidget) => shadow(el).querySelector<HTMLElement>('[part~="messages"]')!;

describe('a restored conversation', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => sessionStorage.clear());

  it('shows its newest messages in the first render, then the older ones a batch per frame, unannounced, and stays at the end', async () => {
    const url = `${backend('openai')}/?t=restore-long`;
    const ids = store(url, 150);
    const el = fixtureSync<ChatWidget>(html`<chat-widget protocol="openai" url=${url} persist="session" style="height: 400px"></chat-widget>`);
    // What each change of the shadow tree left rendered (the messages, and whether the log announces).
    const seen: {ids: (string | undefined)[]; live: string | null | undefined}[] = [];
    const observer = new MutationObserver(() => seen.push({ids: rendered(el), live: shadow(el).querySelector('[part~="messages"]')?.getAttribute('aria-live')}));
    observer.observe(shadow(el), {childList: true, subtree: true, attributes: true, attributeFilter: ['aria-live']});
    await until(() => rendered(el).length === 150, 'all messages rendered', 8000);
    observer.disconnect();
    expect(el.messages.map((m) => m.id)).to.deep.equal(ids);
    // The first render with messages: the newest ones only, in order; the log does not announce what fills in.
    const first = seen.find((s) => s.ids.length > 0)!;
    expect(first.ids.length).to.be.at.most(15);
    expect(first.ids).to.deep.equal(ids.slice(-first.ids.length));
    expect(first.live).to.equal('off');
    // Then the older ones, from the newest back, over several frames, until all are there.
    const counts = [...new Set(seen.map((s) => s.ids.length).filter((n) => n > 0))];
    expect(counts.length, `rendered in steps (${counts.join(', ')})`).to.be.greaterThan(2);
    expect(counts).to.deep.equal([...counts].sort((a, b) => a - b));
    for (const step of seen) expect(step.ids).to.deep.equal(ids.slice(ids.length - step.ids.length));
    expect(rendered(el)).to.deep.equal(ids);
    expect(log(el).getAttribute('aria-live')).to.equal('polite');
    // Still at the end of the conversation, as a restored one opens.
    const scroller = log(el);
    await until(() => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 2, 'at the end');
    expect(scroller.scrollHeight).to.be.greaterThan(scroller.clientHeight * 5);
  });

  it('a short one renders at once', async () => {
    const url = `${backend('openai')}/?t=restore-short`;
    const ids = store(url, 12);
    const el = fixtureSync<ChatWidget>(html`<chat-widget protocol="openai" url=${url} persist="session"></chat-widget>`);
    await until(() => el.messages.length === 12, 'the conversation restored');
    await el.updateComplete;
    expect(rendered(el)).to.deep.equal(ids);
    expect(log(el).getAttribute('aria-live')).to.equal('polite');
  });
});
