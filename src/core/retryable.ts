/**
 * `load` (a lazy chunk's `import()`) made shareable: the first call starts it, every call while it
 * is on its way or done gets the same promise, and a call after it failed starts it again (the
 * network may be back). The lazy chunks of the script-tag bundle load through this.
 */
export function retryable<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}
