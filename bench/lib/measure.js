// Browser side of the benchmark: launches Debian's Chromium through
// puppeteer-core and measures one page load or one streamed reply per call,
// each in a fresh browser context (cold cache, own renderer process).
import {existsSync} from 'node:fs';
import puppeteer from 'puppeteer-core';
import {CHROME_FLAGS as SHARED_FLAGS, CHROME_PATH} from '../../scripts/chromium.js';

// Nothing but 127.0.0.1 resolves, at once: deep-chat asks fonts.googleapis.com for a font, and a
// slow failing lookup would hold its first paint back by chance (the peer gets the fast failure).
export const CHROME_FLAGS = ['--headless=new', ...SHARED_FLAGS, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'];

export const VIEWPORT = {width: 1024, height: 768};

export function chromePath() {
  return CHROME_PATH;
}

export async function launchBrowser() {
  const executablePath = chromePath();
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath} (set CHROME_PATH). The benchmark never downloads a browser.`);
  }
  return puppeteer.launch({
    executablePath,
    headless: true,
    args: CHROME_FLAGS,
    defaultViewport: VIEWPORT,
    protocolTimeout: 600_000,
  });
}

/** Page time between a streaming page being ready and the visitor's message (see measureStream). */
export const VISITOR_PAUSE_MS = 500;

/**
 * The pages by kind: the widget (inline), the widget in launcher mode, the peer (deep-chat 2.4.2,
 * fed by the same stream), the empty host page (widget.html without the widget: startup) and the
 * text-node baseline (streaming).
 */
const PAGES = {widget: 'widget.html', launcher: 'widget.html?launcher=1', deepchat: 'deep-chat.html', empty: 'empty.html', baseline: 'baseline.html'};
const pageUrl = (servers, kind, query) => `${servers.origin}/bench/pages/${PAGES[kind]}${PAGES[kind].includes('?') ? '&' : '?'}${query}`;

async function metrics(cdp) {
  const {metrics: list} = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: timed out after ${Math.round(ms / 1000)} s`)), ms);
    }),
  ]);
}

/** Opens a fresh context + page and collects page errors. */
async function freshPage(browser) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err?.message ?? err)));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) errors.push(msg.text());
  });
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`HTTP ${res.status()} ${res.url()}`);
  });
  page.on('requestfailed', (req) => errors.push(`request failed: ${req.url()} (${req.failure()?.errorText ?? '?'})`));
  return {context, page, errors};
}

const sec = (m1, m0, key) => ((m1[key] ?? 0) - (m0[key] ?? 0)) * 1000;
const mb = (bytes) => bytes / (1024 * 1024);

/**
 * Startup of one page: navigation start → first paint of the empty widget (the launcher button
 * in launcher mode, deep-chat's input for the peer, the empty page itself), and the main-thread
 * busy time of that load (CDP Performance metrics: TaskDuration, ScriptDuration, …).
 * @param {'widget'|'launcher'|'deepchat'|'empty'|'baseline'} kind
 */
export async function measureStartup(browser, servers, kind) {
  const {context, page, errors} = await freshPage(browser);
  const id = servers.registerRun({welcome: false});
  try {
    const cdp = await page.createCDPSession();
    await cdp.send('Performance.enable');
    const m0 = await metrics(cdp);
    // A light trace of the load: busy and script time in the window navigation → painted, which
    // leaves out what the page does after its first paint (idle-time loading, deferred timers).
    await page.tracing.start({categories: STARTUP_TRACE_CATEGORIES});
    let tracing = true;
    let trace;
    let r;
    let m1;
    try {
      await page.goto(pageUrl(servers, kind, `run=${id}&startup=1`), {waitUntil: 'load', timeout: 30_000});
      r = await withTimeout(page.evaluate(() => window.benchReady), 20_000, `${kind} startup`);
      m1 = await metrics(cdp);
      tracing = false;
      trace = JSON.parse(Buffer.from(await page.tracing.stop()).toString('utf8'));
    } finally {
      if (tracing) await page.tracing.stop().catch(() => {});
    }
    const win = traceWindows(trace, r.sync, {load: [0, r.widgetPainted]})?.load ?? null;
    // Launcher: what was fetched before the rest was asked for, and open click → panel painted once loaded.
    const launcher = kind === 'launcher' ? await withTimeout(page.evaluate(() => window.benchLauncher()), 20_000, 'launcher: rest of the widget not loaded or panel not painted') : null;
    return {
      kind,
      ...(launcher ? {launcher, openFrames: launcher.openFrames, openMs: launcher.openMs} : {}),
      paintedMs: r.widgetPainted,
      firstPaintMs: r.firstPaint,
      firstContentfulPaintMs: r.firstContentfulPaint,
      // The window navigation → painted (trace); the CDP counters run on until the page answered.
      busyMs: win ? win.busyMs : null,
      cpuMs: win ? win.cpuMs : null,
      scriptMs: win ? win.timeline.script : null,
      cdpBusyMs: sec(m1, m0, 'TaskDuration'),
      cdpScriptMs: sec(m1, m0, 'ScriptDuration'),
      layoutMs: sec(m1, m0, 'LayoutDuration'),
      styleMs: sec(m1, m0, 'RecalcStyleDuration'),
      devtoolsMs: sec(m1, m0, 'DevToolsCommandDuration'),
      heapMB: mb(m1.JSHeapUsedSize ?? 0),
      longtaskCount: r.longtasks?.count ?? null,
      longestTaskMs: r.longtasks?.longest ?? null,
      errors,
    };
  } finally {
    servers.forget(id);
    await context.close().catch(() => {});
  }
}

/** Trace categories of the code cases: one event per main-thread task, and the page's marks. */
export const TRACE_CATEGORIES = ['toplevel', 'blink.user_timing'];
/** The extra profiling run adds the timeline (style, layout, paint, script events). */
const PROFILE_TRACE_CATEGORIES = [...TRACE_CATEGORIES, 'devtools.timeline'];
/** CPU sampling interval of the profiling run, in microseconds. */
export const PROFILE_INTERVAL_US = 100;

/**
 * One streamed reply of `tokens` on a fresh page, over `spec.protocol` (default `brand`:
 * WebSocket; `openai`: POST + Server-Sent Events).
 *
 * `spec.highlight` (code cases, widget page): the measuring window runs on until every code
 * block of a known language is highlighted (`benchRun({highlight})` in widget-stream.js), not just
 * until the reply's final paint. `spec.trace`: record a light trace (one event per task) to
 * measure the main thread's busy time after the reply's end. `spec.profile`: also sample the
 * CPU and record the timeline (the extra profiling run: its times are inflated, only the split
 * is reported).
 * @param {'widget'|'baseline'} kind
 * @param {{protocol?: 'brand'|'openai', mode: 'fast'|'paced', tokens: string[], intervalMs: number, timeoutMs: number,
 *   highlight?: {known: string[], control: string, maxLine: number, timeoutMs: number}, trace?: boolean, profile?: boolean}} spec
 */
export async function measureStream(browser, servers, kind, spec) {
  const {context, page, errors} = await freshPage(browser);
  const protocol = spec.protocol ?? 'brand';
  const id = servers.registerRun({protocol, tokens: spec.tokens, mode: spec.mode, intervalMs: spec.intervalMs});
  let tracing = false;
  try {
    await page.goto(pageUrl(servers, kind, `run=${id}${protocol === 'brand' ? '' : `&protocol=${protocol}`}`), {waitUntil: 'load', timeout: 30_000});
    const cdp = await page.createCDPSession();
    await cdp.send('Performance.enable');
    try {
      await withTimeout(page.evaluate(() => window.benchReady), 20_000, `${kind} page not ready`);
    } catch (err) {
      throw new Error(`${err.message}${errors.length ? ` — page errors: ${errors.slice(0, 3).join(' | ')}` : ''}`);
    }
    // The visitor reads, then writes: every page gets a quiet moment before its message, as a real
    // page does. What a page prepares when idle (the widget warms its markdown stack) is not the
    // reply's cost; on a busy machine the idle callbacks it waits for come late.
    await page.evaluate((ms) => new Promise((resolve) => setTimeout(resolve, ms)), VISITOR_PAUSE_MS);
    const runOpts = kind === 'widget' && spec.highlight ? {highlight: spec.highlight} : null;
    let syncPerf = null;
    if (spec.trace || spec.profile) {
      await page.tracing.start({categories: spec.profile ? PROFILE_TRACE_CATEGORIES : TRACE_CATEGORIES});
      tracing = true;
      // A mark at a known performance.now(): maps the page's times onto the trace's clock.
      syncPerf = await page.evaluate(() => performance.mark('bench:sync').startTime);
    }
    if (spec.profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', {interval: PROFILE_INTERVAL_US});
      await cdp.send('Profiler.start');
    }
    const m0 = await metrics(cdp);
    const r = await withTimeout(page.evaluate((o) => window.benchRun(o), runOpts), spec.timeoutMs, `${protocol} ${kind} ${spec.mode} ${spec.tokens.length}`);
    const m1 = await metrics(cdp);
    const profile = spec.profile ? (await cdp.send('Profiler.stop')).profile : null;
    let trace = null;
    if (tracing) {
      tracing = false;
      trace = JSON.parse(Buffer.from(await page.tracing.stop()).toString('utf8'));
    }
    await cdp.send('HeapProfiler.collectGarbage');
    const m2 = await metrics(cdp);
    // The reply's size and DOM census, counted after the window (and the heap figures): reading a
    // whole reply's text and elements is harness work, not the page's.
    const {chars, census} = await page.evaluate(() => window.benchCensus());
    const rec = servers.record(id);
    const busyMs = sec(m1, m0, 'TaskDuration');
    const scriptMs = sec(m1, m0, 'ScriptDuration');
    const layoutMs = sec(m1, m0, 'LayoutDuration');
    const styleMs = sec(m1, m0, 'RecalcStyleDuration');
    const windowEnd = r.windowEnd ?? r.rendered;
    const traced = trace
      ? traceWindows(trace, syncPerf, {all: [r.trigger.perf, windowEnd.perf], ...(r.highlight ? {after: [r.rendered.perf, r.highlight.highlighted.perf]} : {})})
      : null;
    const result = {
      kind,
      protocol,
      busyMs,
      scriptMs,
      layoutMs,
      styleMs,
      otherMs: busyMs - scriptMs - layoutMs - styleMs,
      devtoolsMs: sec(m1, m0, 'DevToolsCommandDuration'),
      layoutCount: (m1.LayoutCount ?? 0) - (m0.LayoutCount ?? 0),
      styleCount: (m1.RecalcStyleCount ?? 0) - (m0.RecalcStyleCount ?? 0),
      heapMB: mb(m1.JSHeapUsedSize ?? 0),
      heapAfterGcMB: mb(m2.JSHeapUsedSize ?? 0),
      nodes: m1.Nodes ?? null,
      longtaskCount: r.longtasks?.count ?? null,
      longestTaskMs: r.longtasks?.longest ?? null,
      longtaskTotalMs: r.longtasks?.total ?? null,
      // Rendering vs the server's clock (both wall-clock on this machine).
      behindMs: r.rendered.wall - rec.lastSentAt,
      doneBehindMs: r.done.wall - rec.lastSentAt,
      streamMs: rec.lastSentAt - rec.firstSentAt,
      // Trigger → the end of the measuring window (the final paint; code cases: the last block highlighted).
      wallMs: windowEnd.perf - r.trigger.perf,
      triggerToFirstSendMs: rec.firstSentAt - r.trigger.wall,
      lateChanges: r.lateChanges,
      chars,
      census,
      chunks: r.chunks ?? null,
      // Traced runs: tasks over 50 ms in the window, with the main thread's CPU time in each
      // (wall ≫ CPU: the thread waited for a core, i.e. other processes, not the page's work).
      tracedLongTasks: traced ? traced.all.longTasks.map((t) => ({...t, atMs: t.atMs - r.trigger.perf})) : null,
      errors,
    };
    if (r.highlight) {
      const h = r.highlight;
      result.highlight = {
        knownBlocks: h.known,
        highlightedBlocks: h.done,
        segments: h.segments,
        plainRuns: h.plainRuns,
        spans: h.spans,
        controlBlocks: h.control,
        controlSegments: h.controlSegments,
        // The reply's final paint → the paint in which the last known-language block was done.
        afterEndMs: h.afterEndMs,
        afterCompleteMs: h.afterCompleteMs,
        serverToHighlightedMs: h.highlighted.wall - rec.lastSentAt,
        longtaskCount: h.longtasks?.count ?? null,
        longestTaskMs: h.longtasks?.longest ?? null,
        // Main-thread busy time from the reply's final paint to the last block highlighted (trace).
        busyAfterEndMs: traced?.after.busyMs ?? null,
        tracedBusyMs: traced?.all.busyMs ?? null,
        timeline: traced?.after.timeline ?? null,
        profile: profile ? profileSummary(profile, trace, syncPerf, [r.rendered.perf, h.highlighted.perf]) : null,
      };
    }
    return result;
  } finally {
    if (tracing) await page.tracing.stop().catch(() => {});
    servers.forget(id);
    await context.close().catch(() => {});
  }
}

/** The renderer main thread of the traced page (where `bench:sync` was marked), and the page → trace clock offset (µs). */
export function traceClock(trace, syncPerf) {
  const events = trace.traceEvents ?? trace;
  const mark = events.find((e) => e.name === 'bench:sync' && String(e.cat).includes('blink.user_timing'));
  if (!mark) return null;
  return {events, pid: mark.pid, tid: mark.tid, offsetUs: mark.ts - syncPerf * 1000};
}

/** Startup: one event per task, the page's marks, and script events (the timeline's and V8's). */
const STARTUP_TRACE_CATEGORIES = ['toplevel', 'blink.user_timing', 'devtools.timeline', 'v8.execute'];

const TIMELINE = {
  script: ['EvaluateScript', 'v8.evaluateModule', 'FunctionCall', 'v8.compileModule', 'v8.compile'],
  style: ['UpdateLayoutTree', 'RecalculateStyles'],
  layout: ['Layout'],
  paint: ['PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'CompositeLayers'],
};

/** The events of one thread (sorted by start) that no other of them contains: its tasks, without what runs inside them. */
export function outermost(events) {
  const out = [];
  for (const e of events) if (!out.length || e.ts >= out.at(-1).ts + out.at(-1).dur) out.push(e);
  return out;
}

/**
 * Busy time of the page's main thread in windows of page time (`performance.now()` ms pairs):
 * the sum of its top-level tasks' overlap with each window, and (when the trace has the timeline)
 * the style, layout and paint time in it.
 */
export function traceWindows(trace, syncPerf, windows) {
  const clock = traceClock(trace, syncPerf);
  if (!clock) return null;
  const {events, pid, tid, offsetUs} = clock;
  const onMain = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && typeof e.dur === 'number');
  const top = outermost(onMain.filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask').sort((a, b) => a.ts - b.ts));
  const overlap = (e, a, b) => Math.max(0, Math.min(e.ts + e.dur, b) - Math.max(e.ts, a));
  const out = {};
  for (const [name, [from, to]] of Object.entries(windows)) {
    const a = from * 1000 + offsetUs;
    const b = to * 1000 + offsetUs;
    const longTasks = top
      .filter((t) => t.dur > 50_000 && overlap(t, a, b) > 0)
      .map((t) => ({atMs: (t.ts - offsetUs) / 1000, ms: t.dur / 1000, cpuMs: typeof t.tdur === 'number' ? t.tdur / 1000 : null}));
    const timeline = {};
    for (const [k, names] of Object.entries(TIMELINE)) {
      // The union of the events' intervals in the window (script events nest: a timer fires a function call).
      const spans = onMain.filter((e) => names.includes(e.name)).map((e) => [Math.max(e.ts, a), Math.min(e.ts + e.dur, b)]).filter(([x, y]) => y > x).sort((p, q) => p[0] - q[0]);
      let total = 0;
      let end = -Infinity;
      for (const [x, y] of spans) {
        if (y <= end) continue;
        total += y - Math.max(x, end);
        end = y;
      }
      timeline[k] = total / 1000;
    }
    // The main thread's CPU time in those tasks (their thread time, in proportion to the overlap):
    // wall time less the waits for a core, which other processes cause, not the page's work.
    const cpuUs = top.reduce((s, t) => (typeof t.tdur === 'number' && t.dur > 0 ? s + t.tdur * (overlap(t, a, b) / t.dur) : s), 0);
    out[name] = {busyMs: top.reduce((s, t) => s + overlap(t, a, b), 0) / 1000, cpuMs: cpuUs / 1000, tasks: top.filter((t) => overlap(t, a, b) > 0).length, longTasks, timeline};
  }
  return out;
}

const fileOf = (url) => (url ? url.slice(url.lastIndexOf('/') + 1) || url : '');

/**
 * Where the CPU time went (self time of each function), over the whole run and after the reply's
 * end (`after`, page time; the profile's clock is the trace's, mapped through `bench:sync`).
 */
function profileSummary(profile, trace, syncPerf, after) {
  const clock = trace ? traceClock(trace, syncPerf) : null;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // A native function (a DOM call: append, createElement …) counts for the script that called it.
  const ownerFile = new Map();
  const ownerOf = (id) => {
    if (ownerFile.has(id)) return ownerFile.get(id);
    const cf = byId.get(id).callFrame;
    let owner;
    if (cf.url) owner = fileOf(cf.url);
    else if (/^\(.*\)$/.test(cf.functionName) || !parent.has(id)) owner = cf.functionName || '(native)';
    else {
      const up = ownerOf(parent.get(id));
      owner = /^\(.*\)$/.test(up) ? '(native)' : up;
    }
    ownerFile.set(id, owner);
    return owner;
  };
  const self = new Map();
  const selfAfter = new Map();
  const a = clock ? after[0] * 1000 + clock.offsetUs : Infinity;
  const b = clock ? after[1] * 1000 + clock.offsetUs : -Infinity;
  let t = profile.startTime;
  const {samples, timeDeltas} = profile;
  for (let i = 0; i < samples.length; i++) {
    t += timeDeltas[i] ?? 0;
    const dur = (timeDeltas[i + 1] ?? 0) / 1000;
    const id = samples[i];
    self.set(id, (self.get(id) ?? 0) + dur);
    if (t >= a && t <= b) selfAfter.set(id, (selfAfter.get(id) ?? 0) + dur);
  }
  const group = (map, key) => {
    const out = new Map();
    for (const [id, ms] of map) {
      const k = key(byId.get(id).callFrame, id);
      out.set(k, (out.get(k) ?? 0) + ms);
    }
    return [...out].sort((x, y) => y[1] - x[1]);
  };
  const fileKey = (_cf, id) => ownerOf(id);
  const fnKey = (cf) => `${cf.functionName || '(anonymous)'} (${cf.url ? `${fileOf(cf.url)}:${cf.lineNumber + 1}` : 'native'})`;
  const total = (map) => [...map.values()].reduce((s, v) => s + v, 0);
  const round = (list, n) => list.slice(0, n).map(([k, v]) => ({name: k, ms: Math.round(v * 10) / 10}));
  const chunkMs = (list) => list.filter(([k]) => /^highlighter-.*\.js$/.test(k)).reduce((s, [, v]) => s + v, 0);
  const files = group(self, fileKey);
  const filesAfter = group(selfAfter, fileKey);
  return {
    intervalUs: PROFILE_INTERVAL_US,
    sampledMs: total(self),
    highlighterMs: chunkMs(files),
    highlighterAfterEndMs: clock ? chunkMs(filesAfter) : null,
    sampledAfterEndMs: clock ? total(selfAfter) : null,
    byFile: round(files, 8),
    byFileAfterEnd: clock ? round(filesAfter, 8) : null,
    topFunctions: round(group(self, fnKey), 12),
    topFunctionsAfterEnd: clock ? round(group(selfAfter, fnKey), 12) : null,
  };
}
