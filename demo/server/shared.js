// Shared plumbing for the reference backends: tokenizing, timestamps, query
// parsing, the per-connection wrapper (timers, faults, serial queue, wire log)
// and the HTTP + WebSocket server that hosts one protocol.
import {createServer} from 'node:http';
import {randomUUID} from 'node:crypto';
import {WebSocketServer, WebSocket} from 'ws';

export {randomUUID as uuid};

// ---------------------------------------------------------------------------
// Text helpers

/**
 * Splits text into LLM-like tokens of at most four characters: leading
 * whitespace sticks to the next word piece, long words are split.
 * `tokenize(s).join('') === s` always holds.
 * @param {string} text
 * @returns {string[]}
 */
export function tokenize(text) {
  return text.match(/\s*\S{1,4}|\s+/gu) ?? [];
}

/**
 * Fixed-size slices (in code points, so emoji are never cut in half).
 * @param {string} text
 * @param {number} size
 * @returns {string[]}
 */
export function slices(text, size) {
  const chars = Array.from(text);
  const out = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

/** ISO 8601 in UTC with a `Z` (FastAPI style): `2024-01-15T10:30:00.123Z`. */
export const isoZ = () => new Date().toISOString();

/**
 * Python `datetime.now().isoformat()` style: microseconds and no time zone,
 * e.g. `2024-01-20T10:30:00.123456`.
 */
export function isoMicros() {
  const micros = String(Math.floor(Number(process.hrtime.bigint() / 1000n) % 1000)).padStart(3, '0');
  return new Date().toISOString().replace('Z', '') + micros;
}

// ---------------------------------------------------------------------------
// Query and per-connection options

/**
 * Parses a `fault` query value: `garbage`, `drop`, `drop1`, `close=4001`, `close:4001`,
 * `late1=800`, `429`, or several joined with commas (`garbage,close=1000`).
 * @param {string|undefined} value
 * @returns {Map<string, string|true>}
 */
export function parseFaults(value) {
  const faults = new Map();
  for (const part of (value ?? '').split(',')) {
    const m = /^\s*([a-z0-9][a-z0-9_-]*)\s*(?:[=:]\s*(.*?))?\s*$/i.exec(part);
    if (m && m[1]) faults.set(m[1].toLowerCase(), m[2] ?? true);
  }
  return faults;
}

/**
 * A non-negative integer from a query value, or `fallback`.
 * @param {string|undefined} value
 * @param {number} fallback
 */
export function intParam(value, fallback) {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : fallback;
}

/** Close codes `ws` may send. Anything else falls back to 1000. */
function validCloseCode(code) {
  return (code >= 1000 && code <= 1014 && ![1004, 1005, 1006].includes(code)) || (code >= 3000 && code <= 4999);
}

// ---------------------------------------------------------------------------
// Connections

/** Thrown (and swallowed by the queue) when a reply tries to go on after the socket closed. */
export class ConnectionClosed extends Error {
  constructor() {
    super('connection closed');
    this.name = 'ConnectionClosed';
  }
}

/** Marks a text frame that is not JSON (passed to `onFrame` instead of a value). */
export const INVALID_JSON = Symbol('invalid-json');

const GARBAGE_TEXT = 'not json {';
const GARBAGE_FRAME = Object.freeze({type: 'mystery_frame', x: 1});
/** `fault=binary`: the bytes of each binary frame. */
const BINARY_BYTES = Buffer.from([0x00, 0x01, 0xfe, 0xff, 0x7b, 0x22]);
/** `fault=big`: the size of the oversized text, in characters (2 MB of ASCII). */
export const BIG_SIZE = 2 * 1024 * 1024;
let bigText = null;
/** 2 MB of plain text, in lines (built once). */
function big() {
  if (bigText === null) {
    const line = 'This is a very long reply that goes on and on to test an oversized frame. ';
    bigText = line.repeat(Math.ceil(BIG_SIZE / line.length)).slice(0, BIG_SIZE);
  }
  return bigText;
}

/**
 * One accepted WebSocket: records every frame both ways, owns every timer it
 * starts (all cleared on close), runs incoming work one item at a time and
 * applies the `fault` query options.
 */
export class Connection {
  /**
   * @param {object} init
   * @param {string} init.id  e.g. `brand-3`
   * @param {WebSocket} init.ws
   * @param {string} init.path
   * @param {Record<string,string>} init.query  effective options (URL query, possibly merged)
   * @param {number} init.tokenDelayMs  server default, overridden by `?delay=`
   * @param {(line: string) => void} init.say
   * @param {boolean} [init.first]  the first connection with this tag (for the one-shot faults `drop1`, `stall1`, `late1`)
   */
  constructor({id, ws, path, query, tokenDelayMs, say, first = true}) {
    this.id = id;
    this.ws = ws;
    this.path = path;
    this.query = query;
    this.tag = query.t ?? null;
    this.delay = intParam(query.delay, tokenDelayMs);
    this.faults = parseFaults(query.fault);
    /** The first connection with this tag: the one-shot faults (`drop1`, `stall1`, `late1`) apply to it only. */
    this.first = first;
    /** Tokens sent in the current reply before `fault=drop` kills the socket. */
    this.dropAfter = 5;
    /**
     * `fault=big`: where the streamed text sits in this protocol's token frames (a dotted path);
     * frames without it get a `padding` field instead.
     */
    this.textField = null;
    /** Called with each incoming frame (parsed JSON, or `INVALID_JSON`) and its raw text. */
    this.onFrame = null;
    /** Called once when the socket has closed (after timers were cleared). */
    this.onClose = null;
    this.received = [];
    this.sent = [];
    this.closed = null;
    this.openedAt = isoZ();
    this._say = say;
    this._timers = new Set();
    this._sleepers = new Set();
    this._queue = Promise.resolve();
    this._inReply = false;
    this._replyTokens = 0;
    this._closeFaultDone = false;
    this._disposed = false;

    ws.on('message', (data, isBinary) => this._receive(isBinary ? data.toString('utf8') : data.toString()));
    ws.on('close', (code, reason) => {
      this.closed = {code, reason: reason.toString()};
      this.dispose();
      this._say(`#${this.id} closed ${code}${reason.length ? ` (${reason})` : ''}`);
      this.onClose?.();
    });
    ws.on('error', () => {}); // a broken client socket is reported through 'close'
  }

  /** True while frames can still be sent. */
  get isOpen() {
    return !this._disposed && this.ws.readyState === WebSocket.OPEN;
  }

  _receive(text) {
    let frame = INVALID_JSON;
    try {
      frame = JSON.parse(text);
    } catch {
      // stays INVALID_JSON
    }
    this.received.push(frame === INVALID_JSON ? text : frame);
    try {
      this.onFrame?.(frame, text);
    } catch (err) {
      this._report(err);
    }
  }

  _report(err) {
    if (!(err instanceof ConnectionClosed)) console.error(`[reference-backends] #${this.id}:`, err);
  }

  /**
   * Sends one JSON frame. Inside a reply with `fault=garbage`, a non-JSON text
   * frame and a frame of unknown type go first.
   * @param {object} frame
   */
  send(frame) {
    if (!this.isOpen) throw new ConnectionClosed();
    if (this._inReply && this.faults.has('garbage')) {
      this._write(GARBAGE_TEXT, GARBAGE_TEXT);
      this._write(JSON.stringify(GARBAGE_FRAME), {...GARBAGE_FRAME});
    }
    if (this._inReply && this.faults.has('binary')) {
      this.ws.send(BINARY_BYTES, {binary: true});
      this.sent.push({binary: BINARY_BYTES.length});
    }
    this._write(JSON.stringify(frame), frame);
  }

  _write(text, logged) {
    this.ws.send(text);
    this.sent.push(logged);
  }

  /** `fault=drop` (every connection) or `fault=drop1` (the first connection with this tag). */
  get drops() {
    return this.faults.has('drop') || (this.first && this.faults.has('drop1'));
  }

  /**
   * Sends a streamed token frame, then waits `delayMs`. Counts towards `fault=drop`;
   * with `fault=big` the second token of a reply is replaced by a 2 MB one.
   * @param {object} frame
   * @param {number} [delayMs]
   */
  async stream(frame, delayMs = this.delay) {
    if (this._inReply && this.faults.has('big') && this._replyTokens === 1) this._sendBig(frame);
    else this.send(frame);
    this._replyTokens += 1;
    if (this._inReply && this.drops && this._replyTokens >= this.dropAfter) {
      this._say(`#${this.id} fault=drop: terminating`);
      this.terminate();
      throw new ConnectionClosed();
    }
    await this.sleep(delayMs);
  }

  /** `fault=big`: the frame with its text replaced by 2 MB (or a 2 MB `padding`); logged in short. */
  _sendBig(frame) {
    if (!this.isOpen) throw new ConnectionClosed();
    const copy = structuredClone(frame);
    const path = this.textField?.split('.') ?? [];
    let holder = copy;
    for (const key of path.slice(0, -1)) holder = holder?.[key];
    const key = path.length && holder && typeof holder === 'object' && typeof holder[path.at(-1)] === 'string' ? path.at(-1) : null;
    if (key) holder[key] = big();
    else copy.padding = big();
    this.ws.send(JSON.stringify(copy));
    if (key) holder[key] = `<${BIG_SIZE} characters>`;
    else copy.padding = `<${BIG_SIZE} characters>`;
    this.sent.push({...copy, big: key ? this.textField : 'padding'});
  }

  /**
   * Runs one reply: enables the reply-scoped faults (`garbage`, `drop`) and
   * applies `fault=close=<code>` once the first reply has finished.
   * @param {() => Promise<void>} body
   */
  async reply(body) {
    this._inReply = true;
    this._replyTokens = 0;
    try {
      const late = this.faults.get('late') ?? (this.first ? this.faults.get('late1') : undefined);
      if (late !== undefined) await this.sleep(intParam(late === true ? undefined : late, 1000));
      await body();
    } finally {
      this._inReply = false;
    }
    if (this.faults.has('close') && !this._closeFaultDone && this.isOpen) {
      this._closeFaultDone = true;
      const code = Number(this.faults.get('close'));
      this.close(validCloseCode(code) ? code : 1000, 'fault injected');
    }
  }

  /** True when `fault=stall` (or `stall1` on the first connection with this tag) asks us never to answer chat messages. */
  get stalled() {
    return this.faults.has('stall') || (this.first && this.faults.has('stall1'));
  }

  /**
   * Queues work behind everything received before it (servers handle one
   * message at a time). A closed socket ends the work silently.
   * @param {() => Promise<void>|void} task
   */
  enqueue(task) {
    this._queue = this._queue
      .then(() => (this.isOpen ? task() : undefined))
      .catch((err) => this._report(err));
    return this._queue;
  }

  /**
   * A timer owned by this connection (cleared on close). `ms <= 0` uses setImmediate.
   * @param {() => void} fn
   * @param {number} ms
   */
  setTimer(fn, ms) {
    const entry = {kind: ms > 0 ? 'timeout' : 'immediate', handle: null};
    const run = () => {
      this._timers.delete(entry);
      if (!this._disposed) fn();
    };
    entry.handle = ms > 0 ? setTimeout(run, ms) : setImmediate(run);
    this._timers.add(entry);
    return entry;
  }

  /**
   * A repeating timer owned by this connection.
   * @param {() => void} fn
   * @param {number} ms
   */
  setInterval(fn, ms) {
    const entry = {kind: 'interval', handle: setInterval(() => this._disposed || fn(), Math.max(1, ms))};
    this._timers.add(entry);
    return entry;
  }

  /** @param {{kind: string, handle: any}|null|undefined} entry */
  clearTimer(entry) {
    if (!entry || !this._timers.delete(entry)) return;
    if (entry.kind === 'immediate') clearImmediate(entry.handle);
    else if (entry.kind === 'interval') clearInterval(entry.handle);
    else clearTimeout(entry.handle);
  }

  /**
   * Waits `ms` (setImmediate for 0). Rejects with `ConnectionClosed` if the
   * socket closes first, so replies stop instead of hanging.
   * @param {number} ms
   */
  sleep(ms) {
    if (this._disposed) return Promise.reject(new ConnectionClosed());
    return new Promise((resolve, reject) => {
      const sleeper = {reject, timer: null};
      sleeper.timer = this.setTimer(() => {
        this._sleepers.delete(sleeper);
        resolve();
      }, ms);
      this._sleepers.add(sleeper);
    });
  }

  /**
   * Closes the socket normally (after anything already sent).
   * @param {number} [code]
   * @param {string} [reason]
   */
  close(code = 1000, reason = '') {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      this.ws.close(code, reason);
    }
    this.dispose();
  }

  /** Kills the TCP connection without a close frame (the client sees 1006). */
  terminate() {
    this.ws.terminate();
    this.dispose();
  }

  /** Clears every timer and stops pending replies. Safe to call twice. */
  dispose() {
    if (this._disposed) return;
    this._disposed = true;
    for (const entry of [...this._timers]) this.clearTimer(entry);
    for (const sleeper of this._sleepers) sleeper.reject(new ConnectionClosed());
    this._sleepers.clear();
  }

  /** The log entry served by `GET /__log`. */
  toJSON() {
    return {
      id: this.id,
      path: this.path,
      query: this.query,
      tag: this.tag,
      openedAt: this.openedAt,
      received: this.received,
      sent: this.sent,
      closed: this.closed,
    };
  }
}

/** A bounded list (oldest dropped first) for the `/__log` endpoint. */
export class BoundedLog {
  /** @param {number} max */
  constructor(max = 500) {
    this.max = max;
    this.items = [];
  }

  /** @param {any} item */
  add(item) {
    this.items.push(item);
    if (this.items.length > this.max) this.items.splice(0, this.items.length - this.max);
    return item;
  }

  /**
   * Items whose `tag` equals `tag` (all when `tag` is null).
   * @param {string|null} tag
   */
  filter(tag) {
    return tag === null ? [...this.items] : this.items.filter((item) => item.tag === tag);
  }
}

// ---------------------------------------------------------------------------
// HTTP helpers

/** Headers every response carries: any origin, and `Retry-After` readable from other origins. */
export const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Retry-After',
};

/** The preflight's default allowed headers (the request's own list is reflected when it sends one). */
const PREFLIGHT_HEADERS = 'Content-Type, X-API-Token, Authorization, Accept';

/**
 * Answers a CORS preflight: POST allowed, `Access-Control-Request-Headers`
 * reflected (the HTTP protocols send Authorization and custom `X-*` headers).
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
function preflight(req, res) {
  res.writeHead(204, {
    ...CORS_HEADERS,
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] || PREFLIGHT_HEADERS,
    'Access-Control-Max-Age': '600',
    Vary: 'Access-Control-Request-Headers',
  });
  res.end();
}

/**
 * Sends a JSON response with the CORS header.
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]  extra response headers
 */
export function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    // Cross-origin pages may read Retry-After only when it is exposed.
    ...CORS_HEADERS,
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/**
 * Reads a request body as text (capped at 1 MB).
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<string>}
 */
export function readBody(req) {
  return new Promise((resolve, reject) => {
    const parts = [];
    let size = 0;
    req.on('data', (part) => {
      size += part.length;
      if (size > 1_000_000) {
        reject(new Error('body too large'));
        req.destroy();
      } else parts.push(part);
    });
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

/** Refuses a WebSocket upgrade with a plain HTTP status, before any socket opens. */
function refuseUpgrade(socket, status, text) {
  if (!socket.writable) return socket.destroy();
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n` +
      `Access-Control-Allow-Origin: *\r\nConnection: close\r\n\r\n${text}`,
  );
}

/**
 * @typedef {object} ProtocolBackend
 * @property {string} name
 * @property {(pathname: string) => object|null} [route]
 *   WebSocket route params for a path, or null to refuse the upgrade with 403 (no `route`: no WebSockets).
 * @property {(conn: Connection, params: object) => void} [connect]
 *   Called once the socket is open; sets `conn.onFrame`.
 * @property {(query: Record<string,string>, params: object) => Record<string,string>} [effectiveQuery]
 *   Lets a protocol merge options from elsewhere (job: from the HTTP start).
 * @property {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, url: URL) => boolean|Promise<boolean>} [http]
 *   Handles a plain HTTP request; returns false when it did not.
 * @property {(tag: string|null) => object} [logExtras]  extra fields for `/__log`
 * @property {(tag: string|null) => object} [log]  the whole `/__log` answer (HTTP-only protocols)
 */

/**
 * Starts one HTTP server hosting one protocol: WebSocket upgrades, the
 * protocol's HTTP routes, `GET /__log`, CORS preflight, and a health check.
 * @param {object} opts
 * @param {ProtocolBackend} opts.backend
 * @param {string} opts.host
 * @param {number} opts.port
 * @param {number} opts.tokenDelayMs
 * @param {boolean} opts.quiet
 * @returns {Promise<{url: string, close: () => Promise<void>}>}
 */
export async function serveProtocol({backend, host, port, tokenDelayMs, quiet}) {
  const say = quiet ? () => {} : (line) => console.log(`[${backend.name}] ${line}`);
  const log = new BoundedLog(500);
  /** Upgrades refused by `refuse=<ms>`: `{tag, path, at, status}`. */
  const refused = new BoundedLog(500);
  /** Per tag: connections so far and when the first one closed (for `drop1`/`stall1`/`late1` and `refuse`). */
  const tags = new Map();
  const live = new Set();
  const sockets = new Set();
  let nextId = 1;

  const tagState = (tag) => {
    let state = tags.get(tag);
    if (!state) {
      state = {connections: 0, firstClosedAt: null};
      tags.set(tag, state);
      if (tags.size > 5000) tags.delete(tags.keys().next().value);
    }
    return state;
  };

  const wss = new WebSocketServer({noServer: true, maxPayload: 1_000_000});

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (req.method === 'OPTIONS') {
        preflight(req, res);
        return;
      }
      if (url.pathname === '/__slow' && req.method === 'GET') {
        // For tests of page loading: a resource that holds the page's load event for `ms`.
        const timer = setTimeout(() => sendJson(res, 200, {slow: true}), Math.min(intParam(url.searchParams.get('ms') ?? undefined, 500), 10_000));
        res.on('close', () => clearTimeout(timer));
        return;
      }
      if (url.pathname === '/__log' && req.method === 'GET') {
        const tag = url.searchParams.get('t');
        if (backend.log) return sendJson(res, 200, backend.log(tag));
        sendJson(res, 200, {connections: log.filter(tag), refused: refused.filter(tag), ...(backend.logExtras?.(tag) ?? {})});
        return;
      }
      if (backend.http && (await backend.http(req, res, url))) return;
      if (url.pathname === '/' && req.method === 'GET') {
        sendJson(res, 200, {status: 'ok', protocol: backend.name});
        return;
      }
      sendJson(res, 404, {detail: 'Not Found'});
    } catch (err) {
      console.error(`[reference-backends] ${backend.name} HTTP:`, err);
      if (!res.headersSent) sendJson(res, 500, {detail: 'Internal Server Error'});
      else res.end();
    }
  });

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const params = backend.route?.(url.pathname) ?? null;
    if (!params) {
      say(`refused upgrade ${url.pathname} (403)`);
      refuseUpgrade(socket, 403, 'Forbidden');
      return;
    }
    const raw = Object.fromEntries(url.searchParams);
    const query = backend.effectiveQuery ? backend.effectiveQuery(raw, params) : raw;
    const tag = query.t ?? null;
    const state = tagState(tag);
    // `refuse=<ms>`: once the first connection with this tag has closed, upgrades are refused for <ms>.
    const refuseMs = intParam(query.refuse, 0);
    if (refuseMs > 0 && state.firstClosedAt !== null && Date.now() - state.firstClosedAt < refuseMs) {
      refused.add({tag, path: url.pathname, at: isoZ(), status: 503});
      say(`refused upgrade ${url.pathname} (503, refuse=${refuseMs})`);
      refuseUpgrade(socket, 503, 'Service Unavailable');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const first = state.connections++ === 0;
      const conn = new Connection({id: `${backend.name}-${nextId++}`, ws, path: url.pathname, query, tokenDelayMs, say, first});
      log.add(conn);
      live.add(conn);
      ws.on('close', () => {
        live.delete(conn);
        if (first) state.firstClosedAt = Date.now();
      });
      say(`#${conn.id} open ${url.pathname}${url.search}`);
      try {
        backend.connect(conn, params);
      } catch (err) {
        console.error(`[reference-backends] ${backend.name} connect:`, err);
        conn.close(1011, 'internal error');
      }
    });
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closing = null;
  return {
    url: `http://${hostForUrl}:${address.port}`,
    close() {
      closing ??= new Promise((resolve) => {
        for (const conn of live) conn.terminate();
        live.clear();
        wss.close();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections?.();
      });
      return closing;
    },
  };
}
