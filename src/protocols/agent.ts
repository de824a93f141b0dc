/**
 * `agent` (seed 002): a multi-agent medical assistant. The server gives every
 * socket its own session id (`connection`); replies stream between
 * `stream_start` and `stream_end` as `token`s, with `status` updates as progress.
 */
import type {ChatEvent} from '../core/chat-event.js';
import type {MessageMeta} from '../types.js';
import {agentStatusLabel, missingField, readFrame, record, requireString, str, strings, text, unknownType, withContext} from './frame.js';
import type {ProtocolAdapter} from './protocol-adapter.js';
import {pathValues, socketUrlFor} from './url.js';

const P = 'agent';

export const agentAdapter: ProtocolAdapter = {
  mode: 'persistent',
  waitsForReady: true,
  // No heartbeat: `ping` is not part of this protocol (the server answers it with a validation_error).

  socketUrl(ctx) {
    const defaultPath = text(ctx.config.userId) === undefined ? '/api/v1/ws/chat' : '/api/v1/ws/chat/{user}';
    return socketUrlFor(ctx.config, defaultPath, pathValues(ctx.config, ctx.ids));
  },

  encode(action, ctx) {
    if (action.type !== 'chat') return null;
    return withContext(ctx.config.context, {
      message: action.text,
      // Only the id of the current socket's `connection` frame: any other id
      // (stored, or from an earlier socket) gets no reply at all.
      session_id: text(ctx.socketIds['sessionId']),
      enable_agents: ctx.config.enableAgents,
    });
  },

  decode(input, ctx) {
    const {type, frame} = readFrame(P, input);
    switch (type) {
      case 'connection': {
        const sessionId = text(frame['session_id']);
        return [sessionId === undefined ? {type: 'session', ready: true} : {type: 'session', socketIds: {sessionId}, ready: true}];
      }
      case 'stream_start': {
        const metadata = record(frame['metadata']);
        const emergency = metadata?.['emergency'] === true;
        const meta: MessageMeta = {agents: strings(metadata?.['agents'])};
        if (emergency) meta.emergency = true;
        const events: ChatEvent[] = [{type: 'reply.start', meta}];
        if (emergency) events.push({type: 'emergency'});
        return events;
      }
      case 'token': {
        const content = requireString(P, type, frame, 'content');
        return content === '' ? [] : [{type: 'reply.delta', text: content}];
      }
      case 'status': {
        const status = text(frame['status']);
        if (status === undefined) throw missingField(P, type, 'status');
        const details = record(frame['details']);
        const label = agentStatusLabel(status, details);
        return [details === undefined ? {type: 'progress', step: status, label} : {type: 'progress', step: status, label, details}];
      }
      case 'stream_end': {
        const completed = record(frame['metadata'])?.['agents_completed'];
        return [Array.isArray(completed) ? {type: 'reply.end', meta: {agents: strings(completed)}} : {type: 'reply.end'}];
      }
      case 'error':
        return [
          {
            type: 'error',
            kind: 'server',
            code: text(frame['error_type']) ?? 'server_error',
            message: str(frame['message']) ?? '',
            endsReply: true,
          },
        ];
      case 'emergency': {
        const message = text(frame['message']);
        return [message === undefined ? {type: 'emergency'} : {type: 'emergency', message}];
      }
      default:
        throw unknownType(P, type, ctx.config.token);
    }
  },
};
