/**
 * The HTTP transports (SSE, the `job` start) are a chunk of the built bundle of their own: a
 * widget over a WebSocket protocol never fetches it; a built-in HTTP protocol fetches it beside its
 * adapter's chunk (not after it); an adapter the page registers that asks for `sse` has its first
 * request wait for the chunk, and is answered (./http-transports-custom.test.ts: a page of its own,
 * where no built-in HTTP protocol has loaded the chunk first). The reading of a failed request's
 * body (the server's detail in the host's `chat-error`) is a chunk of its own, loaded by a failure.
 */
import {expect} from '@esm-bundle/chai';
import {addWidget, backend, bundleUrl, kindOf, newRun, served, until, replies, fetchedKinds} from './bundle.js';

/**
 * Two dynamic imports started in the same task need not reach the network in that order, and a
 * local chunk answers in a few milliseconds: "beside" allows this much after the adapter's arrival.
 */
const BESIDE_SLACK_MS = 25;



const run = newRun();

describe('the built bundle: the HTTP transports chunk', () => {
  before(async () => {
    await import(bundleUrl(run));
  });

  it('a widget over a WebSocket protocol converses without fetching it', async function () {
    this.timeout(15_000);
    const el = addWidget({protocol: 'brand', brand: 'techpro', persist: 'none', url: `${backend('brand')}/?t=${run}`});
    await until(() => el.status === 'open', `socket open (is ${el.status})`);
    el.send('Hello');
    await until(() => replies(el).at(-1)?.status === 'complete', 'a brand reply', 10_000);
    const kinds = await fetchedKinds(run);
    expect(kinds).to.include('brand');
    expect(kinds).not.to.include('http');
    el.remove();
  });

  it('a built-in HTTP protocol fetches it beside its adapter, not after it', async function () {
    this.timeout(15_000);
    const el = addWidget({protocol: 'openai', persist: 'none', url: `${backend('openai')}/?t=${run}&delay=1`});
    await until(() => el.send('Hello') !== null, 'a message sent over openai');
    await until(() => replies(el).at(-1)?.status === 'complete', 'an openai reply', 10_000);
    const log = await served(run);
    expect(log.filter((e) => kindOf(e.file) === 'http').length, 'fetched once').to.equal(1);
    // The page's own timing (the server's clock would order two parallel requests by chance): the
    // transports' request started before the adapter's response had ended, so it did not wait for it.
    const entry = (kind: string) =>
      performance
        .getEntriesByType('resource')
        .find((e) => e.name.includes(`/__bundle__/${run}/`) && kindOf(e.name.slice(e.name.lastIndexOf('/') + 1)) === kind) as PerformanceResourceTiming | undefined;
    const adapter = entry('openai');
    const http = entry('http');
    expect(adapter, 'the adapter chunk').to.exist;
    expect(http, 'the transports chunk').to.exist;
    expect(http!.startTime, 'asked for beside the adapter chunk').to.be.at.most(adapter!.responseEnd + BESIDE_SLACK_MS);
    // The reading of a failed request's body (a chunk of its own): not without a failure.
    expect(log.some((e) => e.file.startsWith('error-detail-')), 'no error-detail chunk').to.equal(false);
    el.remove();
  });

  it("a failed request loads the reading of its body: the host's chat-error has the server's detail", async function () {
    this.timeout(15_000);
    const el = addWidget({protocol: 'openai', persist: 'none', token: 'not-the-key', url: `${backend('openai')}/?t=${run}`});
    const errors: string[] = [];
    el.addEventListener('chat-error', (e) => errors.push((e as CustomEvent<{message: string}>).detail.message));
    await until(() => el.send('Hello') !== null, 'a message sent over openai');
    await until(() => errors.length > 0, 'chat-error');
    expect(errors[0]).to.match(/^HTTP 401\. Incorrect API key/);
    expect((await served(run)).filter((e) => e.file.startsWith('error-detail-')).length, 'fetched once').to.equal(1);
    el.remove();
  });
});
