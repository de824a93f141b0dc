/**
 * Runs `fn` once the page has loaded, painted and is idle (`requestIdleCallback`, at most
 * `timeoutMs` later; a timer where there is none), with the idle period's deadline when there is
 * one. For work the first paint does not need but a first reply would wait for (loading the
 * markdown stack and warming it up, the first date formatter).
 */
export function whenIdle(fn: (deadline?: IdleDeadline) => void, timeoutMs = 2000): void {
  // After the page's load and its next frame (the widget's first paint is not held up).
  if (document.readyState === 'complete') idleAfterPaint(fn, timeoutMs);
  else window.addEventListener('load', () => idleAfterPaint(fn, timeoutMs), {once: true});
}

/**
 * Runs `fn` after the next frame has painted, in an idle moment (`requestIdleCallback`, at most
 * `timeoutMs` later; a timer of at most 200 ms where there is none): work the widget needs soon,
 * but not before its first paint nor before the page's own tasks of that moment (loading the
 * protocol's adapter: ../protocols/builtin-lazy.ts).
 */
export function idleAfterPaint(fn: (deadline?: IdleDeadline) => void, timeoutMs: number): void {
  afterNextPaint(() => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, {timeout: timeoutMs});
    else setTimeout(() => fn(), Math.min(timeoutMs, 200));
  });
}

/**
 * Runs `fn` in a task after the next frame has painted (work that must not hold up a paint but
 * must not wait long either: at most about a frame). A hidden tab paints no frame: a task at once
 * there, and a short timer should no frame come.
 */
export function afterNextPaint(fn: () => void): void {
  let done = false;
  const go = (): void => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    setTimeout(fn, 0);
  };
  const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
  const fallback = setTimeout(go, hidden ? 0 : 100);
  if (!hidden && typeof requestAnimationFrame === 'function') requestAnimationFrame(go);
}
