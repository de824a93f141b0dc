/**
 * Follows the page's language (`<html lang>`): one MutationObserver per page, shared by
 * every widget, disconnected when the last one stops watching.
 */
const listeners = new Set<() => void>();
let observer: MutationObserver | null = null;

/** Calls `listener` whenever `<html lang>` changes; returns the function that stops it. */
export function watchPageLang(listener: () => void): () => void {
  if (typeof document === 'undefined' || typeof MutationObserver === 'undefined') return () => {};
  listeners.add(listener);
  if (!observer) {
    observer = new MutationObserver(() => {
      for (const l of [...listeners]) l();
    });
    observer.observe(document.documentElement, {attributes: true, attributeFilter: ['lang']});
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      observer?.disconnect();
      observer = null;
    }
  };
}

/** @internal For tests: how many widgets watch, and whether the observer is live. */
export function pageLangWatch(): {listeners: number; observing: boolean} {
  return {listeners: listeners.size, observing: observer !== null};
}
