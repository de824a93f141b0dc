// `ai-sdk`: a Vercel AI SDK chat route (`POST /api/chat`) answering the UI
// message stream v1, written with the SDK's own server helpers
// (`createUIMessageStream`, `createUIMessageStreamResponse`,
// `validateUIMessages`), so headers, SSE framing, message ids, error parts
// and the final `[DONE]` are exactly what a real route sends.
import {createUIMessageStream, createUIMessageStreamResponse, validateUIMessages} from 'ai';
import {slices, tokenize} from '../shared.js';
import {HttpStreamHost, MidStreamError, contentText, runStream, streamTokens} from '../http-stream.js';
import {standardReply} from '../content.js';

const TRIGGERS = ['submit-message', 'regenerate-message'];

/** A body problem (plain text, as a route handler would answer), or null. */
function invalidBody(body) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'Invalid request body: expected a JSON object';
  if (typeof body.id !== 'string') return 'Invalid request body: "id" (the chat id) must be a string';
  if (!TRIGGERS.includes(body.trigger)) return `Invalid request body: "trigger" must be ${TRIGGERS.map((t) => `"${t}"`).join(' or ')}`;
  if (body.messageId !== undefined && typeof body.messageId !== 'string') return 'Invalid request body: "messageId" must be a string';
  return null;
}

/**
 * Writes the reply as UI message chunks.
 * @param {import('../http-stream.js').Exchange} ex
 * @param {import('ai').UIMessageStreamWriter} writer
 * @param {ReturnType<typeof standardReply>} plan
 */
async function writeReply(ex, writer, plan) {
  writer.write({type: 'start'}); // the SDK adds the new message's id
  writer.write({type: 'start-step'});
  if (plan.reasoning) {
    writer.write({type: 'reasoning-start', id: 'reasoning-1'});
    await streamTokens(ex, tokenize(plan.reasoning), (delta) => writer.write({type: 'reasoning-delta', id: 'reasoning-1', delta}));
    writer.write({type: 'reasoning-end', id: 'reasoning-1'});
  }
  if (plan.tool) {
    const {id: toolCallId, name: toolName, args, argsText, result} = plan.tool;
    writer.write({type: 'tool-input-start', toolCallId, toolName});
    await streamTokens(ex, slices(argsText, 5), (inputTextDelta) => writer.write({type: 'tool-input-delta', toolCallId, inputTextDelta}));
    writer.write({type: 'tool-input-available', toolCallId, toolName, input: args});
    await ex.pause();
    writer.write({type: 'tool-output-available', toolCallId, output: result});
    writer.write({type: 'finish-step'});
    writer.write({type: 'start-step'});
  }
  if (plan.weather) writer.write({type: 'data-weather', data: plan.weather});
  writer.write({type: 'text-start', id: 'text-1'});
  const pieces = tokenize(plan.text);
  if (plan.has.abort) {
    // What streamText sends when its abort signal fires: an `abort` part, no `finish`.
    await streamTokens(ex, pieces.slice(0, 4), (delta) => writer.write({type: 'text-delta', id: 'text-1', delta}));
    writer.write({type: 'abort'});
    return;
  }
  await streamTokens(ex, pieces, (delta) => writer.write({type: 'text-delta', id: 'text-1', delta}));
  writer.write({type: 'text-end', id: 'text-1'});
  for (const source of plan.sources) writer.write({type: 'source-url', ...source});
  if (plan.document) writer.write({type: 'source-document', ...plan.document});
  writer.write({type: 'finish-step'});
  writer.write({type: 'message-metadata', messageMetadata: plan.metadata});
  writer.write({type: 'finish', finishReason: 'stop'});
}

/**
 * Copies the SDK's SSE body to the response event by event, so the wire
 * faults and the log apply. Ends as `error` when an error part went out.
 * @param {import('../http-stream.js').Exchange} ex
 * @param {ReadableStream<Uint8Array>} body
 */
async function pump(ex, body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  ex.onClose(() => reader.cancel().catch(() => {}));
  let failed = false;
  const isToken = (part) => {
    if (part?.type === 'error') failed = true;
    return typeof part?.type === 'string' && part.type.endsWith('-delta');
  };
  let buffer = '';
  for (;;) {
    const {done, value} = await reader.read();
    if (done) break;
    buffer += value;
    for (let at = buffer.indexOf('\n\n'); at !== -1; at = buffer.indexOf('\n\n')) {
      ex.sendEncoded(buffer.slice(0, at + 2), isToken);
      buffer = buffer.slice(at + 2);
    }
  }
  await ex.end(failed ? 'error' : 'complete');
}

/**
 * @param {{tokenDelayMs: number, quiet: boolean}} options
 * @returns {import('../shared.js').ProtocolBackend}
 */
export function createAiSdkBackend({tokenDelayMs, quiet}) {
  const host = new HttpStreamHost({name: 'ai-sdk', tokenDelayMs, quiet, garbage: {type: 'mystery-part', x: 1}});

  /** @param {import('../http-stream.js').Exchange} ex */
  async function chat(ex) {
    if (ex.injectedFailure((status) => (status === 429 ? 'Too many requests, please try again later.' : 'Internal Server Error'))) return;
    const problem = invalidBody(ex.json);
    if (problem) return ex.reject(400, problem);
    ex.record.trigger = ex.json.trigger;
    let messages;
    try {
      messages = await validateUIMessages({messages: ex.json.messages});
    } catch (err) {
      return ex.reject(400, `Invalid messages: ${err.message}`);
    }
    if (ex.closed) return; // the client left while we validated

    const lastUser = [...messages].reverse().find((m) => m.role === 'user');
    const plan = standardReply({
      protocol: 'ai-sdk',
      userText: contentText(lastUser?.parts),
      messageCount: messages.length,
      xss: ex.xss,
    });
    const stream = createUIMessageStream({
      originalMessages: messages,
      execute: ({writer}) => writeReply(ex, writer, plan),
      // Only the injected failure reaches the client; anything else stays a generic message (the SDK default).
      onError: (err) => (err instanceof MidStreamError ? plan.errorMessage : 'An error occurred.'),
    });
    const response = createUIMessageStreamResponse({stream});
    ex.open(Object.fromEntries(response.headers));
    await runStream(ex, () => pump(ex, response.body));
  }

  return {
    name: 'ai-sdk',
    log: (tag) => host.log(tag),
    async http(req, res, url) {
      if (req.method !== 'POST' || url.pathname !== '/api/chat') return false;
      const ex = await host.accept(req, res, url);
      if (!ex.closed) await chat(ex);
      return true;
    },
  };
}
