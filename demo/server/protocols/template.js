// `template` (seed 004): PromptCraft. Whole (non-streamed) replies with a
// user echo and typing frames, template opportunities, prompt optimization,
// save-as-template, pings, heartbeats and an idle close (4001).
import {INVALID_JSON, intParam, isoMicros, uuid} from '../shared.js';
import {HOSTILE_MARKDOWN, HOSTILE_TEXT, PROMPT_REPLIES, optimizePrompt} from '../content.js';

const SESSION_PATTERN = /^session_user_(.+)_(\d+)$/;
const HEARTBEAT_MS = 30_000;

/**
 * @param {{templateIdleMs: number, templateValidTokens: string[]}} options
 * @returns {import('../shared.js').ProtocolBackend}
 */
export function createTemplateBackend({templateIdleMs, templateValidTokens}) {
  return {
    name: 'template',

    route(pathname) {
      const m = /^\/ws\/chat\/([^/]+)\/?$/.exec(pathname);
      return m ? {session: decodeURIComponent(m[1])} : null;
    },

    connect(conn, {session}) {
      const match = SESSION_PATTERN.exec(session);
      if (!match) {
        // Setting up failed after the socket was accepted.
        conn.onFrame = () => {};
        conn.close(4000, 'session setup failed');
        return;
      }
      const authenticated = typeof conn.query.token === 'string' && templateValidTokens.includes(conn.query.token);
      const userId = match[1];
      const idleMs = intParam(conn.query.idle, templateIdleMs);
      const heartbeatMs = conn.query.idle !== undefined ? Math.max(1, Math.floor(idleMs / 4)) : HEARTBEAT_MS;
      const xss = conn.faults.has('xss');
      conn.dropAfter = 2; // `fault=drop`: after the user echo, before the reply
      const history = [];
      let exchanges = 0;
      let idleTimer = null;

      const resetIdle = () => {
        conn.clearTimer(idleTimer);
        idleTimer = conn.setTimer(() => conn.close(4001, 'idle timeout'), idleMs);
      };
      const error = (code, message) => conn.send({type: 'error', error: code, message, timestamp: isoMicros()});

      async function chat(msg) {
        const content = typeof msg.content === 'string' ? msg.content.trim() : '';
        if (!content) return error('invalid_message', 'Message content is required');
        if (conn.stalled) return undefined;
        const started = Date.now();
        const messageId = typeof msg.message_id === 'string' && msg.message_id ? msg.message_id : uuid();
        await conn.reply(async () => {
          // Replies are not streamed: these two count as the tokens `fault=drop` cuts after.
          await conn.stream({type: 'typing_start', timestamp: isoMicros()}, 0);
          await conn.stream({type: 'message', message_id: messageId, content: msg.content, role: 'user', timestamp: isoMicros()}, 0);
          await conn.sleep(conn.delay * 20);
          conn.send({type: 'typing_stop', timestamp: isoMicros()});
          exchanges += 1;
          const reply = PROMPT_REPLIES.find((r) => r.pattern.test(content)) ?? PROMPT_REPLIES[PROMPT_REPLIES.length - 1];
          history.push({content, reply});
          const text = xss ? HOSTILE_MARKDOWN : reply.text;
          conn.send({
            type: 'message',
            message_id: uuid(),
            content: text,
            role: 'assistant',
            timestamp: isoMicros(),
            processing_time_ms: Date.now() - started,
            // Omitted unless non-empty.
            ...(reply.templateSuggestions ? {template_suggestions: reply.templateSuggestions} : {}),
          });
          if (exchanges >= 2) {
            conn.send({
              type: 'template_opportunity',
              suggestion: xss ? {...reply.opportunity, title: HOSTILE_TEXT, reasoning: HOSTILE_TEXT} : reply.opportunity,
              timestamp: isoMicros(),
            });
          }
        });
        return undefined;
      }

      function save(msg) {
        if (!authenticated) return error('authentication_required', 'Authentication required to save templates');
        const first = history[0];
        const title = typeof msg.title === 'string' && msg.title.trim() ? msg.title.trim() : first?.reply.opportunity.title ?? 'Untitled template';
        return conn.send({
          type: 'conversation_template_created',
          template: {
            id: uuid(),
            title: xss ? HOSTILE_TEXT : title,
            description: first
              ? `Created from a ${history.length}-message conversation starting with "${first.content.slice(0, 60)}"`
              : 'Created from an empty conversation',
            category: typeof msg.category === 'string' && msg.category ? msg.category : 'general',
            include_ai_responses: msg.include_ai_responses !== false,
          },
          message: 'Template created successfully',
          timestamp: isoMicros(),
        });
      }

      function optimize(msg) {
        const prompt = typeof msg.prompt === 'string' ? msg.prompt : '';
        if (!prompt.trim()) return error('invalid_request', 'Prompt is required');
        if (/ignore/i.test(prompt)) return undefined; // real servers sometimes never answer
        const {optimized, improvements} = optimizePrompt(prompt);
        return conn.send({
          type: 'prompt_optimized',
          original_prompt: prompt,
          optimized_prompt: xss ? HOSTILE_MARKDOWN : optimized,
          improvements,
          optimization_type: msg.optimization_type ?? 'enhancement',
          timestamp: isoMicros(),
        });
      }

      async function handle(msg) {
        if (msg === INVALID_JSON) {
          error('invalid_json', 'Invalid JSON format');
          conn.close(1000);
          return;
        }
        switch (msg?.type) {
          case 'chat_message':
            await chat(msg);
            return;
          case 'save_conversation_as_template':
            save(msg);
            return;
          case 'optimize_prompt':
            optimize(msg);
            return;
          case 'ping':
            conn.send({type: 'pong', timestamp: isoMicros()});
            return;
          default:
            error('unknown_message_type', `Unknown message type: ${msg?.type ?? 'None'}`);
        }
      }

      conn.onFrame = (msg) => {
        resetIdle();
        conn.enqueue(() => handle(msg));
      };
      conn.send({
        type: 'connection_ack',
        session_id: session,
        authenticated,
        user_id: authenticated ? userId : null,
        features: {template_creation: true, ai_optimization: true, langchain_fallback: true},
        timestamp: isoMicros(),
      });
      conn.setInterval(() => {
        if (conn.isOpen) conn.send({type: 'heartbeat', timestamp: isoMicros()});
      }, heartbeatMs);
      resetIdle();
    },
  };
}
