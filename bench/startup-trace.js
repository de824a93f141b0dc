#!/usr/bin/env node
// `node bench/startup-trace.js [widget|launcher|deepchat|empty|baseline] [runs]`: where a page's startup
// time goes (navigation → widget painted), from a CDP trace (devtools.timeline + v8): main-thread
// time by event (script evaluation per file, compile, style recalculation, layout, paint, parse,
// GC), the medians of `runs` cold loads. Figures behind the startup budgets of `npm run bench`.
import {join, dirname} from 'node:path';
import {fileURLToPath} from 'node:url';
import {launchBrowser, outermost} from './lib/measure.js';
import {readBundle, startServers} from './lib/servers.js';
import {median} from './lib/report.js';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const kind = process.argv[2] ?? 'widget';
const runs = Number(process.argv[3] ?? 5);
const PAGES = {widget: 'widget.html?', launcher: 'widget.html?launcher=1&', deepchat: 'deep-chat.html?', empty: 'empty.html?', baseline: 'baseline.html?'};

const modules = await readBundle(join(BENCH_DIR, '..', 'dist', 'chat-widget.js'));
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
    const add = (k, us) => (t[k] = (t[k] ?? 0) + us / 1000);
    const top = outermost(inWin.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask').sort((x, y) => x.ts - y.ts));
    for (const k of top) {
      // A task by the largest event directly inside it: what the task was for.
      const inner = inWin.filter((e) => e !== k && e.ts >= k.ts && e.ts + e.dur <= k.ts + k.dur && e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask');
      const main = inner.sort((x, y) => y.dur - x.dur)[0];
      add(`task: ${main ? main.name : '(nothing traced)'}`, k.dur);
    }
    for (const e of inWin) {
      if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') add('(tasks: busy)', e.dur);
      else if (e.name === 'v8.evaluateModule' || e.name === 'EvaluateScript' || e.name === 'v8.run') add(`evaluate ${file(e.args?.data?.url ?? e.args?.url ?? e.args?.fileName) || '?'}`, e.dur);
      else if (e.name === 'v8.compileModule' || e.name === 'v8.compile' || e.name === 'V8.CompileCode') add(`compile ${file(e.args?.fileName ?? e.args?.data?.url) || ''}`.trim(), e.dur);
      else if (e.name === 'FunctionCall') add(`function calls ${file(e.args?.data?.url)}`, e.dur);
      else if (['UpdateLayoutTree', 'RecalculateStyles', 'Layout', 'ParseHTML', 'ParseAuthorStyleSheet', 'Paint', 'PrePaint', 'Layerize', 'MinorGC', 'MajorGC', 'V8.GC_SCAVENGER', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'v8.parseOnBackground'].includes(e.name)) add(e.name, e.dur);
    }
    totals.push(t);
  }
} finally {
  await browser.close();
  await servers.close();
}
const keys = [...new Set(totals.flatMap((t) => Object.keys(t)))];
const rows = keys.map((k) => [k, median(totals.map((t) => t[k] ?? 0))]).sort((a, b) => b[1] - a[1]);
console.log(`${kind}: main-thread time by trace event, navigation → painted, median of ${runs} (nested events overlap: evaluate ⊃ function calls ⊃ …)`);
for (const [k, v] of rows) if (v >= 0.2) console.log(`${v.toFixed(1).padStart(8)} ms  ${k}`);
