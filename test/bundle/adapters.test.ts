/**
 * The built bundle loads a built-in protocol adapter (a chunk each) when a widget first names it:
 * only the one in use is fetched; a late change of `protocol` loads the other and the widget works
 * with it; `ChatWidget.registerProtocol` (the class the bundle exports) still adds a protocol.
 */
import {expect} from '@esm-bundle/chai';
import {addWidget, backend, bundleUrl, kindOf, newRun, served, until, replies, type Widget, type WidgetClass} from './bundle.js';


const ADAPTERS = ['job', 'brand', 'agent', 'session', 'template', 'openai', 'ai-sdk', 'ag-ui'];
const run = newRun();
const adaptersFetched = async () => (await served(run)).map((e) => kindOf(e.file)).filter((k) => ADAPTERS.includes(k));

describe('the built bundle: protocol adapters load when named', () => {
  let ChatWidget: WidgetClass;
  const el = addWidget({protocol: 'brand', brand: 'techpro', persist: 'none', url: `${backend('brand')}/?t=${run}`});

  before(async () => {
    ({ChatWidget} = (await import(bundleUrl(run))) as {ChatWidget: WidgetClass});
  });

  it('fetches only the adapter of the protocol in use', async () => {
    await until(() => el.status === 'open', `socket open (is ${el.status})`);
    expect(await adaptersFetched()).to.deep.equal(['brand']);
  });

  it('a late change of protocol loads that adapter, and the widget converses with it', async function () {
    this.timeout(15_000);
    el.setAttribute('protocol', 'openai');
    el.setAttribute('url', `${backend('openai')}/?t=${run}&delay=1`);
    await until(async () => (await adaptersFetched()).includes('openai'), 'the openai adapter fetched');
    await new Promise((r) => setTimeout(r, 100)); // evaluated, and the widget configured with it
    expect(await adaptersFetched()).to.deep.equal(['brand', 'openai']);
    // Sent once the widget is configured for openai (null before: not configured yet).
    await until(() => el.send('Hello') !== null, 'a message sent over openai');
    await until(() => replies(el).at(-1)?.status === 'complete', 'an openai reply', 10_000);
    expect(replies(el).at(-1)!.text.length).to.be.greaterThan(0);
    // The openai backend got the request (not the brand socket).
    const log = (await (await fetch(`${backend('openai')}/__log?t=${run}`)).json()) as {requests: unknown[]};
    expect(log.requests.length).to.equal(1);
  });

  it('asks for the adapter after the first paint; a message sent meanwhile waits for it and is answered', async function () {
    this.timeout(15_000);
    const late = addWidget({protocol: 'ag-ui', persist: 'none', url: `${backend('ag-ui')}/?t=${run}&delay=1`}) as Widget & {updateComplete: Promise<unknown>};
    await late.updateComplete;
    // The frame that paints the widget's first render (its time: that frame's start).
    const painted = await new Promise<number>((r) => requestAnimationFrame(r));
    expect(await adaptersFetched(), 'not loaded yet').not.to.include('ag-ui');
    const id = late.send('Hello before the adapter');
    expect(id, 'the message is taken, not refused').to.be.a('string');
    await until(() => replies(late).at(-1)?.status === 'complete', 'the ag-ui reply', 10_000);
    expect(replies(late).at(-1)!.text).to.contain('Hello before the adapter');
    expect(late.messages.find((m) => m.id === id)?.status).to.equal('sent');
    const request = performance.getEntriesByType('resource').find((e) => /\/ag-ui-[\w-]+\.js/.test(e.name));
    expect(request, 'the adapter chunk in Resource Timing').to.exist;
    expect(request!.startTime, 'the adapter asked for after the frame of the first paint').to.be.greaterThan(painted);
  });

  it('ChatWidget.registerProtocol adds a protocol a widget already names', async () => {
    const other = addWidget({protocol: 'bundle-echo', persist: 'none', url: backend('brand')});
    await until(() => other.status === 'error', 'an unknown protocol is a setup problem');
    ChatWidget.registerProtocol('bundle-echo', {
      transport: (ctx: {config: {wsBase: string}}) => ({kind: 'websocket', url: `${ctx.config.wsBase}/ws/chat/techpro`}),
      encode: (action: {type: string; text?: string}) => (action.type === 'chat' ? {type: 'chat', data: {message: action.text}} : null),
      decode: () => [],
    });
    await until(() => other.status === 'open', `the registered protocol connects (is ${other.status})`);
    expect(await adaptersFetched()).to.deep.equal(['brand', 'openai']);
  });
});
