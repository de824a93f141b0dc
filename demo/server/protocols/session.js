// `session` (seed 003): "Alex AI" novated-leasing assistant. Session and
// visitor ids come from the URL query at connect; replies are fixed-size
// `chunk` slices, an empty final chunk and a `complete` with the full text.
import {INVALID_JSON, intParam, slices, uuid} from '../shared.js';
import {
  HOSTILE_MARKDOWN,
  HOSTILE_TEXT,
  LEASING_FOLLOW_UP,
  LEASING_REPLIES,
  SESSION_END_IDLE_TEXT,
  SESSION_END_USER_TEXT,
  SESSION_IDLE_TEXT,
  SESSION_STARTER_SUGGESTIONS,
} from '../content.js';

const CHUNK_SIZE = 12;
const PING_TYPES = new Set(['ping', 'pong', 'heartbeat', 'keepalive', 'keep_alive']);
const MAX_SESSIONS = 5000;

/**
 * @param {{idleWarningMs: number, sessionEndMs: number}} options
 * @returns {import('../shared.js').ProtocolBackend}
 */
export function createSessionBackend({idleWarningMs, sessionEndMs}) {
  /** session id → {visitorId, conversationData} (created on the fly). */
  const sessions = new Map();

  /** Errors for the special test session ids (`expired-…`, `inactive-…`, `missing-…`). */
  function sessionProblem(sessionId) {
    if (sessionId.startsWith('expired-')) return `Session ${sessionId} has expired`;
    if (sessionId.startsWith('inactive-')) return `Session ${sessionId} is not active`;
    if (sessionId.startsWith('missing-')) return `Session not found: ${sessionId}`;
    return null;
  }

  function openSession(sessionId, visitorId) {
    let session = sessions.get(sessionId);
    if (!session) {
      session = {visitorId, conversationData: {}};
      sessions.set(sessionId, session);
      if (sessions.size > MAX_SESSIONS) sessions.delete(sessions.keys().next().value);
    }
    return session;
  }

  /** Every frame of this protocol carries suggestions, metadata, done and complete. */
  function frame(type, sessionId, fields = {}) {
    return {type, session_id: sessionId, suggestions: [], metadata: {}, done: false, complete: false, ...fields};
  }

  function errorFrame(sessionId, error, errorType = 'validation_error') {
    return frame('error', sessionId, {error, metadata: {error_type: errorType}});
  }

  /** Picks the reply text, updates what we know about the visitor. */
  function compose(message, session, xss) {
    const data = session.conversationData;
    const name = /\bmy name is\s+([\p{L}][\p{L}'-]*)/iu.exec(message)?.[1];
    const email = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/.exec(message)?.[0];
    if (name) data.name = name.charAt(0).toUpperCase() + name.slice(1);
    if (email) data.email = email;
    const missing = !data.name ? 'name' : !data.email ? 'email' : null;

    if (xss) return {text: HOSTILE_MARKDOWN, suggestions: [HOSTILE_TEXT, 'Safe suggestion'], needsInfo: null};
    if (/\b(bye|goodbye)\b/i.test(message)) {
      return {text: `You're welcome${data.name ? `, ${data.name}` : ''}! Good luck with your new car. 🚗`, suggestions: [], needsInfo: null};
    }
    if (name || email) {
      const text = email
        ? `Thanks${data.name ? `, ${data.name}` : ''}! I'll send your personalised quote to **${data.email}** within one business day. Is there anything else you'd like to know in the meantime?`
        : `Nice to meet you, **${data.name}**! 👋 What's the best email address to send your quote to?`;
      return {text, suggestions: ['How much could I save?', 'Can I lease an electric car?', 'What happens at the end of the lease?'], needsInfo: missing};
    }
    const reply = LEASING_REPLIES.find((r) => r.pattern.test(message)) ?? LEASING_REPLIES[LEASING_REPLIES.length - 1];
    return {text: reply.text, suggestions: reply.suggestions, needsInfo: reply.asksForDetails ? missing : null};
  }

  return {
    name: 'session',

    route(pathname) {
      return /^\/ws\/chat\/?$/.test(pathname) ? {} : null;
    },

    connect(conn) {
      conn.textField = 'chunk';
      const idleMs = intParam(conn.query.idle, idleWarningMs);
      const endMs = intParam(conn.query.end, sessionEndMs);
      const urlSession = conn.query.session_id || null;
      const urlVisitor = conn.query.visitor_id || null;
      const tracked = Boolean(urlSession && urlVisitor);
      let idleTimer = null;
      let endTimer = null;
      let generation = 0;

      const endSession = (reason, message, timeoutSeconds) => {
        const session = sessions.get(urlSession);
        conn.send(
          frame('session_end', urlSession, {
            message,
            response_id: uuid(),
            complete: true,
            conversation_data: session?.conversationData ?? {},
            metadata: {type: 'session_end', reason, ...(timeoutSeconds !== undefined ? {timeout_seconds: timeoutSeconds} : {})},
          }),
        );
        conn.close(1000);
      };

      /** (Re)starts the idle warning and session end timers: any client frame calls this. */
      const resetTimers = () => {
        if (!tracked) return;
        conn.clearTimer(idleTimer);
        conn.clearTimer(endTimer);
        const current = ++generation;
        idleTimer = conn.setTimer(() => {
          conn.enqueue(() => {
            if (current !== generation) return;
            conn.send(
              frame('idle_warning', urlSession, {
                message: SESSION_IDLE_TEXT,
                response_id: uuid(),
                metadata: {type: 'idle_warning', timeout_seconds: idleMs / 1000},
              }),
            );
          });
        }, idleMs);
        endTimer = conn.setTimer(() => {
          conn.enqueue(() => {
            if (current === generation) endSession('idle_timeout', SESSION_END_IDLE_TEXT, endMs / 1000);
          });
        }, endMs);
      };

      /** One assistant message: chunks, the empty final chunk, then `complete`. */
      const streamMessage = async (sessionId, messageId, session, {text, suggestions, needsInfo}) => {
        for (const chunk of slices(text, CHUNK_SIZE)) {
          await conn.stream(frame('chunk', sessionId, {message_id: messageId, chunk}));
        }
        conn.send(frame('chunk', sessionId, {message_id: messageId, chunk: '', done: true}));
        conn.send(
          frame('complete', sessionId, {
            response_id: uuid(),
            message_id: messageId,
            message: text,
            conversation_data: {...session.conversationData},
            needs_info: needsInfo,
            suggestions,
          }),
        );
      };

      const handle = async (msg) => {
        const sid = typeof msg?.session_id === 'string' && msg.session_id ? msg.session_id : null;
        if (msg === INVALID_JSON) return conn.send(errorFrame(urlSession, 'Invalid JSON format'));
        if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
          return conn.send(errorFrame(urlSession, 'Invalid message format: expected a JSON object'));
        }
        if (PING_TYPES.has(msg.type)) return undefined; // no reply, but the timers were reset
        if (msg.type !== 'chat_message') {
          return conn.send(errorFrame(sid ?? urlSession, `Invalid message type: ${msg.type ?? 'None'}`));
        }
        const message = typeof msg.message === 'string' ? msg.message.trim() : '';
        if (!message) return conn.send(errorFrame(sid ?? urlSession, 'message is required'));
        if (!sid) return conn.send(errorFrame(urlSession, 'session_id is required'));
        const vid = typeof msg.visitor_id === 'string' && msg.visitor_id ? msg.visitor_id : null;
        if (!vid) return conn.send(errorFrame(sid, 'visitor_id is required'));
        const problem = sessionProblem(sid);
        if (problem) return conn.send(errorFrame(sid, problem, 'processing_error'));
        const known = sessions.get(sid);
        if (known && known.visitorId !== vid) return conn.send(errorFrame(sid, 'Visitor ID does not match', 'processing_error'));
        const session = openSession(sid, vid);
        if (conn.stalled) return undefined;

        const messageId = uuid(); // the server's id for the user's message
        await conn.reply(async () => {
          await conn.sleep(conn.delay * 4);
          await streamMessage(sid, messageId, session, compose(message, session, conn.faults.has('xss')));
          if (/follow[- ]?up/i.test(message)) {
            await conn.sleep(conn.delay * 10);
            await streamMessage(sid, messageId, session, {...LEASING_FOLLOW_UP, needsInfo: null});
          }
        });
        if (/\b(bye|goodbye)\b/i.test(message) && conn.isOpen) {
          endSession('user_ended', SESSION_END_USER_TEXT);
          return undefined;
        }
        resetTimers(); // the reply counts as activity
        return undefined;
      };

      conn.onFrame = (msg) => {
        resetTimers();
        conn.enqueue(() => handle(msg));
      };

      if (!tracked) {
        conn.send(frame('connected', null, {conversation_data: {}, metadata: {status: 'connected'}}));
        return;
      }
      const problem = sessionProblem(urlSession);
      const existing = sessions.get(urlSession);
      if (problem || (existing && existing.visitorId !== urlVisitor)) {
        // A validation failure at connect: an error, then a normal close.
        conn.send(errorFrame(urlSession, problem ?? `Visitor with ID ${urlVisitor} does not match session ${urlSession}`));
        conn.close(1000);
        return;
      }
      const session = openSession(urlSession, urlVisitor);
      conn.send(
        frame('connected', urlSession, {
          conversation_data: {...session.conversationData},
          metadata: {status: 'connected'},
          suggestions: conn.faults.has('xss') ? [HOSTILE_TEXT] : SESSION_STARTER_SUGGESTIONS,
        }),
      );
      resetTimers();
    },
  };
}
