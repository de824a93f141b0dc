/**
 * `openai`: the OpenAI Chat Completions streaming API, which most model servers speak
 * (OpenAI, Azure, Ollama, vLLM, llama.cpp, LM Studio, LiteLLM, OpenRouter, Groq …). Each
 * user message is a `POST` carrying the conversation so far; the reply streams back as
 * `chat.completion.chunk` events and ends with `data: [DONE]`.
 */
import type {ChatEvent} from '../core/chat-event.js';
import {bearer, doneMarker, isRecord, record, str, text, toolCallPiece, withContext} from './frame.js';
import {ProtocolError, type ProtocolAdapter} from './protocol-adapter.js';
import {httpUrlFor} from './url.js';

const P = 'openai';

/**
 * A `tool_calls` delta → a progress step per call, keyed by its index: the name arrives with the
 * call's first piece, the arguments (JSON text) in pieces that the step's input joins.
 */
function toolSteps(calls: unknown): ChatEvent[] {
  if (!Array.isArray(calls)) return [];
  const events: ChatEvent[] = [];
  for (const call of calls) {
    if (!isRecord(call)) continue;
    const fn = record(call['function']);
    const index = typeof call['index'] === 'number' ? call['index'] : 0;
    events.push(...toolCallPiece(`tool-${index}`, text(fn?.['name']), str(fn?.['arguments']), {id: str(call['id'])}));
  }
  return events;
}

export const openaiAdapter: ProtocolAdapter = {
  transport(ctx) {
    return {kind: 'sse', url: httpUrlFor(ctx.config, '/v1/chat/completions'), headers: bearer(ctx.config.token)};
  },

  encode(action, ctx) {
    if (action.type !== 'chat') return null;
    const {config} = ctx;
    const instructions = text(config.instructions);
    const messages = [
      ...(instructions === undefined ? [] : [{role: 'system', content: instructions}]),
      ...ctx.history.map((m) => ({role: m.role, content: m.text})),
      {role: 'user', content: action.text},
    ];
    return withContext(config.context, {model: text(config.model), stream: true, messages});
  },

  decode(frame) {
    if (!isRecord(frame)) throw new ProtocolError(`${P}: expected a JSON object, got ${Array.isArray(frame) ? 'an array' : typeof frame}`);
    const error = frame['error'];
    if (error !== undefined || frame['object'] === 'error') {
      const body = record(error) ?? frame;
      const message = str(body['message']) ?? (typeof error === 'string' ? error : '');
      return [{type: 'error', kind: 'server', code: 'server_error', message, endsReply: true}];
    }
    const choice = Array.isArray(frame['choices']) ? record(frame['choices'][0]) : undefined;
    // A usage chunk (`choices: []`) or an object of another kind: nothing to show.
    if (choice === undefined) return [];
    const delta = record(choice['delta']) ?? {};
    const events: ChatEvent[] = [];
    const reasoning = str(delta['reasoning_content']) ?? str(delta['reasoning']);
    if (reasoning) events.push({type: 'reasoning', text: reasoning});
    events.push(...toolSteps(delta['tool_calls']));
    // A refusal is the model's answer in another field: shown as the reply's text.
    const content = str(delta['content']) || str(delta['refusal']);
    if (content) events.push({type: 'reply.delta', text: content});
    const finish = str(choice['finish_reason']);
    if (finish) events.push(finish === 'length' ? {type: 'reply.end', status: 'interrupted', meta: {finishReason: finish}} : {type: 'reply.end', meta: {finishReason: finish}});
    return events;
  },

  decodeText: doneMarker(P),
};
