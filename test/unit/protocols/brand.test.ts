import {expect} from '@open-wc/testing';
import {brandAdapter as adapter} from '../../../src/protocols/brand.js';
import {ProtocolError, type AdapterContext} from '../../../src/protocols/protocol-adapter.js';
import {adapterContext, type ContextOverrides} from './context.js';

const TOKEN = 'sekret-token-123';

function makeCtx(over: ContextOverrides = {}): AdapterContext {
  return adapterContext({protocol: 'brand', url: 'wss://api.example.com', brand: 'techpro'}, over);
}

const ctx = makeCtx();

// Frames from seed 001.
const WELCOME = {
  type: 'welcome',
  data: {message: 'Welcome to TechPro Solutions! How can I help you today?', brand_id: 'techpro', brand_name: 'TechPro Solutions'},
};
const CHUNK = {
  type: 'chunk',
  data: {content: "I'd be happy to help you find", is_final: false, conversation_id: 'conv-123456789', suggested_products: null, confidence_score: null},
};
const COMPLETE = {
  type: 'complete',
  data: {
    content: '',
    is_final: true,
    conversation_id: 'conv-123456789',
    suggested_products: [
      {
        id: 'laptop-002',
        name: 'Dell XPS 13 Plus',
        description: 'Ultra-portable business laptop...',
        category: 'Laptop',
        price: 19999000.0,
        features: ['Intel Core i7', '16GB RAM'],
        specifications: {processor: 'Intel Core i7-1255U', memory: '16GB LPDDR5x', storage: '512GB SSD'},
        availability: true,
      },
    ],
    confidence_score: 0.85,
  },
};

describe('brand adapter', () => {
  describe('settings', () => {
    it('should be persistent with a 25 s heartbeat', async () => {
      expect(adapter.transport(ctx).kind).to.equal('websocket');
      expect(adapter.transport(ctx).heartbeat).to.deep.equal({intervalMs: 25_000});
      expect(adapter.transport(ctx).waitsForReady).to.not.equal(true);
    });

    it('should require a brand', async () => {
      expect(adapter.validate!(makeCtx({config: {brand: undefined}}).config)).to.include({setting: 'brand'});
      expect(adapter.validate!(makeCtx({config: {brand: '  '}}).config)).to.include({setting: 'brand'});
      expect(adapter.validate!(makeCtx({config: {brand: undefined}}).config)!.message).to.match(/brand/);
      expect(adapter.validate!(ctx.config)).to.equal(null);
    });
  });

  describe('transport url', () => {
    it('should default to /ws/chat/{brand}', async () => {
      expect(adapter.transport(ctx).url).to.equal('wss://api.example.com/ws/chat/techpro');
    });

    it('should encode the brand and keep a path prefix', async () => {
      const c = makeCtx({config: {brand: 'tech pro/1', wsBase: 'ws://h:8000/prefix'}});
      expect(adapter.transport(c).url).to.equal('ws://h:8000/prefix/ws/chat/tech%20pro%2F1');
    });

    it('should use a path override with its own query plus baseQuery', async () => {
      const c = makeCtx({config: {path: '/ws/chat/{brand}?t=abc', baseQuery: [['tenant', 'x']]}});
      expect(adapter.transport(c).url).to.equal('wss://api.example.com/ws/chat/techpro?t=abc&tenant=x');
    });

    it('should never put the token in the URL', async () => {
      expect(adapter.transport(makeCtx({config: {token: TOKEN}})).url).to.not.include(TOKEN);
    });
  });

  describe('encode', () => {
    it('should send a first chat message without ids', async () => {
      expect(adapter.encode({type: 'chat', text: 'I need a laptop for business work', clientId: 'c1'}, ctx)).to.deep.equal({
        type: 'chat',
        data: {message: 'I need a laptop for business work', voice: false},
      });
    });

    it('should send the conversation id, user id and voice flag', async () => {
      const c = makeCtx({config: {userId: 'u-7', voice: true}, ids: {conversationId: 'conv-123456789'}});
      expect(adapter.encode({type: 'chat', text: 'price?', clientId: 'c2'}, c)).to.deep.equal({
        type: 'chat',
        data: {message: 'price?', conversation_id: 'conv-123456789', user_id: 'u-7', voice: true},
      });
    });

    it('should merge context into data with the protocol fields winning', async () => {
      const c = makeCtx({config: {context: {channel: 'web', message: 'ctx', voice: 'ctx', conversation_id: 'ctx'}}});
      expect(adapter.encode({type: 'chat', text: 'hi', clientId: 'c3'}, c)).to.deep.equal({
        type: 'chat',
        data: {channel: 'web', message: 'hi', voice: false},
      });
    });

    it('should send pings and nothing for other actions', async () => {
      expect(adapter.encode({type: 'ping'}, ctx)).to.deep.equal({type: 'ping', data: {}});
      expect(adapter.encode({type: 'optimize', prompt: 'x'}, ctx)).to.equal(null);
      expect(adapter.encode({type: 'save-template', title: 'x'}, ctx)).to.equal(null);
    });
  });

  describe('decode', () => {
    it('should turn welcome into a title and a greeting', async () => {
      expect(adapter.decode(WELCOME, ctx)).to.deep.equal([
        {type: 'session', title: 'TechPro Solutions'},
        {type: 'welcome', text: 'Welcome to TechPro Solutions! How can I help you today?'},
      ]);
    });

    it('should accept a welcome without brand_name', async () => {
      expect(adapter.decode({type: 'welcome', data: {message: 'Hi', brand_name: null}}, ctx)).to.deep.equal([{type: 'welcome', text: 'Hi'}]);
    });

    it('should turn a chunk into the conversation id and a delta', async () => {
      expect(adapter.decode(CHUNK, ctx)).to.deep.equal([
        {type: 'session', ids: {conversationId: 'conv-123456789'}},
        {type: 'reply.delta', text: "I'd be happy to help you find"},
      ]);
    });

    it('should not repeat a conversation id it already holds', async () => {
      const c = makeCtx({ids: {conversationId: 'conv-123456789'}});
      expect(adapter.decode(CHUNK, c)).to.deep.equal([{type: 'reply.delta', text: "I'd be happy to help you find"}]);
    });

    it('should accept chunks with [] products and 0.0 confidence and skip empty content', async () => {
      const c = makeCtx({ids: {conversationId: 'conv-1'}});
      const frame = {type: 'chunk', data: {content: 'Hi', is_final: false, conversation_id: 'conv-1', suggested_products: [], confidence_score: 0.0}};
      expect(adapter.decode(frame, c)).to.deep.equal([{type: 'reply.delta', text: 'Hi'}]);
      expect(adapter.decode({type: 'chunk', data: {content: '', conversation_id: 'conv-1'}}, c)).to.deep.equal([]);
    });

    it('should turn complete into reply.end with normalized products and confidence', async () => {
      const c = makeCtx({ids: {conversationId: 'conv-123456789'}});
      expect(adapter.decode(COMPLETE, c)).to.deep.equal([
        {
          type: 'reply.end',
          meta: {
            products: [
              {
                id: 'laptop-002',
                name: 'Dell XPS 13 Plus',
                description: 'Ultra-portable business laptop...',
                category: 'Laptop',
                price: 19999000,
                features: ['Intel Core i7', '16GB RAM'],
                specifications: {processor: 'Intel Core i7-1255U', memory: '16GB LPDDR5x', storage: '512GB SSD'},
                availability: true,
              },
            ],
            confidence: 0.85,
          },
        },
      ]);
    });

    it('should carry the whole reply of a complete that had no chunks', async () => {
      const frame = {
        type: 'complete',
        data: {content: 'Maaf, terjadi kesalahan. Silakan coba lagi.', is_final: true, conversation_id: 'conv-9', suggested_products: [], confidence_score: null},
      };
      expect(adapter.decode(frame, ctx)).to.deep.equal([
        {type: 'session', ids: {conversationId: 'conv-9'}},
        {type: 'reply.end', text: 'Maaf, terjadi kesalahan. Silakan coba lagi.', meta: {products: [], confidence: null}},
      ]);
    });

    it('should normalize loose product data', async () => {
      const frame = {
        type: 'complete',
        data: {
          content: '',
          suggested_products: [
            {
              id: 42,
              brand_id: 'techpro',
              name: 'Laptop Bisnis',
              price: '1999.50',
              currency: 'IDR',
              features: ['Ringan', 3, null],
              specifications: {ram_gb: 16, ssd: true, ports: ['usb-c'], note: null},
              availability: 'yes',
            },
            {name: 'No price', price: 'call us', features: null, specifications: null},
            {id: 'x', description: 'nameless'},
            'not an object',
          ],
          confidence_score: 0,
        },
      };
      const [end] = adapter.decode(frame, ctx);
      expect(end).to.deep.equal({
        type: 'reply.end',
        meta: {
          products: [
            {
              id: '42',
              name: 'Laptop Bisnis',
              currency: 'IDR',
              price: 1999.5,
              features: ['Ringan'],
              specifications: {ram_gb: '16', ssd: 'true', ports: '["usb-c"]'},
              availability: null,
            },
            {name: 'No price', price: null, features: [], specifications: {}, availability: null},
          ],
          confidence: 0,
        },
      });
    });

    it('should keep a __proto__ specification as a plain key', async () => {
      const frame = JSON.parse('{"type":"complete","data":{"content":"","suggested_products":[{"name":"X","specifications":{"__proto__":"weird","ram":"8GB"}}]}}');
      const [end] = adapter.decode(frame, ctx) as Array<{meta: {products: Array<{specifications: Record<string, string>}>}}>;
      const specs = end!.meta.products[0]!.specifications;
      expect(Object.getPrototypeOf(specs)).to.equal(Object.prototype);
      expect(Object.keys(specs)).to.deep.equal(['__proto__', 'ram']);
    });

    it('should turn an error into a server error that ends the reply', async () => {
      expect(adapter.decode({type: 'error', data: {message: "Brand 'invalid-brand' not found or inactive"}}, ctx)).to.deep.equal([
        {type: 'error', kind: 'server', code: 'server_error', message: "Brand 'invalid-brand' not found or inactive", endsReply: true},
      ]);
      expect(adapter.decode({type: 'error'}, ctx)).to.deep.equal([
        {type: 'error', kind: 'server', code: 'server_error', message: '', endsReply: true},
      ]);
    });

    it('should swallow pong', async () => {
      expect(adapter.decode({type: 'pong', data: {timestamp: '2024-01-20T10:30:00.123456'}}, ctx)).to.deep.equal([]);
    });

    it('should ignore extra fields', async () => {
      const frame = {type: 'chunk', extra: 1, data: {content: 'x', conversation_id: null, brand_id: 'techpro', more: {}}};
      expect(adapter.decode(frame, ctx)).to.deep.equal([{type: 'reply.delta', text: 'x'}]);
    });
  });

  describe('malformed frames', () => {
    it('should reject a non-object', async () => {
      expect(() => adapter.decode('hello', ctx)).to.throw(ProtocolError, /^brand: expected a JSON object frame, got a string$/);
      expect(() => adapter.decode(null, ctx)).to.throw(ProtocolError, /got null/);
      expect(() => adapter.decode([CHUNK], ctx)).to.throw(ProtocolError, /got an array/);
    });

    it('should reject a frame without a type or of an unknown type', async () => {
      expect(() => adapter.decode({data: {}}, ctx)).to.throw(ProtocolError, 'brand: frame without a "type"');
      expect(() => adapter.decode({type: 'mystery', data: {}}, ctx)).to.throw(ProtocolError, 'brand: frame of unknown type "mystery"');
    });

    it('should reject frames without their required fields', async () => {
      expect(() => adapter.decode({type: 'chunk', data: {conversation_id: 'c'}}, ctx)).to.throw(ProtocolError, 'brand: "chunk" frame without data.content');
      expect(() => adapter.decode({type: 'chunk'}, ctx)).to.throw(ProtocolError, 'brand: "chunk" frame without data');
      expect(() => adapter.decode({type: 'complete', data: null}, ctx)).to.throw(ProtocolError, 'brand: "complete" frame without data');
      expect(() => adapter.decode({type: 'welcome', data: {brand_name: 'X'}}, ctx)).to.throw(ProtocolError, 'brand: "welcome" frame without data.message');
    });

    it('should not put the token in error messages', async () => {
      const c = makeCtx({config: {token: TOKEN}});
      let message = '';
      try {
        adapter.decode({type: TOKEN}, c);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).to.match(/^brand: frame of unknown type/);
      expect(message).to.not.include(TOKEN);
    });
  });
});
