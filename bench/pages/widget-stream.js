// The streaming half of widget.html's harness, imported only by the streaming pages: a startup
// page (?startup) compiles none of it, as the empty page and deep-chat's have none of their own
// to compile either (it is the bench's code, not the widget's).
const el = document.querySelector('chat-widget');

function until(check, what, ms = 15000) {
  return new Promise((resolve, reject) => {
    const done = () => {
      if (!check()) return;
      clearInterval(iv);
      clearTimeout(to);
      el.removeEventListener('chat-status', done);
      el.removeEventListener('chat-message', done);
      resolve();
    };
    const iv = setInterval(done, 20);
    const to = setTimeout(() => {
      clearInterval(iv);
      reject(new Error(`${what} (status=${el.status}, messages=${el.messages?.length})`));
    }, ms);
    el.addEventListener('chat-status', done);
    el.addEventListener('chat-message', done);
    done();
  });
}

/**
 * Streaming cases start once the markdown chunk (marked, DOMPurify, the stream renderer) has
 * loaded, as it has on a page that was idle for a moment before the visitor wrote: the widget
 * preloads it then (a reply that comes before it shows as plain text; tested in test/bundle/).
 */
const markdownLoaded = async () => {
  // A single-file bundle (--bundle of an older build) has no markdown chunk.
  if (!performance.getEntriesByType('resource').some((e) => /\/dist\/widget-[\w-]+\.js$/.test(e.name))) return;
  const start = performance.now();
  const done = () => performance.getEntriesByType('resource').some((e) => /\/dist\/markdown-[\w-]+\.js$/.test(e.name) && e.responseEnd > 0);
  while (!done()) {
    if (performance.now() - start > 15000) throw new Error('widget not ready: the markdown chunk did not load');
    await new Promise((r) => setTimeout(r, 20));
  }
  // Evaluated: no text shown as plain text any more (the welcome is rendered again); then an idle moment and a frame.
  await until(() => !el.shadowRoot.querySelector('.md > p[style]'), 'widget not ready: text still plain after the markdown chunk loaded');
  await new Promise((r) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(r, {timeout: 500}) : setTimeout(r, 100)));
  await bench.paintedWhen();
};

/** Resolves when the widget is ready for a stream (the module has installed `benchRun` and `benchCensus`). */
export async function ready() {
  await customElements.whenDefined('chat-widget');
  if (bench.params.get('protocol') === 'openai') {
    // Per-request protocol: nothing to connect to and no welcome. Configured (the bundle loads the
    // protocol's adapter when the widget first names it): idle, "Ready".
    await until(() => el.status === 'idle' && el.shadowRoot?.querySelector('[part~="status"]')?.textContent.trim() === 'Ready', 'widget not ready: not idle');
  } else {
    await until(() => el.status === 'open' && el.messages.some((m) => m.role === 'assistant' && m.text), 'widget not ready: no open socket or no welcome');
  }
  await markdownLoaded();
  await el.updateComplete;
  await bench.paintedWhen();
  await bench.paintedWhen();
  return {status: el.status, messages: el.messages.length};
}

/**
 * Code cases (`benchRun({highlight})`): how far the highlighter got. A block of a known
 * language is done when every text node directly in its <code> is a run of lines longer than
 * `maxLine` (left plain on purpose): the rest became <span class="hl-seg"> segments (see
 * src/markdown/highlighter.ts). The control language's blocks must have no segment.
 */
const LANG = /(?:^|\s)language-(\S+)/;
function highlightState(node, spec) {
  const s = {known: 0, done: 0, pendingChars: 0, segments: 0, plainRuns: 0, control: 0, controlSegments: 0, other: 0};
  if (!node) return s;
  for (const block of node.getElementsByClassName('code-block')) {
    const code = block.querySelector(':scope > pre > code');
    if (!code) continue;
    const lang = (LANG.exec(code.getAttribute('class') ?? '')?.[1] ?? '').toLowerCase();
    if (lang === spec.control) {
      s.control++;
      s.controlSegments += code.getElementsByClassName('hl-seg').length;
      continue;
    }
    if (!spec.known.includes(lang)) {
      s.other++;
      continue;
    }
    s.known++;
    let pending = 0;
    for (const child of code.childNodes) {
      if (child.nodeType === Node.ELEMENT_NODE) {
        if (child.classList.contains('hl-seg')) s.segments++;
        continue;
      }
      if (child.nodeType !== Node.TEXT_NODE || !child.data) continue;
      const lines = child.data.split('\n');
      if (lines.at(-1) === '') lines.pop();
      if (lines.length && lines.every((l) => l.length > spec.maxLine)) s.plainRuns++;
      else pending += child.data.length;
    }
    s.pendingChars += pending;
    if (!pending) s.done++;
  }
  return s;
}

/**
 * `bench.settle` for the code cases, watching the highlighting in the same frames: the text
 * settles as usual (a signature that ignores the highlighter's spans), and `highlighted` is the
 * first painted frame of the last run of frames in which every known-language block is done.
 */
async function settleAndHighlight(node, first, spec) {
  const signature = () => {
    const n = node();
    // Live collections (cheap to count again each frame); highlighting changes none of these.
    if (!n) return '';
    const count = (tag) => n.getElementsByTagName(tag).length;
    return `${n.textContent.length}:${n.getElementsByClassName('code-block').length}:${count('p')}:${count('li')}:${count('tr')}`;
  };
  let sig = signature();
  let last = first;
  let changes = 0;
  let stable = 0;
  let state = highlightState(node(), spec);
  let highlighted = state.known && state.done === state.known ? first : null;
  const t0 = performance.now();
  while (stable < 3 || !highlighted) {
    const p = await bench.paintedWhen();
    const s = signature();
    if (s !== sig) {
      sig = s;
      last = p;
      changes++;
      stable = 0;
    } else {
      stable++;
    }
    state = highlightState(node(), spec);
    if (state.done !== state.known || !state.known) highlighted = null;
    else highlighted ??= p;
    if (performance.now() - t0 > spec.timeoutMs) {
      throw new Error(
        `${state.known - state.done} of ${state.known} known-language code block(s) not highlighted ${Math.round(spec.timeoutMs / 1000)} s after the reply's final paint (${state.pendingChars} chars pending)`,
      );
    }
  }
  return {last, changes, highlighted, state};
}

/** Bundle files this page fetched (the entry, and the highlighter chunk once a code block asked for it). */
const chunksSince = (t) =>
  performance
    .getEntriesByType('resource')
    .filter((e) => new URL(e.name).pathname.startsWith('/dist/') && e.name.endsWith('.js'))
    .map((e) => ({path: new URL(e.name).pathname, startMs: e.startTime - t, endMs: e.responseEnd - t, bytes: e.encodedBodySize}));

/** The last `benchRun`'s reply: its length and how to find its node. */
let lastReply = null;

window.benchRun = async (opts = null) => {
  const hlSpec = opts?.highlight ?? null;
  const before = new Set(el.messages.map((m) => m.id));
  const done = new Promise((resolve) => {
    const on = (e) => {
      const m = e.detail.message;
      if (m.role !== 'assistant' || !m.text || before.has(m.id)) return;
      el.removeEventListener('chat-message', on);
      resolve({id: m.id, wall: bench.wall(), perf: performance.now(), chars: m.text.length});
    };
    el.addEventListener('chat-message', on);
  });
  const trigger = {wall: bench.wall(), perf: performance.now()};
  if (el.send('go') == null) throw new Error('el.send("go") sent nothing');
  const end = await done;
  const root = el.shadowRoot;
  const node = () => root.querySelector(`[data-id="${CSS.escape(end.id)}"]`);
  const painted = await bench.paintedWhen(() => node()?.getAttribute('data-status') === 'complete');
  let settled;
  let highlight = null;
  if (hlSpec) {
    settled = await settleAndHighlight(node, painted, hlSpec);
    const at = settled.highlighted;
    const n = node();
    highlight = {
      ...settled.state,
      // The reply's end is its final text paint (`rendered`); the window closes at `highlighted`.
      highlighted: at,
      afterEndMs: at.perf - settled.last.perf,
      afterCompleteMs: at.perf - end.perf,
      longtasks: bench.longtasksSince(settled.last.perf),
      spans: n ? n.querySelectorAll('.hl-seg [class^="hl-"]').length : 0,
    };
  } else {
    settled = await bench.settle(node, painted);
  }
  lastReply = {chars: end.chars, node};
  return {
    trigger,
    done: end,
    painted,
    rendered: settled.last,
    windowEnd: highlight ? highlight.highlighted : settled.last,
    lateChanges: settled.changes,
    longtasks: bench.longtasksSince(trigger.perf),
    highlight,
    chunks: chunksSince(trigger.perf),
  };
};

/** The last reply's size and markdown census: asked for after the measuring window, which it would otherwise add to. */
window.benchCensus = () => ({chars: lastReply.chars, census: bench.census(lastReply.node())});
