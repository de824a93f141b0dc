import {expect} from '@open-wc/testing';
import '../../../src/i18n/locales/de.js';
import {resolveStrings} from '../../../src/i18n/strings.js';
import {agentAdapter as adapter} from '../../../src/protocols/agent.js';
import {ProtocolError, type AdapterContext} from '../../../src/protocols/protocol-adapter.js';
import {adapterContext, type ContextOverrides} from './context.js';

function makeCtx(over: ContextOverrides = {}): AdapterContext {
  return adapterContext({protocol: 'agent', url: 'ws://localhost:8000'}, over);
}

const ctx = makeCtx();
const SOCKET_ID = '550e8400-e29b-41d4-a716-446655440000';

describe('agent adapter', () => {
  describe('settings', () => {
    it('should wait for the connection frame and have no heartbeat', async () => {
      expect(adapter.transport(ctx).kind).to.equal('websocket');
      expect(adapter.transport(ctx).waitsForReady).to.equal(true);
      expect(adapter.transport(ctx).heartbeat).to.equal(undefined);
    });
  });

  describe('transport url', () => {
    it('should default to /api/v1/ws/chat', async () => {
      expect(adapter.transport(ctx).url).to.equal('ws://localhost:8000/api/v1/ws/chat');
    });

    it('should use /api/v1/ws/chat/{user} when a user id is set', async () => {
      expect(adapter.transport(makeCtx({config: {userId: 'user 42'}})).url).to.equal('ws://localhost:8000/api/v1/ws/chat/user%2042');
    });

    it('should honour a path override, a prefix and baseQuery', async () => {
      const c = makeCtx({config: {wsBase: 'wss://h.example/doctor', path: '/v2/chat/{user}?x=1', userId: 'u', baseQuery: [['k', 'v']]}});
      expect(adapter.transport(c).url).to.equal('wss://h.example/doctor/v2/chat/u?x=1&k=v');
    });
  });

  describe('encode', () => {
    it('should send the session id of the current socket', async () => {
      const c = makeCtx({socketIds: {sessionId: SOCKET_ID}});
      expect(adapter.encode({type: 'chat', text: 'I have a persistent cough', clientId: 'c1'}, c)).to.deep.equal({
        message: 'I have a persistent cough',
        session_id: SOCKET_ID,
        enable_agents: true,
      });
    });

    it('should never send a stored or configured session id', async () => {
      const c = makeCtx({config: {sessionId: 'configured', context: {session_id: 'from-context'}}, ids: {sessionId: 'stored-before-reload'}});
      const frame = adapter.encode({type: 'chat', text: 'hi', clientId: 'c1'}, c) as Record<string, unknown>;
      expect(frame).to.deep.equal({message: 'hi', enable_agents: true});
      expect(JSON.stringify(frame)).to.not.match(/configured|from-context|stored-before-reload/);
    });

    it('should merge context (patient_profile) with the protocol fields winning', async () => {
      const profile = {age: 45, chronic_conditions: ['diabetes', 'hypertension'], allergies: {drug: ['penicillin']}};
      const c = makeCtx({
        config: {enableAgents: false, context: {patient_profile: profile, message: 'ctx', enable_agents: true}},
        socketIds: {sessionId: SOCKET_ID},
      });
      expect(adapter.encode({type: 'chat', text: "I'm feeling dizzy", clientId: 'c1'}, c)).to.deep.equal({
        patient_profile: profile,
        message: "I'm feeling dizzy",
        session_id: SOCKET_ID,
        enable_agents: false,
      });
    });

    it('should send nothing for pings and other actions', async () => {
      expect(adapter.encode({type: 'ping'}, ctx)).to.equal(null);
      expect(adapter.encode({type: 'optimize', prompt: 'x'}, ctx)).to.equal(null);
      expect(adapter.encode({type: 'save-template', title: 'x'}, ctx)).to.equal(null);
    });
  });

  describe('decode', () => {
    it('should turn connection into a socket-scoped id and readiness', async () => {
      const frame = {type: 'connection', status: 'connected', session_id: SOCKET_ID, timestamp: '2024-01-15T10:30:00Z'};
      expect(adapter.decode(frame, ctx)).to.deep.equal([{type: 'session', socketIds: {sessionId: SOCKET_ID}, ready: true}]);
    });

    it('should be ready even without a session id', async () => {
      expect(adapter.decode({type: 'connection', session_id: null}, ctx)).to.deep.equal([{type: 'session', ready: true}]);
    });

    it('should turn stream_start into reply.start with the agents', async () => {
      const frame = {type: 'stream_start', timestamp: '2024-01-15T10:30:01Z', metadata: {workflow: 'multi_agent', agents: ['triage', 'diagnostic', 'treatment']}};
      expect(adapter.decode(frame, ctx)).to.deep.equal([{type: 'reply.start', meta: {agents: ['triage', 'diagnostic', 'treatment']}}]);
      expect(adapter.decode({type: 'stream_start'}, ctx)).to.deep.equal([{type: 'reply.start', meta: {agents: []}}]);
    });

    it('should flag an emergency from stream_start metadata', async () => {
      const frame = {type: 'stream_start', timestamp: '2024-01-15T10:30:01.123456', metadata: {emergency: true, agents: null}};
      expect(adapter.decode(frame, ctx)).to.deep.equal([
        {type: 'reply.start', meta: {agents: [], emergency: true}},
        {type: 'emergency'},
      ]);
    });

    it('should turn tokens into deltas and skip empty ones', async () => {
      expect(adapter.decode({type: 'token', content: 'Based', timestamp: '2024-01-15T10:30:01.100Z'}, ctx)).to.deep.equal([
        {type: 'reply.delta', text: 'Based'},
      ]);
      expect(adapter.decode({type: 'token', content: ''}, ctx)).to.deep.equal([]);
    });

    it('should turn status into progress with a readable label', async () => {
      const frame = {type: 'status', status: 'running_diagnostic', details: {current_agent: 'diagnostic'}, timestamp: '2024-01-15T10:30:05Z'};
      expect(adapter.decode(frame, ctx)).to.deep.equal([
        {type: 'progress', step: 'running_diagnostic', label: 'Diagnostic agent analyzing symptoms', details: {current_agent: 'diagnostic'}},
      ]);
    });

    it('should label every documented status', async () => {
      const labels = Object.fromEntries(
        ['validating', 'checking_emergency', 'processing', 'retrieving_context', 'generating_response', 'running_triage', 'running_diagnostic', 'running_treatment'].map(
          (status) => [status, (adapter.decode({type: 'status', status}, ctx)[0] as {label: string}).label],
        ),
      );
      expect(labels).to.deep.equal({
        validating: 'Validating your message',
        checking_emergency: 'Checking for emergency signs',
        processing: 'Processing your message',
        retrieving_context: 'Looking up medical knowledge',
        generating_response: 'Writing the answer',
        running_triage: 'Triage agent assessing severity',
        running_diagnostic: 'Diagnostic agent analyzing symptoms',
        running_treatment: 'Treatment agent preparing recommendations',
      });
    });

    it('should label statuses in the language shown (ctx.strings), naming an agent only where the status does not', async () => {
      const de = makeCtx({strings: resolveStrings('de')});
      expect(adapter.decode({type: 'status', status: 'validating'}, de)).to.deep.equal([{type: 'progress', step: 'validating', label: 'Ihre Nachricht wird geprüft'}]);
      const [triage] = adapter.decode({type: 'status', status: 'running_triage', details: {agent: 'Triage Agent'}}, de);
      expect(triage).to.have.property('label', 'Triage-Agent bewertet die Dringlichkeit');
      const [processing] = adapter.decode({type: 'status', status: 'processing', details: {agent: 'triage_agent'}}, de);
      expect(processing).to.have.property('label', 'Ihre Nachricht wird verarbeitet — Triage agent');
      // The host's own wording wins.
      const own = makeCtx({strings: resolveStrings('de', {agentValidating: 'Einen Moment…'})});
      expect(adapter.decode({type: 'status', status: 'validating'}, own)[0]).to.have.property('label', 'Einen Moment…');
    });

    it('should humanize an unknown status and name an agent the label does not mention', async () => {
      expect(adapter.decode({type: 'status', status: 'running_pharmacology_check'}, ctx)).to.deep.equal([
        {type: 'progress', step: 'running_pharmacology_check', label: 'Running pharmacology check'},
      ]);
      expect(adapter.decode({type: 'status', status: 'processing', details: {agent: 'Triage Agent'}}, ctx)).to.deep.equal([
        {type: 'progress', step: 'processing', label: 'Processing your message — Triage Agent', details: {agent: 'Triage Agent'}},
      ]);
      const [triage] = adapter.decode({type: 'status', status: 'running_triage', details: {agent: 'Triage Agent'}}, ctx);
      expect(triage).to.have.property('label', 'Triage agent assessing severity');
    });

    it('should decode statuses that come before stream_start', async () => {
      const frames = [
        {type: 'status', status: 'validating', details: {}},
        {type: 'status', status: 'checking_emergency', details: {}},
        {type: 'stream_start', metadata: {agents: ['triage']}},
        {type: 'token', content: 'Hi'},
        {type: 'stream_end', metadata: {agents_completed: ['triage'], session_id: SOCKET_ID}},
      ];
      expect(frames.flatMap((frame) => adapter.decode(frame, ctx)).map((e) => e.type)).to.deep.equal([
        'progress',
        'progress',
        'reply.start',
        'reply.delta',
        'reply.end',
      ]);
    });

    it('should turn stream_end into reply.end with the completed agents', async () => {
      const frame = {type: 'stream_end', timestamp: '2024-01-15T10:30:15Z', metadata: {agents_completed: ['triage', 'diagnostic', 'treatment'], session_id: SOCKET_ID}};
      expect(adapter.decode(frame, ctx)).to.deep.equal([{type: 'reply.end', meta: {agents: ['triage', 'diagnostic', 'treatment']}}]);
      expect(adapter.decode({type: 'stream_end', metadata: {}}, ctx)).to.deep.equal([{type: 'reply.end'}]);
    });

    it('should turn an error (also mid-stream) into a server error that ends the reply', async () => {
      const events = [{type: 'stream_start', metadata: {agents: []}}, {type: 'token', content: 'Par'}, {type: 'error', error_type: 'llm_error', message: 'Model timed out'}].flatMap(
        (frame) => adapter.decode(frame, ctx),
      );
      expect(events.at(-1)).to.deep.equal({type: 'error', kind: 'server', code: 'llm_error', message: 'Model timed out', endsReply: true});
      expect(adapter.decode({type: 'error', error_type: 'validation_error', message: 'Message cannot be empty', timestamp: '2024-01-15T10:30:00Z'}, ctx)).to.deep.equal([
        {type: 'error', kind: 'server', code: 'validation_error', message: 'Message cannot be empty', endsReply: true},
      ]);
      expect(adapter.decode({type: 'error', error_type: null}, ctx)).to.deep.equal([
        {type: 'error', kind: 'server', code: 'server_error', message: '', endsReply: true},
      ]);
    });

    it('should keep a safety answer in the server\'s own words (it may name a crisis line)', async () => {
      const message = 'If you are in danger, call 988 now.';
      expect(adapter.decode({type: 'error', error_type: 'safety_violation', message}, ctx)).to.deep.equal([
        {type: 'error', kind: 'server', code: 'safety_violation', message, endsReply: true, visitorText: true},
      ]);
    });

    it('should turn an emergency frame into an emergency', async () => {
      expect(adapter.decode({type: 'emergency', message: 'Call 911 now'}, ctx)).to.deep.equal([{type: 'emergency', message: 'Call 911 now'}]);
      expect(adapter.decode({type: 'emergency'}, ctx)).to.deep.equal([{type: 'emergency'}]);
    });
  });

  describe('malformed frames', () => {
    it('should reject a non-object', async () => {
      expect(() => adapter.decode(42, ctx)).to.throw(ProtocolError, 'agent: expected a JSON object frame, got a number');
    });

    it('should reject a frame without a type or of an unknown type', async () => {
      expect(() => adapter.decode({message: 'x'}, ctx)).to.throw(ProtocolError, 'agent: frame without a "type"');
      expect(() => adapter.decode({type: 'pong'}, ctx)).to.throw(ProtocolError, 'agent: frame of unknown type "pong"');
    });

    it('should reject token and status frames without their field', async () => {
      expect(() => adapter.decode({type: 'token'}, ctx)).to.throw(ProtocolError, 'agent: "token" frame without content');
      expect(() => adapter.decode({type: 'token', content: 5}, ctx)).to.throw(ProtocolError, 'agent: "token" frame without content');
      expect(() => adapter.decode({type: 'status', details: {}}, ctx)).to.throw(ProtocolError, 'agent: "status" frame without status');
    });
  });
});
