import {expect} from '@open-wc/testing';
import {prng} from '../../../scripts/prng.js';
import {HttpError} from '../../../src/protocols/protocol-adapter.js';
import {parseRetryAfter, retryDelay, startWithRetry, type StartRetryOptions} from '../../../src/transport/start-retry.js';

const options = (over: Partial<StartRetryOptions> = {}): StartRetryOptions => ({
  retries: 3,
  timeout: 5000,
  maxRetryAfter: 30_000,
  backoff: {base: 1000, cap: 30_000},
  random: () => 1,
  ...over,
});

/** A schedule that records the delays asked for and runs each callback on the next microtask. */
function fakeSchedule() {
  const delays: number[] = [];
  const schedule = (ms: number, fn: () => void) => {
    delays.push(ms);
    let live = true;
    // Timeouts (ms === options.timeout) never fire here.
    if (ms !== 5000) queueMicrotask(() => live && fn());
    return () => {
      live = false;
    };
  };
  return {delays, schedule};
}

const response = (status: number, headers: Record<string, string> = {}) => new Response('{}', {status, headers});

describe('parseRetryAfter()', () => {
  it('reads delta-seconds and HTTP dates, and nothing else', () => {
    expect(parseRetryAfter('0')).to.equal(0);
    expect(parseRetryAfter(' 7 ')).to.equal(7000);
    const now = Date.parse('2024-01-15T10:30:00Z');
    expect(parseRetryAfter('Mon, 15 Jan 2024 10:30:05 GMT', now)).to.equal(5000);
    expect(parseRetryAfter('Mon, 15 Jan 2024 10:29:00 GMT', now)).to.equal(0);
    expect(parseRetryAfter(null)).to.equal(null);
    expect(parseRetryAfter('soon')).to.equal(null);
    expect(parseRetryAfter('-3')).to.equal(null);
  });
});

describe('retryDelay()', () => {
  it('never retries auth failures or other client errors', () => {
    for (const status of [400, 401, 403, 404, 422]) expect(retryDelay({status, timedOut: false}, 0, options()), String(status)).to.equal(null);
  });

  it('retries timeouts, network failures and 5xx with capped jittered backoff', () => {
    const random = prng(3);
    const twin = prng(3);
    const o = options({random});
    const delays = [0, 1, 2].map((attempt) => retryDelay({status: 503, timedOut: false}, attempt, o));
    const ceilings = [1000, 2000, 4000];
    expect(delays).to.deep.equal(ceilings.map((c) => Math.round(twin() * c)));
    expect(retryDelay({status: 0, timedOut: true}, 0, options())).to.equal(1000);
    expect(retryDelay({status: 0, timedOut: false}, 1, options())).to.equal(2000);
    expect(retryDelay({status: 500, timedOut: false}, 6, options({retries: 10}))).to.equal(30_000);
  });

  it('honours Retry-After on 429 exactly, falls back to backoff without it, gives up when it is too long', () => {
    expect(retryDelay({status: 429, timedOut: false, retryAfter: '2'}, 0, options())).to.equal(2000);
    expect(retryDelay({status: 429, timedOut: false, retryAfter: '0'}, 2, options())).to.equal(0);
    expect(retryDelay({status: 429, timedOut: false, retryAfter: null}, 1, options())).to.equal(2000);
    expect(retryDelay({status: 429, timedOut: false, retryAfter: '3600'}, 0, options())).to.equal(null);
  });

  it('is bounded: no retry once the retries are used up', () => {
    expect(retryDelay({status: 503, timedOut: false}, 3, options())).to.equal(null);
    expect(retryDelay({status: 503, timedOut: false}, 0, options({retries: 0}))).to.equal(null);
  });
});

describe('startWithRetry()', () => {
  /** A `start` that fetches once per attempt and throws like the job adapter does. */
  const start = async (fetchFn: typeof fetch, signal: AbortSignal) => {
    const r = await fetchFn('http://x/chat/start', {signal});
    if (!r.ok) throw new HttpError(`HTTP ${r.status}`, r.status);
    return 'ws://x/ws/chat/1';
  };

  it('retries 5xx up to the bound, then succeeds', async () => {
    const answers = [503, 502, 200];
    const fetchFn = (async () => response(answers.shift()!)) as typeof fetch;
    const {delays, schedule} = fakeSchedule();
    const retries: number[] = [];
    const url = await startWithRetry(start, fetchFn, new AbortController().signal, options(), schedule, {
      timeoutMessage: 'timeout',
      onRetry: (attempt) => retries.push(attempt),
    });
    expect(url).to.equal('ws://x/ws/chat/1');
    expect(retries).to.deep.equal([0, 1]);
    // Each attempt arms its timeout (5000); the waits are the backoff ceilings (random = 1).
    expect(delays).to.deep.equal([5000, 1000, 5000, 2000, 5000]);
  });

  it('stops after retries + 1 attempts and rethrows the last error', async () => {
    let calls = 0;
    const fetchFn = (async () => {
      calls++;
      return response(500);
    }) as typeof fetch;
    const {schedule} = fakeSchedule();
    const err = await startWithRetry(start, fetchFn, new AbortController().signal, options(), schedule, {timeoutMessage: 't'}).catch((e) => e);
    expect(err).to.be.instanceOf(HttpError);
    expect(err.status).to.equal(500);
    expect(calls).to.equal(4);
  });

  it('makes one attempt only for 401/403', async () => {
    for (const status of [401, 403]) {
      let calls = 0;
      const fetchFn = (async () => {
        calls++;
        return response(status);
      }) as typeof fetch;
      const err = await startWithRetry(start, fetchFn, new AbortController().signal, options(), fakeSchedule().schedule, {timeoutMessage: 't'}).catch((e) => e);
      expect(err.status).to.equal(status);
      expect(calls).to.equal(1);
    }
  });

  it('waits exactly Retry-After on 429', async () => {
    const answers = [response(429, {'Retry-After': '4'}), response(200)];
    const fetchFn = (async () => answers.shift()!) as typeof fetch;
    const {delays, schedule} = fakeSchedule();
    await startWithRetry(start, fetchFn, new AbortController().signal, options(), schedule, {timeoutMessage: 't'});
    expect(delays).to.deep.equal([5000, 4000, 5000]);
  });

  it('aborts an attempt that takes longer than the timeout and retries it', async () => {
    let calls = 0;
    const fetchFn = ((_: unknown, init?: RequestInit) => {
      calls++;
      if (calls === 2) return Promise.resolve(response(200));
      // The first attempt hangs until it is aborted.
      return new Promise((_, reject) => init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason)));
    }) as typeof fetch;
    const timeouts: Array<() => void> = [];
    const schedule = (ms: number, fn: () => void) => {
      if (ms === 5000) timeouts.push(fn);
      else queueMicrotask(fn);
      return () => {};
    };
    const pending = startWithRetry(start, fetchFn, new AbortController().signal, options(), schedule, {timeoutMessage: 'too slow'});
    await Promise.resolve();
    timeouts[0]();
    expect(await pending).to.equal('ws://x/ws/chat/1');
    expect(calls).to.equal(2);
  });

  it('reports a final timeout as HttpError(status 0) with the given message', async () => {
    const fetchFn = ((_: unknown, init?: RequestInit) =>
      new Promise((_, reject) => init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason)))) as typeof fetch;
    const schedule = (ms: number, fn: () => void) => {
      queueMicrotask(fn);
      return () => {};
    };
    const err = await startWithRetry(start, fetchFn, new AbortController().signal, options({retries: 1}), schedule, {timeoutMessage: 'too slow'}).catch((e) => e);
    expect(err).to.be.instanceOf(HttpError);
    expect([err.status, err.message]).to.deep.equal([0, 'too slow']);
  });

  it('stops at once, without retrying, when the caller aborts', async () => {
    let calls = 0;
    const abort = new AbortController();
    const fetchFn = (async () => {
      calls++;
      abort.abort(new DOMException('gone', 'AbortError'));
      return response(503);
    }) as typeof fetch;
    const err = await startWithRetry(start, fetchFn, abort.signal, options(), fakeSchedule().schedule, {timeoutMessage: 't'}).catch((e) => e);
    expect(err.name).to.equal('AbortError');
    expect(calls).to.equal(1);
  });
});
