// `openai`: the OpenAI Chat Completions API, streaming. POST
// /v1/chat/completions with `stream: true` answers Server-Sent Events, one
// `chat.completion.chunk` per `data:` line, then `data: [DONE]`. There is no
// server library for this wire format, so it is written by hand after the
// API reference (and what compatible servers such as DeepSeek, vLLM and
// OpenRouter add: `reasoning_content` / `reasoning` deltas).
import {worstTokens} from '../../../scripts/worst-cases.js';
import {sendJson, slices, tokenize, uuid} from '../shared.js';
import {HttpStreamHost, MidStreamError, contentText, runStream, streamTokens} from '../http-stream.js';
import {standardReply} from '../content.js';

const ROUTES = ['/v1/chat/completions', '/chat/completions'];
const ROLES = ['system', 'developer', 'user', 'assistant', 'tool', 'function'];

/** An OpenAI error body: `{error: {message, type, param, code}}`. */
const apiError = (message, type, code = null, param = null) => ({error: {message, type, param, code}});

/** `sk-abc…` without the rest of the key (and nothing of a short one). */
function redact(key) {
  return key.length >= 8 ? `${key.slice(0, 3)}***${'*'.repeat(8)}` : '***';
}

/** A request body problem, or null when the body is a valid streaming request. */
function invalidBody(body) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return 'We could not parse the JSON body of your request. (HINT: This likely means you aren\'t using your HTTP library correctly.)';
  }
  if (!Array.isArray(body.messages) || body.messages.length === 0) return "Invalid 'messages': expected a non-empty array.";
  for (const [i, message] of body.messages.entries()) {
    if (typeof message !== 'object' || message === null || !ROLES.includes(message.role)) {
      return `Invalid value for 'messages[${i}].role': expected one of ${ROLES.join(', ')}.`;
    }
    const {content} = message;
    if (!(typeof content === 'string' || Array.isArray(content) || (content === null && message.role === 'assistant'))) {
      return `Invalid type for 'messages[${i}].content': expected a string or an array of content parts.`;
    }
  }
  if (body.stream !== true) return "This reference backend only streams: set 'stream': true.";
  return null;
}

/**
 * @param {{tokenDelayMs: number, quiet: boolean, openaiKey?: string}} options
 * @returns {import('../shared.js').ProtocolBackend}
 */
export function createOpenAIBackend({tokenDelayMs, quiet, openaiKey = 'demo-key'}) {
  const host = new HttpStreamHost({
    name: 'openai',
    tokenDelayMs,
    quiet,
    garbage: {id: 'mystery-1', object: 'mystery.object', created: 0, x: 1},
  });

  /** @param {import('../http-stream.js').Exchange} ex */
  async function complete(ex) {
    const auth = ex.req.headers.authorization;
    if (auth !== undefined && auth !== `Bearer ${openaiKey}`) {
      const key = auth.replace(/^Bearer\s+/i, '');
      return ex.reject(
        401,
        apiError(
          `Incorrect API key provided: ${redact(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
          'invalid_request_error',
          'invalid_api_key',
        ),
      );
    }
    const failed = ex.injectedFailure((status) =>
      status === 429
        ? apiError(
            'Rate limit reached for demo-model on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 1s.',
            'rate_limit_exceeded',
            'rate_limit_exceeded',
          )
        : apiError('The server had an error while processing your request. Sorry about that!', 'server_error'),
    );
    if (failed) return undefined;
    const problem = invalidBody(ex.json);
    if (problem) return ex.reject(400, apiError(problem, 'invalid_request_error'));

    const body = ex.json;
    const lastUser = [...body.messages].reverse().find((m) => m.role === 'user');
    const plan = standardReply({
      protocol: 'openai',
      userText: contentText(lastUser?.content),
      messageCount: body.messages.length,
      xss: ex.xss,
    });
    const base = {
      id: `chatcmpl-${uuid().replace(/-/g, '').slice(0, 24)}`,
      object: 'chat.completion.chunk',
      created: Math.floor(Date.now() / 1000),
      model: typeof body.model === 'string' ? body.model : 'demo-model',
      system_fingerprint: 'fp_demo',
    };
    const chunk = (delta, finishReason = null) => ({
      ...base,
      choices: [{index: 0, delta, logprobs: null, finish_reason: finishReason}],
    });
    const token = (delta) => ex.send(chunk(delta), {token: true});

    ex.multiline = true;
    ex.open({'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive'});
    await runStream(ex, async () => {
      let completionTokens = 0;
      try {
        ex.send(chunk({role: 'assistant', content: ''}));
        if (plan.reasoning) {
          const field = ex.faults.has('reasoning-field') ? 'reasoning' : 'reasoning_content';
          const pieces = tokenize(plan.reasoning);
          completionTokens += pieces.length;
          await streamTokens(ex, pieces, (piece) => token({[field]: piece}));
        }
        if (plan.tool) {
          const {id, name, argsText} = plan.tool;
          ex.send(chunk({tool_calls: [{index: 0, id, type: 'function', function: {name, arguments: ''}}]}));
          const pieces = slices(argsText, 5);
          completionTokens += pieces.length;
          await streamTokens(ex, pieces, (piece) => token({tool_calls: [{index: 0, function: {arguments: piece}}]}));
        }
        // `worst=<family>:<size>`: one of the worst-case answers of scripts/worst-cases.js instead.
        const [family, size] = String(ex.query.worst ?? '').split(':');
        let pieces = (family && worstTokens(family, Number(size))) || tokenize(plan.text);
        // `length`: the reply stops mid-way, as when max_tokens runs out.
        if (plan.has.length) pieces = pieces.slice(0, Math.ceil(pieces.length / 2));
        completionTokens += pieces.length;
        await streamTokens(ex, pieces, (piece) => token({content: piece}));
      } catch (err) {
        if (!(err instanceof MidStreamError)) throw err;
        ex.send({error: {message: plan.errorMessage, type: 'server_error', param: null, code: null}});
        return ex.end('error');
      }
      ex.send(chunk({}, plan.has.length ? 'length' : 'stop'));
      if (body.stream_options?.include_usage !== false) {
        const promptTokens = tokenize(body.messages.map((m) => contentText(m.content)).join('\n')).length;
        ex.send({
          ...base,
          choices: [],
          usage: {prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens},
        });
      }
      ex.send('[DONE]');
      return ex.end('complete');
    });
    return undefined;
  }

  return {
    name: 'openai',
    log: (tag) => host.log(tag),
    async http(req, res, url) {
      if (req.method === 'GET' && (url.pathname === '/v1/models' || url.pathname === '/models')) {
        sendJson(res, 200, {object: 'list', data: [{id: 'demo-model', object: 'model', created: 0, owned_by: 'demo'}]});
        return true;
      }
      if (req.method !== 'POST' || !ROUTES.includes(url.pathname)) return false;
      const ex = await host.accept(req, res, url);
      if (!ex.closed) await complete(ex);
      return true;
    },
  };
}
