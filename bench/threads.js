#!/usr/bin/env node
// `node bench/threads.js [runs] [bundle …]`: where the `openai fast 16,000` busy time comes from,
// thread by thread, for the text-node baseline and each bundle (default dist/chat-widget.js),
// alternating pages in fresh contexts (baseline, bundle A, bundle B, baseline, …).
//
// `npm run bench` reports busy: the wall time of the main thread's tasks. On a machine with few
// cores that time is CPU time plus the time the thread waited for a core, and the page's own
// other threads compete for those cores: V8 compiling hot code (Maglev, Turbofan), raster, the
// compositor, GC helpers. This prints, per page (medians, ms, in the window message → final
// paint): main-thread busy (trace wall time of its tasks), main-thread CPU (their thread time),
// the wait between the two, and the CPU of the renderer's other threads (V8 compile and raster
// apart). A change that cuts main-thread CPU shows in `cpu`; one that cuts what competes with
// it shows in `others` (and, on a busy machine, in `wait`).
import {VISITOR_PAUSE_MS, launchBrowser, outermost, traceClock} from './lib/measure.js';
import {readBundle, startServers} from './lib/servers.js';
import {tokensFor} from './lib/markdown-gen.js';
import {median} from './lib/report.js';

const runs = Number(process.argv[2] ?? 5);
const bundles = process.argv.length > 3 ? process.argv.slice(3) : [new URL('../dist/chat-widget.js', import.meta.url).pathname];
const pagesDir = new URL('./pages', import.meta.url).pathname;
const tokens = tokensFor(16000);
const CATEGORIES = ['toplevel', 'blink.user_timing', 'v8', 'disabled-by-default-v8.compile', 'cc'];
const COMPILE = /^V8\.(?:MaglevTask|TurbofanTask)$/;
const RASTER = /^RasterTask$/;

const pages = [];
for (const bundle of bundles) {
  const servers = await startServers({pagesDir, modules: await readBundle(bundle)});
  if (!pages.length) pages.push({name: 'baseline', kind: 'baseline', servers, rows: []});
  pages.push({name: bundle, kind: 'widget', servers, rows: []});
}
const browser = await launchBrowser();

/** One streamed reply in a fresh page; the figures of its window (ms). */
async function measure({kind, servers}) {
  const context = await browser.createBrowserContext();
  const id = servers.registerRun({protocol: 'openai', tokens, mode: 'fast', intervalMs: 0});
  try {
    const page = await context.newPage();
    await page.goto(`${servers.origin}/bench/pages/${kind}.html?run=${id}&protocol=openai`, {waitUntil: 'load'});
    await page.evaluate(() => window.benchReady);
    // As npm run bench: the visitor writes a moment after the page is ready (what the widget prepares when idle is not the reply's cost).
    await page.evaluate((ms) => new Promise((resolve) => setTimeout(resolve, ms)), VISITOR_PAUSE_MS);
    await page.tracing.start({categories: CATEGORIES});
    const syncPerf = await page.evaluate(() => performance.mark('bench:sync').startTime);
    const r = await page.evaluate(() => window.benchRun(null));
    const {events, pid, tid, offsetUs} = traceClock(JSON.parse(Buffer.from(await page.tracing.stop()).toString('utf8')), syncPerf);
    const from = r.trigger.perf * 1000 + offsetUs;
    const to = (r.windowEnd ?? r.rendered).perf * 1000 + offsetUs;
    const inWindow = events.filter((e) => e.pid === pid && e.ph === 'X' && typeof e.tdur === 'number' && e.ts >= from && e.ts < to).sort((a, b) => a.ts - b.ts);
    const sum = (list, field) => list.reduce((s, e) => s + e[field], 0) / 1000;
    // The main thread's tasks; on the other threads, each one's outermost events (nested ones are inside their time).
    const main = outermost(inWindow.filter((e) => e.tid === tid && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask')));
    const threads = new Set(inWindow.map((e) => e.tid).filter((t) => t !== tid));
    const others = [...threads].flatMap((t) => outermost(inWindow.filter((e) => e.tid === t)));
    const busy = sum(main, 'dur');
    const cpu = sum(main, 'tdur');
    return {
      busy,
      cpu,
      wait: busy - cpu,
      others: sum(others, 'tdur'),
      compile: sum(inWindow.filter((e) => e.tid !== tid && COMPILE.test(e.name)), 'tdur'),
      raster: sum(inWindow.filter((e) => e.tid !== tid && RASTER.test(e.name)), 'tdur'),
    };
  } finally {
    servers.forget(id);
    await context.close().catch(() => {});
  }
}

try {
  for (let i = 0; i < runs; i++) for (const page of pages) page.rows.push(await measure(page));
  const FIELDS = ['busy', 'cpu', 'wait', 'others', 'compile', 'raster'];
  console.log(`openai fast 16,000, medians of ${runs} fresh pages, ms (others: the renderer's other threads, of which V8 compile and raster)`);
  console.log(`${''.padEnd(12)}${FIELDS.map((f) => f.padStart(9)).join('')}`);
  for (const page of pages) {
    const m = Object.fromEntries(FIELDS.map((f) => [f, median(page.rows.map((row) => row[f]))]));
    console.log(`${(page.kind === 'baseline' ? 'baseline' : `widget ${pages.indexOf(page)}`).padEnd(12)}${FIELDS.map((f) => m[f].toFixed(1).padStart(9)).join('')}${page.kind === 'baseline' ? '' : `  ${page.name}`}`);
  }
} finally {
  await browser.close();
  for (const servers of new Set(pages.map((p) => p.servers))) await servers.close();
}
