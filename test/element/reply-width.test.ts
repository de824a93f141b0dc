import {expect} from '@open-wc/testing';
import {mount, nextRender, shadow, until, untilReply} from '../helpers.js';
import type {ChatWidget} from '../../src/chat-widget.js';

/**
 * A long reply takes the whole width a reply may have (88% of the log) from the moment it is
 * long, while it streams and once finished, so it never widens line by line (each widening
 * lays the whole reply out again); a short one stays as narrow as its text.
 */
describe('reply width', () => {
  /** The widest a reply may be: `.msg { max-width: 88% }` of the log's content box. */
  function widest(el: ChatWidget): number {
    const log = shadow(el).querySelector('.log')!;
    const style = getComputedStyle(log);
    return (log.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)) * 0.88;
  }
  const width = (el: ChatWidget, id: string) => shadow(el).querySelector(`[data-id="${id}"]`)!.getBoundingClientRect().width;

  it('a long list of short items is as wide as a reply may be while it streams and after', async function () {
    this.timeout(30_000);
    // Items a few words long, far narrower than the widget: a shrink-to-fit bubble would be too.
    const {el} = await mount({protocol: 'openai', query: {worst: 'list:100', delay: '5'}});
    el.send('a list please');
    const streaming = () => el.messages.find((m) => m.role === 'assistant' && m.status === 'streaming' && m.text.length > 600);
    await until(streaming, 'a streaming reply of over 600 characters', 20_000);
    const {id} = streaming()!;
    await nextRender(el);
    expect(el.messages.find((m) => m.id === id)!.status, 'measured while streaming').to.equal('streaming');
    expect(width(el, id)).to.be.closeTo(widest(el), 1);
    await untilReply(el, 1, 20_000);
    await nextRender(el);
    expect(width(el, id)).to.be.closeTo(widest(el), 1);
  });

  it('a short reply stays as narrow as its text', async () => {
    const {el} = await mount({protocol: 'brand', attrs: {brand: 'techpro'}});
    await until(() => el.messages.some((m) => m.meta.kind === 'welcome'), 'the welcome message');
    await nextRender(el);
    const welcome = el.messages.find((m) => m.meta.kind === 'welcome')!;
    expect(welcome.text.length).to.be.below(100);
    expect(width(el, welcome.id)).to.be.below(widest(el) * 0.9);
  });
});
