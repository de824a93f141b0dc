import {expect} from '@open-wc/testing';
import {jobAdapter as adapter} from '../../../src/protocols/job.js';
import {HttpError, ProtocolError, type AdapterContext} from '../../../src/protocols/protocol-adapter.js';
import {adapterContext, type ContextOverrides} from './context.js';

const NOW = 1_700_000_000_000;
const TOKEN = 'aesthetics-secret-key-2025';

function makeCtx(over: ContextOverrides = {}): AdapterContext {
  return adapterContext({protocol: 'job', url: 'http://3.24.210.190:8002', token: TOKEN}, over);
}

interface Call {
  url: string;
  init: RequestInit;
}

/** A fake `fetch`: records its calls and answers with `respond()`. */
function fakeFetch(respond: (call: Call) => Response | Promise<Response>): {fetchFn: typeof fetch; calls: Call[]} {
  const calls: Call[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const call = {url: String(input), init: init ?? {}};
    calls.push(call);
    return respond(call);
  }) as typeof fetch;
  return {fetchFn, calls};
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), {status, headers: {'Content-Type': 'application/json'}});
const STARTED = {message: 'Job started successfully...', session_id: 'session_uuid_12345', websocket_url: '/ws/chat/session_uuid_12345'};
const chat = {type: 'chat' as const, text: 'Make it reassuring', clientId: 'c1', topic: 'Botox Safety', platform: 'Instagram'};

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('job adapter', () => {
  describe('settings', () => {
    it('should be per-request and send nothing on the socket', async () => {
      expect(adapter.mode).to.equal('per-request');
      expect(adapter.heartbeat).to.equal(undefined);
      expect(adapter.encode(chat, makeCtx())).to.equal(null);
      expect(adapter.encode({type: 'ping'}, makeCtx())).to.equal(null);
    });
  });

  describe('start', () => {
    it('should POST the form to /chat/start with the API token header', async () => {
      const {fetchFn, calls} = fakeFetch(() => json(STARTED));
      const url = await adapter.start!(chat, makeCtx(), fetchFn, new AbortController().signal);
      expect(calls).to.have.length(1);
      expect(calls[0]!.url).to.equal('http://3.24.210.190:8002/chat/start');
      expect(calls[0]!.init.method).to.equal('POST');
      expect(calls[0]!.init.headers).to.deep.equal({'Content-Type': 'application/json', 'X-API-Token': TOKEN});
      expect(JSON.parse(calls[0]!.init.body as string)).to.deep.equal({
        topic: 'Botox Safety',
        query: 'Make it reassuring',
        platform: 'Instagram',
        session_id: `job_${NOW}`,
      });
      expect(url).to.equal(`ws://3.24.210.190:8002/ws/chat/session_uuid_12345?token=${TOKEN}`);
    });

    it('should pass the abort signal to fetch', async () => {
      const {fetchFn, calls} = fakeFetch(() => json(STARTED));
      const controller = new AbortController();
      await adapter.start!(chat, makeCtx(), fetchFn, controller.signal);
      expect(calls[0]!.init.signal).to.equal(controller.signal);
    });

    it('should default platform and topic from the config, then to Instagram and ""', async () => {
      const {fetchFn, calls} = fakeFetch(() => json(STARTED));
      const bare = {type: 'chat' as const, text: 'q', clientId: 'c'};
      await adapter.start!(bare, makeCtx({config: {platform: 'TikTok', topic: 'Fillers'}}), fetchFn, new AbortController().signal);
      await adapter.start!(bare, makeCtx(), fetchFn, new AbortController().signal);
      const bodies = calls.map((call) => JSON.parse(call.init.body as string));
      expect(bodies[0]).to.include({platform: 'TikTok', topic: 'Fillers'});
      expect(bodies[1]).to.include({platform: 'Instagram', topic: ''});
    });

    it('should merge context into the body with the protocol fields winning', async () => {
      const {fetchFn, calls} = fakeFetch(() => json(STARTED));
      await adapter.start!(chat, makeCtx({config: {context: {tone: 'warm', query: 'ctx', session_id: 'ctx'}}}), fetchFn, new AbortController().signal);
      expect(JSON.parse(calls[0]!.init.body as string)).to.deep.equal({
        tone: 'warm',
        topic: 'Botox Safety',
        query: 'Make it reassuring',
        platform: 'Instagram',
        session_id: `job_${NOW}`,
      });
    });

    it('should omit the token header and query without a token', async () => {
      const {fetchFn, calls} = fakeFetch(() => json(STARTED));
      const url = await adapter.start!(chat, makeCtx({config: {token: undefined}}), fetchFn, new AbortController().signal);
      expect(calls[0]!.init.headers).to.deep.equal({'Content-Type': 'application/json'});
      expect(url).to.equal('ws://3.24.210.190:8002/ws/chat/session_uuid_12345');
    });

    it('should carry baseQuery and a path prefix to both URLs', async () => {
      const {fetchFn, calls} = fakeFetch(() => json(STARTED));
      const c = makeCtx({config: {httpBase: 'https://h.example/gen', wsBase: 'wss://h.example/gen', baseQuery: [['tenant', 'clinic 1']]}});
      const url = await adapter.start!(chat, c, fetchFn, new AbortController().signal);
      expect(calls[0]!.url).to.equal('https://h.example/gen/chat/start?tenant=clinic+1');
      expect(url).to.equal(`wss://h.example/gen/ws/chat/session_uuid_12345?tenant=clinic+1&token=${TOKEN}`);
    });

    it('should use /ws/chat/{session} (or the path override) when websocket_url is missing', async () => {
      const {fetchFn} = fakeFetch(() => json({session_id: 'abc 1', websocket_url: null}));
      expect(await adapter.start!(chat, makeCtx(), fetchFn, new AbortController().signal)).to.equal(
        `ws://3.24.210.190:8002/ws/chat/abc%201?token=${TOKEN}`,
      );
      const c = makeCtx({config: {path: '/jobs/{session}/stream?v=2', token: undefined}});
      expect(await adapter.start!(chat, c, fetchFn, new AbortController().signal)).to.equal('ws://3.24.210.190:8002/jobs/abc%201/stream?v=2');
    });

    it('should convert an absolute websocket_url to a WebSocket scheme', async () => {
      const {fetchFn} = fakeFetch(() => json({session_id: 's', websocket_url: 'https://stream.example.com/ws/chat/s?region=au'}));
      expect(await adapter.start!(chat, makeCtx(), fetchFn, new AbortController().signal)).to.equal(
        `wss://stream.example.com/ws/chat/s?region=au&token=${TOKEN}`,
      );
    });

    it('should report a rejected token without revealing it', async () => {
      const {fetchFn} = fakeFetch(() => json({detail: 'Invalid API token'}, 401));
      const error = await rejection(adapter.start!(chat, makeCtx(), fetchFn, new AbortController().signal));
      expect(error).to.be.instanceOf(HttpError);
      expect((error as HttpError).status).to.equal(401);
      expect((error as HttpError).message).to.equal('The server rejected the API token (HTTP 401). Invalid API token');
    });

    it('should redact the token when the server echoes it', async () => {
      const {fetchFn} = fakeFetch(() => json({detail: `Token ${TOKEN} is not valid`}, 403));
      const error = (await rejection(adapter.start!(chat, makeCtx(), fetchFn, new AbortController().signal))) as HttpError;
      expect(error.status).to.equal(403);
      expect(error.message).to.include('rejected the API token (HTTP 403)');
      expect(error.message).to.include('[redacted]');
      expect(error.message).to.not.include(TOKEN);
    });

    it('should report too many requests', async () => {
      const {fetchFn} = fakeFetch(() => new Response('slow down', {status: 429}));
      const error = (await rejection(adapter.start!(chat, makeCtx(), fetchFn, new AbortController().signal))) as HttpError;
      expect(error.status).to.equal(429);
      expect(error.message).to.match(/^Too many requests.*\(HTTP 429\)\.$/);
    });

    it('should report a server failure with a short detail', async () => {
      const {fetchFn} = fakeFetch(() => json({detail: 'Model   overloaded\n'}, 500));
      const error = (await rejection(adapter.start!(chat, makeCtx(), fetchFn, new AbortController().signal))) as HttpError;
      expect(error).to.be.instanceOf(HttpError);
      expect(error.status).to.equal(500);
      expect(error.message).to.equal('Could not start the job (HTTP 500). Model overloaded');
    });

    it('should truncate a long detail and read FastAPI validation errors', async () => {
      const long = fakeFetch(() => json({detail: 'x'.repeat(1000)}, 502));
      const error = (await rejection(adapter.start!(chat, makeCtx(), long.fetchFn, new AbortController().signal))) as HttpError;
      expect(error.message.length).to.be.lessThan(260);
      expect(error.message).to.match(/^Could not start the job \(HTTP 502\)\. x{199}…$/);

      const fastapi = fakeFetch(() => json({detail: [{type: 'literal_error', loc: ['body', 'platform'], msg: "Input should be 'Instagram', 'Twitter'"}]}, 422));
      const invalid = (await rejection(adapter.start!(chat, makeCtx(), fastapi.fetchFn, new AbortController().signal))) as HttpError;
      expect(invalid.message).to.equal("Could not start the job (HTTP 422). Input should be 'Instagram', 'Twitter'");
    });

    it('should not show an HTML error page', async () => {
      const {fetchFn} = fakeFetch(() => new Response('<html><body>Bad Gateway</body></html>', {status: 502}));
      const error = (await rejection(adapter.start!(chat, makeCtx(), fetchFn, new AbortController().signal))) as HttpError;
      expect(error.message).to.equal('Could not start the job (HTTP 502).');
    });

    it('should report a network failure as status 0', async () => {
      const {fetchFn} = fakeFetch(() => Promise.reject(new TypeError(`Failed to fetch http://3.24.210.190:8002/chat/start ${TOKEN}`)));
      const error = (await rejection(adapter.start!(chat, makeCtx(), fetchFn, new AbortController().signal))) as HttpError;
      expect(error).to.be.instanceOf(HttpError);
      expect(error.status).to.equal(0);
      expect(error.message).to.match(/^Could not reach the server/);
      expect(error.message).to.not.include(TOKEN);
    });

    it('should rethrow an abort as it is', async () => {
      const controller = new AbortController();
      const abort = new DOMException('The operation was aborted.', 'AbortError');
      const {fetchFn} = fakeFetch(() => {
        controller.abort();
        return Promise.reject(abort);
      });
      expect(await rejection(adapter.start!(chat, makeCtx(), fetchFn, controller.signal))).to.equal(abort);
    });

    it('should reject an answer that is not JSON or has no session id', async () => {
      const notJson = fakeFetch(() => new Response('OK', {status: 200}));
      const bad = (await rejection(adapter.start!(chat, makeCtx(), notJson.fetchFn, new AbortController().signal))) as HttpError;
      expect(bad).to.be.instanceOf(HttpError);
      expect(bad.status).to.equal(200);
      expect(bad.message).to.match(/unreadable/);

      const noId = fakeFetch(() => json({message: 'Job started', websocket_url: '/ws/chat/x'}, 201));
      const missing = (await rejection(adapter.start!(chat, makeCtx(), noId.fetchFn, new AbortController().signal))) as HttpError;
      expect(missing).to.be.instanceOf(HttpError);
      expect(missing.status).to.equal(201);
      expect(missing.message).to.match(/session id/);
      expect(missing.message).to.not.include(TOKEN);
    });
  });

  describe('decode', () => {
    const ctx = makeCtx();

    it('should turn progress into a progress step labelled by its message', async () => {
      expect(adapter.decode({type: 'progress', step: 'keywords', message: 'Completed step: keywords'}, ctx)).to.deep.equal([
        {type: 'progress', step: 'keywords', label: 'Completed step: keywords'},
      ]);
    });

    it('should humanize the step when the message is missing', async () => {
      expect(adapter.decode({type: 'progress', step: 'content_generation', message: null}, ctx)).to.deep.equal([
        {type: 'progress', step: 'content_generation', label: 'Content generation'},
      ]);
    });

    it('should turn result into the assistant message and the end of the socket', async () => {
      const strategy = {tone: 'reassuring', hashtags: ['#botox']};
      const compliance = {passed: true, notes: []};
      const frame = {type: 'result', session_id: 'session_uuid_12345', response_text: '# Slide 1: ...', strategy, compliance, extra: 1};
      expect(adapter.decode(frame, ctx)).to.deep.equal([
        {type: 'message', role: 'assistant', text: '# Slide 1: ...', meta: {strategy, compliance}},
        {type: 'end'},
      ]);
    });

    it('should leave out missing or null strategy and compliance', async () => {
      expect(adapter.decode({type: 'result', response_text: 'Done', strategy: null}, ctx)).to.deep.equal([
        {type: 'message', role: 'assistant', text: 'Done', meta: {}},
        {type: 'end'},
      ]);
    });

    it('should turn error into a server error that ends the reply and the socket', async () => {
      expect(adapter.decode({type: 'error', message: 'Generation failed'}, ctx)).to.deep.equal([
        {type: 'error', kind: 'server', code: 'server_error', message: 'Generation failed', endsReply: true},
        {type: 'end'},
      ]);
    });
  });

  describe('malformed frames', () => {
    const ctx = makeCtx();

    it('should reject a non-object', async () => {
      expect(() => adapter.decode('result', ctx)).to.throw(ProtocolError, 'job: expected a JSON object frame, got a string');
    });

    it('should reject a frame without a type or of an unknown type', async () => {
      expect(() => adapter.decode({step: 'x'}, ctx)).to.throw(ProtocolError, 'job: frame without a "type"');
      expect(() => adapter.decode({type: 'chunk'}, ctx)).to.throw(ProtocolError, 'job: frame of unknown type "chunk"');
    });

    it('should reject progress without step and result without response_text', async () => {
      expect(() => adapter.decode({type: 'progress', message: 'x'}, ctx)).to.throw(ProtocolError, 'job: "progress" frame without step');
      expect(() => adapter.decode({type: 'result', strategy: {}}, ctx)).to.throw(ProtocolError, 'job: "result" frame without response_text');
    });
  });
});
