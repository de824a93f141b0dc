/**
 * Runs `fn` once the page has loaded, painted and is idle (`requestIdleCallback`, at most
 * `timeoutMs` later; a timer where there is none). For work the first paint does not need but a
 * first reply would wait for (loading the markdown stack, the first date formatter).
 */
export function whenIdle(fn: () => void, timeoutMs = 2000): void {
  const idle = (): void => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, {timeout: timeoutMs});
    else setTimeout(fn, 200);
  };
  // After the page's load and the next frame (the widget's first paint is not held up); a hidden
  // tab paints no frame: a timer instead.
  const afterPaint = (): void => {
    let done = false;
    const go = (): void => {
      if (done) return;
      done = true;
      setTimeout(idle, 0);
    };
    requestAnimationFrame(go);
    setTimeout(go, 1000);
  };
  if (document.readyState === 'complete') afterPaint();
  else window.addEventListener('load', afterPaint, {once: true});
}
