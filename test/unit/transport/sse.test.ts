import {expect} from '@open-wc/testing';
import {readSse, SseParser, type SseEvent} from '../../../src/transport/sse.js';

/** Feeds every chunk to a new parser and returns the events and the result of end(). */
function parse(...chunks: string[]): {events: SseEvent[]; pending: boolean} {
  const events: SseEvent[] = [];
  const parser = new SseParser((event) => events.push(event));
  for (const chunk of chunks) parser.feed(chunk);
  return {events, pending: parser.end()};
}

/** The events of a stream fed in one piece. */
function events(text: string): SseEvent[] {
  return parse(text).events;
}

/** A ReadableStream that yields the given byte chunks, then closes. */
function byteStream(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]);
      else controller.close();
    },
  });
}

const SAMPLE =
  '\uFEFF: comment\r\n' +
  'event: greeting\r\n' +
  'id: 1\r\n' +
  'data: hello\r\n' +
  'data:  two spaces\r\n' +
  '\r\n' +
  'data:a\rdata:b\r\r' +
  'retry: 1000\n' +
  'id: 2\n' +
  'unknown: x\n' +
  'data\n' +
  '\n' +
  'event: empty\n' +
  '\n' +
  'data: €🙂 \uFEFF\n' +
  '\n' +
  'data: cut';

const SAMPLE_EVENTS: SseEvent[] = [
  {event: 'greeting', data: 'hello\n two spaces', id: '1'},
  {event: 'message', data: 'a\nb', id: '1'},
  {event: 'message', data: '', id: '2'},
  {event: 'message', data: '€🙂 \uFEFF', id: '2'},
];

describe('SseParser', () => {
  it('dispatches a single event on the blank line', () => {
    expect(events('data: hello\n\n')).to.deep.equal([{event: 'message', data: 'hello'}]);
  });

  it('dispatches nothing before the blank line', () => {
    const {events: got} = parse('data: hello\n');
    expect(got).to.deep.equal([]);
  });

  it('dispatches several events of one chunk in order', () => {
    expect(events('data: 1\n\ndata: 2\n\ndata: 3\n\n').map((e) => e.data)).to.deep.equal(['1', '2', '3']);
  });

  it('joins multi-line data with \\n', () => {
    expect(events('data: a\ndata: b\ndata: c\n\n')).to.deep.equal([{event: 'message', data: 'a\nb\nc'}]);
  });

  it('uses the event field as type, "message" by default, and resets it after each event', () => {
    expect(events('event: delta\ndata: x\n\ndata: y\n\nevent:\ndata: z\n\n').map((e) => e.event)).to.deep.equal(['delta', 'message', 'message']);
  });

  it('resets the event type on a blank line without data', () => {
    expect(events('event: lost\n\ndata: x\n\n')).to.deep.equal([{event: 'message', data: 'x'}]);
  });

  it('reports the last event id, which persists across events, and ignores ids containing NUL', () => {
    expect(events('id: 7\ndata: a\n\ndata: b\n\nid: 8\0\ndata: c\n\nid\ndata: d\n\n')).to.deep.equal([
      {event: 'message', data: 'a', id: '7'},
      {event: 'message', data: 'b', id: '7'},
      {event: 'message', data: 'c', id: '7'},
      {event: 'message', data: 'd'},
    ]);
  });

  it('ignores comments', () => {
    expect(events(': keep-alive\n\n:\ndata: x\n: in between\ndata: y\n\n')).to.deep.equal([{event: 'message', data: 'x\ny'}]);
  });

  it('accepts a value without a space after the colon', () => {
    expect(events('event:delta\ndata:x\n\n')).to.deep.equal([{event: 'delta', data: 'x'}]);
  });

  it('strips only one leading space of the value, and no trailing space', () => {
    expect(events('data:   x  \n\n')[0].data).to.equal('  x  ');
  });

  it('keeps colons after the first one in the value', () => {
    expect(events('data: {"a":1}\n\n')[0].data).to.equal('{"a":1}');
  });

  it('treats a line without a colon as a field with an empty value', () => {
    expect(events('data\ndata\n\n')).to.deep.equal([{event: 'message', data: '\n'}]);
  });

  it('ignores retry and unknown fields', () => {
    expect(events('retry: 10\nfoo: bar\nDATA: upper\ndata: x\n\n')).to.deep.equal([{event: 'message', data: 'x'}]);
  });

  it('dispatches an event with data "" for a data field with an empty value', () => {
    expect(events('data:\n\n')).to.deep.equal([{event: 'message', data: ''}]);
  });

  it('dispatches nothing for blank lines without data', () => {
    expect(events('\n\n\r\n\r\revent: x\n\nid: 3\n\n')).to.deep.equal([]);
  });

  it('accepts CRLF line ends', () => {
    expect(events('data: a\r\ndata: b\r\n\r\ndata: c\r\n\r\n')).to.deep.equal([
      {event: 'message', data: 'a\nb'},
      {event: 'message', data: 'c'},
    ]);
  });

  it('accepts lone CR line ends', () => {
    expect(events('data: a\rdata: b\r\rdata: c\r\r')).to.deep.equal([
      {event: 'message', data: 'a\nb'},
      {event: 'message', data: 'c'},
    ]);
  });

  it('treats a CR ending one chunk and a LF starting the next as one line break', () => {
    const {events: got} = parse('data: a\r', '\ndata: b\r', '\n\r', '\n');
    expect(got).to.deep.equal([{event: 'message', data: 'a\nb'}]);
    // CRLF CRLF split in the middle of each pair: one event, not two (an extra blank line would dispatch early).
    const twice = parse('data: x\r', '\n\r', '\ndata: y\r\n\r\n');
    expect(twice.events).to.deep.equal([{event: 'message', data: 'x'}, {event: 'message', data: 'y'}]);
  });

  it('treats a CR ending one chunk followed by a non-LF as a line break', () => {
    expect(parse('data: a\r', 'data: b\r', '\r').events).to.deep.equal([{event: 'message', data: 'a\nb'}]);
  });

  it('waits past empty chunks for the LF of a CRLF', () => {
    expect(parse('data: a\r', '', '\n', '', 'data: b\r', '', '\n\n').events).to.deep.equal([{event: 'message', data: 'a\nb'}]);
  });

  it('parses the sample stream as expected in one feed', () => {
    const {events: got, pending} = parse(SAMPLE);
    expect(got).to.deep.equal(SAMPLE_EVENTS);
    expect(pending).to.equal(true);
  });

  it('gives the same events for every split of the sample stream in two pieces', () => {
    for (let i = 0; i <= SAMPLE.length; i++) {
      const {events: got, pending} = parse(SAMPLE.slice(0, i), SAMPLE.slice(i));
      expect(got, `split at ${i}`).to.deep.equal(SAMPLE_EVENTS);
      expect(pending, `split at ${i}`).to.equal(true);
    }
  });

  it('gives the same events for every split of the sample stream in three pieces', () => {
    for (let i = 0; i <= SAMPLE.length; i++) {
      for (let j = i; j <= SAMPLE.length; j++) {
        const {events: got} = parse(SAMPLE.slice(0, i), SAMPLE.slice(i, j), SAMPLE.slice(j));
        expect(got, `split at ${i}, ${j}`).to.deep.equal(SAMPLE_EVENTS);
      }
    }
  });

  it('gives the same events when the sample stream is fed one UTF-16 code unit at a time', () => {
    const {events: got, pending} = parse(...SAMPLE.split(''));
    expect(got).to.deep.equal(SAMPLE_EVENTS);
    expect(pending).to.equal(true);
  });

  it('strips one BOM at the very start of the stream only', () => {
    expect(events('\uFEFFdata: a\n\n')).to.deep.equal([{event: 'message', data: 'a'}]);
    // A second BOM is part of the first field name, so that field is unknown and ignored.
    expect(events('\uFEFF\uFEFFdata: a\n\ndata: b\n\n')).to.deep.equal([{event: 'message', data: 'b'}]);
    // A BOM later in the stream is kept.
    expect(events('data: \uFEFFa\uFEFF\n\n')).to.deep.equal([{event: 'message', data: '\uFEFFa\uFEFF'}]);
    expect(parse('', '\uFEFF', 'data: a\n\n').events).to.deep.equal([{event: 'message', data: 'a'}]);
    expect(parse('data: a\n\n', '\uFEFFdata: b\n\n').events).to.deep.equal([{event: 'message', data: 'a'}]);
  });

  it('end() returns true only when an event is pending, and discards it', () => {
    expect(parse('data: a\n\n').pending).to.equal(false);
    expect(parse('data: a\n\n: ping\n').pending).to.equal(false);
    expect(parse('event: x\nid: 1\n').pending).to.equal(false);
    expect(parse('').pending).to.equal(false);
    expect(parse('data: a\n\ndata: b\n').pending).to.equal(true);
    expect(parse('data: a\n\ndata: b').pending).to.equal(true);
    expect(parse('data:').pending).to.equal(true);

    const got: SseEvent[] = [];
    const parser = new SseParser((event) => got.push(event));
    parser.feed('data: lost\n');
    expect(parser.end()).to.equal(true);
    expect(got).to.deep.equal([]);
    // The discarded data does not leak into the next stream.
    parser.feed('data: next\n\n');
    expect(got).to.deep.equal([{event: 'message', data: 'next'}]);
    expect(parser.end()).to.equal(false);
  });

  it('propagates exceptions thrown by onEvent to the caller of feed, and resumes on the next feed', () => {
    const got: string[] = [];
    const parser = new SseParser((event) => {
      if (event.data === 'boom') throw new Error('boom');
      got.push(event.data);
    });
    expect(() => parser.feed('data: a\n\ndata: boom\n\ndata: b\n\ndata: c')).to.throw('boom');
    expect(got).to.deep.equal(['a']);
    parser.feed('\n\n');
    expect(got).to.deep.equal(['a', 'b', 'c']);
    expect(parser.end()).to.equal(false);
  });

  it('reads a 200 KB event fed one character at a time as exactly one event', () => {
    const size = 200 * 1024;
    const text = `data: ${'x'.repeat(size)}\n\n`;
    const got: SseEvent[] = [];
    const parser = new SseParser((event) => got.push(event));
    for (let i = 0; i < text.length; i++) parser.feed(text[i]);
    expect(got.length).to.equal(1);
    expect(got[0].data.length).to.equal(size);
    expect(parser.end()).to.equal(false);
  });
});

describe('readSse()', () => {
  const encoder = new TextEncoder();

  it('decodes multi-byte characters split across chunks', async () => {
    const bytes = encoder.encode('data: 1 € 🙂\n\nevent: e\ndata: ü\n\n');
    // One chunk per byte: every multi-byte character is split.
    const chunks = Array.from(bytes, (b) => Uint8Array.of(b));
    const got: SseEvent[] = [];
    const result = await readSse(byteStream(chunks), (event) => got.push(event));
    expect(got).to.deep.equal([
      {event: 'message', data: '1 € 🙂'},
      {event: 'e', data: 'ü'},
    ]);
    expect(result).to.deep.equal({pending: false});
  });

  it('decodes a character split between two chunks', async () => {
    const bytes = encoder.encode('data: €\n\n');
    const split = bytes.indexOf(0xe2) + 1;
    const got: SseEvent[] = [];
    await readSse(byteStream([bytes.slice(0, split), bytes.slice(split)]), (event) => got.push(event));
    expect(got).to.deep.equal([{event: 'message', data: '€'}]);
  });

  it('strips exactly one UTF-8 BOM', async () => {
    const got: SseEvent[] = [];
    const bom = Uint8Array.of(0xef, 0xbb, 0xbf);
    await readSse(byteStream([bom, bom, encoder.encode('data: 1\n\ndata: 2\n\n')]), (event) => got.push(event));
    expect(got.map((e) => e.data)).to.deep.equal(['2']);
  });

  it('resolves with pending: true when the body ends inside an event, and releases the lock', async () => {
    const body = byteStream([encoder.encode('data: a\n\ndata: b\n')]);
    const got: SseEvent[] = [];
    expect(await readSse(body, (event) => got.push(event))).to.deep.equal({pending: true});
    expect(got.map((e) => e.data)).to.deep.equal(['a']);
    expect(body.locked).to.equal(false);
  });

  it('rejects with the error of the stream, and releases the lock', async () => {
    const failure = new Error('network down');
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulls++ === 0) controller.enqueue(encoder.encode('data: a\n\ndata: b'));
        else controller.error(failure);
      },
    });
    const got: SseEvent[] = [];
    let caught: unknown;
    try {
      await readSse(body, (event) => got.push(event));
    } catch (error) {
      caught = error;
    }
    expect(caught).to.equal(failure);
    expect(got.map((e) => e.data)).to.deep.equal(['a']);
    expect(body.locked).to.equal(false);
  });

  it('rejects with an AbortError when the stream is aborted', async () => {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new DOMException('The user aborted a request.', 'AbortError'));
      },
    });
    let caught: unknown;
    try {
      await readSse(body, () => undefined);
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(DOMException);
    expect((caught as DOMException).name).to.equal('AbortError');
  });

  it('rejects with an exception thrown by onEvent, cancels the stream and releases the lock', async () => {
    let cancelled: unknown;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(encoder.encode('data: a\n\n'));
      },
      cancel(reason) {
        cancelled = reason;
      },
    });
    const failure = new Error('handler failed');
    let caught: unknown;
    try {
      await readSse(body, () => {
        throw failure;
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).to.equal(failure);
    expect(cancelled).to.equal(failure);
    expect(body.locked).to.equal(false);
  });
});
