import {expect} from '@open-wc/testing';
import {aiSdkAdapter as adapter} from '../../../src/protocols/ai-sdk.js';
import {ProtocolError, type AdapterContext, type HistoryMessage, type SseSpec} from '../../../src/protocols/protocol-adapter.js';
import {resolveConfigUrls} from '../../../src/protocols/url.js';
import {adapterContext, type ContextOverrides} from './context.js';

// The frames below follow `uiMessageChunkSchema` of the `ai` package (v6). The schema itself is
// not imported: `ai`'s entry point does not load in the browser test build (its
// @ai-sdk/gateway dependency pulls in the CommonJS-only @vercel/oidc). The node tests
// (test/node/standard-backends.test.mjs) check the reference backend's stream against it.

const TOKEN = 'sekret-token-123';
const URL_ = 'https://chat.example.com';

function makeCtx(over: ContextOverrides = {}, randomId?: () => string): AdapterContext {
  return adapterContext({protocol: 'ai-sdk', url: URL_}, over, randomId);
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

// ---- UI message stream v1 parts ----

const START = {type: 'start', messageId: 'msg-7f3b'};
const START_STEP = {type: 'start-step'};
const TEXT_START = {type: 'text-start', id: 'txt-0'};
const TEXT_DELTA_1 = {type: 'text-delta', id: 'txt-0', delta: 'Hello'};
const TEXT_DELTA_2 = {type: 'text-delta', id: 'txt-0', delta: ', world!'};
const TEXT_END = {type: 'text-end', id: 'txt-0'};
const REASONING_START = {type: 'reasoning-start', id: 'rsn-0'};
const REASONING_DELTA = {type: 'reasoning-delta', id: 'rsn-0', delta: 'The user wants a greeting.'};
const REASONING_END = {type: 'reasoning-end', id: 'rsn-0'};
const TOOL_INPUT_START = {type: 'tool-input-start', toolCallId: 'call-1', toolName: 'getWeather'};
const TOOL_INPUT_DELTA = {type: 'tool-input-delta', toolCallId: 'call-1', inputTextDelta: '{"city":"Ber'};
const TOOL_INPUT_AVAILABLE = {type: 'tool-input-available', toolCallId: 'call-1', toolName: 'getWeather', input: {city: 'Berlin'}};
const TOOL_OUTPUT_AVAILABLE = {type: 'tool-output-available', toolCallId: 'call-1', output: {temperature: 21, unit: 'C'}};
const TOOL_INPUT_ERROR = {type: 'tool-input-error', toolCallId: 'call-2', toolName: 'getWeather', input: '{"city":', errorText: 'Invalid JSON input'};
const TOOL_OUTPUT_ERROR = {type: 'tool-output-error', toolCallId: 'call-3', errorText: 'Weather service unavailable'};
const SOURCE_URL = {type: 'source-url', sourceId: 'src-1', url: 'https://example.com/weather', title: 'Weather report'};
const SOURCE_DOCUMENT = {type: 'source-document', sourceId: 'src-2', mediaType: 'application/pdf', title: 'Annual report', filename: 'report.pdf'};
const FILE = {type: 'file', url: 'https://example.com/chart.png', mediaType: 'image/png'};
const DATA = {type: 'data-weather', data: {city: 'Berlin', status: 'loading'}};
const DATA_WITH_ID = {type: 'data-weather', id: 'weather-1', data: {city: 'Berlin', status: 'done', temperature: 21}};
const DATA_TRANSIENT = {type: 'data-notification', data: {message: 'Processing…', level: 'info'}, transient: true};
const MESSAGE_METADATA = {type: 'message-metadata', messageMetadata: {model: 'gpt-4o', totalTokens: 42}};
const FINISH_STEP = {type: 'finish-step'};
const FINISH = {type: 'finish'};
const FINISH_STOP = {type: 'finish', finishReason: 'stop'};
const FINISH_LENGTH = {type: 'finish', finishReason: 'length'};
const ERROR = {type: 'error', errorText: 'Rate limit exceeded'};
const ABORT = {type: 'abort'};
const ABORT_REASON = {type: 'abort', reason: 'user cancelled'};

describe('ai-sdk adapter', () => {
  describe('transport', () => {
    it('should POST over SSE to /api/chat by default', async () => {
      expect(sse(ctx).url).to.equal('https://chat.example.com/api/chat');
      expect(sse(adapterContext({protocol: 'ai-sdk', url: 'http://localhost:3000/app/'})).url).to.equal('http://localhost:3000/app/api/chat');
    });

    it('should use a path override', async () => {
      expect(sse(makeCtx({config: {path: '/api/v2/agent'}})).url).to.equal('https://chat.example.com/api/v2/agent');
      expect(sse(makeCtx({config: {path: 'chat?mode=fast'}})).url).to.equal('https://chat.example.com/chat?mode=fast');
    });

    it('should keep the query of the url', async () => {
      const url = 'https://chat.example.com/?tenant=acme';
      expect(sse(adapterContext({protocol: 'ai-sdk', url, baseQuery: resolveConfigUrls(url)!.baseQuery})).url).to.equal('https://chat.example.com/api/chat?tenant=acme');
    });

    it('should send Authorization: Bearer only with a token', async () => {
      expect(sse(makeCtx({config: {token: TOKEN}})).headers).to.deep.equal({Authorization: `Bearer ${TOKEN}`});
      expect(sse(ctx).headers).to.deep.equal({});
      expect(sse(makeCtx({config: {token: ''}})).headers).to.deep.equal({});
      expect(sse(makeCtx({config: {token: TOKEN}})).url).to.not.include(TOKEN);
    });
  });

  describe('initIds', () => {
    it('should keep an existing chat id', async () => {
      expect(adapter.initIds!(makeCtx({ids: {chatId: 'chat-42'}}, () => 'fresh'))).to.deep.equal({chatId: 'chat-42'});
    });

    it('should make one otherwise', async () => {
      expect(adapter.initIds!(makeCtx({}, () => 'fresh'))).to.deep.equal({chatId: 'fresh'});
      expect(adapter.initIds!(makeCtx({ids: {chatId: ''}}, () => 'fresh'))).to.deep.equal({chatId: 'fresh'});
    });
  });

  describe('encode', () => {
    const history: HistoryMessage[] = [
      {id: 'm1', role: 'user', text: 'Weather in Berlin?'},
      {id: 'm2', role: 'assistant', text: '21 °C and sunny.'},
    ];

    it('should send the chat id, the messages as UI messages and trigger submit-message', async () => {
      const c = makeCtx({ids: {chatId: 'chat-42'}, history});
      expect(adapter.encode({type: 'chat', text: 'And tomorrow?', clientId: 'c3'}, c)).to.deep.equal({
        id: 'chat-42',
        messages: [
          {id: 'm1', role: 'user', parts: [{type: 'text', text: 'Weather in Berlin?'}]},
          {id: 'm2', role: 'assistant', parts: [{type: 'text', text: '21 °C and sunny.'}]},
          {id: 'c3', role: 'user', parts: [{type: 'text', text: 'And tomorrow?'}]},
        ],
        trigger: 'submit-message',
      });
    });

    it('should make a chat id when there is none', async () => {
      const body = adapter.encode({type: 'chat', text: 'Hi', clientId: 'c1'}, makeCtx({}, () => 'made-id')) as {id: string};
      expect(body.id).to.equal('made-id');
    });

    it('should merge context into the body with the protocol fields winning', async () => {
      const c = makeCtx({ids: {chatId: 'chat-42'}, config: {context: {model: 'gpt-4o', id: 'ctx', trigger: 'ctx', messages: 'ctx'}}});
      expect(adapter.encode({type: 'chat', text: 'Hi', clientId: 'c1'}, c)).to.deep.equal({
        model: 'gpt-4o',
        id: 'chat-42',
        messages: [{id: 'c1', role: 'user', parts: [{type: 'text', text: 'Hi'}]}],
        trigger: 'submit-message',
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
    it('should accept the bookkeeping parts without events', async () => {
      for (const part of [START, {type: 'start'}, START_STEP, TEXT_START, TEXT_END, REASONING_START, REASONING_END, TOOL_INPUT_DELTA, MESSAGE_METADATA, FINISH_STEP, FILE]) {
        expect(adapter.decode(part, ctx), part.type).to.deep.equal([]);
      }
    });

    it('should append text deltas', async () => {
      expect(adapter.decode(TEXT_DELTA_1, ctx)).to.deep.equal([{type: 'reply.delta', text: 'Hello'}]);
      expect(adapter.decode(TEXT_DELTA_2, ctx)).to.deep.equal([{type: 'reply.delta', text: ', world!'}]);
      expect(adapter.decode({type: 'text-delta', id: 'txt-0', delta: ''}, ctx)).to.deep.equal([]);
    });

    it('should read reasoning deltas as reasoning', async () => {
      expect(adapter.decode(REASONING_DELTA, ctx)).to.deep.equal([{type: 'reasoning', text: 'The user wants a greeting.'}]);
      expect(adapter.decode({type: 'reasoning-delta', id: 'rsn-0', delta: ''}, ctx)).to.deep.equal([]);
    });

    it('should show a tool call as a step keyed by its call id', async () => {
      expect(adapter.decode(TOOL_INPUT_START, ctx)).to.deep.equal([
        {type: 'progress', step: 'call-1', label: 'getWeather', details: {tool: 'getWeather'}, update: true},
      ]);
      expect(adapter.decode(TOOL_INPUT_AVAILABLE, ctx)).to.deep.equal([
        {type: 'progress', step: 'call-1', label: 'getWeather', details: {tool: 'getWeather', input: {city: 'Berlin'}}, update: true},
      ]);
    });

    it('should finish the step with the tool output', async () => {
      expect(adapter.decode(TOOL_OUTPUT_AVAILABLE, ctx)).to.deep.equal([
        {type: 'progress', step: 'call-1', label: '', details: {output: {temperature: 21, unit: 'C'}, done: true}, update: true},
      ]);
    });

    it('should finish the step with the error of tool-input-error and tool-output-error', async () => {
      expect(adapter.decode(TOOL_INPUT_ERROR, ctx)).to.deep.equal([
        {type: 'progress', step: 'call-2', label: '', details: {error: 'Invalid JSON input', done: true}, update: true},
      ]);
      expect(adapter.decode(TOOL_OUTPUT_ERROR, ctx)).to.deep.equal([
        {type: 'progress', step: 'call-3', label: '', details: {error: 'Weather service unavailable', done: true}, update: true},
      ]);
    });

    it('should not mark a preliminary tool output as done', async () => {
      const preliminary = {type: 'tool-output-available', toolCallId: 'call-1', output: {status: 'loading'}, preliminary: true};
      const [event] = adapter.decode(preliminary, ctx);
      expect(event).to.include({type: 'progress', step: 'call-1'});
      expect((event as {details?: Record<string, unknown>}).details?.['done']).to.not.equal(true);
    });

    it('should skip the tool parts it has no step for', async () => {
      expect(adapter.decode({type: 'tool-output-denied', toolCallId: 'call-4'}, ctx)).to.deep.equal([]);
      expect(adapter.decode({type: 'tool-approval-request', approvalId: 'ap-1', toolCallId: 'call-4'}, ctx)).to.deep.equal([]);
      expect(adapter.decode({type: 'tool-input-start', toolName: 'x'}, ctx)).to.deep.equal([]);
    });

    it('should turn source-url and source-document into sources', async () => {
      expect(adapter.decode(SOURCE_URL, ctx)).to.deep.equal([
        {type: 'source', source: {kind: 'url', url: 'https://example.com/weather', id: 'src-1', title: 'Weather report'}},
      ]);
      expect(adapter.decode(SOURCE_DOCUMENT, ctx)).to.deep.equal([
        {type: 'source', source: {kind: 'document', id: 'src-2', title: 'Annual report', mediaType: 'application/pdf', filename: 'report.pdf'}},
      ]);
    });

    it('should accept a source-url without a title', async () => {
      const [event] = adapter.decode({type: 'source-url', sourceId: 'src-3', url: 'https://example.com/x'}, ctx);
      if (event?.type !== 'source') throw new Error(`expected a source event, got ${event?.type}`);
      expect(event.source).to.include({kind: 'url', url: 'https://example.com/x', id: 'src-3'});
      expect(event.source.title).to.equal(undefined);
    });

    it('should reject a source-url without a url', async () => {
      expect(() => adapter.decode({type: 'source-url', sourceId: 'src-1'}, ctx)).to.throw(ProtocolError, 'ai-sdk: "source-url" part without url');
    });

    it('should pass data-<name> parts on as data, with or without id and transient', async () => {
      expect(adapter.decode(DATA, ctx)).to.deep.equal([{type: 'data', name: 'weather', data: {city: 'Berlin', status: 'loading'}}]);
      expect(adapter.decode(DATA_WITH_ID, ctx)).to.deep.equal([{type: 'data', name: 'weather', data: {city: 'Berlin', status: 'done', temperature: 21}}]);
      expect(adapter.decode(DATA_TRANSIENT, ctx)).to.deep.equal([{type: 'data', name: 'notification', data: {message: 'Processing…', level: 'info'}}]);
    });

    it('should end the reply on finish, with or without a finishReason', async () => {
      expect(adapter.decode(FINISH, ctx)).to.deep.equal([{type: 'reply.end'}]);
      expect(adapter.decode(FINISH_STOP, ctx)).to.deep.equal([{type: 'reply.end'}]);
      expect(adapter.decode({type: 'finish', finishReason: 'tool-calls', messageMetadata: {x: 1}}, ctx)).to.deep.equal([{type: 'reply.end'}]);
    });

    it('should mark the reply as cut short on finishReason length', async () => {
      expect(adapter.decode(FINISH_LENGTH, ctx)).to.deep.equal([{type: 'reply.end', status: 'interrupted', meta: {finishReason: 'length'}}]);
    });

    it('should report an error part as a server error that ends the reply', async () => {
      expect(adapter.decode(ERROR, ctx)).to.deep.equal([{type: 'error', kind: 'server', code: 'server_error', message: 'Rate limit exceeded', endsReply: true}]);
    });

    it('should stop the reply on abort', async () => {
      expect(adapter.decode(ABORT, ctx)).to.deep.equal([{type: 'reply.end', status: 'stopped'}]);
      expect(adapter.decode(ABORT_REASON, ctx)).to.deep.equal([{type: 'reply.end', status: 'stopped'}]);
    });

    it('should reject an unknown type', async () => {
      expect(() => adapter.decode({type: 'mystery-part'}, ctx)).to.throw(ProtocolError, 'ai-sdk: frame of unknown type "mystery-part"');
    });

    it('should reject a frame without a type, and one that is not an object', async () => {
      expect(() => adapter.decode({delta: 'x'}, ctx)).to.throw(ProtocolError, 'ai-sdk: frame without a "type"');
      expect(() => adapter.decode({type: ''}, ctx)).to.throw(ProtocolError, 'ai-sdk: frame without a "type"');
      expect(() => adapter.decode('hello', ctx)).to.throw(ProtocolError, 'ai-sdk: expected a JSON object frame, got a string');
      expect(() => adapter.decode(null, ctx)).to.throw(ProtocolError, /got null/);
    });

    it('should decode a whole stream in order', async () => {
      const stream = [
        START,
        START_STEP,
        REASONING_START,
        REASONING_DELTA,
        REASONING_END,
        TOOL_INPUT_START,
        TOOL_INPUT_DELTA,
        TOOL_INPUT_AVAILABLE,
        TOOL_OUTPUT_AVAILABLE,
        FINISH_STEP,
        START_STEP,
        TEXT_START,
        TEXT_DELTA_1,
        TEXT_DELTA_2,
        TEXT_END,
        SOURCE_URL,
        DATA,
        MESSAGE_METADATA,
        FINISH_STEP,
        FINISH_STOP,
      ];
      const events = stream.flatMap((part) => adapter.decode(part, ctx));
      expect(events.map((e) => e.type)).to.deep.equal(['reasoning', 'progress', 'progress', 'progress', 'reply.delta', 'reply.delta', 'source', 'data', 'reply.end']);
      expect(adapter.decodeText!('[DONE]', ctx)).to.deep.equal([{type: 'end'}]);
    });
  });

  describe('decodeText', () => {
    it('should end the stream on [DONE]', async () => {
      expect(adapter.decodeText!('[DONE]', ctx)).to.deep.equal([{type: 'end'}]);
    });

    it('should reject any other text', async () => {
      expect(() => adapter.decodeText!('not json', ctx)).to.throw(ProtocolError, 'ai-sdk: frame is not JSON: not json');
    });
  });

  describe('the token', () => {
    const c = makeCtx({config: {token: TOKEN}});

    it('should not appear in the ProtocolError of an unknown type', async () => {
      const message = errorOf(() => adapter.decode({type: `x-${TOKEN}`}, c));
      expect(message).to.match(/^ai-sdk: frame of unknown type/);
      expect(message).to.not.include(TOKEN);
    });

    it('should not appear in the ProtocolError of non-JSON text that echoes it', async () => {
      const message = errorOf(() => adapter.decodeText!(`bad token ${TOKEN}`, c));
      expect(message).to.match(/^ai-sdk: frame is not JSON/);
      expect(message).to.not.include(TOKEN);
    });
  });
});
