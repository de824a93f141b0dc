import {expect} from '@open-wc/testing';
import {Outbox, type ChatAction} from '../../../src/controllers/outbox.js';

const msg = (id: string): ChatAction => ({type: 'chat', text: `text ${id}`, clientId: id});
const ids = (actions: readonly ChatAction[]): string[] => actions.map((a) => a.clientId);

/** An outbox holding `a`, `b`, `c` pending. */
function outboxOfThree(limit = 10): Outbox {
  const box = new Outbox(limit);
  for (const id of ['a', 'b', 'c']) box.push(msg(id));
  return box;
}

describe('Outbox', () => {
  it('should keep pending messages in the order they were pushed', () => {
    const box = outboxOfThree();
    expect(ids(box.pending)).to.deep.equal(['a', 'b', 'c']);
    expect(box.inFlight).to.deep.equal([]);
  });

  it('should write pending messages in order and move each one written in flight', () => {
    const box = outboxOfThree();
    const written: string[] = [];
    const sent = box.flush((a) => {
      written.push(a.clientId);
      return true;
    });
    expect(written).to.deep.equal(['a', 'b', 'c']);
    expect(ids(sent)).to.deep.equal(['a', 'b', 'c']);
    expect(box.pending).to.deep.equal([]);
    expect(ids(box.inFlight)).to.deep.equal(['a', 'b', 'c']);
  });

  it('should stop at the first message the write refuses, keeping it and the rest pending', () => {
    const box = outboxOfThree();
    const tried: string[] = [];
    const sent = box.flush((a) => {
      tried.push(a.clientId);
      return a.clientId !== 'b';
    });
    expect(tried).to.deep.equal(['a', 'b']);
    expect(ids(sent)).to.deep.equal(['a']);
    expect(ids(box.pending)).to.deep.equal(['b', 'c']);
    expect(ids(box.inFlight)).to.deep.equal(['a']);
  });

  it('should write nothing when the write refuses the first message', () => {
    const box = outboxOfThree();
    expect(box.flush(() => false)).to.deep.equal([]);
    expect(ids(box.pending)).to.deep.equal(['a', 'b', 'c']);
    expect(box.inFlight).to.deep.equal([]);
  });

  it('should write at most `max` messages', () => {
    const box = outboxOfThree();
    expect(ids(box.flush(() => true, 1))).to.deep.equal(['a']);
    expect(ids(box.pending)).to.deep.equal(['b', 'c']);
    expect(ids(box.flush(() => true, 0))).to.deep.equal([]);
    expect(ids(box.flush(() => true, 5))).to.deep.equal(['b', 'c']);
    expect(ids(box.inFlight)).to.deep.equal(['a', 'b', 'c']);
  });

  it('should let the oldest message in flight leave when its reply ended', () => {
    const box = outboxOfThree();
    box.flush(() => true);
    expect(box.answered()?.clientId).to.equal('a');
    expect(ids(box.inFlight)).to.deep.equal(['b', 'c']);
    expect(box.answered()?.clientId).to.equal('b');
    expect(box.answered()?.clientId).to.equal('c');
    expect(box.answered()).to.equal(undefined);
  });

  it('should hand over every message in flight at once, oldest first, keeping the pending ones', () => {
    const box = outboxOfThree();
    box.flush(() => true, 2);
    expect(ids(box.takeInFlight())).to.deep.equal(['a', 'b']);
    expect(box.inFlight).to.deep.equal([]);
    expect(ids(box.pending)).to.deep.equal(['c']);
    expect(box.takeInFlight()).to.deep.equal([]);
  });

  it('should put requeued messages back at the front, in order', () => {
    const box = outboxOfThree();
    box.flush(() => true, 2);
    box.requeue(box.takeInFlight());
    expect(ids(box.pending)).to.deep.equal(['a', 'b', 'c']);
    const written: string[] = [];
    box.flush((a) => written.push(a.clientId) > 0);
    expect(written).to.deep.equal(['a', 'b', 'c']);
  });

  it('should drop the oldest pending message without writing it', () => {
    const box = outboxOfThree();
    expect(box.dropNext()?.clientId).to.equal('a');
    expect(ids(box.pending)).to.deep.equal(['b', 'c']);
    expect(box.inFlight).to.deep.equal([]);
    box.clearPending();
    expect(box.dropNext()).to.equal(undefined);
  });

  it('should be full when the pending messages reach the limit, and not before', () => {
    const box = new Outbox(2);
    expect(box.limit).to.equal(2);
    expect(box.full).to.equal(false);
    box.push(msg('a'));
    expect(box.full).to.equal(false);
    box.push(msg('b'));
    expect(box.full).to.equal(true);
    // Messages in flight do not count against the limit.
    box.flush(() => true, 1);
    expect(box.full).to.equal(false);
  });

  it('should clear the pending messages but not those in flight', () => {
    const box = outboxOfThree();
    box.flush(() => true, 1);
    box.clearPending();
    expect(box.pending).to.deep.equal([]);
    expect(ids(box.inFlight)).to.deep.equal(['a']);
  });
});
