import type {OutgoingAction} from '../core/chat-event.js';

export type ChatAction = Extract<OutgoingAction, {type: 'chat'}>;

/**
 * The user's messages on their way: `pending` (not written yet, in order) and `inFlight`
 * (written, reply not finished, oldest first). The delivery rule lives in how the
 * controller moves them: a message leaves `pending` only when it was written (or its
 * request started), and nothing leaves `inFlight` to be written again by itself.
 */
export class Outbox {
  readonly #pending: ChatAction[] = [];
  readonly #inFlight: ChatAction[] = [];

  constructor(readonly limit: number) {}

  get pending(): readonly ChatAction[] {
    return this.#pending;
  }

  get inFlight(): readonly ChatAction[] {
    return this.#inFlight;
  }

  /** No room for another pending message. */
  get full(): boolean {
    return this.#pending.length >= this.limit;
  }

  push(action: ChatAction): void {
    this.#pending.push(action);
  }

  /** Puts messages back at the front of the queue (a stalled exchange sent again), in order. */
  requeue(actions: readonly ChatAction[]): void {
    this.#pending.unshift(...actions);
  }

  /**
   * Writes pending messages in order while `write` accepts them (at most `max`), moving
   * each one written in flight. Returns the messages written.
   */
  flush(write: (action: ChatAction) => boolean, max = Infinity): ChatAction[] {
    const sent: ChatAction[] = [];
    while (this.#pending.length && sent.length < max) {
      const action = this.#pending[0];
      if (!write(action)) break;
      this.#pending.shift();
      this.#inFlight.push(action);
      sent.push(action);
    }
    return sent;
  }

  /** The reply to the oldest message in flight has ended: it leaves the outbox. */
  answered(): ChatAction | undefined {
    return this.#inFlight.shift();
  }

  /** The connection is gone (or the reply stopped): the messages in flight leave, oldest first. */
  takeInFlight(): ChatAction[] {
    return this.#inFlight.splice(0);
  }

  /** The oldest pending message leaves without being written (its request failed or was stopped). */
  dropNext(): ChatAction | undefined {
    return this.#pending.shift();
  }

  clearPending(): void {
    this.#pending.length = 0;
  }
}
