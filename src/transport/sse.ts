/** One dispatched event. */
export interface SseEvent {
  /** Event type: the last `event` field of the event, or 'message' when there was none (or it was empty). */
  event: string;
  /** The `#data` lines of the event joined with '\n'. */
  data: string;
  /** The last event ID at dispatch time (it persists across events, as in EventSource); absent while it is empty. */
  id?: string;
}

const LF = 0x0a;
const BOM = 0xfeff;

/**
 * Incremental parser for the text/event-stream format (WHATWG HTML §9.2.6).
 *
 * Linear in the input: each fed character is scanned once, and a line split
 * across feeds is kept as a list of pieces joined once, when its end arrives.
 */
export class SseParser {
  readonly #onEvent: (event: SseEvent) => void;
  /** Pieces of the current, not yet terminated line. */
  #pieces: string[] = [];
  /** The previous feed ended with a CR: a LF at the start of the next one belongs to that line break. */
  #afterCr = false;
  /** Nothing has been fed yet since the start of the stream (a leading BOM is still to be stripped). */
  #atStart = true;
  /** Text left unparsed when onEvent threw; parsed first on the next feed. */
  #backlog = '';
  /** The data buffer, one entry per `#data` line (joined with '\n' at dispatch). */
  #data: string[] = [];
  #type = '';
  #lastId = '';

  constructor(onEvent: (event: SseEvent) => void) {
    this.#onEvent = onEvent;
  }

  /**
   * Feeds decoded text (any split: mid-line, between \r and \n, ...).
   * An exception thrown by onEvent propagates to the caller; the rest of the
   * text is kept and parsed at the start of the next feed.
   */
  feed(text: string): void {
    if (this.#backlog) {
      text = this.#backlog + text;
      this.#backlog = '';
    }
    if (!text) return;
    let start = 0;
    if (this.#atStart) {
      this.#atStart = false;
      if (text.charCodeAt(0) === BOM) start = 1;
    }
    if (this.#afterCr) {
      this.#afterCr = false;
      if (text.charCodeAt(start) === LF) start++;
    }
    const length = text.length;
    // Next CR / LF at or after `start`: -1 when there is none left, -2 when not searched yet.
    let cr = -2;
    let lf = -2;
    while (start < length) {
      if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
      if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
      if (cr === -1 && lf === -1) break;
      const end = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
      let line = text.slice(start, end);
      if (this.#pieces.length > 0) {
        this.#pieces.push(line);
        line = this.#pieces.join('');
        this.#pieces = [];
      }
      start = end + 1;
      if (end === cr) {
        if (start === length) this.#afterCr = true;
        else if (text.charCodeAt(start) === LF) start++;
      }
      try {
        this.#processLine(line);
      } catch (error) {
        this.#backlog = text.slice(start);
        throw error;
      }
    }
    if (start < length) this.#pieces.push(start === 0 ? text : text.slice(start));
  }

  /**
   * End of stream: returns true when an event was still pending (data lines
   * without the blank line that dispatches them, including an unterminated
   * `#data` line) — that event is discarded as the spec says, and the caller
   * may treat the stream as cut. The parser is then ready for a new stream
   * (the last event ID is kept, as EventSource keeps it across reconnections).
   */
  end(): boolean {
    if (this.#backlog) this.feed('');
    const partial = this.#pieces.join('');
    const pending = this.#data.length > 0 || partial === 'data' || partial.startsWith('data:');
    this.#pieces = [];
    this.#data = [];
    this.#type = '';
    this.#afterCr = false;
    this.#atStart = true;
    return pending;
  }

  #processLine(line: string): void {
    if (line === '') {
      this.#dispatch();
      return;
    }
    const colon = line.indexOf(':');
    if (colon === 0) return; // comment
    let field = line;
    let value = '';
    if (colon > 0) {
      field = line.slice(0, colon);
      value = line.charCodeAt(colon + 1) === 0x20 ? line.slice(colon + 2) : line.slice(colon + 1);
    }
    switch (field) {
      case 'data':
        this.#data.push(value);
        break;
      case 'event':
        this.#type = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.#lastId = value;
        break;
      default:
        // `retry` (no reconnection here) and unknown fields are ignored.
        break;
    }
  }

  #dispatch(): void {
    const type = this.#type;
    this.#type = '';
    if (this.#data.length === 0) return;
    const data = this.#data.join('\n');
    this.#data = [];
    const event: SseEvent = {event: type || 'message', data};
    if (this.#lastId) event.id = this.#lastId;
    this.#onEvent(event);
  }
}

/**
 * Reads a fetch Response body as SSE: decodes UTF-8 in streaming mode
 * (characters split across network chunks), feeds the parser, calls onEvent
 * for each event. Resolves with {pending: boolean} (as `end()`) when the body
 * ends; rejects with the stream's error (e.g. AbortError when the request is
 * aborted), or with an exception thrown by onEvent (the stream is then
 * cancelled). Releases the reader lock in all cases.
 */
export async function readSse(body: ReadableStream<Uint8Array>, onEvent: (event: SseEvent) => void): Promise<{pending: boolean}> {
  const reader = body.getReader();
  // ignoreBOM keeps a BOM in the text: the parser strips exactly one, as the spec's UTF-8 decode would.
  const decoder = new TextDecoder('utf-8', {ignoreBOM: true});
  const parser = new SseParser(onEvent);
  try {
    for (;;) {
      const {done, value} = await reader.read();
      const text = done ? decoder.decode() : decoder.decode(value, {stream: true});
      try {
        parser.feed(text);
      } catch (error) {
        reader.cancel(error).catch(() => undefined);
        throw error;
      }
      if (done) return {pending: parser.end()};
    }
  } finally {
    reader.releaseLock();
  }
}
