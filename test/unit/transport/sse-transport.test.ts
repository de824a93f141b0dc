import {expect} from '@open-wc/testing';
import {SseTransport} from '../../../src/transport/sse-transport.js';
import type {SseSpec, TransportClose, TransportListener} from '../../../src/transport/transport.js';
import {fakeFetch, manualStream, sseEvents, sseResponse, settle, until, type FetchCall, type ManualStream} from '../fakes.js';

const URL = 'https://api.example/v1/chat?tenant=t1';
const PAYLOAD = JSON.stringify({messages: [{role: 'user', content: 'hi'}]});

/** A listener that records what the transport reports. */
function recorder() {
  const log: string[] = [];
  const frames: unknown[] = [];
  const closes: TransportClose[] = [];
  const retries: number[] = [];
  const listener: TransportListener = {
    onOpen: () => log.push('open'),
    onFrame: (data) => {
      log.push('frame');
      frames.push(data);
    },
    onClose: (close) => {
      log.push('close');
      closes.push(close);
    },
    onConnecting: () => log.push('connecting'),
    onRetry: (delay) => {
      log.push('retry');
      retries.push(delay);
    },
  };
  return {log, frames, closes, retries, listener};
}

interface SetupOptions {
  retries?: number;
  connectTimeout?: number;
  headers?: SseSpec['headers'];
}

function setup(respond: (call: FetchCall, index: number) => Response | Promise<Response>, options: SetupOptions = {}) {
  const http = fakeFetch(respond);
  const rec = recorder();
  const transport = new SseTransport(() => ({url: URL, headers: options.headers ?? {Authorization: 'Bearer sk-test-1234'}}), rec.listener, {
    connectTimeout: options.connectTimeout ?? 60_000,
    retries: options.retries ?? 3,
    maxRetryAfter: 1_000,
    backoff: {base: 10, cap: 10},
    random: () => 0,
    fetch: http.fetch,
  });
  return {transport, http, ...rec};
}

/** A fetch answer whose SSE body the test writes by hand (it errors when the request is aborted). */
function manualAnswer(): {streams: ManualStream[]; respond: (call: FetchCall) => Response} {
  const streams: ManualStream[] = [];
  return {
    streams,
    respond: (call) => {
      const stream = manualStream(call.signal);
      streams.push(stream);
      return new Response(stream.body, {status: 200, headers: {'Content-Type': 'text/event-stream'}});
    },
  };
}

describe('SseTransport', () => {
  it('should be per request: nothing goes out before send()', () => {
    const {transport, http, log} = setup(() => sseResponse());
    expect(transport.perRequest).to.equal(true);
    expect(transport.open()).to.equal(true);
    expect(transport.busy).to.equal(false);
    expect(http.calls).to.have.length(0);
    expect(log).to.deep.equal([]);
  });

  it('should POST the payload with the JSON and SSE headers and the spec\'s headers', async () => {
    const {transport, http, closes} = setup(() => sseResponse());
    expect(transport.send(PAYLOAD)).to.equal(true);
    await until(() => closes.length === 1, 'the exchange to end');
    expect(http.calls).to.have.length(1);
    const call = http.calls[0]!;
    expect(call.url).to.equal(URL);
    expect(call.init.method).to.equal('POST');
    expect(call.body).to.equal(PAYLOAD);
    expect(call.headers).to.deep.equal({'Content-Type': 'application/json', Accept: 'text/event-stream', Authorization: 'Bearer sk-test-1234'});
  });

  it('should report each event\'s data as a frame, in order, then close 1000 when the response ends', async () => {
    const {transport, log, frames, closes} = setup(() => sseResponse('{"delta":"Hel"}', '{"delta":"lo"}', '[DONE]'));
    transport.send(PAYLOAD);
    expect(transport.busy).to.equal(true);
    await until(() => closes.length === 1, 'the exchange to end');
    expect(log).to.deep.equal(['connecting', 'open', 'frame', 'frame', 'frame', 'close']);
    expect(frames).to.deep.equal(['{"delta":"Hel"}', '{"delta":"lo"}', '[DONE]']);
    expect(closes).to.deep.equal([{code: 1000}]);
    expect(transport.busy).to.equal(false);
    expect(transport.timers).to.equal(0);
  });

  it('should run one exchange at a time, and take the next one after it ended', async () => {
    const answer = manualAnswer();
    const {transport, http, closes} = setup(answer.respond);
    expect(transport.send(PAYLOAD)).to.equal(true);
    expect(transport.send('second')).to.equal(false);
    await until(() => answer.streams.length === 1, 'the first response');
    answer.streams[0]!.end();
    await until(() => closes.length === 1, 'the first exchange to end');
    expect(transport.busy).to.equal(false);
    expect(transport.send('second')).to.equal(true);
    await until(() => http.calls.length === 2, 'the second request');
    expect(http.calls.map((c) => c.body)).to.deep.equal([PAYLOAD, 'second']);
    transport.close();
  });

  it('should report a body that broke mid-stream as close 1006, after the frames that came', async () => {
    const answer = manualAnswer();
    const {transport, frames, closes} = setup(answer.respond);
    transport.send(PAYLOAD);
    await until(() => answer.streams.length === 1, 'the response');
    answer.streams[0]!.write(sseEvents('one', 'two'));
    await until(() => frames.length === 2, 'two frames');
    answer.streams[0]!.fail();
    await until(() => closes.length === 1, 'the exchange to end');
    expect(frames).to.deep.equal(['one', 'two']);
    expect(closes).to.deep.equal([{code: 1006}]);
    expect(transport.busy).to.equal(false);
  });

  it('should report a non-2xx answer as a failure with its status and body, before any open', async () => {
    const {transport, http, log, closes} = setup(() => new Response('{"error":{"message":"bad model"}}', {status: 400}));
    transport.send(PAYLOAD);
    await until(() => closes.length === 1, 'the failure');
    expect(closes).to.deep.equal([{code: 1006, failure: {status: 400, body: '{"error":{"message":"bad model"}}'}}]);
    expect(log).to.deep.equal(['connecting', 'close']);
    expect(http.calls).to.have.length(1);
    expect(transport.busy).to.equal(false);
  });

  it('should retry a 429 after its Retry-After, then stream the answer with one open', async () => {
    const {transport, http, log, retries, frames, closes} = setup((_call, i) =>
      i === 0 ? new Response('slow down', {status: 429, headers: {'Retry-After': '0'}}) : sseResponse('ok'),
    );
    transport.send(PAYLOAD);
    await until(() => closes.length === 1, 'the exchange to end');
    expect(http.calls).to.have.length(2);
    expect(http.calls[1]!.body).to.equal(PAYLOAD);
    expect(retries).to.deep.equal([0]);
    expect(log).to.deep.equal(['connecting', 'retry', 'connecting', 'open', 'frame', 'close']);
    expect(frames).to.deep.equal(['ok']);
    expect(closes).to.deep.equal([{code: 1000}]);
  });

  it('should give up a 429 when the retries are used up', async () => {
    const {transport, http, closes} = setup(() => new Response('', {status: 429}), {retries: 1});
    transport.send(PAYLOAD);
    await until(() => closes.length === 1, 'the failure');
    expect(http.calls).to.have.length(2);
    expect(closes[0]!.failure?.status).to.equal(429);
  });

  it('should not retry a 500 or a network failure (the model may have the request already)', async () => {
    const server = setup(() => new Response('boom', {status: 500}));
    server.transport.send(PAYLOAD);
    await until(() => server.closes.length === 1, 'the 500 failure');
    expect(server.http.calls).to.have.length(1);
    expect(server.closes).to.deep.equal([{code: 1006, failure: {status: 500, body: 'boom'}}]);

    const network = setup(() => Promise.reject(new TypeError('Failed to fetch')));
    network.transport.send(PAYLOAD);
    await until(() => network.closes.length === 1, 'the network failure');
    expect(network.http.calls).to.have.length(1);
    expect(network.closes[0]!.failure?.status).to.equal(0);
    expect(network.log).to.not.include('retry');
  });

  it('should report a request without an answer in time as timed out', async () => {
    const {transport, http, closes} = setup(() => new Promise<Response>(() => undefined), {connectTimeout: 5});
    transport.send(PAYLOAD);
    await until(() => closes.length === 1, 'the timeout');
    expect(closes).to.deep.equal([{code: 1006, failure: {status: 0, timedOut: true}}]);
    expect(http.calls[0]!.signal.aborted).to.equal(true);
    expect(transport.busy).to.equal(false);
  });

  it('should abort the request on close() while it waits for its answer, and report nothing', async () => {
    const {transport, http, log} = setup(() => new Promise<Response>(() => undefined));
    transport.send(PAYLOAD);
    await until(() => http.calls.length === 1, 'the request');
    expect(http.calls[0]!.signal.aborted).to.equal(false);
    transport.close();
    expect(http.calls[0]!.signal.aborted).to.equal(true);
    expect(transport.busy).to.equal(false);
    await settle();
    expect(log).to.deep.equal(['connecting']);
  });

  it('should abort the streaming response on close(), and report nothing more', async () => {
    const answer = manualAnswer();
    const {transport, http, log, frames} = setup(answer.respond);
    transport.send(PAYLOAD);
    await until(() => answer.streams.length === 1, 'the response');
    answer.streams[0]!.write(sseEvents('first'));
    await until(() => frames.length === 1, 'a frame');
    transport.close();
    expect(http.calls[0]!.signal.aborted).to.equal(true);
    answer.streams[0]!.write(sseEvents('late'));
    await settle(5);
    expect(frames).to.deep.equal(['first']);
    expect(log).to.deep.equal(['connecting', 'open', 'frame']);
    expect(transport.busy).to.equal(false);
    expect(transport.timers).to.equal(0);
  });
});
