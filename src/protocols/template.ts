/**
 * `template` (seed 004): a prompt-crafting assistant. One socket per session at
 * `/ws/chat/{session}/` (JWT in `?token=`); whole replies arrive as `message`
 * frames, after an echo of the user's own message; the server offers to save
 * the conversation as a template and can optimize a prompt.
 */
import type {ChatEvent} from '../core/chat-event.js';
import {addEnglish} from '../i18n/strings.js';
import type {MessageMeta, TemplateInfo, TemplateSuggestion} from '../types.js';
import {firstText, readFrame, record, str, text, unknownType, withContext, type Json} from './frame.js';
import type {AdapterContext, ProtocolAdapter} from './protocol-adapter.js';
import {missingField, num} from './socket-frame.js';
import {pathValues, socketUrlFor} from './socket-url.js';

const P = 'template';

/** The English of the saved template's line (see `addEnglish`): only this protocol saves templates. */
addEnglish({templateSaved: (title) => `Template “${title}” saved.`});

function sessionIdOf(ctx: AdapterContext): string {
  return (
    firstText(ctx.config.sessionId, ctx.ids.sessionId) ??
    `session_user_${text(ctx.config.userId) ?? 'anonymous'}_${ctx.now()}`
  );
}

function timestamp(ctx: AdapterContext): string {
  return new Date(ctx.now()).toISOString();
}

/** Copies the optional text fields of `raw` that exist. */
function optionalTexts<K extends string>(raw: Json, keys: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = str(raw[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function suggestion(type: string, frame: Json): TemplateSuggestion {
  const raw = record(frame['suggestion']);
  const title = text(raw?.['title']);
  if (raw === undefined || title === undefined) throw missingField(P, type, 'suggestion.title');
  const confidence = num(raw['confidence']);
  return {
    title,
    ...optionalTexts(raw, ['description', 'category', 'reasoning'] as const),
    ...(confidence === undefined ? {} : {confidence}),
  };
}

function templateInfo(type: string, frame: Json): TemplateInfo {
  const raw = record(frame['template']);
  const title = text(raw?.['title']);
  if (raw === undefined || title === undefined) throw missingField(P, type, 'template.title');
  const id = typeof raw['id'] === 'number' ? String(raw['id']) : text(raw['id']);
  return {...(id === undefined ? {} : {id}), title, ...optionalTexts(raw, ['description', 'category'] as const)};
}

/** The improved prompt of an optimization answer, at the top level or under `data`/`result`. */
function optimizedPrompt(frame: Json): string | undefined {
  return str(frame['optimized_prompt']) ?? str(record(frame['data'])?.['optimized_prompt']) ?? str(record(frame['result'])?.['optimized_prompt']);
}

/** The server's `error` field is a code (`"GENERAL_ERROR"`) on real servers, a sentence in some versions. */
function errorCode(value: unknown): string {
  const code = str(value)?.trim();
  return code !== undefined && /^[A-Za-z][\w.:-]{0,63}$/.test(code) ? code.toLowerCase() : 'server_error';
}

export const templateAdapter: ProtocolAdapter = {

  initIds(ctx) {
    return {sessionId: sessionIdOf(ctx)};
  },

  transport(ctx) {
    const values = {...pathValues(ctx.config, ctx.ids), session: firstText(ctx.ids.sessionId) ?? sessionIdOf(ctx)};
    const url = socketUrlFor(ctx.config, '/ws/chat/{session}/', values, {token: text(ctx.config.token)});
    return {kind: 'websocket', url, heartbeat: {intervalMs: 25_000}, waitsForReady: true};
  },

  encode(action, ctx) {
    const session_id = firstText(ctx.ids.sessionId) ?? sessionIdOf(ctx);
    switch (action.type) {
      case 'chat':
        return withContext(ctx.config.context, {
          type: 'chat_message',
          content: action.text,
          message_id: action.clientId,
          timestamp: timestamp(ctx),
          session_id,
        });
      case 'optimize':
        return {type: 'optimize_prompt', prompt: action.prompt, optimization_type: 'enhancement', timestamp: timestamp(ctx), session_id};
      case 'save-template':
        return {
          type: 'save_conversation_as_template',
          title: action.title,
          category: text(action.category) ?? 'general',
          include_ai_responses: true,
          timestamp: timestamp(ctx),
          session_id,
        };
      case 'ping':
        return {type: 'ping', timestamp: timestamp(ctx)};
      default:
        return null;
    }
  },

  decode(input, ctx) {
    const {type, frame} = readFrame(P, input);
    switch (type) {
      case 'connection_ack': {
        const features = record(frame['features']);
        return [
          {
            type: 'session',
            ready: true,
            features: {templates: features?.['template_creation'] === true, optimize: features?.['ai_optimization'] === true},
            data: {authenticated: frame['authenticated'] === true},
          },
        ];
      }
      case 'message': {
        const serverId = text(frame['message_id']);
        if (frame['role'] === 'user') {
          const echo = str(frame['content']) ?? '';
          return [serverId === undefined ? {type: 'user.echo', text: echo} : {type: 'user.echo', text: echo, serverId}];
        }
        const content = str(frame['content']);
        if (content === undefined) throw missingField(P, type, 'content');
        const meta: MessageMeta = {};
        const processingTimeMs = num(frame['processing_time_ms']);
        if (processingTimeMs !== undefined) meta.processingTimeMs = processingTimeMs;
        if (serverId !== undefined) meta.serverId = serverId;
        const role = frame['role'] === 'system' ? 'system' : 'assistant';
        return [
          {type: 'typing', on: false},
          {type: 'message', role, text: content, meta},
        ];
      }
      case 'template_opportunity':
        return [{type: 'template.opportunity', suggestion: suggestion(type, frame)}];
      case 'template_created':
      case 'conversation_template_created': {
        const template = templateInfo(type, frame);
        const message = text(frame['message']);
        return [message === undefined ? {type: 'template.created', template} : {type: 'template.created', template, message}];
      }
      case 'typing_start':
        return [{type: 'typing', on: true}];
      case 'typing_stop':
        return [{type: 'typing', on: false}];
      case 'heartbeat':
      case 'pong':
      case 'template_suggestions':
        return [];
      case 'error': {
        const message = str(frame['message']) ?? str(frame['error']) ?? '';
        const events: ChatEvent[] = [
          {type: 'typing', on: false},
          {type: 'error', kind: 'server', code: errorCode(frame['error']), message, endsReply: true},
        ];
        return events;
      }
      default: {
        // The optimize answer is undocumented: accept `prompt_optimized`, `optimized_prompt`, `optimize_result` …
        if (type.toLowerCase().includes('optimiz')) {
          const optimized = optimizedPrompt(frame);
          if (optimized === undefined) throw missingField(P, type, 'optimized_prompt', ctx.config.token);
          return [{type: 'optimized', text: optimized}];
        }
        throw unknownType(P, type, ctx.config.token);
      }
    }
  },
};
