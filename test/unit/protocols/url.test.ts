import {expect} from '@open-wc/testing';
import type {ChatConfig} from '../../../src/types.js';
import {resolveSocketAddress, socketUrlFor} from '../../../src/protocols/socket-url.js';
import {buildUrl, fillPath, resolveConfigUrls} from '../../../src/protocols/url.js';

const config = (over: Partial<ChatConfig> = {}): ChatConfig => ({
  protocol: 'brand',
  url: 'wss://api.example.com',
  httpBase: 'https://api.example.com',
  wsBase: 'wss://api.example.com',
  baseQuery: [],
  voice: false,
  enableAgents: true,
  ...over,
});

describe('protocols/url', () => {
  describe('resolveConfigUrls', () => {
    it('should map https to wss and keep the port', async () => {
      expect(resolveConfigUrls('https://api.example.com:8443')).to.deep.equal({
        httpBase: 'https://api.example.com:8443',
        wsBase: 'wss://api.example.com:8443',
        baseQuery: [],
      });
    });

    it('should map ws to http and drop a trailing slash', async () => {
      expect(resolveConfigUrls('ws://127.0.0.1:8000/')).to.deep.equal({
        httpBase: 'http://127.0.0.1:8000',
        wsBase: 'ws://127.0.0.1:8000',
        baseQuery: [],
      });
    });

    it('should map wss to https and http to ws', async () => {
      expect(resolveConfigUrls('wss://h.example')?.httpBase).to.equal('https://h.example');
      expect(resolveConfigUrls('http://h.example')?.wsBase).to.equal('ws://h.example');
    });

    it('should keep a path prefix and split off the query', async () => {
      expect(resolveConfigUrls('https://h.example/chat-api/?tenant=a%20b&x=1&x=2#frag')).to.deep.equal({
        httpBase: 'https://h.example/chat-api',
        wsBase: 'wss://h.example/chat-api',
        baseQuery: [
          ['tenant', 'a b'],
          ['x', '1'],
          ['x', '2'],
        ],
      });
    });

    it('should drop credentials', async () => {
      expect(resolveConfigUrls('https://user:pw@h.example')?.httpBase).to.equal('https://h.example');
    });

    it('should return null for other schemes and invalid URLs', async () => {
      expect(resolveConfigUrls('ftp://h.example')).to.equal(null);
      expect(resolveConfigUrls('javascript:alert(1)')).to.equal(null);
      expect(resolveConfigUrls('api.example.com')).to.equal(null);
      expect(resolveConfigUrls('')).to.equal(null);
      expect(resolveConfigUrls('http://')).to.equal(null);
    });
  });

  describe('fillPath', () => {
    it('should fill placeholders with URI-encoded values', async () => {
      expect(fillPath('/ws/chat/{brand}/{session}', {brand: 'tech pro/x', session: 'a?b'})).to.equal('/ws/chat/tech%20pro%2Fx/a%3Fb');
    });

    it('should empty a known placeholder without a value and keep unknown ones', async () => {
      expect(fillPath('/a/{user}/{other}', {user: undefined})).to.equal('/a//{other}');
    });

    it('should fill placeholders in the query too', async () => {
      expect(fillPath('/ws?s={session}', {session: 'x&y'})).to.equal('/ws?s=x%26y');
    });
  });

  describe('buildUrl', () => {
    it('should join base and path and append parameters', async () => {
      expect(buildUrl('wss://h.example', '/ws/chat/x', [['a', '1']], {b: 'two words'})).to.equal(
        'wss://h.example/ws/chat/x?a=1&b=two+words',
      );
    });

    it('should keep a path prefix and a trailing slash of the path', async () => {
      expect(buildUrl('wss://h.example/prefix', '/ws/chat/')).to.equal('wss://h.example/prefix/ws/chat/');
      expect(buildUrl('wss://h.example/prefix/', 'ws/chat')).to.equal('wss://h.example/prefix/ws/chat');
    });

    it('should skip undefined and null values', async () => {
      expect(buildUrl('ws://h', '/p', {a: undefined, b: null, c: 'x'})).to.equal('ws://h/p?c=x');
    });

    it('should merge a query in the path with the parameter lists', async () => {
      expect(buildUrl('wss://h', '/ws/chat/b?t=abc', [['k', 'v']])).to.equal('wss://h/ws/chat/b?t=abc&k=v');
    });

    it('should let a later source replace parameters of the same name', async () => {
      expect(buildUrl('wss://h/?a=base&keep=1', '/p?a=path', [['a', 'list']], {b: '2'})).to.equal('wss://h/p?keep=1&a=list&b=2');
    });

    it('should keep repeated names within one source', async () => {
      expect(buildUrl('https://h', '/chat/start', [['x', '1'], ['x', '2']])).to.equal('https://h/chat/start?x=1&x=2');
    });

    it('should drop a fragment', async () => {
      expect(buildUrl('wss://h', '/p#frag?x=1')).to.equal('wss://h/p');
    });

    it('should leave the base untouched for an empty path', async () => {
      expect(buildUrl('wss://h/ws/x?a=1', '', {token: 't'})).to.equal('wss://h/ws/x?a=1&token=t');
    });
  });

  describe('socketUrlFor', () => {
    it('should use the default path with baseQuery and then the protocol parameters', async () => {
      const url = socketUrlFor(config({baseQuery: [['tenant', 'a']]}), '/ws/chat/{brand}', {brand: 'techpro'}, {token: 'jwt'});
      expect(url).to.equal('wss://api.example.com/ws/chat/techpro?tenant=a&token=jwt');
    });

    it('should prefer config.path and keep its query', async () => {
      const url = socketUrlFor(config({path: '/custom/{brand}?t=abc', baseQuery: [['k', 'v']]}), '/ws/chat/{brand}', {brand: 'b'});
      expect(url).to.equal('wss://api.example.com/custom/b?t=abc&k=v');
    });

    it('should ignore a blank config.path', async () => {
      expect(socketUrlFor(config({path: '  '}), '/default', {})).to.equal('wss://api.example.com/default');
    });
  });

  describe('resolveSocketAddress', () => {
    it('should resolve a path against the WebSocket origin', async () => {
      expect(resolveSocketAddress('wss://h.example:8002', '/ws/chat/session_uuid_12345')).to.equal('wss://h.example:8002/ws/chat/session_uuid_12345');
    });

    it('should put a path under the base prefix unless it already starts with it', async () => {
      expect(resolveSocketAddress('wss://h/api', '/ws/chat/x')).to.equal('wss://h/api/ws/chat/x');
      expect(resolveSocketAddress('wss://h/api', '/api/ws/chat/x')).to.equal('wss://h/api/ws/chat/x');
      expect(resolveSocketAddress('wss://h/api', '/apix/ws')).to.equal('wss://h/api/apix/ws');
    });

    it('should accept a path without a leading slash and keep its query', async () => {
      expect(resolveSocketAddress('ws://h', 'ws/chat/x?a=1')).to.equal('ws://h/ws/chat/x?a=1');
    });

    it('should convert absolute http(s) addresses to ws(s)', async () => {
      expect(resolveSocketAddress('ws://h', 'https://other.example/ws/x')).to.equal('wss://other.example/ws/x');
      expect(resolveSocketAddress('wss://h', 'http://other.example:81/ws/x')).to.equal('ws://other.example:81/ws/x');
      expect(resolveSocketAddress('ws://h', 'wss://other.example/ws')).to.equal('wss://other.example/ws');
    });

    it('should return null for another scheme', async () => {
      expect(resolveSocketAddress('ws://h', 'javascript:alert(1)')).to.equal(null);
      expect(resolveSocketAddress('ws://h', 'ftp://h/x')).to.equal(null);
    });
  });
});
