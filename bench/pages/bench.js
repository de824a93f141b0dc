// Shared page helpers for the benchmark pages (a classic script, loaded first
// so the long-task observer sees everything from page start).
(() => {
  const longtasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longtasks.push({start: e.startTime, duration: e.duration});
    }).observe({type: 'longtask', buffered: true});
  } catch {
    // No long-task support: the harness reports null.
    longtasks.unsupported = true;
  }

  /** Wall-clock milliseconds (comparable with the server's Date.now()). */
  const wall = () => performance.timeOrigin + performance.now();

  /**
   * Resolves after the first animation frame in which `check()` (evaluated in
   * a rAF callback, i.e. after the frame's earlier rAF callbacks and their
   * microtasks) is true, with the time of a task queued from that callback:
   * it runs once the frame's style, layout and paint are done.
   */
  const paintedWhen = (check = () => true) =>
    new Promise((resolve) => {
      const frame = () => {
        if (!check()) {
          requestAnimationFrame(frame);
          return;
        }
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          ch.port1.close();
          resolve({wall: wall(), perf: performance.now()});
        };
        ch.port2.postMessage(0);
      };
      requestAnimationFrame(frame);
    });

  /**
   * Waits until the DOM under `target()` stays the same for three painted frames; returns the
   * paint after the last change (or `first` if nothing changed). A MutationObserver counts the
   * changes (nodes added or removed, text changed, the target itself replaced), so a frame costs
   * the harness the same for any reply size: reading the reply's whole text each frame would
   * charge the page a cost that grows with the reply (a 1 MB reply that the widget renders over
   * some thirty frames cost about 65 ms that way).
   */
  const settle = async (target, first) => {
    let count = 0;
    let observed = null;
    const observer = new MutationObserver((records) => (count += records.length));
    const signature = () => {
      const node = target();
      if (node !== observed) {
        observer.disconnect();
        if (node) observer.observe(node, {childList: true, characterData: true, subtree: true});
        observed = node;
        count++;
      }
      return count;
    };
    try {
      let sig = signature();
      let last = first;
      let changes = 0;
      for (let stable = 0; stable < 3; ) {
        const p = await paintedWhen();
        const s = signature();
        if (s !== sig) {
          sig = s;
          last = p;
          changes++;
          stable = 0;
        } else {
          stable++;
        }
      }
      return {last, changes};
    } finally {
      observer.disconnect();
    }
  };

  /** Long tasks that started at or after `since` (performance.now() ms). */
  const longtasksSince = (since) => {
    if (longtasks.unsupported) return null;
    const list = longtasks.filter((t) => t.start >= since);
    return {count: list.length, longest: list.reduce((m, t) => Math.max(m, t.duration), 0), total: list.reduce((s, t) => s + t.duration, 0)};
  };

  /** Counts of rendered markdown elements under `root` (a sanity check that markdown was rendered). */
  const census = (root) => {
    const out = {};
    if (!root) return out;
    for (const tag of ['h1', 'h2', 'h3', 'p', 'li', 'pre', 'code', 'table', 'a', 'strong', 'em', 'blockquote', 'hr']) {
      out[tag] = root.querySelectorAll(tag).length;
    }
    out.elements = root.getElementsByTagName('*').length;
    out.textLength = root.textContent.length;
    return out;
  };

  /** Paint timing entries, waiting a few frames for them to be reported. */
  const paintTiming = async () => {
    for (let i = 0; i < 10 && !performance.getEntriesByName('first-contentful-paint').length; i++) await paintedWhen();
    const get = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
    return {firstPaint: get('first-paint'), firstContentfulPaint: get('first-contentful-paint')};
  };

  /** A `bench:sync` mark at a known performance.now(): maps page times onto a trace's clock. */
  const syncMark = () => performance.mark('bench:sync').startTime;

  window.bench = {
    syncMark,
    params: new URLSearchParams(location.search),
    longtasks,
    wall,
    paintedWhen,
    settle,
    longtasksSince,
    census,
    paintTiming,
  };
})();
