import {reduce, type Action} from './reducer.js';
import {initialState, type ChatState} from './state.js';

export type Listener = (state: ChatState, previous: ChatState, action: Action) => void;

/** The smallest correct observable: one state, one reducer, change-guarded notifications. */
export class Store {
  #state: ChatState;
  readonly #listeners = new Set<Listener>();

  constructor(
    initial: ChatState = initialState(),
    private readonly now: () => number = Date.now,
  ) {
    this.#state = initial;
  }

  get state(): ChatState {
    return this.#state;
  }

  dispatch(action: Action): ChatState {
    const previous = this.#state;
    const next = reduce(previous, action, this.now());
    if (!Object.is(next, previous)) {
      this.#state = next;
      for (const fn of this.#listeners) fn(next, previous, action);
    }
    return next;
  }

  /** Returns the unsubscribe function. */
  subscribe(fn: Listener): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }
}
