import {expect} from '@open-wc/testing';
import {retryable} from '../../../src/core/retryable.js';

describe('retryable', () => {
  it('starts the load once, shares its promise, and starts it again after a failure', async () => {
    let calls = 0;
    let fail = true;
    const load = retryable(async () => {
      calls++;
      if (fail) throw new Error('offline');
      return calls;
    });
    const [a, b] = [load(), load()];
    expect(a).to.equal(b);
    let error: unknown;
    await a.catch((e: unknown) => (error = e));
    expect((error as Error).message).to.equal('offline');
    expect(calls).to.equal(1);
    fail = false;
    expect(await load()).to.equal(2);
    expect(await load()).to.equal(2);
    expect(calls).to.equal(2);
  });
});
