/**
 * The built bundle, on a page where no built-in protocol has loaded the socket or patch chunk: an
 * adapter the page registers with a WebSocket transport has its first socket wait for the socket
 * chunk (status `connecting`), then connects and is answered; one that emits `{type: 'state',
 * patch}` has those events (and what follows them) wait for the patch chunk, applied in order.
 */
import {expect} from '@esm-bundle/chai';
import {addWidget, backend, bundleUrl, newRun, until, replies, fetchedKinds, type Widget, type WidgetClass} from './bundle.js';

const run = newRun();

describe('the built bundle: a WebSocket adapter registered by the page, with state patches', () => {
  it('waits for the socket chunk, connects, and applies its patches in order', async function () {
    this.timeout(15_000);
    const {ChatWidget} = (await import(bundleUrl(run))) as {ChatWidget: WidgetClass};
    const base = backend('brand').replace(/^http/, 'ws');
    ChatWidget.registerProtocol('bundle-ws', {
      transport: () => ({kind: 'websocket', url: `${base}/ws/chat/techpro?t=${run}`}),
      encode: (action: {type: string; text?: string}) => (action.type === 'chat' ? {type: 'chat', message: action.text} : null),
      decode: (frame: {type?: string; data?: {content?: string}}) => {
        if (frame.type === 'chunk') return [{type: 'reply.delta', text: frame.data?.content ?? ''}];
        if (frame.type !== 'complete') return [];
        // State patches around the reply's end: applied in this order, once the patch chunk is here.
        return [
          {type: 'state', snapshot: {n: 0, log: []}},
          {type: 'state', patch: [{op: 'replace', path: '/n', value: 1}]},
          {type: 'state', patch: [{op: 'add', path: '/log/-', value: 'a'}]},
          {type: 'state', patch: [{op: 'remove', path: '/missing'}]},
          {type: 'reply.end'},
        ];
      },
    });
    const el = addWidget({protocol: 'bundle-ws', persist: 'none', url: backend('brand')}) as Widget & {updateComplete: Promise<unknown>};
    const seen: string[] = [];
    el.addEventListener('chat-state', (e) => seen.push(`state ${JSON.stringify((e as CustomEvent<{state: unknown}>).detail.state)}`));
    el.addEventListener('chat-error', (e) => seen.push(`error ${(e as CustomEvent<{kind: string}>).detail.kind}`));
    el.addEventListener('chat-message', () => seen.push('message'));
    await until(() => el.status === 'open', `socket open (is ${el.status})`);
    expect((await fetchedKinds(run)).filter((k) => k === 'socket')).to.have.length(1);
    el.send('Hello over a socket');
    await until(() => replies(el).at(-1)?.status === 'complete', 'the reply', 10_000);
    expect(replies(el).at(-1)!.text.length).to.be.greaterThan(0);
    const states = seen.filter((s) => !s.startsWith('message'));
    expect(states).to.deep.equal(['state {"n":0,"log":[]}', 'state {"log":[],"n":1}', 'state {"log":["a"],"n":1}', 'error protocol']);
    expect((await fetchedKinds(run)).filter((k) => k === 'patch')).to.have.length(1);
    el.remove();
  });
});
