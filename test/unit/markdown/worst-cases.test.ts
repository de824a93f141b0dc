import {expect} from '@open-wc/testing';
// @ts-expect-error plain JavaScript shared with the bench and the reference backends
import {worstTokens} from '../../../scripts/worst-cases.js';
import {MARKDOWN_LIMITS, ROW_GROUP, renderMarkdown, loadSanitizer} from '../../../src/markdown/markdown.js';
import {markdownStyles} from '../../../src/styles/markdown.styles.js';
import {MarkdownStream} from '../../../src/markdown/stream-renderer.js';

// The HTML path (raw HTML) loads on demand (test/unit/markdown/sanitizer-lazy.test.ts); these tests use it at once.
before(() => loadSanitizer());

/**
 * The worst-case answers of the bench (scripts/worst-cases.js), at sizes that keep this file fast,
 * streamed through a MarkdownStream the way the directive drives it: the frames that arrived
 * during one animation frame go in one update, and an update that could not show everything is
 * called again (same text) until it has.
 */
function stream(tokens: string[], perUpdate: number): {el: HTMLDivElement; s: MarkdownStream; updates: number; text: string} {
  const el = document.createElement('div');
  const s = new MarkdownStream(el, {highlight: false});
  let text = '';
  let updates = 0;
  for (let i = 0; i < tokens.length; i += perUpdate) {
    text += tokens.slice(i, i + perUpdate).join('');
    updates++;
    for (let k = 0; !s.update(text, true); k++) {
      updates++;
      if (k > 10_000) throw new Error('the stream never caught up');
    }
  }
  s.update(text, false);
  return {el, s, updates, text};
}

/**
 * Streams `text` in `step`-character prefixes into a new MarkdownStream (one update each), calling
 * `each(end, stream, container)` after every update.
 */
function streamPrefixes(text: string, step: number, each: (end: number, s: MarkdownStream, el: HTMLDivElement) => void = () => {}): {el: HTMLDivElement; s: MarkdownStream} {
  const el = document.createElement('div');
  const s = new MarkdownStream(el);
  for (let i = step; i < text.length; i += step) {
    s.update(text.slice(0, i), true);
    each(i, s, el);
  }
  return {el, s};
}

/**
 * Calls `s.update(text, true)` until it has shown all of `text`, checking that `progress()` grows
 * with every step that has not; returns the number of updates.
 */
function updatesUntilShown(s: MarkdownStream, text: string, progress: () => number, what: string): number {
  let steps = 1;
  let shown = progress();
  while (!s.update(text, true)) {
    const now = progress();
    expect(now, what).to.be.greaterThan(shown);
    shown = now;
    steps++;
  }
  return steps;
}

/** Two `.md` boxes side by side in a shadow root with the markdown styles, laid out in the page (remove `host` after). */
function twoMarkdownBoxes(): {host: HTMLElement; boxes: HTMLElement[]} {
  const host = document.createElement('div');
  const root = host.attachShadow({mode: 'open'});
  root.adoptedStyleSheets = [markdownStyles.styleSheet!];
  root.innerHTML = `<div class="md"></div><div class="md"></div>`;
  document.body.append(host);
  return {host, boxes: Array.from(root.querySelectorAll<HTMLElement>('.md'))};
}

function oneShot(text: string): string {
  const div = document.createElement('div');
  div.append(renderMarkdown(text));
  return div.innerHTML;
}

const CASES: [family: string, size: number, perUpdate: number][] = [
  ['run', 10_000, 8],
  ['run', 160_000, 400],
  ['run-frame', 40_000, 1],
  ['run-frame', 160_000, 1],
  ['big-frame', 256 * 1024, 1],
  ['data-uri', 50 * 1024, 64],
  ['cjk', 16_000, 8],
  ['table', 400, 16],
  ['table', 4000, 200],
  ['code', 2000, 32],
  ['list', 500, 16],
  ['char-tokens', 8 * 1024, 4],
];

describe('worst-case streams (scripts/worst-cases.js)', function () {
  // Thousands of updates each: slow on a loaded machine (timings are the bench's business).
  this.timeout(60_000);
  for (const [family, size, perUpdate] of CASES) {
    it(`${family} ${size}: streamed equals the one-shot render, and nothing throws`, () => {
      const tokens = worstTokens(family, size) as string[];
      const {el, text} = stream(tokens, perUpdate);
      expect(text).to.equal(tokens.join(''));
      expect(el.innerHTML === oneShot(text), 'streamed and one-shot DOM are equal').to.equal(true);
      expect(el.textContent!.replace(/\s+/g, '').length).to.be.greaterThan(0);
    });
  }

  it('a long code block grows in place: its lines are never rendered again, and what shows is the code so far', () => {
    const tokens = worstTokens('code', 3000) as string[];
    const el = document.createElement('div');
    const s = new MarkdownStream(el);
    let text = '';
    let updates = 0;
    for (let i = 0; i < tokens.length; i += 16) {
      text += tokens.slice(i, i + 16).join('');
      s.update(text, true);
      updates++;
      if (updates === 600) {
        const code = el.querySelector('pre > code')!;
        const body = text.slice(text.indexOf('```js\n') + 6);
        // The lines so far, the partial one with its newline (as a render shows it), then the cursor.
        expect(code.textContent).to.equal(body.endsWith('\n') ? body : `${body}\n`);
        expect(code.querySelector('[part="cursor"]')).not.to.equal(null);
      }
    }
    expect(updates).to.be.greaterThan(1000);
    // Rendered while short, and once when it closes; not once per update.
    expect(s.tailRenders).to.be.lessThan(updates / 20);
    s.update(text, false);
    expect(el.innerHTML === oneShot(text)).to.equal(true);
  });

  it('a long code block grows in runs of lines laid out as blocks, shown as the code is; done, it is one text again', () => {
    const lines = Array.from({length: 600}, (_, i) => `const value${i} = compute(${i}, 'some text');`);
    const text = `Code:\n\n\`\`\`ruby\n${lines.join('\n')}\n`;
    const {host, boxes: [grown, single]} = twoMarkdownBoxes();
    try {
      const s = new MarkdownStream(grown!, {highlight: false});
      for (let i = 8; i <= text.length; i += 8) s.update(text.slice(0, i), true);
      s.update(text, true);
      const code = grown!.querySelector('pre > code')!;
      const runs = Array.from(code.querySelectorAll(':scope > .run'));
      // Whole lines in each run (about RUN_CHARS each), then the lines since, in order.
      expect(runs.length).to.be.greaterThan(5);
      for (const run of runs) expect(run.textContent!.endsWith('\n')).to.equal(true);
      code.querySelector('[part="cursor"]')?.remove();
      expect(code.textContent).to.equal(`${lines.join('\n')}\n`);
      // Laid out as the same code in one text node: the same height, line for line.
      single!.append(renderMarkdown(`${text}\`\`\``));
      const height = (md: HTMLElement) => md.querySelector('pre')!.getBoundingClientRect().height;
      expect(height(grown!)).to.equal(height(single!));
      // The fence closes: one text node, as a render of the block has it.
      s.update(`${text}\`\`\`\n\nAfter.`, false);
      expect(Array.from(grown!.querySelector('pre > code')!.childNodes).map((n) => n.nodeType)).to.deep.equal([Node.TEXT_NODE]);
      expect(grown!.innerHTML === oneShot(`${text}\`\`\`\n\nAfter.`)).to.equal(true);
    } finally {
      host.remove();
    }
  });

  it('a long table grows a row at a time; rows with formatting and raw HTML end equal to the one-shot render', () => {
    const head = '| # | Name | Note |\n|---:|:---|---|\n';
    const rows = Array.from({length: 400}, (_, i) => `| ${i} | **item** ${i} | ${i % 50 === 0 ? 'a<br>b' : `\`code ${i}\``} |\n`).join('');
    const text = `Intro.\n\n${head}${rows}\nAfter the table.`;
    let before = 0;
    const {el, s} = streamPrefixes(text, 4, (i, stream, box) => {
      if (i === 3000) before = stream.tailRenders;
      if (i === 9_000) {
        // Complete rows only while growing (the row being written waits).
        const complete = text.slice(0, i).slice(text.indexOf(head) + head.length);
        expect(box.querySelectorAll('tbody tr').length).to.equal(complete.split('\n').length - 1);
      }
    });
    // Past 2 KB (rendered on every update before), about 2,800 updates more: a few renders, not one each.
    expect(s.tailRenders - before).to.be.lessThan(20);
    s.update(text, false);
    expect(el.innerHTML === oneShot(text)).to.equal(true);
    expect(el.querySelectorAll('tbody tr')).to.have.length(400);
  });

  it('a long table comes in tbody groups of ROW_GROUP rows, streamed as in one go, laid out as one body', () => {
    const rows = 2 * ROW_GROUP + 50;
    const text = `Intro.\n\n| # | Item |\n|---:|:---|\n${Array.from({length: rows}, (_, i) => `| ${i + 1} | item ${'x'.repeat(i % 7)} |\n`).join('')}\nAfter.`;
    const sizes = (box: Element): number[] => Array.from(box.querySelectorAll('tbody'), (body) => body.rows.length);
    let checked = 0;
    const {el, s} = streamPrefixes(text, 40, (_, stream, box) => {
      // While growing: every group but the last is full.
      if (!stream.growingTable) return;
      const shown = sizes(box);
      expect(shown.slice(0, -1).every((n) => n === ROW_GROUP), shown.join()).to.equal(true);
      // Past the first group: hidden, and counted on the button.
      expect(Array.from(box.querySelectorAll('tbody'), (body) => body.hidden).join()).to.equal(shown.map((_, i) => i > 0).join());
      const rows = shown.reduce((a, b) => a + b, 0);
      expect(box.querySelector('.table-more')?.textContent ?? null).to.equal(shown.length > 1 ? `Show all rows (${rows})` : null);
      checked++;
    });
    expect(checked).to.be.greaterThan(20);
    s.update(text, false);
    expect(el.innerHTML === oneShot(text)).to.equal(true);
    expect(sizes(el)).to.deep.equal([ROW_GROUP, ROW_GROUP, 50]);
    // The first group shows; the rest wait behind the button after the table, which counts all rows.
    expect(Array.from(el.querySelectorAll('tbody'), (body) => body.hidden)).to.deep.equal([false, true, true]);
    const more = el.querySelector('.table-wrap > table + button.table-more[part="table-more"]');
    expect(more?.textContent).to.equal(`Show all rows (${rows})`);
    // Raw HTML tables (the HTML path) are grouped the same way; the label is the caller's.
    const html = `<table><tbody>${'<tr><td>a</td></tr>'.repeat(ROW_GROUP + 1)}</tbody></table>`;
    const raw = renderMarkdown(html, {tableMoreLabel: 'Alle Zeilen anzeigen'}).firstElementChild!;
    expect(sizes(raw)).to.deep.equal([ROW_GROUP, 1]);
    expect(raw.querySelector('.table-more')?.textContent).to.equal(`Alle Zeilen anzeigen (${ROW_GROUP + 1})`);
    // A table of ROW_GROUP rows shows them all: one body, no button.
    const short = renderMarkdown(`| a |\n|---|\n${'| x |\n'.repeat(ROW_GROUP)}`);
    expect(sizes(short)).to.deep.equal([ROW_GROUP]);
    expect(short.querySelector('.table-more')).to.equal(null);

    // The groups look like one body: every cell where it is when the rows are in one tbody.
    const {host, boxes: [grouped, single]} = twoMarkdownBoxes();
    try {
      grouped!.append(renderMarkdown(text));
      single!.append(renderMarkdown(text));
      // Hidden groups are out of the layout: only the first group's cells have boxes; then all show.
      expect(Array.from(grouped!.querySelectorAll('td'), (c) => c.getClientRects().length > 0).filter(Boolean)).to.have.length(2 * ROW_GROUP);
      for (const md of [grouped!, single!]) for (const body of Array.from(md.querySelectorAll('tbody'))) body.hidden = false;
      const table = single!.querySelector('table')!;
      const all = Array.from(table.tBodies).flatMap((body) => Array.from(body.childNodes));
      for (const body of Array.from(table.tBodies).slice(1)) body.remove();
      table.tBodies[0]!.append(...all);
      expect(sizes(single!)).to.deep.equal([rows]);
      const boxes = (md: Element): string[] => Array.from(md.querySelectorAll('td, th'), (c) => {
        const r = c.getBoundingClientRect();
        const top = md.getBoundingClientRect().top;
        // To a tenth of a pixel: Firefox rounds positions in its layout units a little differently per group.
        return [r.left, r.top - top, r.width, r.height].map((v) => v.toFixed(1)).join();
      });
      expect(boxes(grouped!)).to.deep.equal(boxes(single!));
    } finally {
      host.remove();
    }
  });

  it('a long table the visitor showed all of (wrapper marked all) keeps showing the rows that stream in after', () => {
    const text = `| # | Item |\n|---:|:---|\n${Array.from({length: 3 * ROW_GROUP}, (_, i) => `| ${i + 1} | item |\n`).join('')}\nAfter.`;
    let shownAll = false;
    const {el, s} = streamPrefixes(text, 50, (_, stream, box) => {
      const wrap = box.querySelector('.table-wrap');
      if (shownAll || !stream.growingTable || !wrap?.querySelector('.table-more')) return;
      // What <chat-widget> does on a click of the button (showAllRows).
      wrap.classList.add('all');
      for (const body of Array.from(wrap.querySelectorAll('tbody'))) body.hidden = false;
      wrap.querySelector('.table-more')!.remove();
      shownAll = true;
    });
    expect(shownAll).to.equal(true);
    s.update(text, false);
    expect(el.querySelectorAll('tbody tr')).to.have.length(3 * ROW_GROUP);
    expect(Array.from(el.querySelectorAll('tbody'), (body) => body.hidden)).to.deep.equal([false, false, false]);
    expect(el.querySelector('.table-more')).to.equal(null);
  });

  it('a long paragraph of Chinese grows as text in runs, and markdown that arrives later still renders', () => {
    const cjk = (worstTokens('cjk', 6000) as string[]).join('');
    const text = `${cjk}**重要**${cjk}\n\n- 一\n- 二`;
    let before = 0;
    const {el, s} = streamPrefixes(text, 2, (i, stream) => {
      if (i === 3000) before = stream.tailRenders;
    });
    s.update(text, true);
    // Past 2 KB, about 5,000 updates: rendered again only around the bold text and the list.
    expect(s.tailRenders - before).to.be.lessThan(30);
    // Laid out in blocks of 2,048 characters: a change lays out one of them.
    expect(el.querySelectorAll('p > span.run').length).to.be.greaterThan(4);
    s.update(text, false);
    expect(el.innerHTML === oneShot(text)).to.equal(true);
    expect(el.querySelector('strong')!.textContent).to.equal('重要');
    expect(el.querySelectorAll('li')).to.have.length(2);
  });

  it('a long nested list grows an item at a time; a list that turns loose, or ends, still equals the one-shot render', () => {
    const list = (worstTokens('list', 800) as string[]).join('');
    const loose = `${list.slice(0, list.lastIndexOf('\n\nDone.'))}\n\n- a loose item at the end\n\nDone.`;
    for (const text of [list, loose]) {
      let before = 0;
      const {el, s} = streamPrefixes(text, 4, (i, stream) => {
        if (i === 3000) before = stream.tailRenders;
      });
      if (text === list) expect(s.tailRenders - before, 'renders past 3 KB of items').to.be.lessThan(60);
      s.update(text, false);
      expect(el.innerHTML === oneShot(text), 'equal to the one-shot render').to.equal(true);
    }
  });

  it('a list grows from 512 characters: past 1 KB of items it is not rendered again on every update', () => {
    const text = (worstTokens('list', 200) as string[]).join('');
    let before = 0;
    let after = 0;
    const {el, s} = streamPrefixes(text, 4, (i, stream) => {
      if (i === 1024) before = stream.tailRenders;
      if (i === 3072) after = stream.tailRenders;
    });
    // 512 updates between 1 KB and 3 KB (every one of them rendered the whole list when lists grew from 2 KB).
    expect(after - before).to.be.lessThan(40);
    s.update(text, false);
    expect(el.innerHTML === oneShot(text)).to.equal(true);
  });

  it('lists that grow, then change kind, nesting, looseness or numbering, end equal to the one-shot render', () => {
    const items = (make: (i: number) => string, n = 30) => Array.from({length: n}, (_, i) => make(i)).join('\n');
    const texts = [
      // Ordered lists keep their start number (items rendered later alone start elsewhere).
      `Steps:\n\n${items((i) => `${i + 7}. step number ${i} with **bold** text`)}\n\nEnd.`,
      items((i) => `${i + 1}) item ${i} with a \`call()\``),
      // Task lists.
      items((i) => `- [${i % 3 ? ' ' : 'x'}] task ${i} to do today`),
      // Another bullet starts another list; then back.
      `${items((i) => `- dash item ${i} here`)}\n* star item after\n* another star\n- dash again`,
      // Nested ordered lists, continuation lines and lazy lines.
      items((i) => (i % 3 === 0 ? `- item ${i}\n  1. nested ${i}\n  2. nested more\n     continued line` : `- item ${i}\nlazy continuation ${i}`)),
      // Turns loose near the end; or a blank line, then an indented paragraph in the last item.
      `${items((i) => `- item ${i} in a tight list`)}\n\n- loose now`,
      `${items((i) => `- item ${i} in a tight list`)}\n\n  a paragraph in the last item`,
      // Ends at a blank line (a paragraph after it), or with no blank line (a heading, a rule, a fence).
      `${items((i) => `- item ${i} in a tight list`)}\n\nA paragraph after it.`,
      `${items((i) => `- item ${i} in a tight list`)}\n# A heading`,
      `${items((i) => `- item ${i} in a tight list`)}\n---\nAfter the rule.`,
      `${items((i) => `- item ${i} in a tight list`)}\n\`\`\`\ncode\n\`\`\``,
      // Numbers that are not a list (too long) and an empty item.
      `${items((i) => `${i + 1}. numbered ${i}`)}\n1234567890. not an item\n-\n- after an empty item`,
    ];
    for (const text of texts) {
      for (const step of [1, 3, 7]) {
        const {el, s} = streamPrefixes(text, step);
        s.update(text, false);
        expect(el.innerHTML === oneShot(text), `${JSON.stringify(text.slice(0, 30))}, ${step} at a time`).to.equal(true);
      }
    }
  });

  it('a reply that ends inside a long table, an open code block or a long paragraph finishes without rendering it again', () => {
    const table = `| a | b |\n|---|---|\n${Array.from({length: 300}, (_, i) => `| ${i} | **x** ${i} |`).join('\n')}`;
    const code = `Code:\n\n\`\`\`js\n${Array.from({length: 300}, (_, i) => `const v${i} = ${i};`).join('\n')}`;
    const cjk = (worstTokens('cjk', 5000) as string[]).join('');
    for (const text of [table, code, cjk]) {
      const {el, s} = streamPrefixes(text, 8);
      s.update(text, true);
      const before = s.tailRenders;
      s.update(text, false);
      expect(s.tailRenders, text.slice(0, 12)).to.equal(before);
      expect(el.innerHTML === oneShot(text), `${text.slice(0, 12)}: equal to the one-shot render`).to.equal(true);
      expect(el.querySelector('[part="cursor"]')).to.equal(null);
    }
  });

  it('a long table that arrives in one go after it started growing is shown a step of rows per update', () => {
    const head = '| a | b |\n|---|---|\n';
    const rows = Array.from({length: 1000}, (_, i) => `| ${i} | row ${i} |\n`).join('');
    const start = head + rows.slice(0, 3000);
    const {el, s} = streamPrefixes(start, 8);
    s.update(start, true);
    const text = head + rows;
    const steps = updatesUntilShown(s, text, () => el.querySelectorAll('tbody tr').length, 'more rows each step');
    expect(steps).to.be.greaterThan(3);
    expect(el.querySelectorAll('tbody tr')).to.have.length(1000);
    s.update(text, false);
    expect(el.innerHTML === oneShot(text)).to.equal(true);
  });

  it('a long nested list that arrives in one go after it started growing is shown a step of items per update', () => {
    const text = (worstTokens('list', 1000) as string[]).join('');
    const end = text.lastIndexOf('\n\nDone.');
    const start = text.slice(0, text.indexOf('\n', 3000) + 1);
    const {el, s} = streamPrefixes(start, 8);
    s.update(start, true);
    const items = () => el.querySelectorAll('li').length;
    const before = items();
    const list = text.slice(0, end);
    // About 25 KB of items more: a few KB of them per update, not all at once.
    const steps = updatesUntilShown(s, list, items, 'more items each step');
    expect(steps).to.be.greaterThan(4);
    expect(items()).to.be.greaterThan(before + 700);
    s.update(text, false);
    expect(el.innerHTML === oneShot(text)).to.equal(true);
    // The same with the list's end (a blank line and a paragraph) in that one update.
    const again = streamPrefixes(start, 8);
    again.s.update(start, true);
    const ended = updatesUntilShown(again.s, text, () => again.el.querySelectorAll('li').length + again.el.querySelectorAll('p').length, 'more items each step');
    expect(ended).to.be.greaterThan(4);
    again.s.update(text, false);
    expect(again.el.innerHTML === oneShot(text)).to.equal(true);
  });

  it('a long table that arrives in one go is rendered a window of rows first, then grows a step per update', () => {
    const rows = Array.from({length: 1000}, (_, i) => `| ${i} | item number ${i} |\n`).join('');
    const text = `Rows:\n\n| # | Item |\n|---|---|\n${rows}\nThat is all.`;
    const el = document.createElement('div');
    const s = new MarkdownStream(el);
    expect(s.update(text, true)).to.equal(false);
    // At most a 4 KB window of rows in the first render.
    const inWindow = text.slice(0, 4096).split('\n').filter((line) => /^\| \d/.test(line)).length;
    expect(el.querySelectorAll('tbody tr').length).to.be.within(1, inWindow);
    const steps = updatesUntilShown(s, text, () => el.querySelectorAll('tbody tr').length + el.querySelectorAll('p').length, 'more rows each step');
    expect(steps).to.be.greaterThan(10);
    s.update(text, false);
    expect(el.innerHTML === oneShot(text)).to.equal(true);
  });

  it('60 KB of markdown in one frame is rendered a window at a time while streaming, and ends equal to the one-shot render', () => {
    const text = (worstTokens('big-frame', 60 * 1024) as string[]).join('');
    expect(text.length).to.be.lessThan(MARKDOWN_LIMITS.maxChars);
    const el = document.createElement('div');
    const s = new MarkdownStream(el);
    const steps = updatesUntilShown(s, text, () => s.frozenLength, 'each step freezes more');
    expect(steps, 'about 8 KB per step').to.be.greaterThan(4);
    s.update(text, false);
    expect(el.innerHTML === oneShot(text)).to.equal(true);
  });

  it('a megabyte in one frame is shown a step per update, complete lines first, and ends equal to the one-shot render', () => {
    const text = (worstTokens('big-frame', 1024 * 1024) as string[]).join('');
    expect(text.length).to.be.greaterThan(MARKDOWN_LIMITS.maxChars);
    const el = document.createElement('div');
    const s = new MarkdownStream(el);
    const steps = updatesUntilShown(s, text, () => el.textContent!.length, 'every step shows more');
    expect(steps, '48 KB per step').to.be.greaterThan(16);
    s.update(text, false);
    expect(el.innerHTML === oneShot(text)).to.equal(true);
    // Thousands of paragraphs, grouped in chunks of 16 KB: the container holds a few dozen children.
    expect(el.querySelectorAll('p').length).to.be.greaterThan(3000);
    expect(el.querySelectorAll(':scope > div.chunk').length).to.be.within(50, 70);
    expect(el.children.length).to.be.lessThan(200);
  });

  it('a long text restored whole renders in steps (renderStep) also when it is plain text', () => {
    const text = (worstTokens('run-frame', 160_000) as string[]).join('');
    const el = document.createElement('div');
    const s = new MarkdownStream(el);
    let steps = 1;
    while (!s.renderStep(text, 4096)) steps++;
    expect(steps, '48 KB per step').to.be.greaterThan(2);
    expect(el.innerHTML === oneShot(text)).to.equal(true);
  });

  it('a table that passes the limits while growing turns into plain text a small step first, then a step of lines per update', () => {
    const text = (worstTokens('table', 4000) as string[]).join('');
    const el = document.createElement('div');
    const s = new MarkdownStream(el);
    let end = 0;
    let rows = 0;
    let shown = true;
    while (el.querySelector('table') || end === 0) {
      expect(end, 'the table passes the limits').to.be.lessThan(text.length);
      // The same text again while not all shown (a step of rows per update), else more.
      if (shown) end += 256;
      rows = Math.max(rows, el.querySelectorAll('tbody tr').length);
      shown = s.update(text.slice(0, end), true);
    }
    expect(rows, 'a long table first').to.be.greaterThan(1000);
    // The update that took the table down shows a few KB of text (the rest follows)...
    expect(el.textContent!.length).to.be.within(1, 8 * 1024);
    expect(s.growingTable).to.equal(false);
    // ... and each later one at most 48 KB, each line counting 48 characters more: a few hundred lines.
    let lines = el.querySelectorAll('br').length;
    let steps = 0;
    for (; !s.update(text.slice(0, end), true); steps++) {
      const now = el.querySelectorAll('br').length;
      expect(now - lines, 'lines per step').to.be.within(1, 48 * 1024 / 48);
      lines = now;
    }
    expect(steps).to.be.greaterThan(1);
    s.update(text, false);
    expect(el.innerHTML === oneShot(text)).to.equal(true);
  });

  it('a finished reply whose long table is still catching up finishes in a later step than the one that caught up', () => {
    const text = (worstTokens('table', 600) as string[]).join('');
    const el = document.createElement('div');
    const s = new MarkdownStream(el);
    const start = text.slice(0, text.indexOf('\n', 6000) + 1);
    for (let i = 8; i < start.length; i += 8) s.update(start.slice(0, i), true);
    s.update(start, true);
    expect(s.growingTable, 'a growing table').to.equal(true);
    const rows = () => el.querySelectorAll('tbody tr').length;
    let steps = 0;
    for (;;) {
      const before = rows();
      const done = s.renderStep(text, 4096);
      steps++;
      expect(steps).to.be.lessThan(100);
      // The step that finishes adds no rows: the last rows came in an earlier one.
      if (done) {
        expect(rows(), 'no rows added by the finishing step').to.equal(before);
        break;
      }
    }
    expect(steps, 'a step of rows at a time, then the finishing step').to.be.greaterThan(2);
    expect(el.innerHTML === oneShot(text)).to.equal(true);
    expect(s.growingTable).to.equal(false);
  });
});
