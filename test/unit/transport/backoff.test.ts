import {expect} from '@open-wc/testing';
import {prng} from '../../../scripts/prng.js';
import {nextDelay, RETRY_CLOSE_CODES, TERMINAL_CLOSE_CODES} from '../../../src/transport/backoff.js';

describe('nextDelay()', () => {
  it('grows exponentially up to the cap at the top of the jitter range', () => {
    const opts = {base: 1000, cap: 30_000};
    expect([0, 1, 2, 3, 4, 5, 6, 20].map((n) => nextDelay(n, opts, () => 1))).to.deep.equal([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('applies full jitter: every delay lies in [0, ceiling] and they spread out', () => {
    const random = prng(42);
    const delays = Array.from({length: 200}, () => nextDelay(5, {base: 1000, cap: 30_000}, random));
    expect(Math.min(...delays)).to.be.at.least(0);
    expect(Math.max(...delays)).to.be.at.most(30_000);
    expect(new Set(delays).size).to.be.greaterThan(150);
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    expect(mean).to.be.within(10_000, 20_000);
  });

  it('is reproducible with the same seed', () => {
    const a = prng(7);
    const b = prng(7);
    const seqA = [0, 1, 2, 3].map((n) => nextDelay(n, undefined, a));
    const seqB = [0, 1, 2, 3].map((n) => nextDelay(n, undefined, b));
    expect(seqA).to.deep.equal(seqB);
  });

  it('treats auth/policy closes as terminal and broken connections as retryable', () => {
    for (const code of [1008, 4001, 4003, 4401, 4403]) expect(TERMINAL_CLOSE_CODES.has(code), String(code)).to.equal(true);
    for (const code of [1001, 1006, 1011, 1012, 1013, 4000]) expect(RETRY_CLOSE_CODES.has(code), String(code)).to.equal(true);
    expect(RETRY_CLOSE_CODES.has(1000)).to.equal(false);
  });
});
