import {expect} from '@open-wc/testing';
import '../../../src/i18n/locales/ja.js';
import {resolveStrings} from '../../../src/i18n/strings.js';
import {jobAdapter as adapter} from '../../../src/protocols/job.js';
import {ProtocolError, type AdapterContext, type JobSpec} from '../../../src/protocols/protocol-adapter.js';
import {transportProblem} from '../../../src/transport/transport.js';
import {adapterContext, type ContextOverrides} from './context.js';

const NOW = 1_700_000_000_000;
const TOKEN = 'aesthetics-secret-key-2025';

function makeCtx(over: ContextOverrides = {}): AdapterContext {
  return adapterContext({protocol: 'job', url: 'http://3.24.210.190:8002', token: TOKEN}, over);
}

/** The adapter's transport description, checked to be a job transport. */
function jobSpec(ctx: AdapterContext = makeCtx()): JobSpec {
  const spec = adapter.transport(ctx);
  if (spec.kind !== 'job') throw new Error(`expected a job transport, got ${spec.kind}`);
  return spec;
}

/** The message `socketUrl()` throws for this answer. */
function socketUrlError(body: string, status: number, ctx: AdapterContext = makeCtx()): string {
  try {
    jobSpec(ctx).socketUrl(body, status);
  } catch (error) {
    expect(error).to.be.instanceOf(Error);
    return (error as Error).message;
  }
  throw new Error('expected socketUrl() to throw');
}

const httpError = (status: number, body: unknown, ctx: AdapterContext = makeCtx()): string =>
  adapter.httpError!(status, typeof body === 'string' ? body : JSON.stringify(body), ctx);

const STARTED = JSON.stringify({message: 'Job started successfully...', session_id: 'session_uuid_12345', websocket_url: '/ws/chat/session_uuid_12345'});
const chat = {type: 'chat' as const, text: 'Make it reassuring', clientId: 'c1', fields: {topic: 'Botox Safety', platform: 'Instagram'}};

describe('job adapter', () => {
  describe('settings', () => {
    it('should describe a job transport and send nothing but the start body', () => {
      const spec = adapter.transport(makeCtx());
      expect(spec.kind).to.equal('job');
      expect(transportProblem(spec)).to.equal(null);
      expect('heartbeat' in spec).to.equal(false);
      expect(adapter.encode({type: 'ping'}, makeCtx())).to.equal(null);
      expect(adapter.encode({type: 'stop'}, makeCtx())).to.equal(null);
    });

    it('should declare its form: platform (a select) and topic', () => {
      const form = adapter.features?.form;
      expect(form?.fields.map((f) => [f.name, f.kind])).to.deep.equal([
        ['platform', 'select'],
        ['topic', 'text'],
      ]);
      expect(form?.fields[0]!.options).to.deep.equal(['Instagram', 'Twitter', 'TikTok', 'Facebook']);
      expect(form).to.include({submitLabel: 'jobSubmit', inputLabel: 'jobQuestion'});
    });
  });

  describe('transport()', () => {
    it('should POST to /chat/start with the API token header', () => {
      const spec = jobSpec();
      expect(spec.url).to.equal('http://3.24.210.190:8002/chat/start');
      expect(spec.headers).to.deep.equal({'X-API-Token': TOKEN});
    });

    it('should omit the token header without a token', () => {
      const spec = jobSpec(makeCtx({config: {token: undefined}}));
      expect(spec.headers).to.deep.equal({});
      expect(jobSpec(makeCtx({config: {token: '  '}})).headers).to.deep.equal({});
    });

    it('should carry baseQuery and a path prefix to the start URL', () => {
      const c = makeCtx({config: {httpBase: 'https://h.example/gen', wsBase: 'wss://h.example/gen', baseQuery: [['tenant', 'clinic 1']]}});
      expect(jobSpec(c).url).to.equal('https://h.example/gen/chat/start?tenant=clinic+1');
    });
  });

  describe('encode()', () => {
    it('should make the form the start body', () => {
      expect(adapter.encode(chat, makeCtx())).to.deep.equal({
        topic: 'Botox Safety',
        query: 'Make it reassuring',
        platform: 'Instagram',
        session_id: `job_${NOW}`,
      });
    });

    it('should take platform and topic from the action\'s fields', () => {
      const body = adapter.encode({type: 'chat', text: 'q', clientId: 'c', fields: {platform: 'Twitter', topic: 'Peels'}}, makeCtx({config: {platform: 'TikTok', topic: 'Fillers'}}));
      expect(body).to.include({platform: 'Twitter', topic: 'Peels', query: 'q'});
    });

    it('should default platform and topic from the config, then to Instagram and ""', () => {
      const bare = {type: 'chat' as const, text: 'q', clientId: 'c'};
      expect(adapter.encode(bare, makeCtx({config: {platform: 'TikTok', topic: 'Fillers'}}))).to.include({platform: 'TikTok', topic: 'Fillers'});
      expect(adapter.encode(bare, makeCtx())).to.include({platform: 'Instagram', topic: ''});
    });

    it('should merge context into the body with the protocol fields winning', () => {
      expect(adapter.encode(chat, makeCtx({config: {context: {tone: 'warm', query: 'ctx', session_id: 'ctx'}}}))).to.deep.equal({
        tone: 'warm',
        topic: 'Botox Safety',
        query: 'Make it reassuring',
        platform: 'Instagram',
        session_id: `job_${NOW}`,
      });
    });
  });

  describe('transport().socketUrl()', () => {
    it('should resolve a relative websocket_url with the token in the query', () => {
      expect(jobSpec().socketUrl(STARTED, 200)).to.equal(`ws://3.24.210.190:8002/ws/chat/session_uuid_12345?token=${TOKEN}`);
    });

    it('should omit the token query without a token', () => {
      expect(jobSpec(makeCtx({config: {token: undefined}})).socketUrl(STARTED, 200)).to.equal('ws://3.24.210.190:8002/ws/chat/session_uuid_12345');
    });

    it('should carry baseQuery and a path prefix to the socket URL', () => {
      const c = makeCtx({config: {httpBase: 'https://h.example/gen', wsBase: 'wss://h.example/gen', baseQuery: [['tenant', 'clinic 1']]}});
      expect(jobSpec(c).socketUrl(STARTED, 200)).to.equal(`wss://h.example/gen/ws/chat/session_uuid_12345?tenant=clinic+1&token=${TOKEN}`);
    });

    it('should use /ws/chat/{session} (or the path override) when websocket_url is missing', () => {
      const answer = JSON.stringify({session_id: 'abc 1', websocket_url: null});
      expect(jobSpec().socketUrl(answer, 200)).to.equal(`ws://3.24.210.190:8002/ws/chat/abc%201?token=${TOKEN}`);
      const c = makeCtx({config: {path: '/jobs/{session}/stream?v=2', token: undefined}});
      expect(jobSpec(c).socketUrl(answer, 200)).to.equal('ws://3.24.210.190:8002/jobs/abc%201/stream?v=2');
    });

    it('should convert an absolute websocket_url to a WebSocket scheme', () => {
      const answer = JSON.stringify({session_id: 's', websocket_url: 'https://stream.example.com/ws/chat/s?region=au'});
      expect(jobSpec().socketUrl(answer, 200)).to.equal(`wss://stream.example.com/ws/chat/s?region=au&token=${TOKEN}`);
    });

    it('should reject an answer that is not JSON', () => {
      const message = socketUrlError('OK', 200);
      expect(message).to.match(/unreadable/);
      expect(message).to.include('(HTTP 200)');
    });

    it('should reject an answer without a session id, without revealing the token', () => {
      const message = socketUrlError(JSON.stringify({message: 'Job started', websocket_url: `/ws/chat/x?token=${TOKEN}`}), 201);
      expect(message).to.match(/session id/);
      expect(message).to.include('(HTTP 201)');
      expect(message).to.not.include(TOKEN);
      expect(socketUrlError('[1, 2]', 200)).to.match(/session id/);
      expect(socketUrlError(JSON.stringify({session_id: '  '}), 200)).to.match(/session id/);
    });
  });

  describe('httpError()', () => {
    it('should report a rejected token without revealing it', () => {
      expect(httpError(401, {detail: 'Invalid API token'})).to.equal('The server rejected the API token (HTTP 401). Invalid API token');
    });

    it('should redact the token when the server echoes it', () => {
      const message = httpError(403, {detail: `Token ${TOKEN} is not valid`});
      expect(message).to.include('rejected the API token (HTTP 403)');
      expect(message).to.include('[redacted]');
      expect(message).to.not.include(TOKEN);
      expect(httpError(403, {detail: `Token ${encodeURIComponent(`${TOKEN} x`)} is not valid`}, makeCtx({config: {token: `${TOKEN} x`}}))).to.not.include(
        encodeURIComponent(`${TOKEN} x`),
      );
    });

    it('should report too many requests', () => {
      expect(httpError(429, '')).to.match(/^Too many requests.*\(HTTP 429\)\.$/);
      expect(httpError(429, 'slow down')).to.match(/^Too many requests: please wait a moment and try again \(HTTP 429\)\./);
    });

    it('should report a server failure with a short detail', () => {
      expect(httpError(500, {detail: 'Model   overloaded\n'})).to.equal('Could not start the job (HTTP 500). Model overloaded');
    });

    it('should truncate a long detail and read FastAPI validation errors', () => {
      const long = httpError(502, {detail: 'x'.repeat(1000)});
      expect(long.length).to.be.lessThan(260);
      expect(long).to.match(/^Could not start the job \(HTTP 502\)\. x{199}…$/);

      const invalid = httpError(422, {detail: [{type: 'literal_error', loc: ['body', 'platform'], msg: "Input should be 'Instagram', 'Twitter'"}]});
      expect(invalid).to.equal("Could not start the job (HTTP 422). Input should be 'Instagram', 'Twitter'");
    });

    it('should not show an HTML error page', () => {
      expect(httpError(502, '<html><body>Bad Gateway</body></html>')).to.equal('Could not start the job (HTTP 502).');
    });

    it('should word its messages in the language shown (ctx.strings)', () => {
      const ja = makeCtx({strings: resolveStrings('ja')});
      expect(httpError(500, {detail: 'Model overloaded'}, ja)).to.equal('ジョブを開始できませんでした（HTTP 500）。Model overloaded');
      expect(httpError(0, '', ja)).to.equal('サーバーに接続できませんでした。接続を確認して、もう一度お試しください。');
      expect(socketUrlError('not json', 200, ja)).to.equal('ジョブのリクエストに対するサーバーの応答を読み取れませんでした（HTTP 200）。');
    });

    it('should report a network failure (status 0) without the token', () => {
      const message = httpError(0, '');
      expect(message).to.match(/^Could not reach the server/);
      expect(message).to.not.include(TOKEN);
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
