// Shared plumbing for the HTTP + Server-Sent Events backends (openai, ai-sdk,
// ag-ui): the request log, per-request options and injected failures, and an
// SSE writer that applies the wire faults (comments, crlf, split, multiline,
// garbage, cut) and notices when the client goes away.
import {BoundedLog, CORS_HEADERS, intParam, isoZ, parseFaults, readBody, sendJson} from './shared.js';

/** Thrown into a reply once its response has ended (client gone, `cut`, server closing). */
export class StreamClosed extends Error {
  constructor() {
    super('stream closed');
    this.name = 'StreamClosed';
  }
}

/** `fault=garbage`: the one data line that is not JSON. */
const NOT_JSON = 'not json {';

/** `fault=cut` and `fault=error-mid`: the response ends after this many tokens. */
const CUT_AFTER = 5;

/** Thrown by `streamTokens` for `fault=error-mid`; each protocol turns it into its in-stream error. */
export class MidStreamError extends Error {
  constructor(message = 'The model overloaded') {
    super(message);
    this.name = 'MidStreamError';
  }
}

/** The request headers kept in the log: Authorization, Content-Type, Accept and every `X-*`. */
function loggedHeaders(headers) {
  const out = {
    authorization: headers.authorization ?? null,
    'content-type': headers['content-type'] ?? null,
    accept: headers.accept ?? null,
  };
  for (const [name, value] of Object.entries(headers)) if (name.startsWith('x-')) out[name] = value;
  return out;
}

/**
 * The data payload of one SSE event block (its `data:` lines joined with `\n`),
 * or null when the block has none (a comment).
 * @param {string} block
 */
function dataOf(block) {
  const lines = block.split(/\r\n|\r|\n/).filter((line) => line.startsWith('data:'));
  return lines.length ? lines.map((line) => line.slice(line.startsWith('data: ') ? 6 : 5)).join('\n') : null;
}

/** A payload as the log keeps it: parsed JSON, or the raw string. */
function logged(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Per-server state of one HTTP + SSE protocol: the `/__log` requests and the
 * `fault=429` counts per tag.
 */
export class HttpStreamHost {
  /**
   * @param {object} init
   * @param {string} init.name  protocol name, for console lines
   * @param {number} init.tokenDelayMs  default pause between tokens (`?delay=` overrides)
   * @param {boolean} init.quiet
   * @param {object} [init.garbage]  `fault=garbage`: the event of unknown type this protocol interleaves
   */
  constructor({name, tokenDelayMs, quiet, garbage}) {
    this.name = name;
    this.tokenDelayMs = tokenDelayMs;
    this.say = quiet ? () => {} : (line) => console.log(`[${name}] ${line}`);
    this.garbage = garbage;
    this.requests = new BoundedLog(500);
    /** tag → requests with `fault=429` so far. */
    this.rateLimited = new Map();
  }

  /** The `/__log` answer: `{requests}`, filtered by tag. */
  log(tag) {
    return {requests: this.requests.filter(tag)};
  }

  /**
   * Logs a request, reads its body and returns the exchange that answers it.
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {URL} url
   * @returns {Promise<Exchange>}
   */
  async accept(req, res, url) {
    const query = Object.fromEntries(url.searchParams);
    const record = this.requests.add({
      tag: query.t ?? null,
      method: req.method,
      path: url.pathname,
      query,
      headers: loggedHeaders(req.headers),
      body: null,
      status: null,
      sent: [],
      end: null,
    });
    const exchange = new Exchange({host: this, req, res, record, query});
    let text = '';
    try {
      text = await readBody(req);
    } catch {
      // Too large, or the client went away while sending it (then the entry already says `aborted`).
      if (!exchange.closed) exchange.reject(413, 'Request body too large');
      return exchange;
    }
    record.body = text === '' ? null : logged(text);
    exchange.json = typeof record.body === 'string' ? undefined : record.body;
    this.say(`${req.method} ${url.pathname}${url.search}`);
    return exchange;
  }

  /**
   * The failure `fault=429` or `fault=500` asks for, if any: 429 for the first
   * `fails` (default 1) requests with this tag, 500 always.
   * @param {Record<string, string>} query
   * @returns {429|500|null}
   */
  injectedStatus(query) {
    const faults = parseFaults(query.fault);
    if (faults.has('500')) return 500;
    if (!faults.has('429')) return null;
    const tag = query.t ?? null;
    const seen = this.rateLimited.get(tag) ?? 0;
    this.rateLimited.set(tag, seen + 1);
    if (this.rateLimited.size > 5000) this.rateLimited.delete(this.rateLimited.keys().next().value);
    return seen < intParam(query.fails, 1) ? 429 : null;
  }
}

/**
 * One POST and its response: plain HTTP errors, or an SSE stream written with
 * the request's wire faults. Owns its timers; the client closing the
 * connection ends the log entry as `aborted` and stops the reply at once.
 */
export class Exchange {
  constructor({host, req, res, record, query}) {
    this.host = host;
    this.req = req;
    this.res = res;
    this.record = record;
    this.query = query;
    /** The parsed JSON body (undefined when it was not JSON). */
    this.json = undefined;
    this.faults = parseFaults(query.fault);
    this.delay = this.faults.has('slow') ? 300 : intParam(query.delay, host.tokenDelayMs);
    this.xss = this.faults.has('xss');
    /** Tokens written so far (for `fault=cut`). */
    this.tokens = 0;
    /** Tokens the reply has produced so far (for `fault=error-mid`). */
    this.produced = 0;
    /** True once no more may be written (ended, cut, or the client left). */
    this.closed = false;
    /** `fault=multiline` applies (openai only). */
    this.multiline = false;
    this._timers = new Set();
    this._pending = Promise.resolve();
    this._garbageDone = false;
    this._onClose = [];
    res.on('close', () => {
      if (res.writableEnded) return;
      this.record.end = 'aborted';
      this.record.abortedAt = isoZ();
      this.host.say(`${this.record.path} aborted by the client after ${this.record.sent.length} events`);
      this._dispose();
    });
  }

  /** Runs `fn` once nothing more may be written (ended, cut, or the client left). */
  onClose(fn) {
    this._onClose.push(fn);
  }

  _dispose() {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this._timers) {
      if (timer.immediate) clearImmediate(timer.handle);
      else clearTimeout(timer.handle);
      timer.reject(new StreamClosed());
    }
    this._timers.clear();
    for (const fn of this._onClose.splice(0)) fn();
  }

  /**
   * Answers with a plain HTTP error (no stream): a string body is sent as
   * text, anything else as JSON.
   * @param {number} status
   * @param {unknown} body
   * @param {Record<string, string>} [headers]
   */
  reject(status, body, headers = {}) {
    Object.assign(this.record, {status, end: 'http-error', response: body});
    if (typeof body === 'string') {
      this.res.writeHead(status, {'Content-Type': 'text/plain; charset=utf-8', ...CORS_HEADERS, ...headers});
      this.res.end(body);
    } else sendJson(this.res, status, body, headers);
    this.closed = true;
  }

  /**
   * Applies `fault=429` / `fault=500`: answers with `errorBody(status)` and
   * returns true, or returns false when the request goes on.
   * @param {(status: 429|500) => unknown} errorBody
   */
  injectedFailure(errorBody) {
    const status = this.host.injectedStatus(this.query);
    if (status === null) return false;
    const headers = status === 429 ? {'Retry-After': this.query['retry-after'] ?? '1'} : {};
    this.reject(status, errorBody(status), headers);
    return true;
  }

  /**
   * Starts the 200 SSE response.
   * @param {Record<string, string>} headers  e.g. Content-Type and Cache-Control
   */
  open(headers) {
    this.record.status = 200;
    this.res.writeHead(200, {...headers, ...CORS_HEADERS});
    this.res.flushHeaders();
  }

  /**
   * Writes one SSE event. `payload` is an object (sent as JSON) or a raw data
   * string (`[DONE]`). Applies `garbage`, `comments`, `multiline`, `crlf` and
   * `split`; a token counts towards `fault=cut`, which ends the response after
   * the fifth one. Throws `StreamClosed` once the response is over.
   * @param {object|string} payload
   * @param {{token?: boolean}} [opts]
   */
  send(payload, {token = false} = {}) {
    if (this.closed) throw new StreamClosed();
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
    if (this.faults.has('garbage') && this.host.garbage) {
      this._event(JSON.stringify(this.host.garbage));
      if (this.record.sent.length > 2 && !this._garbageDone) {
        this._garbageDone = true;
        this._event(NOT_JSON);
      }
    }
    this._event(text);
    if (token && ++this.tokens >= CUT_AFTER && this.faults.has('cut')) {
      this.host.say(`${this.record.path} fault=cut after ${this.tokens} tokens`);
      this.end('cut');
      throw new StreamClosed();
    }
  }

  /**
   * Writes an event a library has already encoded as an SSE block
   * (`data: …\n\n`): the same bytes when no wire fault applies.
   * @param {string} block
   * @param {(payload: unknown) => boolean} [isToken]
   */
  sendEncoded(block, isToken = () => false) {
    const data = dataOf(block);
    if (data === null) return;
    const payload = logged(data);
    this.send(data, {token: isToken(payload)});
  }

  _event(text) {
    this.record.sent.push(logged(text));
    const eol = this.faults.has('crlf') ? '\r\n' : '\n';
    let lines = [text];
    if (this.multiline && this.faults.has('multiline') && text.startsWith('{')) {
      // `\n` is JSON whitespace: the client joins the data lines with `\n` and parses the same object.
      lines = JSON.stringify(JSON.parse(text), null, 1).split('\n');
    }
    const comment = this.faults.has('comments') ? `: keep-alive${eol}${eol}` : '';
    this._write(`${comment}${lines.map((line) => `data: ${line}`).join(eol)}${eol}${eol}`);
  }

  _write(text) {
    if (!this.faults.has('split')) {
      this.res.write(text);
      return;
    }
    // Tiny network chunks: 3 bytes at a time, cutting lines and UTF-8 characters.
    const bytes = Buffer.from(text, 'utf8');
    this._pending = this._pending.then(async () => {
      for (let i = 0; i < bytes.length && !this.res.destroyed; i += 3) {
        this.res.write(bytes.subarray(i, i + 3));
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
  }

  /**
   * Waits `ms` (setImmediate for 0); rejects with `StreamClosed` when the
   * response ends first.
   * @param {number} ms
   */
  sleep(ms) {
    if (this.closed) return Promise.reject(new StreamClosed());
    return new Promise((resolve, reject) => {
      const timer = {handle: null, immediate: ms <= 0, reject};
      const done = () => {
        this._timers.delete(timer);
        resolve();
      };
      timer.handle = ms > 0 ? setTimeout(done, ms) : setImmediate(done);
      this._timers.add(timer);
    });
  }

  /** The pause between two streamed tokens (`delay`, or 300 ms with `fault=slow`). */
  pause() {
    return this.sleep(this.delay);
  }

  /**
   * Ends the response once everything written has gone out, and records how
   * it ended (`complete`, `error` or `cut`).
   * @param {'complete'|'error'|'cut'} [kind]
   */
  async end(kind = 'complete') {
    if (this.closed) return;
    this._dispose();
    await this._pending;
    if (this.res.destroyed) return;
    this.record.end = kind;
    this.res.end();
  }
}

/**
 * Emits one token per piece with the request's pause after each; with
 * `fault=error-mid`, throws `MidStreamError` after the fifth token of the reply.
 * @param {Exchange} exchange
 * @param {string[]} pieces
 * @param {(piece: string) => void} emit
 */
export async function streamTokens(exchange, pieces, emit) {
  for (const piece of pieces) {
    emit(piece);
    exchange.produced += 1;
    if (exchange.produced === CUT_AFTER && exchange.faults.has('error-mid')) throw new MidStreamError();
    await exchange.pause();
  }
}

/**
 * Runs a reply, treating `StreamClosed` (client gone, `cut`) as a normal end
 * and anything else as a server bug.
 * @param {Exchange} exchange
 * @param {() => Promise<void>} body
 */
export async function runStream(exchange, body) {
  try {
    await body();
  } catch (err) {
    if (err instanceof StreamClosed) return;
    console.error(`[reference-backends] ${exchange.host.name}:`, err);
    exchange.record.end = 'error';
    if (!exchange.res.headersSent) exchange.reject(500, {error: {message: 'Internal Server Error'}});
    else exchange.res.end();
    exchange._dispose();
  }
}

/**
 * The text of a message's content: a string, or the `text` of its text parts.
 * @param {unknown} content
 */
export function contentText(content) {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter((part) => part && typeof part === 'object' && part.type === 'text' && typeof part.text === 'string')
    .map((part) => part.text)
    .join('');
}
