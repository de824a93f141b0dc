import {expect} from '@open-wc/testing';
import type {TransportClose, TransportListener, WebSocketSpec} from '../../../src/transport/transport.js';
import {WebSocketTransport} from '../../../src/transport/websocket.js';
import {fakeWebSocketClass, settle, until} from '../fakes.js';

const URL = 'wss://chat.example/ws?brand=acme';

/** A listener that records what the transport reports. */
function recorder() {
  const log: string[] = [];
  const frames: unknown[] = [];
  const closes: TransportClose[] = [];
  let heartbeats = 0;
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
    onHeartbeat: () => {
      heartbeats++;
    },
  };
  return {log, frames, closes, listener, heartbeats: () => heartbeats};
}

interface SetupOptions {
  connectTimeout?: number;
  heartbeat?: WebSocketSpec['heartbeat'];
  throwOnCreate?: boolean;
}

function setup(options: SetupOptions = {}) {
  const sockets = fakeWebSocketClass({throwOnCreate: options.throwOnCreate});
  const rec = recorder();
  const clock = {now: 1_000};
  let specs = 0;
  const transport = new WebSocketTransport(
    () => {
      specs++;
      return {url: `${URL}&n=${specs}`, heartbeat: options.heartbeat};
    },
    rec.listener,
    {connectTimeout: options.connectTimeout ?? 60_000, WebSocket: sockets.Ctor, now: () => clock.now},
  );
  return {transport, sockets, clock, ...rec};
}

describe('WebSocketTransport', () => {
  it('should be a persistent transport that opens the URL of its spec', () => {
    const {transport, sockets} = setup();
    expect(transport.perRequest).to.equal(false);
    expect(transport.busy).to.equal(false);
    expect(transport.open()).to.equal(true);
    expect(transport.busy).to.equal(true);
    expect(sockets.sockets.map((s) => s.url)).to.deep.equal([`${URL}&n=1`]);
    // Opening again while a socket exists makes no second one.
    expect(transport.open()).to.equal(true);
    expect(sockets.sockets).to.have.length(1);
    transport.close();
  });

  it('should report open, then every frame in order, then how the socket closed', () => {
    const {transport, sockets, log, frames, closes} = setup();
    transport.open();
    const socket = sockets.last();
    socket.serverOpen();
    socket.serverSend('{"type":"a"}');
    const binary = new ArrayBuffer(2);
    socket.serverSend(binary);
    socket.serverSend('{"type":"b"}');
    socket.serverClose(4001);
    expect(log).to.deep.equal(['open', 'frame', 'frame', 'frame', 'close']);
    expect(frames).to.deep.equal(['{"type":"a"}', binary, '{"type":"b"}']);
    expect(frames[1]).to.equal(binary);
    expect(closes).to.deep.equal([{code: 4001}]);
    expect(transport.busy).to.equal(false);
    expect(transport.timers).to.equal(0);
  });

  it('should write frames only while the socket is open', () => {
    const {transport, sockets} = setup();
    expect(transport.send('early')).to.equal(false);
    transport.open();
    const socket = sockets.last();
    expect(transport.send('still connecting')).to.equal(false);
    socket.serverOpen();
    expect(transport.send('{"type":"chat"}')).to.equal(true);
    expect(socket.sent).to.deep.equal(['{"type":"chat"}']);
    socket.serverClose(1006);
    expect(transport.send('after')).to.equal(false);
    expect(socket.sent).to.deep.equal(['{"type":"chat"}']);
  });

  it('should return false when the URL cannot be opened', () => {
    const {transport, log} = setup({throwOnCreate: true});
    expect(transport.open()).to.equal(false);
    expect(transport.busy).to.equal(false);
    expect(transport.timers).to.equal(0);
    expect(log).to.deep.equal([]);
  });

  it('should give up a socket that does not open in time as close 1006', async () => {
    const {transport, sockets, closes, log} = setup({connectTimeout: 5});
    transport.open();
    expect(transport.timers).to.equal(1);
    await until(() => closes.length > 0, 'the connect timeout');
    expect(closes).to.deep.equal([{code: 1006}]);
    expect(log).to.deep.equal(['close']);
    expect(sockets.last().closedBy).to.not.equal(null);
    expect(transport.busy).to.equal(false);
    expect(transport.timers).to.equal(0);
    // The late open of the abandoned socket is not heard.
    sockets.last().serverOpen();
    expect(log).to.deep.equal(['close']);
  });

  it('should clear the connect timeout once the socket opened', async () => {
    const {transport, sockets, log} = setup({connectTimeout: 5});
    transport.open();
    sockets.last().serverOpen();
    expect(transport.timers).to.equal(0);
    await settle(20);
    expect(log).to.deep.equal(['open']);
    expect(transport.busy).to.equal(true);
    transport.close();
  });

  it('should call onHeartbeat every interval while frames keep coming', async () => {
    const {transport, sockets, heartbeats, log} = setup({heartbeat: {intervalMs: 2}});
    transport.open();
    sockets.last().serverOpen();
    expect(transport.timers).to.equal(1);
    await until(() => heartbeats() >= 3, 'three heartbeats');
    expect(log).to.deep.equal(['open']);
    expect(transport.busy).to.equal(true);
    transport.close();
    expect(transport.timers).to.equal(0);
  });

  it('should abandon a socket that stayed silent too long, as close 1006', async () => {
    const {transport, sockets, clock, heartbeats, closes} = setup({heartbeat: {intervalMs: 2}});
    transport.open();
    const socket = sockets.last();
    socket.serverOpen();
    await until(() => heartbeats() >= 1, 'a heartbeat');
    // A frame keeps it alive even when the clock has moved on...
    clock.now += 5_000;
    socket.serverSend('{"type":"pong"}');
    const before = heartbeats();
    await until(() => heartbeats() > before, 'another heartbeat');
    expect(closes).to.deep.equal([]);
    // ...silence longer than twice the interval plus 5 s does not.
    clock.now += 5_005;
    await until(() => closes.length > 0, 'the silent socket to be given up');
    expect(closes).to.deep.equal([{code: 1006}]);
    expect(socket.closedBy).to.not.equal(null);
    expect(transport.busy).to.equal(false);
    expect(transport.timers).to.equal(0);
    const after = heartbeats();
    await settle(10);
    expect(heartbeats()).to.equal(after);
  });

  it('should detach on close(): the socket is closed with 1000 and nothing more is reported', async () => {
    const {transport, sockets, log} = setup({heartbeat: {intervalMs: 2}});
    transport.open();
    const socket = sockets.last();
    socket.serverOpen();
    transport.close('bye');
    expect(socket.closedBy).to.deep.equal({code: 1000, reason: 'bye'});
    expect(transport.busy).to.equal(false);
    expect(transport.timers).to.equal(0);
    socket.serverSend('{"type":"late"}');
    await settle(10);
    // The fake fires its close event after close(): the detached transport never hears it.
    expect(socket.readyState).to.equal(3);
    expect(log).to.deep.equal(['open']);
  });

  it('should open a fresh socket after the previous one closed', () => {
    const {transport, sockets} = setup();
    transport.open();
    sockets.last().serverOpen();
    sockets.last().serverClose(1006);
    expect(transport.open()).to.equal(true);
    expect(sockets.sockets.map((s) => s.url)).to.deep.equal([`${URL}&n=1`, `${URL}&n=2`]);
    transport.close();
  });
});
