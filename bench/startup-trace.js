#!/usr/bin/env node
// `node bench/startup-trace.js [widget|launcher|deepchat|empty|baseline] [runs] [--bundle PATH]`: where
// a page's startup time goes (navigation → widget painted), from a CDP trace (devtools.timeline + v8):
// main-thread time by event (script evaluation per file, compile, style recalculation, layout, paint,
// parse, GC), the medians of `runs` cold loads, of `--bundle` (default dist/chat-widget.js). Figures
// behind the startup budgets of `npm run bench`. Each row has the wall time and the main thread's
// CPU time (the events' thread time): on a machine shared with other work, wall times stretch with
// the wait for a core, CPU times much less, so compare variants by CPU.
import {join, dirname, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {launchBrowser, outermost} from './lib/measure.js';
import {readBundle, startServers} from './lib/servers.js';
import {median} from './lib/report.js';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const {values: options, positionals} = parseArgs({options: {bundle: {type: 'string'}}, allowPositionals: true});
const kind = positionals[0] ?? 'widget';
const runs = Number(positionals[1] ?? 5);
const PAGES = {widget: 'widget.html?', launcher: 'widget.html?launcher=1&', deepchat: 'deep-chat.html?', empty: 'empty.html?', baseline: 'baseline.html?'};

const modules = await readBundle(options.bundle ? resolve(options.bundle) : join(BENCH_DIR, '..', 'dist', 'chat-widget.js'));
const servers = await startServers({pagesDir: join(BENCH_DIR, 'pages'), modules});
const browser = await launchBrowser();
const file = (url) => (url ? url.replace(/^.*\//, '').replace(/\?.*$/, '') : '');
const totals = [];
try {
  for (let i = 0; i < runs + 1; i++) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const id = servers.registerRun({welcome: false});
    await page.tracing.start({categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink.user_timing', 'loading']});
    await page.goto(`${servers.origin}/bench/pages/${PAGES[kind]}run=${id}&startup=1`, {waitUntil: 'load'});
    const r = await page.evaluate(() => window.benchReady);
    const trace = JSON.parse(Buffer.from(await page.tracing.stop()).toString('utf8'));
    await context.close();
    if (i === 0) continue; // warm-up
    const events = trace.traceEvents;
    const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.name === 'ParseHTML'));
    const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && typeof e.dur === 'number');
    const nav = events.find((e) => e.name === 'navigationStart' || e.name === 'markAsMainFrame')?.ts ?? Math.min(...onMain.map((e) => e.ts));
    const end = nav + r.widgetPainted * 1000;
    const inWin = onMain.filter((e) => e.ts < end);
    const t = {};
    /** Adds an event's wall time and CPU time (its thread time; the wall time when it has none) to row `k`. */
    const add = (k, e) => {
      const row = (t[k] ??= {wall: 0, cpu: 0});
      row.wall += e.dur / 1000;
      row.cpu += (e.tdur ?? e.dur) / 1000;
    };
    const top = outermost(inWin.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask').sort((x, y) => x.ts - y.ts));
    for (const k of top) {
      // A task by the largest event directly inside it: what the task was for.
      const inner = inWin.filter((e) => e !== k && e.ts >= k.ts && e.ts + e.dur <= k.ts + k.dur && e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask');
      const main = inner.sort((x, y) => y.dur - x.dur)[0];
      add(`task: ${main ? main.name : '(nothing traced)'}`, k);
    }
    for (const e of inWin) {
      if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') add('(tasks: busy)', e);
      else if (e.name === 'v8.evaluateModule' || e.name === 'EvaluateScript' || e.name === 'v8.run') add(`evaluate ${file(e.args?.data?.url ?? e.args?.url ?? e.args?.fileName) || '?'}`, e);
      else if (e.name === 'v8.compileModule' || e.name === 'v8.compile' || e.name === 'V8.CompileCode') add(`compile ${file(e.args?.fileName ?? e.args?.data?.url) || ''}`.trim(), e);
      else if (e.name === 'FunctionCall') add(`function calls ${file(e.args?.data?.url)}`, e);
      else if (['UpdateLayoutTree', 'RecalculateStyles', 'Layout', 'ParseHTML', 'ParseAuthorStyleSheet', 'Paint', 'PrePaint', 'Layerize', 'MinorGC', 'MajorGC', 'V8.GC_SCAVENGER', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'v8.parseOnBackground'].includes(e.name)) add(e.name, e);
    }
    totals.push(t);
  }
} finally {
  await browser.close();
  await servers.close();
}
const keys = [...new Set(totals.flatMap((t) => Object.keys(t)))];
const rows = keys.map((k) => [k, median(totals.map((t) => t[k]?.wall ?? 0)), median(totals.map((t) => t[k]?.cpu ?? 0))]).sort((a, b) => b[1] - a[1]);
console.log(`${kind}: main-thread time by trace event, navigation → painted, median of ${runs} (nested events overlap: evaluate ⊃ function calls ⊃ …)`);
console.log('    wall      cpu');
for (const [k, wall, cpu] of rows) if (wall >= 0.2) console.log(`${wall.toFixed(1).padStart(8)} ${cpu.toFixed(1).padStart(8)} ms  ${k}`);
