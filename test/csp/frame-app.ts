/**
 * The app inside the policy-variant frames of strict-csp.test.ts: the page is served with the
 * strict policy but a different `trusted-types` list (`/__csp__/frame.html?tt=…`). It loads the
 * widget, has one `brand` conversation, and leaves what happened in `window.__RESULT__`.
 */
import type {ChatWidget} from '../../src/chat-widget.js';

/** What test/csp/violation-recorder.js records for each `securitypolicyviolation` event. */
export interface Violation {
  directive: string;
  blockedURI: string;
  sample: string;
  source: string;
  disposition: string;
}

export interface FrameResult {
  /** The widget's modules failed to load (message of the error). */
  loadError?: string;
  /** Elements only markdown produces, in the reply bubble; 0 when it fell back to plain text. */
  markdownElements?: number;
  /** The reply's text arrived in the bubble (as markdown or as plain text). */
  replyShown?: boolean;
  /** The `href` of each link in the reply bubble. */
  links?: string[];
  /** The reply bubble's text. */
  bubbleText?: string;
  violations: Array<{directive: string; sample: string}>;
}

declare global {
  interface Window {
    __RESULT__?: FrameResult;
    __CSP_VIOLATIONS__: Violation[];
  }
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run(): Promise<Omit<FrameResult, 'violations'>> {
  try {
    await import('../../src/define.js');
  } catch (err) {
    return {loadError: String((err as Error)?.message ?? err)};
  }
  const el = document.createElement('chat-widget') as ChatWidget;
  el.setAttribute('persist', 'none');
  el.setAttribute('brand', 'techpro');
  el.protocol = 'brand';
  // `?fault=xss`: the reply mixes raw HTML (DOMPurify's path) with plain markdown.
  const fault = new URLSearchParams(location.search).get('fault');
  el.url = `${(window as unknown as {__BACKENDS__: Record<string, string>}).__BACKENDS__.brand}/?delay=0${fault ? `&fault=${fault}` : ''}`;
  document.body.append(el);
  for (let i = 0; i < 300 && el.status !== 'open'; i++) await wait(20);
  el.send('I need a laptop for business');
  const reply = () => el.messages.find((m) => m.role === 'assistant' && m.meta.kind !== 'welcome' && m.status === 'complete');
  for (let i = 0; i < 300 && !reply(); i++) await wait(20);
  await wait(150);
  const bubble = el.shadowRoot?.querySelector(`[data-id="${reply()?.id}"] .md`);
  return {
    markdownElements: bubble?.querySelectorAll('strong, em, h3, ul, ol, li, table, code, a').length ?? 0,
    replyShown: Boolean(bubble?.textContent?.includes(fault === 'xss' ? 'normal link' : 'three things')),
    links: Array.from(bubble?.querySelectorAll('a[href]') ?? []).map((a) => a.getAttribute('href')!),
    bubbleText: bubble?.textContent ?? '',
  };
}

void run().then(async (result) => {
  await wait(100);
  window.__RESULT__ = {...result, violations: window.__CSP_VIOLATIONS__.map(({directive, sample}) => ({directive, sample}))};
});
