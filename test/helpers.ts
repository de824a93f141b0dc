import {fixture, fixtureSync, waitUntil} from '@open-wc/testing';
import {html, nothing} from 'lit';
import {ifDefined} from 'lit/directives/if-defined.js';
import '../src/define.js';
import type {ChatWidget} from '../src/chat-widget.js';
import type {BuiltinProtocol} from '../src/protocols/registry.js';
import {loadMarkdown} from '../src/render/markdown-directive.js';

// The markdown chunk, loaded up front as a page has it once idle (tests send at once). The plain
// text shown while it is on its way is tested against the built bundle (test/bundle/).
await loadMarkdown();

declare global {
  interface Window {
    __BACKENDS__: Record<BuiltinProtocol, string>;
  }
}

/** Base URL of a reference backend started by the test run. */
export function backend(protocol: BuiltinProtocol): string {
  return window.__BACKENDS__[protocol];
}

let counter = 0;
/** A unique tag: the backend logs each connection under the `t` query parameter of its URL. */
export function uniqueTag(): string {
  return `t${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export interface MountOptions {
  protocol: BuiltinProtocol | string;
  tag?: string;
  url?: string;
  /** Extra query parameters for the backend (per-connection behaviour: delay, idle, fault …). */
  query?: Record<string, string>;
  attrs?: Record<string, string | boolean>;
}

/** Mounts a widget pointed at the protocol's reference backend, tagged for the log. */
export async function mount(options: MountOptions): Promise<{el: ChatWidget; tag: string}> {
  const tag = options.tag ?? uniqueTag();
  const base = options.url ?? backend(options.protocol as BuiltinProtocol);
  // Replies stream without pauses unless a test asks for a `delay`.
  const params = new URLSearchParams({t: tag, delay: '0', ...options.query});
  const url = `${base}/?${params}`;
  const el = document.createElement('chat-widget') as ChatWidget;
  el.setAttribute('persist', 'none');
  for (const [k, v] of Object.entries(options.attrs ?? {})) {
    if (v === false) continue;
    el.setAttribute(k, v === true ? '' : v);
  }
  el.protocol = options.protocol;
  el.url = url;
  // fixtureSync: `fixture()` of a plain element waits for an animation frame, which a
  // background tab (test files run side by side) may never get.
  const host = fixtureSync<HTMLDivElement>(html`<div>${nothing}</div>`);
  host.appendChild(el);
  await el.updateComplete;
  return {el, tag};
}

/** Mounts from a template (for attribute-level tests). */
export async function mountTemplate(protocol: string, url: string | undefined): Promise<ChatWidget> {
  return fixture<ChatWidget>(html`<chat-widget protocol=${protocol} url=${ifDefined(url)} persist="none"></chat-widget>`);
}

export async function until(predicate: () => unknown, message: string, timeout = 6000): Promise<void> {
  // Async predicates (server-log checks) are awaited: a pending Promise is not an answer.
  await waitUntil(async () => Boolean(await predicate()), message, {timeout, interval: 10});
}

export async function untilOpen(el: ChatWidget): Promise<void> {
  await until(() => el.status === 'open', `status is open (is ${el.status})`);
}

/** Waits until the last assistant message is complete, and returns it. */
export async function untilReply(el: ChatWidget, count = 1, timeout = 6000) {
  await until(
    () => el.messages.filter((m) => m.role === 'assistant' && m.status === 'complete' && m.meta.kind !== 'welcome').length >= count,
    `${count} complete assistant replies`,
    timeout,
  );
  return el.messages.filter((m) => m.role === 'assistant' && m.meta.kind !== 'welcome').at(-1)!;
}

export interface LoggedConnection {
  id: string;
  path: string;
  query: Record<string, string>;
  received: unknown[];
  sent: unknown[];
  closed: null | {code: number; reason: string};
}

/** What the backend logged for this tag. */
export async function serverLog(protocol: BuiltinProtocol, tag: string): Promise<{connections: LoggedConnection[]; starts?: unknown[]}> {
  const res = await fetch(`${backend(protocol)}/__log?t=${encodeURIComponent(tag)}`);
  return res.json();
}

/** Records every `chat-*` event the element fires, in order. */
export function recordEvents(el: HTMLElement, names: string[]): CustomEvent[] {
  const seen: CustomEvent[] = [];
  for (const n of names) el.addEventListener(n, (e) => seen.push(e as CustomEvent));
  return seen;
}

export function shadow(el: ChatWidget): ShadowRoot {
  return el.shadowRoot!;
}

/**
 * Renders are coalesced to animation frames (or a 50 ms timeout where rAF does not run,
 * as in a background tab): wait past both, then for the update.
 */
export async function nextRender(el: ChatWidget): Promise<void> {
  await new Promise((r) => {
    requestAnimationFrame(() => setTimeout(r, 0));
    setTimeout(r, 80);
  });
  await el.updateComplete;
}
