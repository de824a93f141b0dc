/**
 * `ai-sdk`: the Vercel AI SDK UI message stream (v1), what `useChat` backends return
 * (`toUIMessageStreamResponse()`). Each user message is a `POST` with the chat id and its
 * messages as UI messages; the reply streams back as typed parts over SSE and ends with
 * `finish` and `data: [DONE]`.
 */
import type {ChatEvent} from '../core/chat-event.js';
import {bearer, doneMarker, firstText, readFrame, record, str, text, unknownType, withContext, type Json} from './frame.js';
import {ProtocolError, type ProtocolAdapter} from './protocol-adapter.js';
import {httpUrlFor} from './url.js';

const P = 'ai-sdk';

/** A tool call as a progress step, keyed by its call id. */
function toolStep(part: Json, label: string, details: Record<string, unknown>): ChatEvent[] {
  const id = text(part['toolCallId']);
  return id === undefined ? [] : [{type: 'progress', step: id, label, details, update: true}];
}

export const aiSdkAdapter: ProtocolAdapter = {
  transport(ctx) {
    return {kind: 'sse', url: httpUrlFor(ctx.config, '/api/chat'), headers: bearer(ctx.config.token)};
  },

  initIds(ctx) {
    return {chatId: firstText(ctx.ids.chatId) ?? ctx.randomId()};
  },

  encode(action, ctx) {
    if (action.type !== 'chat') return null;
    const message = (id: string, role: string, body: string) => ({id, role, parts: [{type: 'text', text: body}]});
    return withContext(ctx.config.context, {
      id: firstText(ctx.ids.chatId) ?? ctx.randomId(),
      messages: [...ctx.history.map((m) => message(m.id, m.role, m.text)), message(action.clientId, 'user', action.text)],
      // A new answer to the same message: the replaced reply is not in `messages`; `messageId` names it.
      ...(action.regenerate === undefined ? {trigger: 'submit-message'} : {trigger: 'regenerate-message', messageId: text(action.regenerate)}),
    });
  },

  decode(input, ctx) {
    const {type, frame} = readFrame(P, input);
    if (type.startsWith('data-')) return [{type: 'data', name: type.slice(5), data: frame['data']}];
    switch (type) {
      case 'text-delta': {
        const delta = str(frame['delta']);
        return delta ? [{type: 'reply.delta', text: delta}] : [];
      }
      case 'reasoning-delta': {
        const delta = str(frame['delta']);
        return delta ? [{type: 'reasoning', text: delta}] : [];
      }
      case 'tool-input-start':
      case 'tool-input-available': {
        const name = text(frame['toolName']) ?? 'tool';
        return toolStep(frame, name, frame['input'] === undefined ? {tool: name} : {tool: name, input: frame['input']});
      }
      case 'tool-output-available':
        // A preliminary output is followed by the final one: the step is done only then.
        return toolStep(frame, '', {output: frame['output'], done: frame['preliminary'] !== true});
      case 'tool-input-error':
      case 'tool-output-error':
        return toolStep(frame, '', {error: str(frame['errorText']) ?? 'failed', done: true});
      case 'source-url': {
        const url = text(frame['url']);
        if (url === undefined) throw new ProtocolError(`${P}: "source-url" part without url`);
        return [{type: 'source', source: {kind: 'url', url, id: str(frame['sourceId']), title: str(frame['title'])}}];
      }
      case 'source-document':
        return [
          {
            type: 'source',
            source: {kind: 'document', id: str(frame['sourceId']), title: str(frame['title']), mediaType: str(frame['mediaType']), filename: str(frame['filename'])},
          },
        ];
      case 'finish': {
        const reason = str(frame['finishReason']);
        return [reason === 'length' ? {type: 'reply.end', status: 'interrupted', meta: {finishReason: reason}} : {type: 'reply.end'}];
      }
      case 'abort':
        return [{type: 'reply.end', status: 'stopped'}];
      case 'error':
        return [{type: 'error', kind: 'server', code: 'server_error', message: str(frame['errorText']) ?? '', endsReply: true}];
      case 'start':
      case 'text-start':
      case 'text-end':
      case 'reasoning-start':
      case 'reasoning-end':
      case 'tool-input-delta':
      case 'start-step':
      case 'finish-step':
      case 'message-metadata':
      case 'file':
        return [];
      default:
        if (record(frame) && type.startsWith('tool-')) return [];
        throw unknownType(P, type, ctx.config.token);
    }
  },

  decodeText: doneMarker(P),
};
