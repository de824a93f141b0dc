/** Named one-shot timers that can all be cleared at once (so a removed widget leaves none behind). */
export class Timers {
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  #seq = 0;

  /** Runs `fn` after `ms`, replacing a timer of the same name. */
  set(name: string, ms: number, fn: () => void): void {
    this.clear(name);
    this.#timers.set(
      name,
      setTimeout(() => {
        this.#timers.delete(name);
        fn();
      }, ms),
    );
  }

  clear(name: string): void {
    const t = this.#timers.get(name);
    if (t !== undefined) clearTimeout(t);
    this.#timers.delete(name);
  }

  has(name: string): boolean {
    return this.#timers.has(name);
  }

  clearAll(): void {
    for (const t of this.#timers.values()) clearTimeout(t);
    this.#timers.clear();
  }

  get size(): number {
    return this.#timers.size;
  }

  /** An anonymous timer (cleared by `clearAll` too). Returns its cancel function. */
  schedule = (ms: number, fn: () => void): (() => void) => {
    const name = `#${++this.#seq}`;
    this.set(name, ms, fn);
    return () => this.clear(name);
  };
}
