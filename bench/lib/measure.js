// Browser side of the benchmark: launches Debian's Chromium through
// puppeteer-core and measures one page load or one streamed reply per call,
// each in a fresh browser context (cold cache, own renderer process).
import {existsSync} from 'node:fs';
import puppeteer from 'puppeteer-core';
import {CHROME_FLAGS as SHARED_FLAGS, CHROME_PATH} from '../../scripts/chromium.js';

export const CHROME_FLAGS = ['--headless=new', ...SHARED_FLAGS];

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

const PAGES = {widget: 'widget.html', baseline: 'baseline.html'};

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
 * Startup of one page: navigation start → first paint of the empty widget (or
 * of the empty baseline page), and the main-thread busy time of that load.
 * @param {'widget'|'baseline'} kind
 */
export async function measureStartup(browser, servers, kind) {
  const {context, page, errors} = await freshPage(browser);
  const id = servers.registerRun({welcome: false});
  try {
    const cdp = await page.createCDPSession();
    await cdp.send('Performance.enable');
    const m0 = await metrics(cdp);
    await page.goto(`${servers.origin}/bench/pages/${PAGES[kind]}?run=${id}&startup=1`, {waitUntil: 'load', timeout: 30_000});
    const r = await withTimeout(page.evaluate(() => window.benchReady), 20_000, `${kind} startup`);
    const m1 = await metrics(cdp);
    return {
      kind,
      paintedMs: r.widgetPainted,
      firstPaintMs: r.firstPaint,
      firstContentfulPaintMs: r.firstContentfulPaint,
      busyMs: sec(m1, m0, 'TaskDuration'),
      scriptMs: sec(m1, m0, 'ScriptDuration'),
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

/**
 * One streamed reply of `tokens` on a fresh page, over `spec.protocol` (default `brand`:
 * WebSocket; `openai`: POST + Server-Sent Events).
 * @param {'widget'|'baseline'} kind
 * @param {{protocol?: 'brand'|'openai', mode: 'fast'|'paced', tokens: string[], intervalMs: number, timeoutMs: number}} spec
 */
export async function measureStream(browser, servers, kind, spec) {
  const {context, page, errors} = await freshPage(browser);
  const protocol = spec.protocol ?? 'brand';
  const id = servers.registerRun({protocol, tokens: spec.tokens, mode: spec.mode, intervalMs: spec.intervalMs});
  try {
    const query = `?run=${id}${protocol === 'brand' ? '' : `&protocol=${protocol}`}`;
    await page.goto(`${servers.origin}/bench/pages/${PAGES[kind]}${query}`, {waitUntil: 'load', timeout: 30_000});
    const cdp = await page.createCDPSession();
    await cdp.send('Performance.enable');
    try {
      await withTimeout(page.evaluate(() => window.benchReady), 20_000, `${kind} page not ready`);
    } catch (err) {
      throw new Error(`${err.message}${errors.length ? ` — page errors: ${errors.slice(0, 3).join(' | ')}` : ''}`);
    }
    const m0 = await metrics(cdp);
    const r = await withTimeout(page.evaluate(() => window.benchRun()), spec.timeoutMs, `${protocol} ${kind} ${spec.mode} ${spec.tokens.length}`);
    const m1 = await metrics(cdp);
    await cdp.send('HeapProfiler.collectGarbage');
    const m2 = await metrics(cdp);
    const rec = servers.record(id);
    const busyMs = sec(m1, m0, 'TaskDuration');
    const scriptMs = sec(m1, m0, 'ScriptDuration');
    const layoutMs = sec(m1, m0, 'LayoutDuration');
    const styleMs = sec(m1, m0, 'RecalcStyleDuration');
    return {
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
      wallMs: r.rendered.perf - r.trigger.perf,
      triggerToFirstSendMs: rec.firstSentAt - r.trigger.wall,
      lateChanges: r.lateChanges,
      chars: r.chars,
      census: r.census,
      errors,
    };
  } finally {
    servers.forget(id);
    await context.close().catch(() => {});
  }
}
