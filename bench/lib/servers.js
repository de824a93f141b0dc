// The benchmark's servers: one Node HTTP server on 127.0.0.1 (ephemeral port)
// that serves bench/pages/* and the widget bundle, with a `ws` WebSocket server
// on the same port speaking the `brand` protocol (seed 001), and the `openai`
// route on the same origin: `POST /v1/chat/completions` answered with
// Server-Sent Events (`chat.completion.chunk` per token, then a `finish_reason:
// "stop"` chunk and `data: [DONE]`).
//
// Each page connects (brand) or posts (openai) with `?run=<id>`; the harness
// registers the run first (`registerRun`) with its protocol, token list and
// mode, and reads back what the server observed (`run.record`: when the chat
// frame or the request arrived, when the last frame was sent) after the page
// is done. Both protocols are paced by the same loop (`streamFrames`).
import {createServer} from 'node:http';
import {readFile} from 'node:fs/promises';
import {dirname, extname, join, normalize, relative, resolve, sep} from 'node:path';
import {performance} from 'node:perf_hooks';
import {createRequire} from 'node:module';
import {WebSocketServer} from 'ws';

/** The peer of the benchmark: deep-chat's self-contained ES module bundle (a devDependency), served at /peer/deep-chat.js. */
const PEERS = {'/peer/deep-chat.js': createRequire(import.meta.url).resolve('deep-chat/dist/deepChat.bundle.js')};

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

const WELCOME = 'Welcome to the benchmark. Ask anything.';
/** Stop the fast loop's burst when this much is queued in the socket. */
const HIGH_WATER = 1 << 20;
const BURST = 50;

function chunkFrame(content) {
  return JSON.stringify({
    type: 'chunk',
    data: {content, is_final: false, conversation_id: 'c1', suggested_products: null, confidence_score: null},
  });
}

function completeFrame() {
  return JSON.stringify({
    type: 'complete',
    data: {content: '', is_final: true, conversation_id: 'c1', suggested_products: [], confidence_score: null},
  });
}

/** One OpenAI `chat.completion.chunk` as an SSE event (what api.openai.com sends, field for field). */
export function openaiEvent(delta, finishReason = null) {
  const chunk = {
    id: 'chatcmpl-bench',
    object: 'chat.completion.chunk',
    created: 1700000000,
    model: 'bench',
    system_fingerprint: 'fp_bench',
    choices: [{index: 0, delta, logprobs: null, finish_reason: finishReason}],
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/** The frames of a run: the token frames, and the frame(s) that end the reply (sent together). */
function framesFor(protocol, tokens) {
  if (protocol === 'openai') {
    return {
      head: openaiEvent({role: 'assistant', content: ''}),
      frames: tokens.map((content) => openaiEvent({content})),
      complete: `${openaiEvent({}, 'stop')}data: [DONE]\n\n`,
    };
  }
  return {head: null, frames: tokens.map(chunkFrame), complete: completeFrame()};
}

/**
 * Sends `run.frames` over one connection, then `finish()`. Fast mode: bursts of
 * BURST frames per macrotask while the connection's queue holds at most HIGH_WATER
 * bytes (`io.backlogged()`), else waits (`io.waitDrain`). Paced mode: frame i is
 * due at t0 + i × intervalMs (absolute schedule; late frames catch up).
 * @param {{mode: string, frames: string[], intervalMs: number}} run
 * @param {{send: (frame: string) => void, stopped: () => boolean, backlogged: () => boolean, waitDrain: (fn: () => void) => void, later: (fn: () => void, ms: number) => void, finish: () => void}} io
 */
function streamFrames(run, io) {
  const {frames, intervalMs} = run;
  let i = 0;
  if (run.mode !== 'paced') {
    const pump = () => {
      if (io.stopped()) return;
      if (io.backlogged()) {
        io.waitDrain(pump);
        return;
      }
      const end = Math.min(i + BURST, frames.length);
      for (; i < end; i++) io.send(frames[i]);
      if (i < frames.length) setImmediate(pump);
      else io.finish();
    };
    pump();
    return;
  }
  const t0 = performance.now();
  const tick = () => {
    if (io.stopped()) return;
    const now = performance.now();
    while (i < frames.length && t0 + i * intervalMs <= now) io.send(frames[i++]);
    if (i < frames.length) io.later(tick, Math.max(0, t0 + i * intervalMs - performance.now()));
    else io.finish();
  };
  tick();
}

/** Reads a request body (small JSON) as text. */
function readBody(req, limit = 1 << 20) {
  return new Promise((resolve, reject) => {
    const parts = [];
    let size = 0;
    req.on('data', (part) => {
      size += part.length;
      if (size > limit) reject(new Error('request body too large'));
      else parts.push(part);
    });
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

/** Relative module specifiers in built code: `from"./x.js"`, `import("./x.js")`, `import"../x.js"`, preload lists. */
const RELATIVE_JS = /["'`](\.{1,2}\/[^"'`\s]+?\.js)["'`]/g;

/**
 * Reads the bundle once: the entry and every module it can import, statically or
 * dynamically, followed transitively through relative specifiers (the chunks of a
 * code-split build, wherever they sit next to the entry). A rebuild during the run
 * (vite empties dist/ first) must not change or break what is measured.
 * @param {string} bundlePath
 * @returns {Promise<{path: string, route: string, body: Buffer}[]>} the entry first; route = URL path under /dist/
 */
export async function readBundle(bundlePath) {
  const root = dirname(bundlePath);
  const modules = [];
  const seen = new Set();
  const queue = [bundlePath];
  while (queue.length) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    let body;
    try {
      body = await readFile(file);
    } catch {
      // The entry missing (e.g. --baseline-only without a build): 404. Another missing file is
      // a string that only looks like a module path, or a broken build, which the page reports.
      continue;
    }
    // The entry is always served as /dist/chat-widget.js (the page's script tag), its chunks
    // at their path relative to the entry's directory, so the relative imports resolve.
    const route = file === bundlePath ? '/dist/chat-widget.js' : `/dist/${relative(root, file).split(sep).join('/')}`;
    modules.push({path: file, route, body});
    for (const m of body.toString('utf8').matchAll(RELATIVE_JS)) queue.push(resolve(dirname(file), m[1]));
  }
  return modules;
}

/**
 * @param {{pagesDir: string, modules: {path: string, route: string, body: Buffer}[]}} opts
 *   `modules` from {@link readBundle}
 */
export async function startServers({pagesDir, modules}) {
  const files = new Map();
  for (const {path, route, body} of modules) {
    files.set(route, {body, type: TYPES['.js']});
    try {
      files.set(`${route}.map`, {body: await readFile(`${path}.map`), type: TYPES['.map']});
    } catch {
      // No source map: 404.
    }
  }
  /** Routes of bundle modules the pages requested (the widget page is the only one that loads them). */
  const requested = new Set();
  const runs = new Map();
  const sockets = new Set();
  const timers = new Set();
  /** Open `openai` responses (ended at close). */
  const responses = new Set();
  const later = (fn, ms) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  /**
   * `openai`: POST /v1/chat/completions?run=<id> with `{model, stream: true, messages}`
   * → `text/event-stream`: a role chunk, one content chunk per token (paced as the
   * brand stream), then a `finish_reason: "stop"` chunk and `data: [DONE]` in one write.
   */
  const completions = async (req, res, url) => {
    const arrivedAt = Date.now();
    const fail = (status, message) => {
      res.writeHead(status, {'content-type': 'application/json', 'cache-control': 'no-store'});
      res.end(JSON.stringify({error: {message, type: 'invalid_request_error', param: null, code: null}}));
    };
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      fail(405, `${req.method} not allowed`);
      return;
    }
    const run = runs.get(url.searchParams.get('run') ?? '');
    let body;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      fail(400, 'We could not parse the JSON body of your request.');
      return;
    }
    if (!run || run.protocol !== 'openai') {
      fail(404, `unknown benchmark run ${url.searchParams.get('run')}`);
      return;
    }
    if (body?.stream !== true || !Array.isArray(body.messages) || body.messages.length === 0) {
      fail(400, "expected {stream: true, messages: [...]}");
      return;
    }
    run.record.connections++;
    if (run.streaming) {
      fail(409, 'this benchmark run has already streamed');
      return;
    }
    run.streaming = true;
    run.record.chatAt = arrivedAt;
    run.record.message = [...body.messages].reverse().find((m) => m?.role === 'user')?.content ?? null;
    run.record.request = {model: body.model ?? null, messages: body.messages.length};
    let stopped = false;
    responses.add(res);
    res.on('close', () => {
      stopped = true;
      responses.delete(res);
    });
    res.writeHead(200, {'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no'});
    run.record.firstSentAt = Date.now();
    res.write(run.head);
    streamFrames(run, {
      send: (frame) => res.write(frame),
      stopped: () => stopped,
      // res.write() backpressure: the bytes queued in the response and its socket.
      backlogged: () => res.writableLength > HIGH_WATER,
      waitDrain: (fn) => res.once('drain', fn),
      later,
      finish: () => {
        const sentCall = Date.now();
        res.write(run.complete, () => {
          run.record.lastSentAt = Date.now();
          run.record.lastSendCallAt = sentCall;
        });
        res.end();
      },
    });
  };

  const http = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/v1/chat/completions') {
        await completions(req, res, url);
        return;
      }
      let file = null;
      const cached = files.get(url.pathname);
      if (cached) {
        if (cached.type === TYPES['.js']) requested.add(url.pathname);
        res.writeHead(200, {'content-type': cached.type, 'cache-control': 'no-store', 'content-length': cached.body.length});
        res.end(cached.body);
        return;
      }
      if (Object.hasOwn(PEERS, url.pathname)) {
        file = PEERS[url.pathname];
      } else if (url.pathname.startsWith('/bench/pages/')) {
        const rel = normalize(decodeURIComponent(url.pathname.slice('/bench/pages/'.length)));
        if (!rel.startsWith('..') && !rel.includes(`${sep}..`)) file = join(pagesDir, rel);
      } else if (url.pathname === '/favicon.ico') {
        res.writeHead(204).end();
        return;
      }
      if (!file) {
        res.writeHead(404, {'content-type': 'text/plain'}).end('not found');
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        'content-length': body.length,
      });
      res.end(body);
    } catch {
      if (!res.headersSent) res.writeHead(404, {'content-type': 'text/plain'});
      res.end('not found');
    }
  });
  http.keepAliveTimeout = 1000;

  const wss = new WebSocketServer({server: http, perMessageDeflate: false});

  wss.on('connection', (ws, req) => {
    sockets.add(ws);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const run = runs.get(url.searchParams.get('run') ?? '');
    let streaming = false;
    let stopped = false;
    ws.on('close', () => {
      stopped = true;
      sockets.delete(ws);
    });
    ws.on('error', () => {});
    if (!run || run.protocol !== 'brand') {
      ws.send(JSON.stringify({type: 'error', data: {message: `unknown benchmark run ${url.searchParams.get('run')}`}}));
      ws.close(1008, 'unknown run');
      return;
    }
    run.record.connections++;
    if (run.welcome !== false) {
      ws.send(JSON.stringify({type: 'welcome', data: {message: WELCOME, brand_id: 'bench', brand_name: 'Bench'}}));
    }

    const finish = () => {
      const sentCall = Date.now();
      ws.send(run.complete, () => {
        run.record.lastSentAt = Date.now();
        run.record.lastSendCallAt = sentCall;
      });
    };

    const io = {
      send: (frame) => ws.send(frame),
      stopped: () => stopped,
      backlogged: () => ws.bufferedAmount > HIGH_WATER,
      // `ws` has no drain event: look again in a millisecond.
      waitDrain: (fn) => later(fn, 1),
      later,
      finish,
    };

    ws.on('message', (raw) => {
      let frame;
      try {
        frame = JSON.parse(String(raw));
      } catch {
        return;
      }
      if (frame?.type === 'ping') {
        ws.send(JSON.stringify({type: 'pong', data: {}}));
        return;
      }
      if (frame?.type !== 'chat' || streaming) return;
      streaming = true;
      run.record.chatAt = Date.now();
      run.record.message = frame.data?.message;
      run.record.firstSentAt = Date.now();
      streamFrames(run, io);
    });
  });

  await new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', resolve);
  });
  const {port} = http.address();
  let seq = 0;

  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    /**
     * @param {{protocol?: 'brand'|'openai', tokens?: string[], mode?: 'fast'|'paced', intervalMs?: number, welcome?: boolean}} cfg
     * @returns {string} the run id for the page's `?run=`
     */
    registerRun(cfg) {
      const id = `r${++seq}`;
      const protocol = cfg.protocol ?? 'brand';
      runs.set(id, {
        protocol,
        mode: cfg.mode ?? 'fast',
        intervalMs: cfg.intervalMs ?? 5,
        welcome: cfg.welcome,
        // openai: a request has streamed (a brand socket keeps its own flag).
        streaming: false,
        ...framesFor(protocol, cfg.tokens ?? []),
        // chatAt: the brand chat frame or the openai request arrived; firstSentAt / lastSentAt:
        // the stream's first frame handed to the socket, the last frame written out.
        record: {connections: 0, chatAt: null, firstSentAt: null, lastSentAt: null, lastSendCallAt: null, message: null},
      });
      return id;
    },
    record(id) {
      return runs.get(id)?.record;
    },
    /** Bundle module routes requested so far, e.g. `/dist/chat-widget.js`, `/dist/chunks/brand-x.js`. */
    requestedModules() {
      return [...requested];
    },
    forget(id) {
      runs.delete(id);
    },
    welcomeText: WELCOME,
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const ws of sockets) ws.terminate();
      for (const res of responses) res.destroy();
      await new Promise((resolve) => wss.close(() => resolve()));
      http.closeAllConnections?.();
      await new Promise((resolve) => http.close(() => resolve()));
    },
  };
}
