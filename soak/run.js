#!/usr/bin/env node
// `npm run soak`: drives user messages through the built `dist/chat-widget.js`
// in headless Chromium against the fault-injecting reference backends (random
// mid-reply drops, refused reconnects and page reloads), then compares what the
// user sent (the widget's messages with role "user") with what the servers
// received (their `/__log`), and prints the lost, duplicated and reordered
// counts (target 0/0/0), the longest time to recover and the reconnect attempts
// per drop. Exit code 1 when anything was lost, duplicated or reordered.
//
// Bounded: a fixed number of messages (default 200) and a time limit (default
// 270 s); servers listen on 127.0.0.1 only; everything stops by itself.
import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync, readdirSync, statSync} from 'node:fs';
import {createServer} from 'node:http';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import puppeteer from 'puppeteer-core';
import {CHROME_FLAGS as SHARED_FLAGS, CHROME_PATH} from '../scripts/chromium.js';
import {prng} from '../scripts/prng.js';
import {startBackends} from '../demo/server/backends.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = join(ROOT, 'dist', 'chat-widget.js');
const CHROME_FLAGS = ['--headless=new', ...SHARED_FLAGS];
const PROTOCOLS = ['brand', 'session', 'template', 'agent'];
/** Widget timings for the soak: quick reconnects, so that 200 messages fit in a few minutes. */
const WIDGET_ATTRS = {persist: 'session', 'reconnect-delay': '100', 'reconnect-max': '1000', 'connect-timeout': '3000'};
/** How the server logged each protocol's user frames. */
const USER_TEXT = {
  brand: (f) => (f?.type === 'chat' ? f.data?.message : undefined),
  session: (f) => (f?.type === 'chat_message' ? f.message : undefined),
  template: (f) => (f?.type === 'chat_message' ? f.content : undefined),
  agent: (f) => (f && f.type === undefined && typeof f.message === 'string' ? f.message : undefined),
};

const HELP = `Usage: npm run soak -- [options]

Sends user messages through dist/chat-widget.js (built first when missing or
older than src/) in headless Chromium against the reference backends with
random drops (fault=drop1), refused reconnects (refuse=<ms>) and reloads, and
prints lost / duplicated / reordered counts, the longest time to recover and
the reconnect attempts per drop.

Options:
  --messages N     user messages to send (default 200)
  --seed N         seed of the random choices (default 1)
  --time-limit S   stop sending after S seconds (default 270)
  -h, --help       this text

Environment: CHROME_PATH (default /usr/bin/chromium).`;

function options() {
  const {values} = parseArgs({
    options: {
      messages: {type: 'string', default: '200'},
      seed: {type: 'string', default: '1'},
      'time-limit': {type: 'string', default: '270'},
      help: {type: 'boolean', short: 'h', default: false},
    },
  });
  const int = (name) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} needs a positive integer, not "${values[name]}"`);
    return n;
  };
  return {help: values.help, messages: int('messages'), seed: int('seed'), timeLimitMs: int('time-limit') * 1000};
}

const log = (line) => process.stderr.write(`${line}\n`);


// ---------------------------------------------------------------------------
// Build, page server, browser

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the bundle when it is missing or older than the sources. */
function ensureBundle() {
  if (existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs >= newestMtime(join(ROOT, 'src'))) return;
  log(existsSync(BUNDLE) ? 'soak: dist/chat-widget.js is older than src/: npm run build' : 'soak: no dist/chat-widget.js: npm run build');
  const result = spawnSync('npm', ['run', 'build'], {cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit']});
  if (result.status !== 0 || !existsSync(BUNDLE)) throw new Error('npm run build failed');
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>chat-widget soak</title>
<script type="module" src="/dist/chat-widget.js"></script></head>
<body><main id="host"></main></body></html>`;

/** Serves the soak page and the bundle on 127.0.0.1. */
async function startPageServer() {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/' || path === '/index.html') {
      res.writeHead(200, {'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store'});
      res.end(PAGE);
    } else if (path === '/dist/chat-widget.js') {
      res.writeHead(200, {'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store'});
      res.end(readFileSync(BUNDLE));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/**
 * Runs in every page before its scripts: counts WebSocket constructions and
 * records the widget's `chat-status` changes (with times), per page instance.
 */
function instrument() {
  const Native = window.WebSocket;
  const soak = {sockets: [], statuses: []};
  window.__soak = soak;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      soak.sockets.push(Date.now());
    }
  };
  document.addEventListener('chat-status', (e) => soak.statuses.push({status: e.detail.status, at: Date.now()}));
}

/** Puts one widget on the page (after a navigation or a reload). */
async function addWidget(page, attrs) {
  await page.waitForFunction(() => customElements.get('chat-widget') !== undefined, {timeout: 15_000});
  await page.evaluate((a) => {
    const el = document.createElement('chat-widget');
    for (const [k, v] of Object.entries(a)) el.setAttribute(k, v);
    document.getElementById('host').replaceChildren(el);
  }, attrs);
}

const widgetState = (page) =>
  page.evaluate(() => {
    const el = document.querySelector('chat-widget');
    return {
      status: el.status,
      messages: el.messages.map((m) => ({id: m.id, role: m.role, text: m.text.length > 200 ? m.text.slice(0, 200) : m.text, status: m.status, kind: m.meta.kind ?? null})),
    };
  });

/** Polls the page until `predicate(state)` holds; false on timeout. */
async function waitFor(page, predicate, timeoutMs) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (predicate(await widgetState(page))) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}

// ---------------------------------------------------------------------------
// Metrics

/**
 * From one page instance's statuses and socket constructions: each drop (status
 * leaving `open` for `reconnecting`) → time until `open` again and the sockets
 * opened meanwhile; and, after a reload, the time and sockets until the first `open`.
 */
function pageMetrics(soak, loadedAt) {
  const drops = [];
  let reload = null;
  const firstOpen = soak.statuses.find((s) => s.status === 'open');
  if (loadedAt !== null && firstOpen) {
    reload = {ms: firstOpen.at - loadedAt, attempts: soak.sockets.filter((t) => t <= firstOpen.at).length};
  }
  for (let i = 1; i < soak.statuses.length; i++) {
    const {status, at} = soak.statuses[i];
    if (status !== 'reconnecting' || soak.statuses[i - 1].status !== 'open') continue;
    const back = soak.statuses.slice(i + 1).find((s) => s.status === 'open');
    if (!back) continue;
    drops.push({ms: back.at - at, attempts: soak.sockets.filter((t) => t > at && t <= back.at).length});
  }
  return {drops, reload};
}

/** Messages out of order: those not on the longest increasing run of server positions. */
function reorderedCount(positions) {
  const tails = [];
  for (const p of positions) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid] < p) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = p;
  }
  return positions.length - tails.length;
}

function compare(sent, received) {
  const counts = new Map();
  for (const text of received) counts.set(text, (counts.get(text) ?? 0) + 1);
  let lost = 0;
  let duplicated = 0;
  const positions = [];
  for (const text of sent) {
    const n = counts.get(text) ?? 0;
    if (n === 0) lost++;
    else {
      duplicated += n - 1;
      positions.push(received.indexOf(text));
    }
  }
  // Frames the server got that the user never sent would be duplicates of nothing: count them too.
  const unknown = received.filter((t) => !sent.includes(t)).length;
  return {lost, duplicated: duplicated + unknown, reordered: reorderedCount(positions)};
}

// ---------------------------------------------------------------------------
// The run

async function main() {
  const opts = options();
  if (opts.help) {
    console.log(HELP);
    return 0;
  }
  const started = Date.now();
  const deadline = started + opts.timeLimitMs;
  const random = prng(opts.seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));

  ensureBundle();
  const backends = await startBackends({host: '127.0.0.1', port: 0, tokenDelayMs: 1, quiet: true});
  const pages = await startPageServer();
  const browser = await puppeteer.launch({executablePath: CHROME_PATH, headless: true, args: CHROME_FLAGS});
  // Whatever happens, nothing outlives the time limit by much.
  const watchdog = setTimeout(() => {
    log('soak: hard time limit reached, stopping');
    process.exit(2);
  }, opts.timeLimitMs + 90_000);
  watchdog.unref();

  const totals = {sent: 0, lost: 0, duplicated: 0, reordered: 0, missingFromTranscript: 0, unanswered: 0, pendingAtEnd: 0, timeouts: 0};
  const recoveries = {drops: [], reloads: []};
  const counts = {episodes: 0, reloads: 0, refusedUpgrades: 0, refuseWindows: 0, serverDrops: 0, byProtocol: Object.fromEntries(PROTOCOLS.map((p) => [p, 0]))};
  let messageNo = 0;

  try {
    const page = await browser.newPage();
    await page.evaluateOnNewDocument(instrument);
    page.on('pageerror', (err) => log(`soak: page error: ${err.message}`));

    while (messageNo < opts.messages && Date.now() < deadline) {
      const episode = ++counts.episodes;
      const protocol = pick(PROTOCOLS);
      counts.byProtocol[protocol]++;
      const tag = `soak${opts.seed}-${episode}-${Math.floor(random() * 1e6).toString(36)}`;
      const query = {t: tag, delay: '1'};
      if (random() < 0.6) query.fault = 'drop1';
      if (random() < 0.6) {
        query.refuse = String(between(200, 1500));
        counts.refuseWindows++;
      }
      const attrs = {protocol, url: `${backends.urls[protocol]}/?${new URLSearchParams(query)}`, ...WIDGET_ATTRS, ...(protocol === 'brand' ? {brand: 'techpro'} : {})};
      const typed = [];

      let loadedAt = null;
      const harvest = async () => {
        const soak = await page.evaluate(() => window.__soak);
        const m = pageMetrics(soak, loadedAt);
        if (process.env.SOAK_DEBUG) log(`\n  page statuses ${soak.statuses.map((x) => x.status).join(' ')} sockets ${soak.sockets.length}`);
        recoveries.drops.push(...m.drops);
        if (m.reload) recoveries.reloads.push(m.reload);
      };
      const reload = async () => {
        await harvest();
        counts.reloads++;
        loadedAt = Date.now();
        await page.reload({waitUntil: 'load'});
        await addWidget(page, attrs);
      };

      await page.goto(pages.url, {waitUntil: 'load'});
      await addWidget(page, attrs);
      if (!(await waitFor(page, (s) => s.status === 'open', 15_000))) {
        totals.timeouts++;
        log(`\nsoak: episode ${episode} (${protocol}): never open: ${JSON.stringify(await widgetState(page))}`);
      }

      const inEpisode = Math.min(between(4, 8), opts.messages - messageNo);
      for (let i = 0; i < inEpisode; i++) {
        const text = `soak message ${++messageNo} (${tag}) how does this work?`;
        typed.push(text);
        const id = await page.evaluate((t) => document.querySelector('chat-widget').send(t), text);
        if (id === null) log(`soak: send refused for "${text}"`);
        const roll = random();
        if (roll < 0.1) {
          // Reload at once: the message may be pending, just sent, or mid-reply.
          await reload();
          continue;
        }
        // Settled: answered (or cut, or failed), or offline and queued (the user moves on).
        const settled = await waitFor(
          page,
          (s) => {
            const at = s.messages.findIndex((m) => m.id === id);
            if (at < 0) return true;
            const mine = s.messages[at];
            if (mine.status === 'pending') return s.status === 'reconnecting';
            if (mine.status === 'interrupted' || mine.status === 'error') return true;
            return s.messages.slice(at + 1).some((m) => m.role !== 'user' && m.kind !== 'welcome' && m.status !== 'streaming');
          },
          15_000,
        );
        if (!settled) {
          totals.timeouts++;
          log(`\nsoak: episode ${episode} (${protocol}, ${new URLSearchParams(query)}): no settle for "${text}": ${JSON.stringify(await widgetState(page))}`);
        }
        if (random() < 0.08) await reload();
      }

      // Let the outbox drain and the last reply finish, then compare.
      const drained = await waitFor(
        page,
        (s) => s.status === 'open' && s.messages.every((m) => m.status !== 'pending' && m.status !== 'streaming'),
        20_000,
      );
      if (!drained) {
        totals.timeouts++;
        log(`\nsoak: episode ${episode} (${protocol}, ${new URLSearchParams(query)}): not drained: ${JSON.stringify(await widgetState(page))}`);
      }
      await new Promise((r) => setTimeout(r, 50));
      await harvest();
      const state = await widgetState(page);
      const users = state.messages.filter((m) => m.role === 'user');
      const sent = users.map((m) => m.text);
      const serverLog = await (await fetch(`${backends.urls[protocol]}/__log?t=${encodeURIComponent(tag)}`)).json();
      const received = serverLog.connections.flatMap((c) => c.received.map(USER_TEXT[protocol]).filter((t) => t !== undefined));
      counts.refusedUpgrades += serverLog.refused?.length ?? 0;
      counts.serverDrops += serverLog.connections.filter((c) => c.closed?.code === 1006).length;
      if (process.env.SOAK_DEBUG) log(`\nepisode ${episode} ${protocol} ${new URLSearchParams(query)} server drops ${serverLog.connections.filter((c) => c.closed?.code === 1006).length} closes ${JSON.stringify(serverLog.connections.map((c) => c.closed?.code))} drops so far ${recoveries.drops.length}`);
      const result = compare(sent, received);
      totals.sent += sent.length;
      totals.lost += result.lost;
      totals.duplicated += result.duplicated;
      totals.reordered += result.reordered;
      totals.missingFromTranscript += typed.filter((t) => !sent.includes(t)).length;
      totals.unanswered += users.filter((m) => m.status === 'interrupted').length;
      totals.pendingAtEnd += users.filter((m) => m.status === 'pending').length;
      if (result.lost || result.duplicated || result.reordered) {
        log(`soak: episode ${episode} (${protocol}, ${new URLSearchParams(query)}): ${JSON.stringify(result)}`);
        log(`  sent:     ${JSON.stringify(sent)}`);
        log(`  received: ${JSON.stringify(received)}`);
      }
      process.stderr.write(`\rsoak: ${messageNo}/${opts.messages} messages, ${episode} episodes, ${Math.round((Date.now() - started) / 1000)} s   `);
    }
    process.stderr.write('\n');
  } finally {
    clearTimeout(watchdog);
    await browser.close().catch(() => {});
    await pages.close();
    await backends.close();
  }

  const maxOf = (list) => (list.length ? Math.max(...list) : 0);
  const mean = (list) => (list.length ? list.reduce((a, b) => a + b, 0) / list.length : 0);
  const dropAttempts = recoveries.drops.map((d) => d.attempts);
  const elapsed = (Date.now() - started) / 1000;
  const lines = [
    `soak: ${totals.sent} user messages in ${counts.episodes} episodes (${PROTOCOLS.map((p) => `${p} ${counts.byProtocol[p]}`).join(', ')}), seed ${opts.seed}`,
    `faults: ${counts.serverDrops} connections dropped mid-reply (server-side terminate), ${counts.reloads} reloads, ${counts.refuseWindows} refusal windows (${counts.refusedUpgrades} upgrades refused with 503)`,
    `lost: ${totals.lost}  duplicated: ${totals.duplicated}  reordered: ${totals.reordered}`,
    `missing from the transcript: ${totals.missingFromTranscript}  still pending at the end: ${totals.pendingAtEnd}  unanswered (the connection broke before any reply text showed; Retry offered): ${totals.unanswered}`,
    `longest time to recover: ${maxOf(recoveries.drops.map((d) => d.ms))} ms after a drop (${recoveries.drops.length} recoveries measured; a drop followed by a reload counts as a reload), ${maxOf(recoveries.reloads.map((r) => r.ms))} ms after a reload (${recoveries.reloads.length})`,
    `reconnect attempts per drop: mean ${mean(dropAttempts).toFixed(2)}, max ${maxOf(dropAttempts)} (sockets opened until back online, refused ones included; after a reload: mean ${mean(recoveries.reloads.map((r) => r.attempts)).toFixed(2)}, max ${maxOf(recoveries.reloads.map((r) => r.attempts))})`,
    `waits that timed out: ${totals.timeouts}  elapsed: ${elapsed.toFixed(1)} s${messageNo < opts.messages ? ` (time limit: stopped at ${messageNo} messages)` : ''}`,
  ];
  console.log(lines.join('\n'));
  const failed = totals.lost + totals.duplicated + totals.reordered + totals.missingFromTranscript + totals.pendingAtEnd > 0;
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
