import type {ReactiveController, ReactiveControllerHost} from '@lit/reactive-element';

/**
 * One timer per widget that re-renders it every minute while it is on the page, so relative
 * times ("5 minutes ago") stay true without a timer per message; during a countdown on screen
 * ({@link countdown}) it ticks each time the seconds left change.
 */
export class ClockController implements ReactiveController {
  #timer?: ReturnType<typeof setTimeout>;
  /** The end of the countdown on screen (epoch ms; 0: none). */
  #until = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly intervalMs = 60_000,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.#timer === undefined) this.#schedule();
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Ticks each second until `at` (epoch ms), the last tick at `at` itself, then each minute again. */
  countdown(at: number): void {
    if (at <= this.#until || at <= Date.now()) return;
    this.#until = at;
    if (this.#timer !== undefined) this.#schedule();
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    const left = this.#until - Date.now();
    // In a countdown, the next tick is when the whole seconds left change.
    this.#timer = setTimeout(this.#tick, left > 0 ? left % 1000 || 1000 : this.intervalMs);
  }

  #tick = (): void => {
    this.host.requestUpdate();
    this.#schedule();
  };

  /** Live timers (diagnostics). */
  get timers(): number {
    return this.#timer === undefined ? 0 : 1;
  }
}
