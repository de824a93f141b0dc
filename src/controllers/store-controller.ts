import type {ReactiveController, ReactiveControllerHost} from '@lit/reactive-element';
import type {Store} from '../core/store.js';

/**
 * Subscribes the host to the store and asks it to update at most once per
 * animation frame, however many frames arrive in between (a timeout stands in
 * where rAF is throttled, e.g. in a background tab).
 */
export class StoreController implements ReactiveController {
  #unsubscribe?: () => void;
  #frame = 0;
  #timeout?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly store: Store,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#unsubscribe = this.store.subscribe(this.#schedule);
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#cancel();
    // A last render, so what happened before removal is on screen if re-attached.
    this.host.requestUpdate();
  }

  #schedule = (): void => {
    if (this.#frame || this.#timeout) return;
    this.#frame = requestAnimationFrame(this.#flush);
    this.#timeout = setTimeout(this.#flush, 50);
  };

  #flush = (): void => {
    this.#cancel();
    this.host.requestUpdate();
  };

  #cancel(): void {
    cancelAnimationFrame(this.#frame);
    clearTimeout(this.#timeout);
    this.#frame = 0;
    this.#timeout = undefined;
  }
}
