import {expect} from '@open-wc/testing';
import {ProtocolError, type AdapterContext} from '../../../src/protocols/protocol-adapter.js';
import {templateAdapter as adapter} from '../../../src/protocols/template.js';
import {adapterContext, type ContextOverrides} from './context.js';

const NOW = 1_700_000_000_000;
const ISO = '2023-11-14T22:13:20.000Z';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoiNDIifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

function makeCtx(over: ContextOverrides = {}): AdapterContext {
  return adapterContext({protocol: 'template', url: 'ws://localhost:8000'}, over);
}

const SID = `session_user_42_${NOW}`;
const ctx = makeCtx({ids: {sessionId: SID}});

describe('template adapter', () => {
  describe('settings', () => {
    it('should wait for connection_ack and heartbeat every 25 s', async () => {
      expect(adapter.transport(ctx).kind).to.equal('websocket');
      expect(adapter.transport(ctx).waitsForReady).to.equal(true);
      expect(adapter.transport(ctx).heartbeat).to.deep.equal({intervalMs: 25_000});
    });
  });

  describe('initIds', () => {
    it('should create session_user_<userId>_<timestamp>', async () => {
      expect(adapter.initIds!(makeCtx({config: {userId: '42'}}))).to.deep.equal({sessionId: SID});
    });

    it('should use anonymous without a user id', async () => {
      expect(adapter.initIds!(makeCtx())).to.deep.equal({sessionId: `session_user_anonymous_${NOW}`});
      expect(adapter.initIds!(makeCtx({config: {userId: ''}}))).to.deep.equal({sessionId: `session_user_anonymous_${NOW}`});
    });

    it('should keep a stored session id, and prefer a configured one', async () => {
      expect(adapter.initIds!(makeCtx({ids: {sessionId: 'kept'}}))).to.deep.equal({sessionId: 'kept'});
      expect(adapter.initIds!(makeCtx({config: {sessionId: 'configured'}, ids: {sessionId: 'kept'}}))).to.deep.equal({sessionId: 'configured'});
    });
  });

  describe('transport url', () => {
    it('should connect to /ws/chat/{session}/ without ?token when there is no token', async () => {
      expect(adapter.transport(ctx).url).to.equal(`ws://localhost:8000/ws/chat/${SID}/`);
    });

    it('should add ?token= when a token is set', async () => {
      const c = makeCtx({config: {token: JWT}, ids: {sessionId: SID}});
      expect(adapter.transport(c).url).to.equal(`ws://localhost:8000/ws/chat/${SID}/?token=${JWT}`);
    });

    it('should encode the session and merge baseQuery and a path override', async () => {
      const c = makeCtx({config: {token: 't', path: '/v2/{session}?x=1', baseQuery: [['k', 'v']], wsBase: 'wss://h/pc'}, ids: {sessionId: 'a b'}});
      expect(adapter.transport(c).url).to.equal('wss://h/pc/v2/a%20b?x=1&k=v&token=t');
    });

    it('should fall back to a fresh session id when none is stored', async () => {
      expect(adapter.transport(makeCtx()).url).to.equal(`ws://localhost:8000/ws/chat/session_user_anonymous_${NOW}/`);
    });
  });

  describe('encode', () => {
    it('should send chat_message', async () => {
      expect(adapter.encode({type: 'chat', text: 'Help me write a blog outline', clientId: 'm-1'}, ctx)).to.deep.equal({
        type: 'chat_message',
        content: 'Help me write a blog outline',
        message_id: 'm-1',
        timestamp: ISO,
        session_id: SID,
      });
    });

    it('should merge context into chat_message with the protocol fields winning', async () => {
      const c = makeCtx({config: {context: {workspace: 'w1', type: 'evil', content: 'ctx'}}, ids: {sessionId: SID}});
      expect(adapter.encode({type: 'chat', text: 'hi', clientId: 'm-2'}, c)).to.deep.equal({
        workspace: 'w1',
        type: 'chat_message',
        content: 'hi',
        message_id: 'm-2',
        timestamp: ISO,
        session_id: SID,
      });
    });

    it('should send optimize_prompt', async () => {
      expect(adapter.encode({type: 'optimize', prompt: 'write a poem'}, ctx)).to.deep.equal({
        type: 'optimize_prompt',
        prompt: 'write a poem',
        optimization_type: 'enhancement',
        timestamp: ISO,
        session_id: SID,
      });
    });

    it('should send save_conversation_as_template with a default category', async () => {
      expect(adapter.encode({type: 'save-template', title: 'Blog outline'}, ctx)).to.deep.equal({
        type: 'save_conversation_as_template',
        title: 'Blog outline',
        category: 'general',
        include_ai_responses: true,
        timestamp: ISO,
        session_id: SID,
      });
      expect(adapter.encode({type: 'save-template', title: 'T', category: 'Writing'}, ctx)).to.have.property('category', 'Writing');
    });

    it('should send ping with a timestamp', async () => {
      expect(adapter.encode({type: 'ping'}, ctx)).to.deep.equal({type: 'ping', timestamp: ISO});
    });
  });

  describe('decode', () => {
    it('should turn connection_ack into readiness and features', async () => {
      const frame = {
        type: 'connection_ack',
        session_id: SID,
        timestamp: '2024-01-15T10:30:00.123456',
        user_id: null,
        authenticated: true,
        features: {template_creation: true, ai_optimization: false, langchain_fallback: true},
      };
      expect(adapter.decode(frame, ctx)).to.deep.equal([
        {type: 'session', ready: true, features: {templates: true, optimize: false}, data: {authenticated: true}},
      ]);
      expect(adapter.decode({type: 'connection_ack'}, ctx)).to.deep.equal([
        {type: 'session', ready: true, features: {templates: false, optimize: false}, data: {authenticated: false}},
      ]);
    });

    it('should turn an assistant message into typing off and a whole message', async () => {
      const frame = {
        type: 'message',
        message_id: 'a-1',
        content: '## Outline\n1. Hook',
        role: 'assistant',
        timestamp: '2024-01-15T10:30:02.654321',
        session_id: SID,
        processing_time_ms: 842,
        template_suggestions: [{title: 'Blog', confidence: 0.8}],
      };
      expect(adapter.decode(frame, ctx)).to.deep.equal([
        {type: 'typing', on: false},
        {type: 'message', role: 'assistant', text: '## Outline\n1. Hook', meta: {processingTimeMs: 842, serverId: 'a-1'}},
      ]);
    });

    it('should treat a message without role as the assistant', async () => {
      expect(adapter.decode({type: 'message', content: 'Hi'}, ctx)).to.deep.equal([
        {type: 'typing', on: false},
        {type: 'message', role: 'assistant', text: 'Hi', meta: {}},
      ]);
    });

    it('should turn the echo of the user message into user.echo', async () => {
      const frame = {type: 'message', message_id: 'm-1', content: 'Help me write', role: 'user', timestamp: '2024-01-15T10:30:00.5', session_id: SID};
      expect(adapter.decode(frame, ctx)).to.deep.equal([{type: 'user.echo', text: 'Help me write', serverId: 'm-1'}]);
    });

    it('should turn template_opportunity into an offer', async () => {
      const frame = {
        type: 'template_opportunity',
        suggestion: {title: 'Help me write a blog outline', description: 'Template based on conversation', category: 'Writing', confidence: 0.6, reasoning: 'Found 2 template indicators'},
        timestamp: '2024-01-15T10:30:03.1',
      };
      expect(adapter.decode(frame, ctx)).to.deep.equal([
        {
          type: 'template.opportunity',
          suggestion: {title: 'Help me write a blog outline', description: 'Template based on conversation', category: 'Writing', confidence: 0.6, reasoning: 'Found 2 template indicators'},
        },
      ]);
    });

    it('should treat template_created and conversation_template_created the same', async () => {
      const template = {id: 17, title: 'Blog outline', description: 'From a chat', category: 'Writing', source: 'conversation', message_count: 4};
      const expected = [{type: 'template.created', template: {id: '17', title: 'Blog outline', description: 'From a chat', category: 'Writing'}, message: 'Saved!'}];
      expect(adapter.decode({type: 'template_created', template, message: 'Saved!'}, ctx)).to.deep.equal(expected);
      expect(adapter.decode({type: 'conversation_template_created', template, message: 'Saved!', timestamp: '2024-01-15T10:30:04.000001'}, ctx)).to.deep.equal(expected);
    });

    it('should turn typing_start and typing_stop into typing', async () => {
      expect(adapter.decode({type: 'typing_start', timestamp: 'x'}, ctx)).to.deep.equal([{type: 'typing', on: true}]);
      expect(adapter.decode({type: 'typing_stop'}, ctx)).to.deep.equal([{type: 'typing', on: false}]);
    });

    it('should swallow heartbeat, pong and template_suggestions', async () => {
      expect(adapter.decode({type: 'heartbeat', timestamp: 'x'}, ctx)).to.deep.equal([]);
      expect(adapter.decode({type: 'pong', latency_ms: 3}, ctx)).to.deep.equal([]);
      expect(adapter.decode({type: 'template_suggestions', suggestions: [{title: 'x'}]}, ctx)).to.deep.equal([]);
    });

    it('should accept the optimize answer under several names', async () => {
      expect(adapter.decode({type: 'prompt_optimized', original_prompt: 'p', optimized_prompt: 'Better p', improvements: []}, ctx)).to.deep.equal([
        {type: 'optimized', text: 'Better p'},
      ]);
      expect(adapter.decode({type: 'optimized_prompt', optimized_prompt: 'B'}, ctx)).to.deep.equal([{type: 'optimized', text: 'B'}]);
      expect(adapter.decode({type: 'optimize_result', result: {optimized_prompt: 'C'}}, ctx)).to.deep.equal([{type: 'optimized', text: 'C'}]);
    });

    it('should turn an error into typing off and a server error', async () => {
      const frame = {type: 'error', error: 'authentication_required', message: 'Authentication required to save templates', timestamp: '2024-01-15T10:30:00.123456'};
      expect(adapter.decode(frame, ctx)).to.deep.equal([
        {type: 'typing', on: false},
        {type: 'error', kind: 'server', code: 'authentication_required', message: 'Authentication required to save templates', endsReply: true},
      ]);
    });

    it('should read the error code loosely', async () => {
      const [, upper] = adapter.decode({type: 'error', error: 'GENERAL_ERROR', message: 'Failed to process message'}, ctx);
      expect(upper).to.include({code: 'general_error', message: 'Failed to process message'});
      const [, sentence] = adapter.decode({type: 'error', error: 'Something broke badly'}, ctx);
      expect(sentence).to.include({code: 'server_error', message: 'Something broke badly'});
      const [, bare] = adapter.decode({type: 'error'}, ctx);
      expect(bare).to.include({code: 'server_error', message: ''});
    });
  });

  describe('malformed frames', () => {
    it('should reject a non-object', async () => {
      expect(() => adapter.decode(undefined, ctx)).to.throw(ProtocolError, 'template: expected a JSON object frame, got undefined');
    });

    it('should reject a frame without a type or of an unknown type', async () => {
      expect(() => adapter.decode({type: 42}, ctx)).to.throw(ProtocolError, 'template: frame without a "type"');
      expect(() => adapter.decode({type: 'mystery'}, ctx)).to.throw(ProtocolError, 'template: frame of unknown type "mystery"');
    });

    it('should reject frames without their required fields', async () => {
      expect(() => adapter.decode({type: 'message', role: 'assistant'}, ctx)).to.throw(ProtocolError, 'template: "message" frame without content');
      expect(() => adapter.decode({type: 'template_opportunity', suggestion: {category: 'x'}}, ctx)).to.throw(ProtocolError, 'template: "template_opportunity" frame without suggestion.title');
      expect(() => adapter.decode({type: 'conversation_template_created', message: 'ok'}, ctx)).to.throw(ProtocolError, 'template: "conversation_template_created" frame without template.title');
      expect(() => adapter.decode({type: 'prompt_optimized', prompt: 'x'}, ctx)).to.throw(ProtocolError, 'template: "prompt_optimized" frame without optimized_prompt');
    });

    it('should not put the token in error messages', async () => {
      const c = makeCtx({config: {token: JWT}, ids: {sessionId: SID}});
      const messages: string[] = [];
      for (const frame of [{type: `x${JWT}`}, {type: `optimize ${JWT}`}]) {
        try {
          adapter.decode(frame, c);
        } catch (error) {
          messages.push((error as Error).message);
        }
      }
      expect(messages).to.have.length(2);
      for (const message of messages) {
        expect(message).to.include('[redacted]');
        expect(message).to.not.include(JWT.slice(0, 20));
      }
    });
  });
});
