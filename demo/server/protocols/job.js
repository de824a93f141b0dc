// `job` (seed 000): POST /chat/start, then a WebSocket that streams progress
// steps and one result, then closes.
import {BoundedLog, intParam, readBody, sendJson, uuid} from '../shared.js';
import {HOSTILE_MARKDOWN, HOSTILE_TEXT, socialContent} from '../content.js';

const PLATFORMS = ['Instagram', 'Twitter', 'TikTok', 'Facebook'];
const STEPS = ['keywords', 'research', 'content_generation', 'compliance_check'];
const MAX_SESSIONS = 1000;

/**
 * @param {{jobToken: string}} options
 * @returns {import('../shared.js').ProtocolBackend}
 */
export function createJobBackend({jobToken}) {
  /** session id → the job it was started with (and the start URL's query: tag, delay, fault). */
  const sessions = new Map();
  const starts = new BoundedLog(500);
  /** tag → starts seen so far (for `start-fail`). */
  const startCounts = new Map();

  /**
   * `start-fail=<status|hang>` with `start-fails=<n>` (default 1): the first n starts with this
   * tag fail with that HTTP status (`Retry-After: <retry-after>` on 429 when given) or never answer.
   */
  function injectedFailure(query) {
    const kind = query['start-fail'];
    if (!kind) return null;
    const tag = query.t ?? null;
    const seen = startCounts.get(tag) ?? 0;
    startCounts.set(tag, seen + 1);
    if (startCounts.size > 5000) startCounts.delete(startCounts.keys().next().value);
    return seen < intParam(query['start-fails'], 1) ? kind : null;
  }

  function remember(id, job) {
    sessions.set(id, job);
    if (sessions.size > MAX_SESSIONS) sessions.delete(sessions.keys().next().value);
  }

  async function start(req, res, url) {
    const startQuery = Object.fromEntries(url.searchParams);
    const entry = starts.add({
      tag: startQuery.t ?? null,
      query: startQuery,
      headers: {'x-api-token': req.headers['x-api-token'] ?? null},
      body: null,
      status: 0,
    });
    const reply = (status, body) => {
      entry.status = status;
      entry.response = body;
      sendJson(res, status, body);
    };

    const text = await readBody(req);
    try {
      entry.body = JSON.parse(text);
    } catch {
      entry.body = text;
    }

    const failure = injectedFailure(startQuery);
    if (failure === 'hang') {
      // Never answered: the client's timeout (or the server's close) ends it.
      entry.status = 'hang';
      return undefined;
    }
    if (failure !== null) {
      const status = intParam(failure, 503);
      entry.status = status;
      entry.response = {detail: 'Service temporarily unavailable'};
      const retryAfter = startQuery['retry-after'];
      sendJson(res, status, entry.response, retryAfter !== undefined ? {'Retry-After': retryAfter} : {});
      return undefined;
    }

    if (req.headers['x-api-token'] !== jobToken) return reply(401, {detail: 'Invalid API token'});
    const body = entry.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return reply(400, {detail: 'Invalid JSON body'});
    }
    if (typeof body.query !== 'string' || !body.query.trim()) {
      return reply(400, {detail: 'Field "query" is required'});
    }
    if (!PLATFORMS.includes(body.platform)) {
      // FastAPI's validation error shape.
      return reply(422, {
        detail: [
          {
            type: 'literal_error',
            loc: ['body', 'platform'],
            msg: `Input should be ${PLATFORMS.map((p) => `'${p}'`).join(', ')}`,
            input: body.platform ?? null,
          },
        ],
      });
    }

    const sessionId = `session_${uuid()}`;
    remember(sessionId, {
      topic: typeof body.topic === 'string' ? body.topic : '',
      query: body.query,
      platform: body.platform,
      clientSessionId: body.session_id ?? null,
      startQuery,
    });
    reply(200, {
      message: 'Job started successfully. Connect to the WebSocket to receive progress updates.',
      session_id: sessionId,
      websocket_url: `/ws/chat/${sessionId}`,
    });
    return undefined;
  }

  /** @param {import('../shared.js').Connection} conn */
  async function runJob(conn, sessionId, job) {
    const xss = conn.faults.has('xss');
    const stepDelay = conn.delay * 10;
    conn.dropAfter = 2; // a job has few frames: `drop` cuts it after two progress steps
    conn.textField = 'message';
    await conn.reply(async () => {
      await conn.sleep(stepDelay);
      for (const [i, step] of STEPS.entries()) {
        if (/fail/i.test(job.query) && i === 2) {
          conn.send({
            type: 'error',
            message: `Generation failed: the content model returned no usable output for "${job.topic || 'this topic'}"`,
          });
          return;
        }
        await conn.stream(
          {type: 'progress', step, message: xss ? `Completed step: ${HOSTILE_TEXT}` : `Completed step: ${step}`},
          stepDelay,
        );
      }
      const {responseText, strategy, compliance} = socialContent(job);
      conn.send({
        type: 'result',
        session_id: sessionId,
        response_text: xss ? HOSTILE_MARKDOWN : responseText,
        strategy: xss ? {...strategy, tone: HOSTILE_TEXT, hashtags: [HOSTILE_TEXT]} : strategy,
        compliance: xss ? {...compliance, notes: HOSTILE_TEXT, checks: [{name: HOSTILE_TEXT, passed: true}]} : compliance,
      });
    });
    // `fault=close=<code>` has already closed the socket with its own code.
    if (conn.isOpen) conn.close(1000);
  }

  return {
    name: 'job',

    route(pathname) {
      const m = /^\/ws\/chat\/([^/]+)\/?$/.exec(pathname);
      return m ? {sessionId: decodeURIComponent(m[1])} : null;
    },

    // The job socket inherits the options (t, delay, fault) of the POST that
    // started it; its own query wins.
    effectiveQuery(query, {sessionId}) {
      const job = sessions.get(sessionId);
      return job ? {...job.startQuery, ...query} : query;
    },

    connect(conn, {sessionId}) {
      conn.onFrame = () => {}; // the job socket is one-way; anything sent is logged and ignored
      if (conn.query.token !== jobToken) {
        conn.send({type: 'error', message: 'Invalid token'});
        conn.close(4401, 'Invalid token');
        return;
      }
      const job = sessions.get(sessionId);
      if (!job) {
        conn.send({type: 'error', message: `Session ${sessionId} not found`});
        conn.close(1000);
        return;
      }
      if (conn.stalled) return;
      conn.enqueue(() => runJob(conn, sessionId, job));
    },

    async http(req, res, url) {
      if (url.pathname !== '/chat/start' && url.pathname !== '/chat/start/') return false;
      if (req.method !== 'POST') {
        sendJson(res, 405, {detail: 'Method Not Allowed'});
        return true;
      }
      await start(req, res, url);
      return true;
    },

    logExtras(tag) {
      return {starts: starts.filter(tag)};
    },
  };
}
