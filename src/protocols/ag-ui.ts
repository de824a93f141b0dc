/**
 * `ag-ui`: the AG-UI protocol (LangGraph, CrewAI, Mastra, Pydantic AI, LlamaIndex, Google
 * ADK, CopilotKit …). Each user message starts a run: a `POST` of `RunAgentInput` whose
 * response streams the run's events over SSE, from `RUN_STARTED` to `RUN_FINISHED` (or
 * `RUN_ERROR`). The run is one reply; its steps and tool calls are its progress.
 */
import type {JsonPatchOperation} from '../core/json-patch.js';
import {bearer, firstText, humanize, readFrame, record, str, text, toolCallPiece, unknownType} from './frame.js';
import {ProtocolError, type ProtocolAdapter} from './protocol-adapter.js';
import {httpUrlFor} from './url.js';

const P = 'ag-ui';

/** Events that carry nothing to show (run bookkeeping, message boundaries, raw passthrough). */
const QUIET = new Set([
  'RUN_STARTED',
  'TEXT_MESSAGE_START',
  'TEXT_MESSAGE_END',
  'REASONING_START',
  'REASONING_MESSAGE_START',
  'REASONING_MESSAGE_END',
  'REASONING_END',
  'REASONING_ENCRYPTED_VALUE',
  'THINKING_START',
  'THINKING_TEXT_MESSAGE_START',
  'THINKING_TEXT_MESSAGE_END',
  'THINKING_END',
  'TOOL_CALL_END',
  'MESSAGES_SNAPSHOT',
  'ACTIVITY_SNAPSHOT',
  'ACTIVITY_DELTA',
  'CUSTOM',
  'RAW',
]);

export const agUiAdapter: ProtocolAdapter = {
  transport(ctx) {
    return {kind: 'sse', url: httpUrlFor(ctx.config, ''), headers: bearer(ctx.config.token)};
  },

  initIds(ctx) {
    return {threadId: firstText(ctx.ids.threadId) ?? ctx.randomId()};
  },

  encode(action, ctx) {
    if (action.type !== 'chat') return null;
    const context = Object.entries(ctx.config.context ?? {}).map(([description, value]) => ({description, value: JSON.stringify(value) ?? 'null'}));
    return {
      threadId: firstText(ctx.ids.threadId) ?? ctx.randomId(),
      runId: ctx.randomId(),
      messages: [...ctx.history.map((m) => ({id: m.id, role: m.role, content: m.text})), {id: action.clientId, role: 'user', content: action.text}],
      tools: [],
      context,
      state: {},
      forwardedProps: {},
    };
  },

  decode(input, ctx) {
    const {type, frame} = readFrame(P, input);
    if (QUIET.has(type)) return [];
    switch (type) {
      case 'TEXT_MESSAGE_CONTENT':
      case 'TEXT_MESSAGE_CHUNK': {
        const delta = str(frame['delta']);
        return delta ? [{type: 'reply.delta', text: delta}] : [];
      }
      case 'REASONING_MESSAGE_CONTENT':
      case 'REASONING_MESSAGE_CHUNK':
      case 'THINKING_TEXT_MESSAGE_CONTENT': {
        const delta = str(frame['delta']);
        return delta ? [{type: 'reasoning', text: delta}] : [];
      }
      case 'STEP_STARTED':
      case 'STEP_FINISHED': {
        const name = text(frame['stepName']);
        if (name === undefined) return [];
        const done = type === 'STEP_FINISHED';
        return [{type: 'progress', step: `step:${name}`, label: humanize(name), details: done ? {done} : {}, update: true}];
      }
      case 'TOOL_CALL_START':
      case 'TOOL_CALL_ARGS':
      case 'TOOL_CALL_CHUNK': {
        // The name comes with the start (or a chunk), the arguments in pieces.
        const id = text(frame['toolCallId']);
        return id === undefined ? [] : toolCallPiece(id, text(frame['toolCallName']), str(frame['delta']));
      }
      case 'TOOL_CALL_RESULT': {
        const id = text(frame['toolCallId']);
        return id === undefined ? [] : [{type: 'progress', step: id, label: '', details: {output: frame['content'], done: true}, update: true}];
      }
      case 'STATE_SNAPSHOT':
        return [{type: 'state', snapshot: frame['snapshot']}];
      case 'STATE_DELTA': {
        const patch = frame['delta'];
        if (!Array.isArray(patch)) throw new ProtocolError(`${P}: "STATE_DELTA" without a delta array`);
        return [{type: 'state', patch: patch as JsonPatchOperation[]}];
      }
      case 'RUN_FINISHED':
        // A cancelled run ended its reply early, like the user's Stop.
        return [record(frame['outcome'])?.['type'] === 'cancelled' ? {type: 'reply.end', status: 'stopped'} : {type: 'reply.end'}, {type: 'end'}];
      case 'SUBAGENT_STARTED':
      case 'SUBAGENT_FINISHED':
      case 'SUBAGENT_ERROR': {
        const id = text(frame['subagentRunId']);
        if (id === undefined) return [];
        const details = type === 'SUBAGENT_STARTED' ? {} : type === 'SUBAGENT_ERROR' ? {error: str(frame['message']) ?? 'failed', done: true} : {done: true};
        return [{type: 'progress', step: `subagent:${id}`, label: text(frame['name']) ?? '', details, update: true}];
      }
      case 'RUN_ERROR':
        return [{type: 'error', kind: 'server', code: 'server_error', message: str(frame['message']) ?? '', endsReply: true}, {type: 'end'}];
      default:
        throw unknownType(P, type, ctx.config.token);
    }
  },
};
