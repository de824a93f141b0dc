import {expect} from '@open-wc/testing';
import {EventType} from '@ag-ui/core';
import {EventSchemas, RunAgentInputSchema} from '@ag-ui/core/schemas';
import {agUiAdapter as adapter} from '../../../src/protocols/ag-ui.js';
import type {ChatEvent} from '../../../src/core/chat-event.js';
import {ProtocolError, type AdapterContext, type HistoryMessage, type SseSpec} from '../../../src/protocols/protocol-adapter.js';
import {resolveConfigUrls} from '../../../src/protocols/url.js';
import {adapterContext, type ContextOverrides} from './context.js';

const TOKEN = 'sekret-token-123';
const URL_ = 'https://agent.example.com/awp';

function makeCtx(over: ContextOverrides = {}, randomId?: () => string): AdapterContext {
  return adapterContext({protocol: 'ag-ui', url: URL_}, over, randomId);
}

const ctx = makeCtx();

function sse(c: AdapterContext): SseSpec {
  const spec = adapter.transport(c);
  expect(spec.kind).to.equal('sse');
  return spec as SseSpec;
}

/** Ids r1, r2, … in the order they are asked for. */
function counter(): () => string {
  let n = 0;
  return () => `r${++n}`;
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

/** An event of @ag-ui/core 1.0, checked against its `EventSchemas`. */
function spec<T extends {type: string}>(event: T): T {
  const result = EventSchemas.safeParse(event);
  expect(result.success, `${event.type} is not a valid AG-UI event: ${result.success ? '' : result.error.message}`).to.equal(true);
  return event;
}

// ---- AG-UI events (@ag-ui/core 1.0) ----

const RUN_STARTED = spec({type: EventType.RUN_STARTED, threadId: 'thread-1', runId: 'run-1'});
const TEXT_START = spec({type: EventType.TEXT_MESSAGE_START, messageId: 'msg-1', role: 'assistant' as const});
const TEXT_CONTENT_1 = spec({type: EventType.TEXT_MESSAGE_CONTENT, messageId: 'msg-1', delta: 'Hello'});
const TEXT_CONTENT_2 = spec({type: EventType.TEXT_MESSAGE_CONTENT, messageId: 'msg-1', delta: ' there'});
const TEXT_END = spec({type: EventType.TEXT_MESSAGE_END, messageId: 'msg-1'});
const TEXT_CHUNK = spec({type: EventType.TEXT_MESSAGE_CHUNK, messageId: 'msg-2', role: 'assistant' as const, delta: 'Chunked'});
const TEXT_CHUNK_NO_DELTA = spec({type: EventType.TEXT_MESSAGE_CHUNK, messageId: 'msg-2'});
const REASONING_START = spec({type: EventType.REASONING_START, messageId: 'rsn-1'});
const REASONING_MESSAGE_START = spec({type: EventType.REASONING_MESSAGE_START, messageId: 'rsn-1', role: 'reasoning' as const});
const REASONING_CONTENT = spec({type: EventType.REASONING_MESSAGE_CONTENT, messageId: 'rsn-1', delta: 'Let me think.'});
const REASONING_MESSAGE_END = spec({type: EventType.REASONING_MESSAGE_END, messageId: 'rsn-1'});
const REASONING_CHUNK = spec({type: EventType.REASONING_MESSAGE_CHUNK, messageId: 'rsn-2', delta: 'More thought.'});
const REASONING_CHUNK_NO_DELTA = spec({type: EventType.REASONING_MESSAGE_CHUNK, messageId: 'rsn-2'});
const REASONING_END = spec({type: EventType.REASONING_END, messageId: 'rsn-1'});
const REASONING_ENCRYPTED = spec({type: EventType.REASONING_ENCRYPTED_VALUE, subtype: 'message' as const, entityId: 'rsn-1', encryptedValue: 'gAAAAABm…'});
// The pre-1.0 names, still sent by older agents (not in @ag-ui/core 1.0's schemas).
const THINKING_START = {type: 'THINKING_START', title: 'Thinking'};
const THINKING_TEXT_START = {type: 'THINKING_TEXT_MESSAGE_START'};
const THINKING_TEXT_CONTENT = {type: 'THINKING_TEXT_MESSAGE_CONTENT', delta: 'Old-style thought.'};
const THINKING_TEXT_END = {type: 'THINKING_TEXT_MESSAGE_END'};
const THINKING_END = {type: 'THINKING_END'};
const STEP_STARTED = spec({type: EventType.STEP_STARTED, stepName: 'retrieveContext'});
const STEP_FINISHED = spec({type: EventType.STEP_FINISHED, stepName: 'retrieveContext'});
const TOOL_START = spec({type: EventType.TOOL_CALL_START, toolCallId: 'tc-1', toolCallName: 'get_weather', parentMessageId: 'msg-1'});
const TOOL_ARGS = spec({type: EventType.TOOL_CALL_ARGS, toolCallId: 'tc-1', delta: '{"city":"Berlin"}'});
const TOOL_END = spec({type: EventType.TOOL_CALL_END, toolCallId: 'tc-1'});
const TOOL_RESULT = spec({type: EventType.TOOL_CALL_RESULT, messageId: 'msg-tool-1', toolCallId: 'tc-1', content: '{"temperature":21}', role: 'tool' as const});
const TOOL_CHUNK_OPEN = spec({type: EventType.TOOL_CALL_CHUNK, toolCallId: 'tc-2', toolCallName: 'search', parentMessageId: 'msg-1', delta: '{"q":'});
const TOOL_CHUNK_MORE = spec({type: EventType.TOOL_CALL_CHUNK, delta: '"ag-ui"}'});
const STATE_SNAPSHOT = spec({type: EventType.STATE_SNAPSHOT, snapshot: {count: 1, items: ['a']}});
const STATE_DELTA = spec({
  type: EventType.STATE_DELTA,
  delta: [
    {op: 'replace' as const, path: '/count', value: 2},
    {op: 'add' as const, path: '/items/-', value: 'b'},
  ],
});
const MESSAGES_SNAPSHOT = spec({
  type: EventType.MESSAGES_SNAPSHOT,
  messages: [
    {id: 'u1', role: 'user' as const, content: 'Hi'},
    {id: 'a1', role: 'assistant' as const, content: 'Hello'},
  ],
});
const ACTIVITY_SNAPSHOT = spec({type: EventType.ACTIVITY_SNAPSHOT, messageId: 'act-1', activityType: 'PLAN', content: {steps: ['one']}});
const ACTIVITY_DELTA = spec({type: EventType.ACTIVITY_DELTA, messageId: 'act-1', activityType: 'PLAN', patch: [{op: 'add' as const, path: '/steps/-', value: 'two'}]});
const CUSTOM = spec({type: EventType.CUSTOM, name: 'confetti', value: {intensity: 3}});
const RAW = spec({type: EventType.RAW, event: {provider: 'native', payload: 1}, source: 'langgraph'});
const RUN_FINISHED = spec({type: EventType.RUN_FINISHED, threadId: 'thread-1', runId: 'run-1', result: {ok: true}});
const RUN_FINISHED_CANCELLED = spec({type: EventType.RUN_FINISHED, threadId: 'thread-1', runId: 'run-1', outcome: {type: 'cancelled' as const}});
const RUN_ERROR = spec({type: EventType.RUN_ERROR, message: 'The model is overloaded.', code: 'MODEL_OVERLOADED'});
const SUBAGENT_STARTED = spec({type: EventType.SUBAGENT_STARTED, subagentRunId: 'sub-1', name: 'researcher'});
const SUBAGENT_FINISHED = spec({type: EventType.SUBAGENT_FINISHED, subagentRunId: 'sub-1', outcome: {type: 'success' as const}});
const SUBAGENT_ERROR = spec({type: EventType.SUBAGENT_ERROR, subagentRunId: 'sub-1', message: 'Researcher failed.'});

/** One event of each type of @ag-ui/core 1.0's EventType. */
const ALL_EVENTS: ReadonlyArray<{type: string}> = [
  RUN_STARTED, TEXT_START, TEXT_CONTENT_1, TEXT_END, TEXT_CHUNK, REASONING_START, REASONING_MESSAGE_START, REASONING_CONTENT,
  REASONING_MESSAGE_END, REASONING_CHUNK, REASONING_END, REASONING_ENCRYPTED, STEP_STARTED, STEP_FINISHED, TOOL_START, TOOL_ARGS,
  TOOL_END, TOOL_RESULT, TOOL_CHUNK_OPEN, STATE_SNAPSHOT, STATE_DELTA, MESSAGES_SNAPSHOT, ACTIVITY_SNAPSHOT, ACTIVITY_DELTA, CUSTOM,
  RAW, RUN_FINISHED, RUN_ERROR, SUBAGENT_STARTED, SUBAGENT_FINISHED, SUBAGENT_ERROR,
];

describe('ag-ui adapter', () => {
  describe('transport', () => {
    it('should POST over SSE to the url itself by default', async () => {
      expect(sse(ctx).url).to.equal('https://agent.example.com/awp');
      expect(sse(adapterContext({protocol: 'ag-ui', url: 'http://localhost:8000'})).url).to.equal('http://localhost:8000/');
    });

    it('should use a path override', async () => {
      expect(sse(makeCtx({config: {path: '/agent/run'}})).url).to.equal('https://agent.example.com/awp/agent/run');
    });

    it('should keep the query of the url', async () => {
      const url = 'https://agent.example.com/awp?agent=travel';
      expect(sse(adapterContext({protocol: 'ag-ui', url, baseQuery: resolveConfigUrls(url)!.baseQuery})).url).to.equal('https://agent.example.com/awp?agent=travel');
      expect(sse(adapterContext({protocol: 'ag-ui', url, path: '/run', baseQuery: resolveConfigUrls(url)!.baseQuery})).url).to.equal(
        'https://agent.example.com/awp/run?agent=travel',
      );
    });

    it('should send Authorization: Bearer only with a token', async () => {
      expect(sse(makeCtx({config: {token: TOKEN}})).headers).to.deep.equal({Authorization: `Bearer ${TOKEN}`});
      expect(sse(ctx).headers).to.deep.equal({});
      expect(sse(makeCtx({config: {token: ' '}})).headers).to.deep.equal({});
      expect(sse(makeCtx({config: {token: TOKEN}})).url).to.not.include(TOKEN);
    });
  });

  describe('initIds', () => {
    it('should keep an existing thread id', async () => {
      expect(adapter.initIds!(makeCtx({ids: {threadId: 'thread-9'}}, () => 'fresh'))).to.deep.equal({threadId: 'thread-9'});
    });

    it('should make one otherwise', async () => {
      expect(adapter.initIds!(makeCtx({}, () => 'fresh'))).to.deep.equal({threadId: 'fresh'});
      expect(adapter.initIds!(makeCtx({ids: {threadId: ''}}, () => 'fresh'))).to.deep.equal({threadId: 'fresh'});
    });
  });

  describe('encode', () => {
    const history: HistoryMessage[] = [
      {id: 'm1', role: 'user', text: 'Plan a trip'},
      {id: 'm2', role: 'assistant', text: 'Where to?'},
    ];

    it('should send a RunAgentInput with the thread id, a run id and the messages', async () => {
      const c = makeCtx({ids: {threadId: 'thread-9'}, history}, counter());
      const body = adapter.encode({type: 'chat', text: 'Lisbon', clientId: 'c3'}, c);
      expect(body).to.deep.equal({
        threadId: 'thread-9',
        runId: 'r1',
        messages: [
          {id: 'm1', role: 'user', content: 'Plan a trip'},
          {id: 'm2', role: 'assistant', content: 'Where to?'},
          {id: 'c3', role: 'user', content: 'Lisbon'},
        ],
        tools: [],
        context: [],
        state: {},
        forwardedProps: {},
      });
      expect(RunAgentInputSchema.safeParse(body).success).to.equal(true);
    });

    it('should give every run a new run id', async () => {
      const c = makeCtx({ids: {threadId: 'thread-9'}}, counter());
      const first = adapter.encode({type: 'chat', text: 'a', clientId: 'c1'}, c) as {runId: string};
      const second = adapter.encode({type: 'chat', text: 'b', clientId: 'c2'}, c) as {runId: string};
      expect(first.runId).to.not.equal(second.runId);
    });

    it('should make a thread id (distinct from the run id) when there is none', async () => {
      const body = adapter.encode({type: 'chat', text: 'Hi', clientId: 'c1'}, makeCtx({}, counter())) as {threadId: string; runId: string};
      expect(body.threadId).to.be.a('string').and.not.equal('');
      expect(body.threadId).to.not.equal(body.runId);
    });

    it('should send one context entry per context key, its value as JSON', async () => {
      const c = makeCtx({ids: {threadId: 't'}, config: {context: {user: {name: 'Ana', tier: 'gold'}, locale: 'pt-PT', count: 3, flag: null}}});
      const body = adapter.encode({type: 'chat', text: 'Hi', clientId: 'c1'}, c) as {context: unknown; tools: unknown; state: unknown};
      expect(body.context).to.deep.equal([
        {description: 'user', value: '{"name":"Ana","tier":"gold"}'},
        {description: 'locale', value: '"pt-PT"'},
        {description: 'count', value: '3'},
        {description: 'flag', value: 'null'},
      ]);
      expect(body.tools).to.deep.equal([]);
      expect(body.state).to.deep.equal({});
      expect(RunAgentInputSchema.safeParse(body).success).to.equal(true);
    });

    it('should not merge context keys into the RunAgentInput itself', async () => {
      const c = makeCtx({ids: {threadId: 't'}, config: {context: {threadId: 'ctx', tools: ['x']}}}, counter());
      const body = adapter.encode({type: 'chat', text: 'Hi', clientId: 'c1'}, c) as Record<string, unknown>;
      expect(body['threadId']).to.equal('t');
      expect(body['tools']).to.deep.equal([]);
      expect(body['context']).to.deep.equal([
        {description: 'threadId', value: '"ctx"'},
        {description: 'tools', value: '["x"]'},
      ]);
    });

    it('should have no frame for other actions', async () => {
      expect(adapter.encode({type: 'ping'}, ctx)).to.equal(null);
      expect(adapter.encode({type: 'stop'}, ctx)).to.equal(null);
      expect(adapter.encode({type: 'optimize', prompt: 'x'}, ctx)).to.equal(null);
      expect(adapter.encode({type: 'save-template', title: 'x'}, ctx)).to.equal(null);
    });
  });

  describe('decode', () => {
    it('should accept the bookkeeping events without events', async () => {
      const quiet = [
        RUN_STARTED,
        TEXT_START,
        TEXT_END,
        REASONING_START,
        REASONING_MESSAGE_START,
        REASONING_MESSAGE_END,
        REASONING_END,
        REASONING_ENCRYPTED,
        THINKING_START,
        THINKING_TEXT_START,
        THINKING_TEXT_END,
        THINKING_END,
        TOOL_END,
        MESSAGES_SNAPSHOT,
        ACTIVITY_SNAPSHOT,
        ACTIVITY_DELTA,
      ];
      for (const event of quiet) expect(adapter.decode(event, ctx), event.type).to.deep.equal([]);
    });

    it('should leave CUSTOM and RAW to chat-frame only', async () => {
      expect(adapter.decode(CUSTOM, ctx)).to.deep.equal([]);
      expect(adapter.decode(RAW, ctx)).to.deep.equal([]);
    });

    it('should append TEXT_MESSAGE_CONTENT deltas', async () => {
      expect(adapter.decode(TEXT_CONTENT_1, ctx)).to.deep.equal([{type: 'reply.delta', text: 'Hello'}]);
      expect(adapter.decode(TEXT_CONTENT_2, ctx)).to.deep.equal([{type: 'reply.delta', text: ' there'}]);
    });

    it('should append TEXT_MESSAGE_CHUNK deltas and ignore a chunk without one', async () => {
      expect(adapter.decode(TEXT_CHUNK, ctx)).to.deep.equal([{type: 'reply.delta', text: 'Chunked'}]);
      expect(adapter.decode(TEXT_CHUNK_NO_DELTA, ctx)).to.deep.equal([]);
    });

    it('should read REASONING_MESSAGE_CONTENT and REASONING_MESSAGE_CHUNK as reasoning', async () => {
      expect(adapter.decode(REASONING_CONTENT, ctx)).to.deep.equal([{type: 'reasoning', text: 'Let me think.'}]);
      expect(adapter.decode(REASONING_CHUNK, ctx)).to.deep.equal([{type: 'reasoning', text: 'More thought.'}]);
      expect(adapter.decode(REASONING_CHUNK_NO_DELTA, ctx)).to.deep.equal([]);
    });

    it('should read the older THINKING_TEXT_MESSAGE_CONTENT as reasoning', async () => {
      expect(adapter.decode(THINKING_TEXT_CONTENT, ctx)).to.deep.equal([{type: 'reasoning', text: 'Old-style thought.'}]);
    });

    it('should show steps, finished by STEP_FINISHED', async () => {
      expect(adapter.decode(STEP_STARTED, ctx)).to.deep.equal([
        {type: 'progress', step: 'step:retrieveContext', label: 'Retrieve context', details: {}, update: true},
      ]);
      expect(adapter.decode(STEP_FINISHED, ctx)).to.deep.equal([
        {type: 'progress', step: 'step:retrieveContext', label: 'Retrieve context', details: {done: true}, update: true},
      ]);
      expect(adapter.decode({type: 'STEP_STARTED', stepName: ''}, ctx)).to.deep.equal([]);
    });

    it('should show a tool call as a step from TOOL_CALL_START and finish it with TOOL_CALL_RESULT', async () => {
      expect(adapter.decode(TOOL_START, ctx)).to.deep.equal([{type: 'progress', step: 'tc-1', label: 'get_weather', details: {tool: 'get_weather'}, update: true}]);
      expect(adapter.decode(TOOL_RESULT, ctx)).to.deep.equal([
        {type: 'progress', step: 'tc-1', label: '', details: {output: '{"temperature":21}', done: true}, update: true},
      ]);
    });

    it('should add each TOOL_CALL_ARGS delta to its call\'s input', async () => {
      expect(adapter.decode(TOOL_ARGS, ctx)).to.deep.equal([{type: 'progress', step: 'tc-1', label: '', inputDelta: '{"city":"Berlin"}', update: true}]);
      expect(adapter.decode({type: 'TOOL_CALL_ARGS', toolCallId: 'tc-1', delta: ''}, ctx)).to.deep.equal([]);
    });

    it('should open a step with the TOOL_CALL_CHUNK that names the tool (with its first input), and skip the chunks without a call id', async () => {
      expect(adapter.decode(TOOL_CHUNK_OPEN, ctx)).to.deep.equal([
        {type: 'progress', step: 'tc-2', label: 'search', details: {tool: 'search'}, inputDelta: '{"q":', update: true},
      ]);
      expect(adapter.decode(TOOL_CHUNK_MORE, ctx)).to.deep.equal([]);
    });

    it('should pass STATE_SNAPSHOT and STATE_DELTA on as state', async () => {
      expect(adapter.decode(STATE_SNAPSHOT, ctx)).to.deep.equal([{type: 'state', snapshot: {count: 1, items: ['a']}}]);
      expect(adapter.decode(STATE_DELTA, ctx)).to.deep.equal([
        {
          type: 'state',
          patch: [
            {op: 'replace', path: '/count', value: 2},
            {op: 'add', path: '/items/-', value: 'b'},
          ],
        },
      ]);
    });

    it('should reject a STATE_DELTA without a delta array', async () => {
      expect(EventSchemas.safeParse({type: 'STATE_DELTA', delta: {op: 'add'}}).success).to.equal(false);
      expect(() => adapter.decode({type: 'STATE_DELTA', delta: {op: 'add', path: '/x', value: 1}}, ctx)).to.throw(
        ProtocolError,
        'ag-ui: "STATE_DELTA" without a delta array',
      );
      expect(() => adapter.decode({type: 'STATE_DELTA'}, ctx)).to.throw(ProtocolError, 'ag-ui: "STATE_DELTA" without a delta array');
    });

    it('should end the reply and the stream on RUN_FINISHED', async () => {
      expect(adapter.decode(RUN_FINISHED, ctx)).to.deep.equal([{type: 'reply.end'}, {type: 'end'}]);
    });

    it('should mark the reply stopped when the run was cancelled', async () => {
      expect(adapter.decode(RUN_FINISHED_CANCELLED, ctx)).to.deep.equal([{type: 'reply.end', status: 'stopped'}, {type: 'end'}]);
    });

    it('should report RUN_ERROR as a server error that ends the reply and the stream', async () => {
      expect(adapter.decode(RUN_ERROR, ctx)).to.deep.equal([
        {type: 'error', kind: 'server', code: 'server_error', message: 'The model is overloaded.', endsReply: true},
        {type: 'end'},
      ]);
    });

    it('should show the SUBAGENT_* events of @ag-ui/core 1.0 as steps', async () => {
      for (const event of [SUBAGENT_STARTED, SUBAGENT_FINISHED, SUBAGENT_ERROR]) {
        const [step] = adapter.decode(event, ctx) as Array<Extract<ChatEvent, {type: 'progress'}>>;
        expect(step, event.type).to.include({type: 'progress', step: `subagent:${(event as {subagentRunId: string}).subagentRunId}`, update: true});
        expect(Boolean(step.details?.['done']), event.type).to.equal(event.type !== 'SUBAGENT_STARTED');
      }
    });

    it('should reject an unknown type', async () => {
      expect(EventSchemas.safeParse({type: 'MYSTERY_EVENT', x: 1}).success).to.equal(false);
      expect(() => adapter.decode({type: 'MYSTERY_EVENT', x: 1}, ctx)).to.throw(ProtocolError, 'ag-ui: frame of unknown type "MYSTERY_EVENT"');
    });

    it('should reject a frame without a type, and one that is not an object', async () => {
      expect(() => adapter.decode({delta: 'x'}, ctx)).to.throw(ProtocolError, 'ag-ui: frame without a "type"');
      expect(() => adapter.decode([RUN_STARTED], ctx)).to.throw(ProtocolError, 'ag-ui: expected a JSON object frame, got an array');
    });

    it('should have no decodeText (a non-JSON frame is a protocol error)', async () => {
      expect(adapter.decodeText).to.equal(undefined);
    });

    it('should have a frame here for every event type of @ag-ui/core 1.0', async () => {
      expect([...new Set(ALL_EVENTS.map((e) => e.type))].sort()).to.deep.equal(Object.values(EventType).sort());
    });

    it('should decode every event of @ag-ui/core 1.0 but SUBAGENT_* without a protocol error', async () => {
      for (const event of ALL_EVENTS.filter((e) => !e.type.startsWith('SUBAGENT_'))) {
        const events = adapter.decode(event, ctx);
        expect(events.filter((e) => e.type === 'error' && e.kind === 'protocol'), event.type).to.deep.equal([]);
      }
    });

    it('should decode a whole run in order', async () => {
      const run = [
        RUN_STARTED,
        STEP_STARTED,
        REASONING_START,
        REASONING_MESSAGE_START,
        REASONING_CONTENT,
        REASONING_MESSAGE_END,
        REASONING_END,
        TOOL_START,
        TOOL_ARGS,
        TOOL_END,
        TOOL_RESULT,
        STATE_SNAPSHOT,
        TEXT_START,
        TEXT_CONTENT_1,
        TEXT_CONTENT_2,
        TEXT_END,
        STATE_DELTA,
        STEP_FINISHED,
        CUSTOM,
        RUN_FINISHED,
      ];
      const events = run.flatMap((event) => adapter.decode(event, ctx));
      expect(events.map((e) => e.type)).to.deep.equal([
        'progress',
        'reasoning',
        'progress',
        'progress',
        'progress',
        'state',
        'reply.delta',
        'reply.delta',
        'state',
        'progress',
        'reply.end',
        'end',
      ]);
    });
  });

  describe('the token', () => {
    it('should not appear in the ProtocolError of an unknown type', async () => {
      const message = errorOf(() => adapter.decode({type: `X_${TOKEN}`}, makeCtx({config: {token: TOKEN}})));
      expect(message).to.match(/^ag-ui: frame of unknown type/);
      expect(message).to.not.include(TOKEN);
    });
  });
});
