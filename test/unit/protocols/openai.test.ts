import {expect} from '@open-wc/testing';
import {openaiAdapter as adapter} from '../../../src/protocols/openai.js';
import {ProtocolError, type AdapterContext, type HistoryMessage, type SseSpec} from '../../../src/protocols/protocol-adapter.js';
import {resolveConfigUrls} from '../../../src/protocols/url.js';
import {adapterContext, type ContextOverrides} from './context.js';

const TOKEN = 'sk-proj-sekret-token-123';
const URL_ = 'https://api.openai.com';

function makeCtx(over: ContextOverrides = {}): AdapterContext {
  return adapterContext({protocol: 'openai', url: URL_}, over);
}

const ctx = makeCtx();

function sse(c: AdapterContext): SseSpec {
  const spec = adapter.transport(c);
  expect(spec.kind).to.equal('sse');
  return spec as SseSpec;
}

/** The message a ProtocolError thrown by `fn` carries ('' when nothing is thrown). */
function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(ProtocolError);
    return (error as Error).message;
  }
  return '';
}

// ---- `chat.completion.chunk` objects as the Chat Completions streaming API sends them ----

const envelope = {id: 'chatcmpl-9xYz', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'gpt-4o-mini-2024-07-18', system_fingerprint: 'fp_0ba0d124f1'};

function chunk(delta: Record<string, unknown>, finishReason: string | null = null): Record<string, unknown> {
  return {...envelope, choices: [{index: 0, delta, logprobs: null, finish_reason: finishReason}]};
}

const ROLE = chunk({role: 'assistant', content: '', refusal: null});
const CONTENT_1 = chunk({content: 'Hello'});
const CONTENT_2 = chunk({content: ' there!'});
const EMPTY_DELTA = chunk({});
const NULL_CONTENT = chunk({content: null});
// DeepSeek (and vLLM's reasoning parsers): reasoning in `reasoning_content`, `content` null.
const REASONING_CONTENT = chunk({role: 'assistant', content: null, reasoning_content: 'The user greets me.'});
// OpenRouter, Ollama, newer vLLM: `reasoning`.
const REASONING = chunk({content: null, reasoning: 'Consider the weather first.'});
// A tool call's name comes with its first piece; the arguments stream in later pieces of the same index.
const TOOL_FIRST = chunk({
  role: 'assistant',
  content: null,
  tool_calls: [{index: 0, id: 'call_DdmNLuG3Zqj1jJ7Fq2t6gcS4', type: 'function', function: {name: 'get_current_weather', arguments: ''}}],
});
const TOOL_ARGS_1 = chunk({tool_calls: [{index: 0, function: {arguments: '{"loca'}}]});
const TOOL_ARGS_2 = chunk({tool_calls: [{index: 0, function: {arguments: 'tion": "Boston, MA"}'}}]});
const TOOL_SECOND = chunk({tool_calls: [{index: 1, id: 'call_Q8aPvZ1', type: 'function', function: {name: 'get_time', arguments: ''}}]});
const FINISH_STOP = chunk({}, 'stop');
const FINISH_LENGTH = chunk({}, 'length');
const FINISH_TOOLS = chunk({}, 'tool_calls');
const FINISH_FILTER = chunk({}, 'content_filter');
// `stream_options: {include_usage: true}`: a last chunk with no choices.
const USAGE = {...envelope, choices: [], usage: {prompt_tokens: 19, completion_tokens: 10, total_tokens: 29}};
// Azure OpenAI: a first chunk with prompt filter results and no choices.
const AZURE_FILTER = {id: '', object: '', created: 0, model: '', choices: [], prompt_filter_results: [{prompt_index: 0, content_filter_results: {}}]};
const ERROR = {error: {message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null}};
// vLLM / LiteLLM: a flat error object.
const OBJECT_ERROR = {object: 'error', message: 'This model\'s maximum context length is 4096 tokens.', type: 'BadRequestError', param: null, code: 400};

describe('openai adapter', () => {
  describe('transport', () => {
    it('should POST over SSE to /v1/chat/completions by default', async () => {
      expect(sse(ctx).url).to.equal('https://api.openai.com/v1/chat/completions');
      expect(sse(adapterContext({protocol: 'openai', url: 'http://localhost:11434'})).url).to.equal('http://localhost:11434/v1/chat/completions');
    });

    it('should use a path override on the url prefix', async () => {
      expect(sse(adapterContext({protocol: 'openai', url: 'https://openrouter.ai', path: '/api/v1/chat/completions'})).url).to.equal(
        'https://openrouter.ai/api/v1/chat/completions',
      );
      expect(sse(makeCtx({config: {path: '  '}})).url).to.equal('https://api.openai.com/v1/chat/completions');
    });

    it('should keep the query of the url (Azure api-version)', async () => {
      const url = 'https://res.openai.azure.com/openai/deployments/gpt-4o?api-version=2024-10-21';
      const c = adapterContext({protocol: 'openai', url, path: '/chat/completions', baseQuery: resolveConfigUrls(url)!.baseQuery});
      expect(sse(c).url).to.equal('https://res.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21');
    });

    it('should send Authorization: Bearer only with a token', async () => {
      expect(sse(makeCtx({config: {token: TOKEN}})).headers).to.deep.equal({Authorization: `Bearer ${TOKEN}`});
      expect(sse(ctx).headers).to.deep.equal({});
      expect(sse(makeCtx({config: {token: '   '}})).headers).to.deep.equal({});
      expect(sse(makeCtx({config: {token: TOKEN}})).url).to.not.include(TOKEN);
    });

    it('should need no ids of its own (stateless)', async () => {
      expect(adapter.initIds).to.equal(undefined);
    });
  });

  describe('encode', () => {
    const history: HistoryMessage[] = [
      {id: 'm1', role: 'user', text: 'What is SSE?'},
      {id: 'm2', role: 'assistant', text: 'Server-Sent Events.'},
    ];

    it('should send the user message with stream: true and no model when none is set', async () => {
      expect(adapter.encode({type: 'chat', text: 'Hi', clientId: 'c1'}, ctx)).to.deep.equal({
        stream: true,
        messages: [{role: 'user', content: 'Hi'}],
      });
    });

    it('should send the model when set (and not a blank one)', async () => {
      expect(adapter.encode({type: 'chat', text: 'Hi', clientId: 'c1'}, makeCtx({config: {model: 'gpt-4o-mini'}}))).to.deep.equal({
        model: 'gpt-4o-mini',
        stream: true,
        messages: [{role: 'user', content: 'Hi'}],
      });
      expect(adapter.encode({type: 'chat', text: 'Hi', clientId: 'c1'}, makeCtx({config: {model: ' '}}))).to.not.have.property('model');
    });

    it('should put instructions first as a system message, then the history as {role, content}', async () => {
      const c = makeCtx({config: {model: 'llama3.1', instructions: 'You are terse.'}, history});
      expect(adapter.encode({type: 'chat', text: 'And WebSockets?', clientId: 'c3'}, c)).to.deep.equal({
        model: 'llama3.1',
        stream: true,
        messages: [
          {role: 'system', content: 'You are terse.'},
          {role: 'user', content: 'What is SSE?'},
          {role: 'assistant', content: 'Server-Sent Events.'},
          {role: 'user', content: 'And WebSockets?'},
        ],
      });
    });

    it('should leave out blank instructions', async () => {
      const body = adapter.encode({type: 'chat', text: 'x', clientId: 'c'}, makeCtx({config: {instructions: '  \n'}})) as {messages: unknown[]};
      expect(body.messages).to.deep.equal([{role: 'user', content: 'x'}]);
    });

    it('should merge context into the body with the protocol fields winning', async () => {
      const c = makeCtx({config: {model: 'gpt-4o', context: {temperature: 0.2, user: 'visitor-7', stream: false, model: 'ctx-model', messages: []}}});
      expect(adapter.encode({type: 'chat', text: 'Hi', clientId: 'c1'}, c)).to.deep.equal({
        temperature: 0.2,
        user: 'visitor-7',
        model: 'gpt-4o',
        stream: true,
        messages: [{role: 'user', content: 'Hi'}],
      });
    });

    it('should not take the model from context when none is set', async () => {
      const c = makeCtx({config: {context: {model: 'ctx-model', max_tokens: 64}}});
      expect(adapter.encode({type: 'chat', text: 'Hi', clientId: 'c1'}, c)).to.deep.equal({
        max_tokens: 64,
        stream: true,
        messages: [{role: 'user', content: 'Hi'}],
      });
    });

    it('should have no frame for other actions', async () => {
      expect(adapter.encode({type: 'ping'}, ctx)).to.equal(null);
      expect(adapter.encode({type: 'stop'}, ctx)).to.equal(null);
      expect(adapter.encode({type: 'optimize', prompt: 'x'}, ctx)).to.equal(null);
      expect(adapter.encode({type: 'save-template', title: 'x'}, ctx)).to.equal(null);
    });
  });

  describe('decode', () => {
    it('should show nothing for the role delta that opens the stream', async () => {
      expect(adapter.decode(ROLE, ctx)).to.deep.equal([]);
    });

    it('should append content deltas', async () => {
      expect(adapter.decode(CONTENT_1, ctx)).to.deep.equal([{type: 'reply.delta', text: 'Hello'}]);
      expect(adapter.decode(CONTENT_2, ctx)).to.deep.equal([{type: 'reply.delta', text: ' there!'}]);
    });

    it('should ignore empty and null deltas', async () => {
      expect(adapter.decode(EMPTY_DELTA, ctx)).to.deep.equal([]);
      expect(adapter.decode(NULL_CONTENT, ctx)).to.deep.equal([]);
      expect(adapter.decode({...envelope, choices: [{index: 0, finish_reason: null}]}, ctx)).to.deep.equal([]);
    });

    it('should read reasoning_content and reasoning as reasoning', async () => {
      expect(adapter.decode(REASONING_CONTENT, ctx)).to.deep.equal([{type: 'reasoning', text: 'The user greets me.'}]);
      expect(adapter.decode(REASONING, ctx)).to.deep.equal([{type: 'reasoning', text: 'Consider the weather first.'}]);
    });

    it('should give reasoning before content when one chunk carries both', async () => {
      expect(adapter.decode(chunk({reasoning_content: 'think', content: 'say'}), ctx)).to.deep.equal([
        {type: 'reasoning', text: 'think'},
        {type: 'reply.delta', text: 'say'},
      ]);
    });

    it('should show a tool call as a step when its name arrives, and add its argument pieces to its input', async () => {
      expect(adapter.decode(TOOL_FIRST, ctx)).to.deep.equal([
        {
          type: 'progress',
          step: 'tool-0',
          label: 'get_current_weather',
          details: {tool: 'get_current_weather', id: 'call_DdmNLuG3Zqj1jJ7Fq2t6gcS4'},
          update: true,
        },
      ]);
      expect(adapter.decode(TOOL_ARGS_1, ctx)).to.deep.equal([{type: 'progress', step: 'tool-0', label: '', inputDelta: '{"loca', update: true}]);
      expect(adapter.decode(TOOL_ARGS_2, ctx)).to.deep.equal([{type: 'progress', step: 'tool-0', label: '', inputDelta: 'tion": "Boston, MA"}', update: true}]);
    });

    it('should key parallel tool calls by their index', async () => {
      expect(adapter.decode(TOOL_SECOND, ctx)).to.deep.equal([
        {type: 'progress', step: 'tool-1', label: 'get_time', details: {tool: 'get_time', id: 'call_Q8aPvZ1'}, update: true},
      ]);
      const both = chunk({
        tool_calls: [
          {index: 0, id: 'call_a', type: 'function', function: {name: 'search', arguments: '{}'}},
          {index: 1, id: 'call_b', type: 'function', function: {name: 'lookup', arguments: '{}'}},
        ],
      });
      expect(adapter.decode(both, ctx).map((e) => (e.type === 'progress' ? e.step : e.type))).to.deep.equal(['tool-0', 'tool-1']);
    });

    it('should end the reply on finish_reason stop, tool_calls and content_filter', async () => {
      expect(adapter.decode(FINISH_STOP, ctx)).to.deep.equal([{type: 'reply.end', meta: {finishReason: 'stop'}}]);
      expect(adapter.decode(FINISH_TOOLS, ctx)).to.deep.equal([{type: 'reply.end', meta: {finishReason: 'tool_calls'}}]);
      expect(adapter.decode(FINISH_FILTER, ctx)).to.deep.equal([{type: 'reply.end', meta: {finishReason: 'content_filter'}}]);
    });

    it('should mark the reply as cut short on finish_reason length', async () => {
      expect(adapter.decode(FINISH_LENGTH, ctx)).to.deep.equal([{type: 'reply.end', status: 'interrupted', meta: {finishReason: 'length'}}]);
    });

    it('should append the last content before ending when it comes with the finish_reason', async () => {
      expect(adapter.decode(chunk({content: 'Bye.'}, 'stop'), ctx)).to.deep.equal([
        {type: 'reply.delta', text: 'Bye.'},
        {type: 'reply.end', meta: {finishReason: 'stop'}},
      ]);
    });

    it('should show a refusal streamed in delta.refusal', async () => {
      const refusal = chunk({content: null, refusal: "I'm sorry, I can't help with that."});
      expect(adapter.decode(refusal, ctx)).to.deep.equal([{type: 'reply.delta', text: "I'm sorry, I can't help with that."}]);
    });

    it('should ignore a usage chunk and chunks without choices', async () => {
      expect(adapter.decode(USAGE, ctx)).to.deep.equal([]);
      expect(adapter.decode(AZURE_FILTER, ctx)).to.deep.equal([]);
      expect(adapter.decode({...envelope}, ctx)).to.deep.equal([]);
    });

    it('should report an in-stream {error: {message, type}} as a server error that ends the reply', async () => {
      expect(adapter.decode(ERROR, ctx)).to.deep.equal([
        {type: 'error', kind: 'server', code: 'server_error', message: 'The server had an error while processing your request. Sorry about that!', endsReply: true},
      ]);
      expect(adapter.decode({error: 'overloaded'}, ctx)).to.deep.equal([
        {type: 'error', kind: 'server', code: 'server_error', message: 'overloaded', endsReply: true},
      ]);
    });

    it('should report {object: "error", message} as a server error that ends the reply', async () => {
      expect(adapter.decode(OBJECT_ERROR, ctx)).to.deep.equal([
        {type: 'error', kind: 'server', code: 'server_error', message: "This model's maximum context length is 4096 tokens.", endsReply: true},
      ]);
    });

    it('should reject frames that are not JSON objects', async () => {
      expect(() => adapter.decode('hello', ctx)).to.throw(ProtocolError, /^openai: expected a JSON object, got string$/);
      expect(() => adapter.decode([CONTENT_1], ctx)).to.throw(ProtocolError, /got an array/);
      expect(() => adapter.decode(42, ctx)).to.throw(ProtocolError, /got number/);
    });

    it('should decode a whole stream in order', async () => {
      const stream = [ROLE, REASONING_CONTENT, CONTENT_1, CONTENT_2, FINISH_STOP, USAGE];
      const events = stream.flatMap((frame) => adapter.decode(frame, ctx));
      expect(events.map((e) => e.type)).to.deep.equal(['reasoning', 'reply.delta', 'reply.delta', 'reply.end']);
      expect(adapter.decodeText!('[DONE]', ctx)).to.deep.equal([{type: 'end'}]);
    });
  });

  describe('decodeText', () => {
    it('should end the stream on [DONE]', async () => {
      expect(adapter.decodeText!('[DONE]', ctx)).to.deep.equal([{type: 'end'}]);
      expect(adapter.decodeText!(' [DONE]\n', ctx)).to.deep.equal([{type: 'end'}]);
    });

    it('should reject any other text', async () => {
      expect(() => adapter.decodeText!('data: oops', ctx)).to.throw(ProtocolError, /^openai: frame is not JSON: data: oops$/);
      expect(() => adapter.decodeText!('[done]', ctx)).to.throw(ProtocolError);
      expect(() => adapter.decodeText!('', ctx)).to.throw(ProtocolError);
    });
  });

  describe('the token', () => {
    const c = makeCtx({config: {token: TOKEN}});

    it('should not appear in a ProtocolError for a frame that is not an object', async () => {
      const message = errorOf(() => adapter.decode(TOKEN, c));
      expect(message).to.match(/^openai: expected a JSON object/);
      expect(message).to.not.include(TOKEN);
    });

    it('should not appear in a ProtocolError for non-JSON text that echoes it', async () => {
      const message = errorOf(() => adapter.decodeText!(`Invalid API key: ${TOKEN}`, c));
      expect(message).to.match(/^openai: frame is not JSON/);
      expect(message).to.not.include(TOKEN);
    });
  });
});
