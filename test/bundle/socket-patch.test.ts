/**
 * The WebSocket transport (`socket`) and JSON Patch (`patch`) are chunks of the built bundle of
 * their own: an openai conversation fetches neither; a built-in WebSocket protocol fetches the
 * socket chunk beside its adapter's (not after it) and converses; ag-ui fetches the patch chunk
 * beside its adapter, and its STATE_DELTA events apply in order (chat-state after chat-state, no
 * chat-error).
 */
import {expect} from '@esm-bundle/chai';
import {addWidget, backend, bundleUrl, kindOf, newRun, served, until, replies, fetchedKinds} from './bundle.js';

/**
 * Two dynamic imports started in the same task need not reach the network in that order, and a
 * local chunk answers in a few milliseconds: "beside" allows this much after the adapter's arrival.
 */
const BESIDE_SLACK_MS = 25;

const run = newRun();

const entry = (kind: string) =>
  performance
    .getEntriesByType('resource')
    .find((e) => e.name.includes(`/__bundle__/${run}/`) && kindOf(e.name.slice(e.name.lastIndexOf('/') + 1)) === kind) as PerformanceResourceTiming | undefined;

describe('the built bundle: the WebSocket transport and JSON Patch chunks', () => {
  before(async () => {
    await import(bundleUrl(run));
  });

  it('an openai conversation fetches neither', async function () {
    this.timeout(15_000);
    const el = addWidget({protocol: 'openai', persist: 'none', url: `${backend('openai')}/?t=${run}`});
    await until(() => el.send('Hello') !== null, 'a message sent over openai');
    await until(() => replies(el).at(-1)?.status === 'complete', 'an openai reply', 10_000);
    const kinds = await fetchedKinds(run);
    expect(kinds).to.include('openai');
    expect(kinds).not.to.include('socket');
    expect(kinds).not.to.include('patch');
    // Per request, the header says Ready once the reply is done (the widget's English; no socket's Online).
    await until(() => el.shadowRoot!.querySelector('[part="status"]')?.textContent === 'Ready', 'the header says Ready');
    el.remove();
  });

  it('a brand conversation fetches the socket chunk beside its adapter, connects and is answered', async function () {
    this.timeout(15_000);
    const el = addWidget({protocol: 'brand', brand: 'techpro', persist: 'none', url: `${backend('brand')}/?t=${run}`});
    await until(() => el.status === 'open', `socket open (is ${el.status})`);
    // The English of a connection's states came with the socket chunk (addEnglish), not with the widget's.
    await until(() => el.shadowRoot!.querySelector('[part="status"]')?.textContent === 'Online', 'the header says Online');
    el.send('Hello');
    await until(() => replies(el).at(-1)?.status === 'complete', 'a brand reply', 10_000);
    const log = await served(run);
    expect(log.filter((e) => kindOf(e.file) === 'socket').length, 'fetched once').to.equal(1);
    expect(log.map((e) => kindOf(e.file))).not.to.include('patch');
    const adapter = entry('brand');
    const socket = entry('socket');
    expect(adapter, 'the adapter chunk').to.exist;
    expect(socket, 'the socket chunk').to.exist;
    expect(socket!.startTime, 'asked for beside the adapter chunk').to.be.at.most(adapter!.responseEnd + BESIDE_SLACK_MS);
    el.remove();
  });

  it('ag-ui fetches the patch chunk beside its adapter; STATE_DELTA applies in order', async function () {
    this.timeout(15_000);
    const el = addWidget({protocol: 'ag-ui', persist: 'none', url: `${backend('ag-ui')}/?t=${run}`});
    const seen: {type: string; state?: unknown}[] = [];
    for (const type of ['chat-state', 'chat-error']) el.addEventListener(type, (e) => seen.push({type, state: (e as CustomEvent<{state?: unknown}>).detail.state}));
    await until(() => el.send('Show me the weather data') !== null, 'a message sent over ag-ui');
    await until(() => replies(el).at(-1)?.status === 'complete', 'the ag-ui reply', 10_000);
    expect(seen.map((e) => e.type)).to.deep.equal(['chat-state', 'chat-state']);
    expect(seen[0].state).to.deep.include({temperature: 18});
    expect(seen[1].state).to.deep.include({temperature: 19});
    expect((seen[1].state as {history: unknown[]}).history).to.have.length(1);
    expect(entry('patch'), 'the patch chunk').to.exist;
    expect(entry('patch')!.startTime, 'asked for beside the adapter chunk').to.be.at.most(entry('ag')!.responseEnd + BESIDE_SLACK_MS); // ag-ui-<hash>.js (kindOf: `ag`)
    el.remove();
  });
});
