/**
 * Helpers of the tests of the built script-tag bundle (`dist/chat-widget.js` and its chunks, as a
 * site hosts them), served by test/bundle/bundle-server.js. These tests import nothing from src/:
 * the page gets the element from the bundle only.
 */
// No lit on these pages (not even the test helpers'): under the strict CSP a second copy of
// lit-html would ask for a second Trusted Types policy of the same name.

export interface Served {
  file: string;
  at: number;
  servedAt: number | null;
}

let counter = 0;
/** A fresh run id: its own copy of the bundle (distinct URLs) and its own request log. */
export function newRun(): string {
  return `b${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** The bundle's entry URL for `run` in `mode` (`plain`, or `slow-md`: the markdown chunk comes late). */
export function bundleUrl(run: string, mode: 'plain' | 'slow-md' = 'plain'): string {
  return `/__bundle__/${run}/${mode}/dist/chat-widget.js`;
}

/** The files the page requested for `run`, in order (the server's log). */
export async function served(run: string): Promise<Served[]> {
  const res = await fetch(`/__bundle__/${run}/log`, {cache: 'no-store'});
  return res.json();
}

/** Which part of the bundle a file is: entry, widget, markdown, highlighter, locale … */
export function kindOf(file: string): string {
  if (file === 'chat-widget.js') return 'entry';
  if (file.startsWith('locales/')) return 'locale';
  return /^([a-z-]+?)-[\w-]{6,}\.js$/.exec(file)?.[1] ?? file;
}

export async function until(predicate: () => unknown, message: string, timeout = 8000): Promise<void> {
  const start = performance.now();
  while (!(await predicate())) {
    if (performance.now() - start > timeout) throw new Error(`Timeout: ${message}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Base URL of a reference backend started by the test run. */
export function backend(protocol: string): string {
  return (window as unknown as {__BACKENDS__: Record<string, string>}).__BACKENDS__[protocol]!;
}

/** Adds `<chat-widget>` with these attributes to the page (not yet defined: the bundle is not loaded). */
/** What these tests use of a `<chat-widget>` (typed here: the pages import nothing from src/). */
export interface Widget extends HTMLElement {
  send(text: string): string | null;
  status: string;
  protocol: string;
  url: string;
  messages: {id: string; role: string; status: string; text: string; meta: {kind?: string}}[];
}

/** What these tests use of the class the bundle exports. */
export type WidgetClass = {registerProtocol(name: string, adapter: object): void};

export function addWidget(attrs: Record<string, string>): Widget {
  const el = document.createElement('chat-widget') as Widget;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.append(el);
  return el;
}

/** The widget's assistant replies (not its welcome). */
export const replies = (el: Widget) => el.messages.filter((m) => m.role === 'assistant' && m.meta.kind !== 'welcome');

/** The parts of the bundle the page fetched for `run`, in order (see {@link kindOf}). */
export const fetchedKinds = async (run: string): Promise<string[]> => (await served(run)).map((e) => kindOf(e.file));

/** The reason the loader gave for loading the rest (`performance.mark('chat-widget:load')`). */
export function loadReason(): string | null {
  const mark = performance.getEntriesByName('chat-widget:load')[0] as PerformanceMark | undefined;
  return (mark?.detail as {reason?: string} | undefined)?.reason ?? null;
}

/**
 * Keeps the main thread busy in back-to-back tasks (so the browser is never idle and
 * `requestIdleCallback` waits for its timeout) until the returned function is called.
 */
export function stayBusy(sliceMs = 20): () => void {
  let on = true;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    if (!on) return;
    const end = performance.now() + sliceMs;
    while (performance.now() < end);
    channel.port2.postMessage(0);
  };
  channel.port2.postMessage(0);
  return () => {
    on = false;
    channel.port1.close();
  };
}
