/**
 * `session` (seed 003): a lead-qualifying assistant keyed by a session id and a
 * visitor id, which real servers read from the connect URL's query. Replies
 * stream as fixed-size `chunk`s and end with `complete` (suggestion chips); the
 * server warns (`idle_warning`) and ends (`session_end`) idle sessions.
 */
import type {ChatEvent} from '../core/chat-event.js';
import {firstText, readFrame, record, str, text, unknownType, withContext} from './frame.js';
import {ProtocolError, type ProtocolAdapter} from './protocol-adapter.js';
import {strings} from './socket-frame.js';
import {pathValues, socketUrlFor} from './socket-url.js';

const P = 'session';

/** Stable codes for the server's error texts, matched by meaning (the real texts are longer and carry ids). */
const ERROR_CODES: ReadonlyArray<readonly [RegExp, string]> = [
  [/(session|visitor)[_ ]id is required/i, 'session_required'],
  [/message is required/i, 'message_required'],
  [/visitor\b.*\b(does not match|mismatch|does not exist|not found)/i, 'visitor_mismatch'],
  [/session\b.*\b(not found|does not exist)/i, 'session_not_found'],
  [/\bexpired\b/i, 'session_expired'],
  [/not active|inactive/i, 'session_inactive'],
  [/invalid message|invalid json|unknown message type/i, 'invalid_request'],
];

/** Codes after which this session cannot go on: only a new session (new ids) helps. */
export const FATAL_SESSION_ERRORS: ReadonlySet<string> = new Set(['session_not_found', 'session_inactive', 'session_expired', 'visitor_mismatch', 'session_required']);

export function classifySessionError(message: string): string {
  for (const [pattern, code] of ERROR_CODES) if (pattern.test(message)) return code;
  return 'server_error';
}

export const sessionAdapter: ProtocolAdapter = {
  // No heartbeat: the server does not answer pings, and its idle timers are meant to run.

  initIds(ctx) {
    return {
      sessionId: firstText(ctx.config.sessionId, ctx.ids.sessionId) ?? ctx.randomId(),
      visitorId: firstText(ctx.config.visitorId, ctx.ids.visitorId) ?? ctx.randomId(),
    };
  },

  transport(ctx) {
    const url = socketUrlFor(ctx.config, '/ws/chat/', pathValues(ctx.config, ctx.ids), {
      session_id: firstText(ctx.ids.sessionId, ctx.config.sessionId),
      visitor_id: firstText(ctx.ids.visitorId, ctx.config.visitorId),
    });
    return {kind: 'websocket', url};
  },

  encode(action, ctx) {
    if (action.type !== 'chat') return null;
    return withContext(ctx.config.context, {
      type: 'chat_message',
      message: action.text,
      session_id: firstText(ctx.ids.sessionId, ctx.config.sessionId),
      visitor_id: firstText(ctx.ids.visitorId, ctx.config.visitorId),
    });
  },

  decode(input, ctx) {
    const {type, frame} = readFrame(P, input);
    switch (type) {
      case 'connected': {
        const sessionId = text(frame['session_id']);
        const data = record(frame['conversation_data']) ?? {};
        const events: ChatEvent[] = [sessionId === undefined ? {type: 'session', data} : {type: 'session', ids: {sessionId}, data}];
        const items = strings(frame['suggestions']);
        if (items.length > 0) events.push({type: 'suggestions', items});
        return events;
      }
      case 'chunk': {
        const chunk = frame['chunk'];
        if (chunk !== undefined && chunk !== null && typeof chunk !== 'string') {
          throw new ProtocolError(`${P}: "chunk" frame whose chunk is not text`);
        }
        return typeof chunk === 'string' && chunk !== '' ? [{type: 'reply.delta', text: chunk}] : [];
      }
      case 'complete': {
        const message = str(frame['message']) ?? '';
        const items = strings(frame['suggestions']);
        const serverId = text(frame['response_id']);
        const meta = {suggestions: items, needsInfo: text(frame['needs_info']) ?? null, ...(serverId === undefined ? {} : {serverId})};
        const events: ChatEvent[] = [
          message === '' ? {type: 'reply.end', meta} : {type: 'reply.end', text: message, meta},
          {type: 'suggestions', items},
        ];
        // `complete: true` means the session is over, not the message.
        if (frame['complete'] === true) events.push({type: 'session.end', message: '', reason: 'complete'});
        return events;
      }
      case 'idle_warning': {
        const timeoutSeconds = record(frame['metadata'])?.['timeout_seconds'];
        const message = str(frame['message']) ?? '';
        return [typeof timeoutSeconds === 'number' ? {type: 'idle.warning', message, timeoutSeconds} : {type: 'idle.warning', message}];
      }
      case 'session_end': {
        const reason = text(record(frame['metadata'])?.['reason']);
        const message = str(frame['message']) ?? '';
        return [reason === undefined ? {type: 'session.end', message} : {type: 'session.end', message, reason}];
      }
      case 'error': {
        const message = str(frame['error']) ?? str(frame['message']) ?? '';
        const code = classifySessionError(message);
        return [FATAL_SESSION_ERRORS.has(code) ? {type: 'error', kind: 'server', code, message, endsReply: true, fatal: true} : {type: 'error', kind: 'server', code, message, endsReply: true}];
      }
      default:
        throw unknownType(P, type, ctx.config.token);
    }
  },
};
