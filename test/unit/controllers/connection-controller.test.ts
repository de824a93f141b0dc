import {expect} from '@open-wc/testing';
import {ConnectionController, type ConnectionHost, type ConnectionOptions, type ConnectionProblem} from '../../../src/controllers/connection-controller.js';
import type {ChatEvent} from '../../../src/core/chat-event.js';
import {Store} from '../../../src/core/store.js';
import type {ChatEventDetails, ChatEventName} from '../../../src/events/index.js';
import {EN} from '../../../src/i18n/strings.js';
import type {AdapterContext, ProtocolAdapter} from '../../../src/protocols/protocol-adapter.js';
import type {ChatConfig, ChatMessage} from '../../../src/types.js';
import {fakeFetch, fakeWebSocketClass, manualStream, settle, sseEvents, until, type FetchCall, type ManualStream} from '../fakes.js';

const TOKEN = 'tok-secret-9876';

const CONFIG: ChatConfig = {
  protocol: 'test',
  url: 'https://chat.test/api',
  httpBase: 'https://chat.test/api',
  wsBase: 'wss://chat.test/api',
  baseQuery: [],
  voice: false,
  enableAgents: false,
  historyLimit: 40,
  token: TOKEN,
};

/** Frames of the fake protocol: `{type: 'delta', text}`, `{type: 'done'}`, `{type: 'error', message}`. */
function decodeFrame(frame: unknown): ChatEvent[] {
  const f = frame as {type?: string; text?: string; message?: string};
  switch (f.type) {
    case 'delta':
      return [{type: 'reply.delta', text: f.text ?? ''}];
    case 'done':
      return [{type: 'reply.end'}];
    case 'error':
      return [{type: 'error', kind: 'server', message: f.message ?? '', endsReply: true}];
    default:
      return [];
  }
}

/** A WebSocket protocol: one socket, chat and stop frames out. */
const wsAdapter: ProtocolAdapter = {
  transport: (ctx) => ({kind: 'websocket', url: `${ctx.config.wsBase}/ws`}),
  encode: (action) => {
    if (action.type === 'chat') return {type: 'chat', id: action.clientId, text: action.text};
    if (action.type === 'stop') return {type: 'stop'};
    return null;
  },
  decode: decodeFrame,
};

/** A heartbeat variant (the heartbeat is a live timer). */
const wsHeartbeatAdapter: ProtocolAdapter = {
  ...wsAdapter,
  transport: (ctx) => ({kind: 'websocket', url: `${ctx.config.wsBase}/ws`, heartbeat: {intervalMs: 60_000}}),
};

/** An HTTP + SSE protocol: the body carries the history; `[DONE]` ends the reply and the exchange. */
const sseAdapter: ProtocolAdapter = {
  transport: (ctx) => ({kind: 'sse', url: `${ctx.config.httpBase}/chat`, headers: {Authorization: `Bearer ${ctx.config.token}`}}),
  encode: (action, ctx) => {
    if (action.type !== 'chat') return null;
    return {messages: [...ctx.history.map((m) => ({role: m.role, content: m.text})), {role: 'user', content: action.text}]};
  },
  decode: decodeFrame,
  decodeText: (text) => (text === '[DONE]' ? [{type: 'reply.end'}, {type: 'end'}] : []),
  httpError: (status, body, ctx: AdapterContext) => `HTTP ${status} from ${ctx.config.httpBase}: ${body}`,
};

type Recorded = {[N in ChatEventName]: [N, ChatEventDetails[N]]}[ChatEventName];

interface Harness {
  controller: ConnectionController;
  store: Store;
  events: Recorded[];
  sockets: ReturnType<typeof fakeWebSocketClass>;
  calls: FetchCall[];
  /** The SSE bodies the fake fetch answered with, in order. */
  streams: ManualStream[];
  /** The details of every event of this name, in order. */
  fired<N extends ChatEventName>(name: N): ChatEventDetails[N][];
  messages(): readonly ChatMessage[];
}

const live: ConnectionController[] = [];

/**
 * A controller on a fake host and a fresh store, with a fake WebSocket class and a fake
 * fetch whose responses stream SSE bodies the test writes (`respond` overrides that).
 */
function harness(
  adapter: ProtocolAdapter,
  options: Partial<ConnectionOptions> = {},
  config: Partial<ChatConfig> = {},
  respond?: (call: FetchCall, index: number) => Response | Promise<Response>,
): Harness {
  const events: Recorded[] = [];
  const host = {
    addController() {},
    removeController() {},
    requestUpdate() {},
    updateComplete: Promise.resolve(true),
    emit<N extends ChatEventName>(name: N, detail: ChatEventDetails[N]): boolean {
      events.push([name, detail] as Recorded);
      return true;
    },
    describe: (problem: ConnectionProblem) => problem,
    uiStrings: () => EN,
  } satisfies ConnectionHost;
  const store = new Store();
  const sockets = fakeWebSocketClass();
  const streams: ManualStream[] = [];
  const http = fakeFetch(
    respond ??
      ((call) => {
        const stream = manualStream(call.signal);
        streams.push(stream);
        return new Response(stream.body, {status: 200, headers: {'Content-Type': 'text/event-stream'}});
      }),
  );
  const controller = new ConnectionController(host, store, {
    stallTimeout: 0,
    backoff: {base: 60_000, cap: 60_000},
    random: () => 1,
    WebSocket: sockets.Ctor,
    fetch: http.fetch,
    ...options,
  });
  live.push(controller);
  controller.hostConnected();
  controller.configure({config: {...CONFIG, ...config}, adapter});
  controller.connect();
  return {
    controller,
    store,
    events,
    sockets,
    calls: http.calls,
    streams,
    fired: <N extends ChatEventName>(name: N) => events.filter((e) => e[0] === name).map((e) => e[1] as ChatEventDetails[N]),
    messages: () => store.state.messages,
  };
}

const frame = (value: unknown) => JSON.stringify(value);
const assistantTexts = (h: Harness) => h.messages().filter((m) => m.role === 'assistant').map((m) => m.text);

afterEach(() => {
  for (const controller of live.splice(0)) controller.hostDisconnected();
});

describe('ConnectionController', () => {
  describe('over a WebSocket', () => {
    it('should queue a message sent before the socket opened and write it exactly once on open', () => {
      const h = harness(wsAdapter);
      expect(h.store.state.status).to.equal('connecting');
      const socket = h.sockets.last();
      expect(socket.url).to.equal('wss://chat.test/api/ws');
      const id = h.controller.send('Hello there');
      expect(id).to.be.a('string');
      expect(socket.sent).to.deep.equal([]);
      expect(h.messages()[0]).to.include({id, status: 'pending', text: 'Hello there'});
      expect(h.controller.diagnostics).to.include({outbox: 1, inFlight: 0});

      socket.serverOpen();
      expect(h.store.state.status).to.equal('open');
      expect(socket.sent).to.deep.equal([frame({type: 'chat', id, text: 'Hello there'})]);
      expect(h.messages()[0]!.status).to.equal('sent');
      expect(h.controller.diagnostics).to.include({outbox: 0, inFlight: 1});
      expect(h.fired('chat-frame').filter((f) => f.direction === 'out')).to.have.length(1);
      expect(h.sockets.sockets).to.have.length(1);
    });

    it('should write a message at once while the socket is open', () => {
      const h = harness(wsAdapter);
      h.sockets.last().serverOpen();
      const id = h.controller.send('  Now  ');
      expect(h.sockets.last().sent).to.deep.equal([frame({type: 'chat', id, text: 'Now'})]);
      expect(h.controller.send('   ')).to.equal(null);
      expect(h.sockets.last().sent).to.have.length(1);
    });

    it('should fire chat-message once for a streamed reply', () => {
      const h = harness(wsAdapter);
      const socket = h.sockets.last();
      socket.serverOpen();
      h.controller.send('Hi');
      socket.serverSend(frame({type: 'delta', text: 'Hel'}));
      socket.serverSend(frame({type: 'delta', text: 'lo'}));
      expect(h.fired('chat-message')).to.deep.equal([]);
      socket.serverSend(frame({type: 'done'}));
      socket.serverSend(frame({type: 'noise'}));
      const completed = h.fired('chat-message');
      expect(completed).to.have.length(1);
      expect(completed[0]!.message).to.include({role: 'assistant', text: 'Hello', status: 'complete'});
      expect(h.controller.diagnostics.inFlight).to.equal(0);
    });

    it('should interrupt a reply cut by a broken socket and reconnect without sending anything again', async () => {
      const h = harness(wsAdapter, {random: () => 0});
      const first = h.sockets.last();
      first.serverOpen();
      const id = h.controller.send('Tell me a story');
      first.serverSend(frame({type: 'delta', text: 'Once upon'}));
      first.serverClose(1006);

      expect(h.store.state.status).to.equal('reconnecting');
      const reply = h.messages().find((m) => m.role === 'assistant');
      expect(reply).to.include({text: 'Once upon', status: 'interrupted'});
      // The reply carries the outcome: the question itself went out and stays "sent".
      expect(h.messages().find((m) => m.id === id)!.status).to.equal('sent');
      expect(h.fired('chat-error').map((e) => e.message)).to.include('networkLost');
      expect(h.fired('chat-message')).to.deep.equal([]);

      await until(() => h.sockets.sockets.length === 2, 'the reconnection');
      const second = h.sockets.last();
      second.serverOpen();
      expect(h.store.state.status).to.equal('open');
      expect(second.sent).to.deep.equal([]);
      expect(first.sent).to.have.length(1);
      expect(h.controller.diagnostics).to.include({outbox: 0, inFlight: 0});
    });

    it('should mark a message whose reply had not begun interrupted, and send it again only on retry()', async () => {
      const h = harness(wsAdapter, {random: () => 0});
      const first = h.sockets.last();
      first.serverOpen();
      const id = h.controller.send('Are you there?')!;
      first.serverClose(1006);
      expect(h.messages()[0]).to.include({id, status: 'interrupted'});

      await until(() => h.sockets.sockets.length === 2, 'the reconnection');
      const second = h.sockets.last();
      second.serverOpen();
      expect(second.sent).to.deep.equal([]);

      expect(h.controller.retry(id)).to.equal(true);
      expect(second.sent).to.deep.equal([frame({type: 'chat', id, text: 'Are you there?'})]);
      expect(h.messages()).to.have.length(1);
      expect(h.messages()[0]).to.include({id, status: 'sent'});
      expect(h.controller.retry(id)).to.equal(false);
      expect(second.sent).to.have.length(1);
    });

    it('should stay closed after a close 1000 that followed an error frame, until the next message', async () => {
      const h = harness(wsAdapter, {random: () => 0});
      const socket = h.sockets.last();
      socket.serverOpen();
      h.controller.send('Hi');
      socket.serverSend(frame({type: 'error', message: 'Quota exceeded'}));
      socket.serverClose(1000);

      expect(h.store.state.status).to.equal('closed');
      expect(h.controller.diagnostics).to.deep.equal({timers: 0, socket: false, outbox: 0, inFlight: 0});
      expect(h.messages().map((m) => [m.role, m.status])).to.deep.equal([
        ['user', 'sent'],
        ['system', 'error'],
      ]);
      await settle(10);
      expect(h.sockets.sockets).to.have.length(1);
      expect(h.fired('chat-error').map((e) => e.message)).to.deep.equal(['Quota exceeded']);

      // The next message opens a fresh socket.
      h.controller.send('Again');
      expect(h.sockets.sockets).to.have.length(2);
    });

    it('should drop the rest of a stopped reply so it never shows up in the next one', () => {
      const h = harness(wsAdapter);
      const socket = h.sockets.last();
      socket.serverOpen();
      h.controller.send('Write a long essay');
      socket.serverSend(frame({type: 'delta', text: 'Intro. '}));

      expect(h.controller.stop()).to.equal(true);
      expect(socket.sent[1]).to.equal(frame({type: 'stop'}));
      const stopped = h.messages().find((m) => m.role === 'assistant')!;
      expect(stopped).to.include({text: 'Intro. ', status: 'stopped'});
      expect(h.fired('chat-stop').map((e) => e.message.id)).to.deep.equal([stopped.id]);

      // The server had not seen the stop yet: the rest of that reply is dropped.
      socket.serverSend(frame({type: 'delta', text: 'STALE PART'}));
      socket.serverSend(frame({type: 'done'}));
      h.controller.send('Short answer please');
      socket.serverSend(frame({type: 'delta', text: 'Fresh.'}));
      socket.serverSend(frame({type: 'done'}));

      expect(assistantTexts(h)).to.deep.equal(['Intro. ', 'Fresh.']);
      expect(assistantTexts(h).join('')).to.not.include('STALE');
      expect(h.fired('chat-message').map((e) => e.message.text)).to.deep.equal(['Fresh.']);
      expect(h.messages().find((m) => m.id === stopped.id)!.status).to.equal('stopped');
    });

    it('should leave no timer and no socket when the host is disconnected', () => {
      const h = harness(wsHeartbeatAdapter, {stallTimeout: 60_000});
      const socket = h.sockets.last();
      socket.serverOpen();
      h.controller.send('Hi');
      expect(h.controller.diagnostics.timers).to.be.greaterThan(0);
      expect(h.controller.diagnostics.socket).to.equal(true);

      h.controller.hostDisconnected();
      expect(h.controller.diagnostics).to.include({timers: 0, socket: false, inFlight: 0});
      expect(socket.closedBy?.code).to.equal(1000);
      expect(h.store.state.status).to.equal('closed');
      // A late frame of the closed socket is not heard.
      socket.serverSend(frame({type: 'delta', text: 'late'}));
      expect(assistantTexts(h)).to.deep.equal([]);
    });
  });

  describe('per request (HTTP + SSE)', () => {
    it('should POST encode() of the message with the headers, and stream the reply back to idle at [DONE]', async () => {
      const h = harness(sseAdapter, {}, {headers: {'X-Site-Key': 'site-key-123'}});
      expect(h.store.state.status).to.equal('idle');
      expect(h.calls).to.have.length(0);

      const id = h.controller.send('Hi');
      await until(() => h.streams.length === 1, 'the request');
      const call = h.calls[0]!;
      expect(call.url).to.equal('https://chat.test/api/chat');
      expect(JSON.parse(call.body)).to.deep.equal(sseAdapter.encode({type: 'chat', text: 'Hi', clientId: id!}, {...contextStub(), history: []}));
      expect(call.headers).to.deep.equal({
        'Content-Type': 'application/json',
        Accept: 'text/event-stream',
        Authorization: `Bearer ${TOKEN}`,
        'X-Site-Key': 'site-key-123',
      });

      await until(() => h.store.state.status === 'open', 'the reply to begin');
      expect(h.messages()[0]!.status).to.equal('sent');
      h.streams[0]!.write(sseEvents(frame({type: 'delta', text: 'Hel'}), frame({type: 'delta', text: 'lo'}), '[DONE]'));
      h.streams[0]!.end();
      await until(() => h.store.state.status === 'idle', 'the exchange to end');

      expect(h.messages()[1]).to.include({role: 'assistant', text: 'Hello', status: 'complete'});
      expect(h.fired('chat-message')).to.have.length(1);
      expect(h.fired('chat-status').map((s) => s.status)).to.deep.equal(['connecting', 'open', 'idle']);
      expect(h.fired('chat-error')).to.deep.equal([]);
      expect(h.controller.diagnostics).to.deep.equal({timers: 0, socket: false, outbox: 0, inFlight: 0});
    });

    it('should send the first exchange as the history of the second request', async () => {
      const h = harness(sseAdapter);
      h.controller.send('What is 2+2?');
      await until(() => h.streams.length === 1, 'the first request');
      h.streams[0]!.write(sseEvents(frame({type: 'delta', text: '4'}), '[DONE]'));
      h.streams[0]!.end();
      await until(() => h.store.state.status === 'idle' && h.fired('chat-message').length === 1, 'the first reply');

      h.controller.send('And times 3?');
      await until(() => h.calls.length === 2, 'the second request');
      expect(JSON.parse(h.calls[1]!.body)).to.deep.equal({
        messages: [
          {role: 'user', content: 'What is 2+2?'},
          {role: 'assistant', content: '4'},
          {role: 'user', content: 'And times 3?'},
        ],
      });
      expect(JSON.parse(h.calls[0]!.body)).to.deep.equal({messages: [{role: 'user', content: 'What is 2+2?'}]});
    });

    it('should abort the request on stop(), keep the reply as stopped and fire chat-stop', async () => {
      const h = harness(sseAdapter);
      h.controller.send('Write a poem');
      await until(() => h.streams.length === 1, 'the request');
      h.streams[0]!.write(sseEvents(frame({type: 'delta', text: 'Roses '})));
      await until(() => h.messages().length === 2, 'the reply to begin');

      expect(h.calls[0]!.signal.aborted).to.equal(false);
      expect(h.controller.stop()).to.equal(true);
      expect(h.calls[0]!.signal.aborted).to.equal(true);
      const reply = h.messages()[1]!;
      expect(reply).to.include({text: 'Roses ', status: 'stopped'});
      expect(h.fired('chat-stop').map((e) => e.message)).to.deep.equal([reply]);
      expect(h.store.state.status).to.equal('idle');
      await settle(5);
      expect(h.fired('chat-error')).to.deep.equal([]);
      expect(h.controller.diagnostics).to.include({socket: false, inFlight: 0});
      expect(h.controller.stop()).to.equal(false);
    });

    it('should report a failed request in the adapter\'s words, redacted, and offer retry', async () => {
      const h = harness(sseAdapter, {}, {}, () => new Response(`key ${TOKEN} is invalid`, {status: 401}));
      const id = h.controller.send('Hi')!;
      await until(() => h.messages()[0]?.status === 'error', 'the failure');
      expect(h.store.state.status, 'reachable: ready again').to.equal('idle');
      expect(h.calls).to.have.length(1);
      expect(h.messages()[0]).to.include({id, status: 'error'});
      expect(h.fired('chat-error')).to.deep.equal([{kind: 'http', message: 'HTTP 401 from https://chat.test/api: key [redacted] is invalid', code: undefined}]);
      expect(JSON.stringify(h.events)).to.not.include(TOKEN);
      expect(h.controller.retry(id)).to.equal(true);
      await until(() => h.calls.length === 2, 'the retried request');
    });
  });
});

describe('ConnectionController per job (HTTP start, then a WebSocket)', () => {
  const jobAdapter: ProtocolAdapter = {
    transport: (ctx) => ({kind: 'job', url: `${ctx.config.httpBase}/start`, socketUrl: () => `${ctx.config.wsBase}/job`}),
    encode: (action) => (action.type === 'chat' ? {query: action.text} : null),
    decode: decodeFrame,
  };

  it('should not start the job again when its socket never opens; the message offers Retry', async () => {
    const h = harness(jobAdapter, {}, {}, () => new Response('{"session_id":"s"}', {status: 200}));
    const id = h.controller.send('Make a post')!;
    await until(() => h.sockets.sockets.length === 1, 'the job socket');
    h.sockets.last().serverClose(1006);
    await settle(5);
    expect(h.calls, 'one start only').to.have.length(1);
    expect(h.sockets.sockets).to.have.length(1);
    expect(h.messages()[0]).to.include({id, status: 'error'});
    expect(h.fired('chat-error').map((e) => e.message)).to.deep.equal(['jobLost']);
    expect(h.controller.diagnostics).to.include({outbox: 0, inFlight: 0});
  });
});

/** The parts of an adapter context the fake SSE adapter's encode() reads. */
function contextStub(): AdapterContext {
  return {config: CONFIG, ids: {}, socketIds: {}, history: [], now: () => 0, randomId: () => 'r', strings: EN};
}
