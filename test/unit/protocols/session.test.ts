import {expect} from '@open-wc/testing';
import {ProtocolError, type AdapterContext} from '../../../src/protocols/protocol-adapter.js';
import {classifySessionError, sessionAdapter as adapter} from '../../../src/protocols/session.js';
import {adapterContext, type ContextOverrides} from './context.js';

function makeCtx(over: ContextOverrides = {}): AdapterContext {
  let n = 0;
  return adapterContext({protocol: 'session', url: 'wss://api.example.com'}, over, () => `rid-${++n}`);
}

const S = '550e8400-e29b-41d4-a716-446655440000';
const V = '660e8400-e29b-41d4-a716-446655440000';
const ctx = makeCtx({ids: {sessionId: S, visitorId: V}});

describe('session adapter', () => {
  describe('settings', () => {
    it('should be persistent without heartbeat or ready wait', async () => {
      expect(adapter.transport(ctx).kind).to.equal('websocket');
      expect(adapter.transport(ctx).heartbeat).to.equal(undefined);
      expect(adapter.transport(ctx).waitsForReady).to.not.equal(true);
    });
  });

  describe('initIds', () => {
    it('should prefer the configured ids', async () => {
      const c = makeCtx({config: {sessionId: 'cfg-s', visitorId: 'cfg-v'}, ids: {sessionId: 'old-s', visitorId: 'old-v'}});
      expect(adapter.initIds!(c)).to.deep.equal({sessionId: 'cfg-s', visitorId: 'cfg-v'});
    });

    it('should keep stored ids and create missing ones', async () => {
      expect(adapter.initIds!(makeCtx({ids: {visitorId: 'old-v'}}))).to.deep.equal({sessionId: 'rid-1', visitorId: 'old-v'});
      expect(adapter.initIds!(makeCtx())).to.deep.equal({sessionId: 'rid-1', visitorId: 'rid-2'});
    });
  });

  describe('transport url', () => {
    it('should put the session and visitor ids in the query', async () => {
      expect(adapter.transport(ctx).url).to.equal(`wss://api.example.com/ws/chat/?session_id=${S}&visitor_id=${V}`);
    });

    it('should fall back to the configured ids', async () => {
      const c = makeCtx({config: {sessionId: 'cfg s', visitorId: 'cfg-v'}});
      expect(adapter.transport(c).url).to.equal('wss://api.example.com/ws/chat/?session_id=cfg+s&visitor_id=cfg-v');
    });

    it('should connect bare when no id is known', async () => {
      expect(adapter.transport(makeCtx()).url).to.equal('wss://api.example.com/ws/chat/');
    });

    it('should merge a path override query, baseQuery and the ids', async () => {
      const c = makeCtx({config: {wsBase: 'wss://h/p', path: '/chat/ws/?lang=en', baseQuery: [['site', 'a']]}, ids: {sessionId: 's', visitorId: 'v'}});
      expect(adapter.transport(c).url).to.equal('wss://h/p/chat/ws/?lang=en&site=a&session_id=s&visitor_id=v');
    });
  });

  describe('encode', () => {
    it('should send chat_message with both ids', async () => {
      expect(adapter.encode({type: 'chat', text: 'What is a novated lease?', clientId: 'c1'}, ctx)).to.deep.equal({
        type: 'chat_message',
        message: 'What is a novated lease?',
        session_id: S,
        visitor_id: V,
      });
    });

    it('should merge context at the top level with the protocol fields winning', async () => {
      const c = makeCtx({config: {context: {page: '/pricing', type: 'x', session_id: 'ctx'}}, ids: {sessionId: S, visitorId: V}});
      expect(adapter.encode({type: 'chat', text: 'hi', clientId: 'c1'}, c)).to.deep.equal({
        page: '/pricing',
        type: 'chat_message',
        message: 'hi',
        session_id: S,
        visitor_id: V,
      });
    });

    it('should send nothing for other actions', async () => {
      expect(adapter.encode({type: 'ping'}, ctx)).to.equal(null);
      expect(adapter.encode({type: 'optimize', prompt: 'p'}, ctx)).to.equal(null);
    });
  });

  describe('decode', () => {
    it('should turn connected into session data', async () => {
      const frame = {type: 'connected', session_id: S, conversation_data: {name: 'John Doe', email: 'john@example.com'}, metadata: {status: 'connected'}};
      expect(adapter.decode(frame, ctx)).to.deep.equal([
        {type: 'session', ids: {sessionId: S}, data: {name: 'John Doe', email: 'john@example.com'}},
      ]);
    });

    it('should accept a bare connected frame and show starter suggestions', async () => {
      expect(adapter.decode({type: 'connected', session_id: null, conversation_data: null, suggestions: [], done: false, complete: false}, ctx)).to.deep.equal([
        {type: 'session', data: {}},
      ]);
      expect(adapter.decode({type: 'connected', session_id: S, suggestions: ['What is a novated lease?', 'How much can I save?']}, ctx)).to.deep.equal([
        {type: 'session', ids: {sessionId: S}, data: {}},
        {type: 'suggestions', items: ['What is a novated lease?', 'How much can I save?']},
      ]);
    });

    it('should turn chunks into deltas, skipping the empty last chunk', async () => {
      expect(adapter.decode({type: 'chunk', chunk: 'word ', done: false, message_id: '770e8400'}, ctx)).to.deep.equal([{type: 'reply.delta', text: 'word '}]);
      const last = {type: 'chunk', chunk: '', done: true, complete: false, suggestions: [], metadata: {}, message_id: '770e8400'};
      expect(adapter.decode(last, ctx)).to.deep.equal([]);
      expect(adapter.decode({type: 'chunk', chunk: null}, ctx)).to.deep.equal([]);
    });

    it('should turn complete into reply.end and suggestion chips', async () => {
      const frame = {
        type: 'complete',
        response_id: '880e8400-e29b-41d4-a716-446655440000',
        message_id: '770e8400-e29b-41d4-a716-446655440000',
        conversation_data: {},
        complete: false,
        needs_info: null,
        suggestions: ['What are the benefits?', 'How do I get started?', 'What vehicles are available?'],
      };
      expect(adapter.decode(frame, ctx)).to.deep.equal([
        {
          type: 'reply.end',
          meta: {
            suggestions: ['What are the benefits?', 'How do I get started?', 'What vehicles are available?'],
            needsInfo: null,
            serverId: '880e8400-e29b-41d4-a716-446655440000',
          },
        },
        {type: 'suggestions', items: ['What are the benefits?', 'How do I get started?', 'What vehicles are available?']},
      ]);
    });

    it('should carry the full reply text, a needs_info string, and clear chips with []', async () => {
      const frame = {
        type: 'complete',
        session_id: S,
        message: 'A novated lease is a three-way agreement.',
        response_id: 'r1',
        chunk: null,
        done: false,
        complete: false,
        needs_info: 'email',
        suggestions: [],
        metadata: {},
        error: null,
      };
      expect(adapter.decode(frame, ctx)).to.deep.equal([
        {type: 'reply.end', text: 'A novated lease is a three-way agreement.', meta: {suggestions: [], needsInfo: 'email', serverId: 'r1'}},
        {type: 'suggestions', items: []},
      ]);
    });

    it('should end the session on complete: true', async () => {
      const events = adapter.decode({type: 'complete', message: 'Thanks, bye!', complete: true}, ctx);
      expect(events.at(-1)).to.deep.equal({type: 'session.end', message: '', reason: 'complete'});
      expect(events).to.have.length(3);
    });

    it('should turn idle_warning into an idle warning', async () => {
      const frame = {
        type: 'idle_warning',
        session_id: S,
        message: "G'day! Are you still there? I'm here if you need anything!",
        response_id: '990e8400',
        metadata: {type: 'idle_warning', timeout_seconds: 120},
      };
      expect(adapter.decode(frame, ctx)).to.deep.equal([
        {type: 'idle.warning', message: "G'day! Are you still there? I'm here if you need anything!", timeoutSeconds: 120},
      ]);
      expect(adapter.decode({type: 'idle_warning'}, ctx)).to.deep.equal([{type: 'idle.warning', message: ''}]);
    });

    it('should turn session_end into a session end with its reason', async () => {
      const frame = {
        type: 'session_end',
        session_id: S,
        message: "No worries! I'll end this session for now.",
        response_id: 'aa0e8400',
        complete: true,
        conversation_data: {},
        metadata: {type: 'session_end', reason: 'idle_timeout', timeout_seconds: 240},
      };
      expect(adapter.decode(frame, ctx)).to.deep.equal([{type: 'session.end', message: "No worries! I'll end this session for now.", reason: 'idle_timeout'}]);
      expect(adapter.decode({type: 'session_end', metadata: {}}, ctx)).to.deep.equal([{type: 'session.end', message: ''}]);
    });

    it('should turn an error into a classified server error', async () => {
      const frame = {type: 'error', session_id: S, error: 'Session not found', metadata: {error_type: 'processing_error'}};
      expect(adapter.decode(frame, ctx)).to.deep.equal([
        {type: 'error', kind: 'server', code: 'session_not_found', message: 'Session not found', endsReply: true, fatal: true},
      ]);
    });

    it('should mark only the errors after which the session cannot go on as fatal', async () => {
      const fatal = (error: string) => (adapter.decode({type: 'error', session_id: S, error}, ctx)[0] as {fatal?: boolean}).fatal === true;
      for (const text of ['Session not found', `Session ${S} is not active`, `Session ${S} has expired`, 'Visitor ID does not match', 'session_id is required']) {
        expect(fatal(text), text).to.equal(true);
      }
      for (const text of ['message is required', 'Invalid message type: chat', 'Something exploded']) expect(fatal(text), text).to.equal(false);
    });

    it('should classify the real error texts by meaning', async () => {
      const cases: Array<[string, string]> = [
        ['Session not found', 'session_not_found'],
        [`Session ${S} does not exist`, 'session_not_found'],
        ['Session is not active', 'session_inactive'],
        [`Session ${S} is not active (status: completed)`, 'session_inactive'],
        ['Session has expired', 'session_expired'],
        [`Session ${S} expired at 2024-01-15T10:30:00.123456`, 'session_expired'],
        ['Visitor ID does not match', 'visitor_mismatch'],
        [`Visitor ID ${V} does not match session visitor`, 'visitor_mismatch'],
        [`Visitor with ID ${V} does not exist`, 'visitor_mismatch'],
        ['message is required', 'message_required'],
        ['Message is required and cannot be empty', 'message_required'],
        ['session_id is required', 'session_required'],
        ['visitor_id is required', 'session_required'],
        [`Session not found: missing-${S}`, 'session_not_found'],
        [`Session expired-${S} has expired`, 'session_expired'],
        [`Visitor with ID ${V} does not match session ${S}`, 'visitor_mismatch'],
        ['Invalid message format: expected a JSON object', 'invalid_request'],
        ['Invalid message type: chat', 'invalid_request'],
        ['Invalid JSON format', 'invalid_request'],
        ['Something exploded', 'server_error'],
        ['', 'server_error'],
      ];
      expect(cases.map(([text]) => [text, classifySessionError(text)])).to.deep.equal(cases);
    });
  });

  describe('malformed frames', () => {
    it('should reject a non-object', async () => {
      expect(() => adapter.decode(true, ctx)).to.throw(ProtocolError, 'session: expected a JSON object frame, got a boolean');
    });

    it('should reject a frame without a type or of an unknown type', async () => {
      expect(() => adapter.decode({chunk: 'x'}, ctx)).to.throw(ProtocolError, 'session: frame without a "type"');
      expect(() => adapter.decode({type: 'pong'}, ctx)).to.throw(ProtocolError, 'session: frame of unknown type "pong"');
    });

    it('should reject a chunk whose text is not text', async () => {
      expect(() => adapter.decode({type: 'chunk', chunk: {text: 'x'}}, ctx)).to.throw(ProtocolError, 'session: "chunk" frame whose chunk is not text');
    });
  });
});
