import {expect} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';
import {mount, shadow, until, untilOpen, untilReply} from '../helpers.js';

/**
 * Following the stream to the bottom. The widget scrolls from a ResizeObserver (after layout,
 * before paint); this test's own observer on the same element is called after the widget's, so
 * what it records is what each frame paints.
 */
describe('auto-scroll', () => {
  // Only the visible tab renders (test files run side by side): these tests count frames.
  beforeEach(() => executeServerCommand('bring-to-front'));

  it('follows a streaming reply, stops when the user scrolls up, and "Jump to latest" follows again', async function () {
    this.timeout(20_000);
    const {el} = await mount({protocol: 'brand', attrs: {brand: 'techpro'}, query: {delay: '25'}});
    el.style.setProperty('--chat-height', '240px');
    await untilOpen(el);
    const box = shadow(el).querySelector<HTMLElement>('.messages')!;
    const log = shadow(el).querySelector<HTMLElement>('.log')!;
    const gap = () => box.scrollHeight - box.scrollTop - box.clientHeight;
    const jump = () => shadow(el).querySelector<HTMLButtonElement>('.jump');

    const frames: {gap: number; top: number; height: number}[] = [];
    const watch = new ResizeObserver(() => frames.push({gap: gap(), top: box.scrollTop, height: box.scrollHeight}));
    watch.observe(log);
    try {
      el.send('I need a laptop for business');
      await until(() => box.scrollHeight > box.clientHeight + 150 && el.messages.at(-1)?.status === 'streaming', 'the reply overflows while streaming', 10_000);
      const following = frames.filter((f) => f.height > box.clientHeight);
      expect(following.length, 'frames in which the overflowing log grew').to.be.greaterThan(2);
      expect(following.filter((f) => f.gap > 1), 'frames not scrolled to the bottom').to.deep.equal([]);
      expect(jump(), 'no "Jump to latest" while following').to.equal(null);

      // The user scrolls up: the view stays where the user put it while the reply grows.
      box.scrollTop = 0;
      await until(() => jump(), '"Jump to latest" shown');
      const before = frames.length;
      const height = box.scrollHeight;
      await until(() => box.scrollHeight > height + 40, 'the reply grows below the view', 10_000);
      const later = frames.slice(before);
      expect(later.length).to.be.greaterThan(0);
      expect(later.every((f) => f.top === 0), 'scrollTop stays at 0').to.equal(true);

      // "Jump to latest": at the bottom again, and following the rest of the reply.
      jump()!.click();
      await until(() => gap() <= 1 && !jump(), 'back at the bottom, button gone');
      // The reply streams at 25 ms a token: give a loaded machine time to finish it.
      await untilReply(el, 1, 15_000);
      await until(() => frames.length > 0 && gap() <= 1, 'at the bottom when the reply is complete');
      expect(jump()).to.equal(null);
    } finally {
      watch.disconnect();
    }
  });

  it('a long reply that arrives whole is shown from its end', async function () {
    this.timeout(20_000);
    const {el} = await mount({protocol: 'template', attrs: {token: 'demo-jwt'}});
    el.style.setProperty('--chat-height', '200px');
    await untilOpen(el);
    const box = shadow(el).querySelector<HTMLElement>('.messages')!;
    el.send('Write a product description');
    await untilReply(el);
    await until(() => box.scrollHeight > box.clientHeight && box.scrollHeight - box.scrollTop - box.clientHeight <= 1, 'scrolled to the end of the whole reply');
  });

  it('sending a message brings the view to the bottom, even when the user had scrolled up', async function () {
    this.timeout(20_000);
    // The reply comes 600 ms after the message: the message itself must be in view first.
    const {el} = await mount({protocol: 'template', attrs: {token: 'demo-jwt'}, query: {delay: '30'}});
    el.style.setProperty('--chat-height', '200px');
    await untilOpen(el);
    const box = shadow(el).querySelector<HTMLElement>('.messages')!;
    const gap = () => box.scrollHeight - box.scrollTop - box.clientHeight;
    el.send('Write a product description');
    await untilReply(el);
    await until(() => box.scrollHeight > box.clientHeight + 100 && gap() <= 1, 'the reply overflows, at the end');
    box.scrollTop = 0;
    await until(() => shadow(el).querySelector('.jump'), '"Jump to latest" shown: not following');
    el.send('And a shorter one');
    await until(() => gap() <= 1 && !shadow(el).querySelector('.jump'), 'at the bottom with the new message in view');
    const mine = shadow(el).querySelector<HTMLElement>(`[data-id="${el.messages.find((m) => m.text === 'And a shorter one')!.id}"]`)!;
    const view = box.getBoundingClientRect();
    const rect = mine.getBoundingClientRect();
    expect(rect.bottom <= view.bottom + 1 && rect.top >= view.top - rect.height, 'the sent message is in view').to.equal(true);
  });
});
