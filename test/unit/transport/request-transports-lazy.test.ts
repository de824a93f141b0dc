/**
 * The script-tag bundle's HTTP transports (src/transport/request-transports-lazy.ts, in place of
 * request-transports.ts): a stand-in until the transports' code has loaded. A request sent
 * meanwhile waits (busy) and goes out once it has; one closed first never goes out.
 */
import {expect} from '@open-wc/testing';
import {preloadTransport, requestTransport} from '../../../src/transport/request-transports-lazy.js';
import type {TransportClose, TransportListener} from '../../../src/transport/transport.js';
import {fakeFetch, settle, sseResponse, until, type FetchCall} from '../fakes.js';

const URL = 'https://api.example/v1/chat';

function setup(kind: 'sse' | 'job', respond: (call: FetchCall) => Response | Promise<Response>) {
  const http = fakeFetch(respond);
  const frames: unknown[] = [];
  const closes: TransportClose[] = [];
  const listener: TransportListener = {onOpen: () => {}, onFrame: (data) => frames.push(data), onClose: (close) => closes.push(close)};
  const transport = requestTransport(kind, () => ({url: URL, socketUrl: () => 'ws://127.0.0.1:1/never'}), listener, {
    connectTimeout: 60_000,
    retries: 0,
    maxRetryAfter: 1_000,
    backoff: {base: 10, cap: 10},
    random: () => 0,
    fetch: http.fetch,
  });
  return {transport, http, frames, closes};
}

describe('request-transports-lazy', () => {
  it('is per request, and nothing goes out before send()', () => {
    const {transport, http} = setup('sse', () => sseResponse());
    expect(transport.perRequest).to.equal(true);
    expect(transport.open()).to.equal(true);
    expect(transport.busy).to.equal(false);
    expect(transport.timers).to.equal(0);
    expect(http.calls).to.have.length(0);
  });

  it('a request sent before the code has loaded waits (busy, one at a time), then goes out and streams', async () => {
    const {transport, http, frames, closes} = setup('sse', () => sseResponse('one', 'two'));
    expect(transport.send('payload')).to.equal(true);
    expect(transport.busy, 'waiting counts as busy').to.equal(true);
    expect(transport.send('second'), 'one request at a time').to.equal(false);
    await until(() => closes.length === 1, 'the exchange to end');
    expect(http.calls.map((c) => c.body)).to.deep.equal(['payload']);
    expect(frames).to.deep.equal(['one', 'two']);
    expect(closes).to.deep.equal([{code: 1000}]);
    expect(transport.busy).to.equal(false);
    // Loaded now: the next request goes out at once.
    expect(transport.send('next')).to.equal(true);
    await until(() => closes.length === 2, 'the second exchange to end');
    expect(http.calls.map((c) => c.body)).to.deep.equal(['payload', 'next']);
  });

  it('a request closed while the code loads never goes out', async () => {
    const {transport, http, closes} = setup('sse', () => sseResponse('one'));
    transport.send('payload');
    transport.close();
    expect(transport.busy).to.equal(false);
    await preloadTransport('sse');
    await settle(20);
    expect(http.calls).to.have.length(0);
    expect(closes).to.deep.equal([]);
  });

  it('job: the HTTP start of the job flow (a failed start is reported as such)', async () => {
    const {transport, http, closes} = setup('job', () => new Response('nope', {status: 500}));
    transport.send('{"q":1}');
    await until(() => closes.length === 1, 'the failed start');
    expect(http.calls.map((c) => c.body)).to.deep.equal(['{"q":1}']);
    expect(http.calls[0]!.headers['Content-Type']).to.equal('application/json');
    expect(closes[0]!.code).to.equal(1006);
    expect(closes[0]!.failure?.status).to.equal(500);
  });
});
