import {expect} from '@open-wc/testing';
// @ts-expect-error plain JavaScript shared with the bench and the reference backends
import {worstTokens} from '../../scripts/worst-cases.js';
import {mount, nextRender, recordEvents, shadow, until, untilReply} from '../helpers.js';

/**
 * The bench's worst-case answers (scripts/worst-cases.js) streamed by the openai reference
 * backend (`worst=<family>:<size>`, no pause between frames) into a real widget: the reply shows
 * all of its text, nothing throws, and the widget answers the next message as usual.
 */
const squash = (s: string) => s.replace(/\s+/g, '');

/** What the finished bubble shows, per family (checked once it shows it: huge replies show a step per frame). */
const CASES: [family: string, size: number, shows: (bubble: Element, text: string) => boolean][] = [
  // Laid out in blocks of 2,048 characters.
  ['cjk', 16_000, (b, text) => squash(b.textContent!) === squash(text) && b.querySelectorAll('p > span.run').length > 4],
  ['run-frame', 160_000, (b, text) => squash(b.textContent!) === squash(text) && b.querySelectorAll('p > span.run').length > 60],
  // Over the size limit: plain paragraphs of the whole text.
  ['big-frame', 1024 * 1024, (b, text) => squash(b.textContent!) === squash(text) && b.querySelectorAll('p').length > 1000],
  ['table', 1000, (b) => b.querySelectorAll('tbody tr').length === 1000 && b.lastElementChild!.textContent === 'That is all of it.'],
  ['code', 1000, (b) => b.querySelector('pre > code')?.textContent!.split('\n').length === 1001 && b.lastElementChild!.textContent === 'Run it with Node.'],
];

describe('worst-case replies in a real widget (openai reference backend, worst=)', () => {
  for (const [family, size, shows] of CASES) {
    it(`${family} ${size}: the whole reply shows, and the next message gets its answer`, async function () {
      this.timeout(60_000);
      const {el} = await mount({protocol: 'openai', query: {worst: `${family}:${size}`}});
      const errors = recordEvents(el, ['chat-error']);
      el.send('go');
      const reply = await untilReply(el, 1, 50_000);
      const text = (worstTokens(family, size) as string[]).join('');
      expect(reply.text).to.equal(text);
      const bubble = () => shadow(el).querySelector(`[data-id="${reply.id}"] .bubble`);
      await until(() => bubble() && shows(bubble()!, text), 'the whole reply is shown', 30_000);
      expect(bubble()!.querySelector('[part="cursor"]'), 'no typing cursor once complete').to.equal(null);
      expect(errors).to.have.length(0);

      // Usable afterwards: the same widget, a normal backend answer.
      await until(() => el.status === 'idle', `idle after the reply (is ${el.status})`, 15_000);
      el.url = el.url.replace(/([?&])worst=[^&]*/, '$1');
      el.send('Hello after that');
      await until(() => el.messages.some((m) => m.role === 'assistant' && m.status === 'complete' && m.text.includes('Hello after that')), 'the next answer', 20_000);
      const next = el.messages.at(-1)!;
      expect(next.text).to.contain('You said: “Hello after that”');
      await nextRender(el);
      expect(shadow(el).querySelector(`[data-id="${next.id}"] .bubble`)!.textContent).to.contain('You said');
    });
  }

  it('a 1,000-row table shows its first 200 rows, and Show all rows shows the rest', async function () {
    this.timeout(60_000);
    const {el} = await mount({protocol: 'openai', query: {worst: 'table:1000'}});
    el.send('go');
    const reply = await untilReply(el, 1, 50_000);
    const wrap = () => shadow(el).querySelector<HTMLElement>(`[data-id="${reply.id}"] .table-wrap`);
    await until(() => wrap()?.querySelectorAll('tbody tr').length === 1000, 'all 1,000 rows rendered', 30_000);
    const laidOut = () => Array.from(wrap()!.querySelectorAll('tbody tr')).filter((row) => row.getClientRects().length > 0).length;
    expect(laidOut()).to.equal(200);
    const more = wrap()!.querySelector<HTMLButtonElement>('button[part="table-more"]')!;
    expect(more.textContent).to.equal('Show all rows (1000)');
    // From the end of the log (following the reply): the view stays where the visitor reads.
    const log = shadow(el).querySelector<HTMLElement>('[part="messages"]')!;
    log.scrollTop = log.scrollHeight;
    await nextRender(el);
    const rowsTop = (wrap()!.querySelectorAll('tbody tr')[199] as HTMLElement).getBoundingClientRect().top;
    more.focus();
    more.click();
    expect(laidOut()).to.equal(1000);
    await nextRender(el);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    expect((wrap()!.querySelectorAll('tbody tr')[199] as HTMLElement).getBoundingClientRect().top, 'row 200 where it was').to.equal(rowsTop);
    expect(wrap()!.querySelector('[part="table-more"]')).to.equal(null);
    // Focus stays in the table (the button it was on is gone), which scrolls with the keyboard.
    expect(shadow(el).activeElement).to.equal(wrap());
  });

  it('plain text in chunks: spaced across chunks as within one, and shown from its end', async function () {
    this.timeout(60_000);
    const {el} = await mount({protocol: 'openai', query: {worst: `big-frame:${256 * 1024}`}});
    el.send('go');
    const reply = await untilReply(el, 1, 50_000);
    const bubble = () => shadow(el).querySelector(`[data-id="${reply.id}"] .bubble`);
    await until(() => bubble() && squash(bubble()!.textContent!) === squash(reply.text), 'the whole reply is shown', 30_000);
    await nextRender(el);
    const box = shadow(el).querySelector<HTMLElement>('.messages')!;
    await until(() => box.scrollHeight - box.scrollTop - box.clientHeight <= 1, 'the end in view');
    // Chunks out of view are not laid out (content-visibility): contained, each holds its last
    // paragraph's margin, which must space it from the next as between paragraphs in one chunk.
    // Measured where the visitor sees it, scrolled to the boundary (Firefox gives no boxes
    // inside a chunk it skips).
    const chunks = bubble()!.querySelectorAll(':scope > div.chunk');
    expect(chunks.length).to.be.greaterThan(10);
    const [a, b] = [chunks[chunks.length - 2]!, chunks[chunks.length - 1]!];
    a.lastElementChild!.scrollIntoView({block: 'center'});
    await nextRender(el);
    await nextRender(el);
    const top = (e: Element) => e.getBoundingClientRect().top;
    const bottom = (e: Element) => e.getBoundingClientRect().bottom;
    const within = top(a.lastElementChild!) - bottom(a.lastElementChild!.previousElementSibling!);
    expect(within).to.be.greaterThan(4);
    expect(top(b.firstElementChild!) - bottom(a.lastElementChild!)).to.be.closeTo(within, 0.5);
  });
});
