import type {ReactiveController, ReactiveControllerHost} from '@lit/reactive-element';

/**
 * One timer per widget that re-renders it every minute while it is on the page, so relative
 * times ("5 minutes ago") stay true without a timer per message.
 */
export class ClockController implements ReactiveController {
  #timer?: ReturnType<typeof setInterval>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly intervalMs = 60_000,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#timer ??= setInterval(() => this.host.requestUpdate(), this.intervalMs);
  }

  hostDisconnected(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Live timers (diagnostics). */
  get timers(): number {
    return this.#timer === undefined ? 0 : 1;
  }
}
