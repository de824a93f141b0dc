import {expect} from '@open-wc/testing';
import {jobAdapter} from '../../../src/protocols/job.js';
import {JobTransport} from '../../../src/transport/job.js';
import type {JobSpec, TransportClose, TransportListener} from '../../../src/transport/transport.js';
import {adapterContext} from '../protocols/context.js';
import {fakeFetch, fakeWebSocketClass, json, settle, until, type FetchCall} from '../fakes.js';

const TOKEN = 'aesthetics-secret-key-2025';
const ctx = adapterContext({protocol: 'job', url: 'http://3.24.210.190:8002', token: TOKEN});
const STARTED = {message: 'Job started successfully...', session_id: 'session_uuid_12345', websocket_url: '/ws/chat/session_uuid_12345'};
const SOCKET_URL = `ws://3.24.210.190:8002/ws/chat/session_uuid_12345?token=${TOKEN}`;

/** The `job` adapter's own description of its transport. */
function spec(): Omit<JobSpec, 'kind'> {
  const s = jobAdapter.transport(ctx);
  if (s.kind !== 'job') throw new Error('expected a job transport');
  return s;
}

const body = JSON.stringify(jobAdapter.encode({type: 'chat', text: 'Make it reassuring', clientId: 'c1', fields: {topic: 'Botox Safety', platform: 'Instagram'}}, ctx));

/** A listener that records what the transport reports. */
function recorder() {
  const log: string[] = [];
  const frames: unknown[] = [];
  const closes: TransportClose[] = [];
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
    onRetry: () => log.push('retry'),
  };
  return {log, frames, closes, listener};
}

function setup(respond: (call: FetchCall, index: number) => Response | Promise<Response>, options: {retries?: number; throwOnCreate?: boolean} = {}) {
  const sockets = fakeWebSocketClass({throwOnCreate: options.throwOnCreate});
  const http = fakeFetch(respond);
  const rec = recorder();
  const transport = new JobTransport(spec, rec.listener, {
    connectTimeout: 5_000,
    retries: options.retries ?? 0,
    maxRetryAfter: 1_000,
    backoff: {base: 1, cap: 1},
    random: () => 0,
    fetch: http.fetch,
    WebSocket: sockets.Ctor,
  });
  return {transport, sockets, http, ...rec};
}

describe('JobTransport', () => {
  it('should be per request and send nothing until a message', () => {
    const {transport, http, log} = setup(() => json(STARTED));
    expect(transport.perRequest).to.equal(true);
    expect(transport.open()).to.equal(true);
    expect(transport.busy).to.equal(false);
    expect(http.calls).to.have.length(0);
    expect(log).to.deep.equal([]);
  });

  it('should POST the start body with the JSON and API token headers', async () => {
    const {transport, http} = setup(() => json(STARTED));
    expect(transport.send(body)).to.equal(true);
    await until(() => http.calls.length === 1, 'the start request');
    const call = http.calls[0]!;
    expect(call.url).to.equal('http://3.24.210.190:8002/chat/start');
    expect(call.init.method).to.equal('POST');
    expect(call.headers).to.deep.equal({'Content-Type': 'application/json', Accept: 'application/json', 'X-API-Token': TOKEN});
    expect(JSON.parse(call.body)).to.deep.equal({topic: 'Botox Safety', query: 'Make it reassuring', platform: 'Instagram', session_id: 'job_1700000000000'});
    transport.close();
  });

  it('should run one job at a time', async () => {
    const {transport, http} = setup(() => json(STARTED));
    expect(transport.send(body)).to.equal(true);
    expect(transport.busy).to.equal(true);
    expect(transport.send(body)).to.equal(false);
    await until(() => http.calls.length === 1, 'the start request');
    await settle();
    expect(http.calls).to.have.length(1);
    transport.close();
  });

  it('should open the WebSocket the JSON answer names and stream its frames until it closes', async () => {
    const {transport, sockets, log, frames, closes} = setup(() => json(STARTED));
    transport.send(body);
    await until(() => sockets.sockets.length === 1, 'the job socket');
    const socket = sockets.last();
    expect(socket.url).to.equal(SOCKET_URL);
    expect(log).to.deep.equal(['connecting']);

    socket.serverOpen();
    socket.serverSend('{"type":"progress","step":"keywords"}');
    socket.serverSend('{"type":"result","response_text":"Done"}');
    expect(socket.sent).to.deep.equal([]);
    expect(transport.busy).to.equal(true);
    socket.serverClose(1000);

    expect(log).to.deep.equal(['connecting', 'open', 'frame', 'frame', 'close']);
    expect(frames).to.deep.equal(['{"type":"progress","step":"keywords"}', '{"type":"result","response_text":"Done"}']);
    expect(closes).to.deep.equal([{code: 1000}]);
    expect(transport.busy).to.equal(false);
    expect(transport.timers).to.equal(0);
  });

  it('should report a socket that broke as 1006', async () => {
    const {transport, sockets, closes} = setup(() => json(STARTED));
    transport.send(body);
    await until(() => sockets.sockets.length === 1, 'the job socket');
    sockets.last().serverOpen();
    sockets.last().serverClose(1006);
    expect(closes).to.deep.equal([{code: 1006}]);
    expect(transport.busy).to.equal(false);
  });

  it('should pass the abort through: close() aborts the start request and reports nothing', async () => {
    const {transport, http, log} = setup(() => new Promise<Response>(() => undefined));
    transport.send(body);
    await until(() => http.calls.length === 1, 'the start request');
    const signal = http.calls[0]!.signal;
    expect(signal.aborted).to.equal(false);
    transport.close('stopped');
    expect(signal.aborted).to.equal(true);
    expect(transport.busy).to.equal(false);
    await settle();
    expect(log).to.deep.equal(['connecting']);
    expect(transport.timers).to.equal(0);
  });

  it('should close the job socket on close(), and hear nothing after', async () => {
    const {transport, sockets, log} = setup(() => json(STARTED));
    transport.send(body);
    await until(() => sockets.sockets.length === 1, 'the job socket');
    const socket = sockets.last();
    socket.serverOpen();
    transport.close('stopped');
    expect(socket.closedBy).to.deep.equal({code: 1000, reason: 'stopped'});
    socket.serverSend('{"type":"result","response_text":"late"}');
    await settle();
    expect(log).to.deep.equal(['connecting', 'open']);
    expect(transport.busy).to.equal(false);
  });

  it('should report an HTTP failure with its status and body, and not retry a 401', async () => {
    const {transport, http, sockets, closes} = setup(() => json({detail: 'Invalid API token'}, 401), {retries: 2});
    transport.send(body);
    await until(() => closes.length === 1, 'the failure');
    expect(closes[0]).to.deep.equal({code: 1006, failure: {status: 401, body: '{"detail":"Invalid API token"}'}});
    expect(http.calls).to.have.length(1);
    expect(sockets.sockets).to.have.length(0);
    expect(transport.busy).to.equal(false);
  });

  it('should retry a 5xx and then open the socket', async () => {
    const {transport, http, sockets, log} = setup((_call, i) => (i === 0 ? new Response('busy', {status: 503}) : json(STARTED)), {retries: 2});
    transport.send(body);
    await until(() => sockets.sockets.length === 1, 'the job socket');
    expect(http.calls).to.have.length(2);
    expect(log).to.deep.equal(['connecting', 'retry', 'connecting']);
    transport.close();
  });

  it('should report a network failure as status 0 without the error text', async () => {
    const {transport, http, closes} = setup(() => Promise.reject(new TypeError(`Failed to fetch http://3.24.210.190:8002/chat/start ${TOKEN}`)), {retries: 1});
    transport.send(body);
    await until(() => closes.length === 1, 'the failure');
    expect(http.calls).to.have.length(2);
    expect(closes[0]!.code).to.equal(1006);
    expect(closes[0]!.failure).to.include({status: 0, body: undefined});
    expect(closes[0]!.failure?.timedOut).to.not.equal(true);
    expect(JSON.stringify(closes)).to.not.include(TOKEN);
  });

  it('should report an unusable start answer with the adapter\'s message', async () => {
    const {transport, sockets, closes} = setup(() => new Response('OK', {status: 200}));
    transport.send(body);
    await until(() => closes.length === 1, 'the failure');
    expect(closes[0]!.code).to.equal(1006);
    expect(closes[0]!.failure?.status).to.equal(200);
    expect(closes[0]!.failure?.message).to.match(/unreadable answer to the job request \(HTTP 200\)/);
    expect(sockets.sockets).to.have.length(0);
    expect(transport.busy).to.equal(false);
  });

  it('should report a socket URL the browser refuses as a network failure', async () => {
    const {transport, closes} = setup(() => json(STARTED), {throwOnCreate: true});
    transport.send(body);
    await until(() => closes.length === 1, 'the failure');
    expect(closes[0]).to.deep.equal({code: 1006, failure: {status: 0}});
    expect(transport.busy).to.equal(false);
  });

  it('should take the next job after one ended', async () => {
    const {transport, http, sockets} = setup(() => json(STARTED));
    transport.send(body);
    await until(() => sockets.sockets.length === 1, 'the first socket');
    sockets.last().serverOpen();
    sockets.last().serverClose(1000);
    expect(transport.send(body)).to.equal(true);
    await until(() => sockets.sockets.length === 2, 'the second socket');
    expect(http.calls).to.have.length(2);
    transport.close();
  });
});
