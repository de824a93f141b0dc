/**
 * The widget under a strict Content-Security-Policy with Trusted Types enforced (CONTRACT §8).
 *
 * web-test-runner.config.js serves the page of every test file under test/csp/ with
 * {@link STRICT_POLICY} (exactly: no 'unsafe-inline', no 'unsafe-eval', no nonce or hash,
 * `require-trusted-types-for 'script'; trusted-types lit-html dompurify`) plus a `report-uri`,
 * and the test runner's own inline scripts are moved to same-origin files
 * (test/csp/strict-csp-server.js explains why and how).
 *
 * Any violation fails the file, whichever channel sees it: the page's `securitypolicyviolation`
 * events (recorded from the first script on, test/csp/violation-recorder.js) or the reports the
 * browser sends to the test server. The last test shows that both channels do catch a
 * deliberate inline style, an HTML-string sink and an unlisted policy name.
 */
import {expect} from '@open-wc/testing';
import {STRICT_POLICY} from './policy.js';
import {backend, mount, nextRender, serverLog, shadow, until, untilOpen, untilReply} from '../helpers.js';
import {ChatWidget} from '../../src/chat-widget.js';
import type {ProtocolAdapter} from '../../src/protocols/protocol-adapter.js';
import {renderMarkdown} from '../../src/markdown/markdown.js';
import {MarkdownStream} from '../../src/markdown/stream-renderer.js';
import type {FrameResult, Violation} from './frame-app.js';
import type {BuiltinProtocol} from '../../src/protocols/registry.js';

declare global {
  interface Window {
    __xss?: unknown;
  }
}

/** What the browser POSTs to `report-uri` (application/csp-report). */
interface CspReport {
  'csp-report': {
    'effective-directive': string;
    'blocked-uri': string;
    'source-file'?: string;
    'line-number'?: number;
    'script-sample'?: string;
    disposition: string;
  };
}

/** Trusted Types (not in TypeScript's DOM library). */
const trustedTypes = (window as unknown as {trustedTypes?: {createPolicy(name: string, rules: object): unknown}}).trustedTypes;

const page = new URLSearchParams(location.search).get('wtr-session-id') ?? '';

/** Violation reports the browser sent to the test server for this page. */
async function serverReports(): Promise<CspReport[]> {
  const res = await fetch(`/__csp__/reports?page=${encodeURIComponent(page)}`, {cache: 'no-store'});
  return res.json();
}

/** Reports are sent asynchronously: give them time to arrive before counting. */
const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));

/** How many events and reports earlier tests left: each test looks only at its own. */
let before = {events: 0, reports: 0};

/** The violations since the current test began, from both channels. */
async function newViolations(): Promise<{events: Violation[]; reports: CspReport[]}> {
  await settle();
  return {events: window.__CSP_VIOLATIONS__.slice(before.events), reports: (await serverReports()).slice(before.reports)};
}

async function expectNoViolations(when: string): Promise<void> {
  const {events, reports} = await newViolations();
  expect(events, `securitypolicyviolation events ${when}`).to.deep.equal([]);
  expect(reports, `CSP reports ${when}`).to.deep.equal([]);
}

/** Elements only the markdown renderer produces (server text elsewhere is rendered as text). */
const MARKDOWN_ELEMENTS = 'strong, em, h1, h2, h3, h4, ul, ol, li, table, code, blockquote, a';

const ATTRS: Record<BuiltinProtocol, Record<string, string>> = {
  job: {token: 'demo-token', topic: 'Skincare'},
  brand: {brand: 'techpro'},
  agent: {},
  session: {},
  template: {token: 'demo-jwt'},
  openai: {},
  'ai-sdk': {},
  'ag-ui': {},
};
const QUESTION: Record<BuiltinProtocol, string> = {
  job: 'Make it reassuring',
  brand: 'I need a laptop for business',
  agent: 'I have a mild headache',
  session: 'What does leasing cost?',
  template: 'Write a product description',
  // Reasoning and tool steps render through the same sanitizer; sources as links.
  openai: 'Think about the weather tool',
  'ai-sdk': 'Think and cite your sources',
  'ag-ui': 'Think in steps',
};
const PROTOCOLS = Object.keys(ATTRS) as BuiltinProtocol[];

async function converse(protocol: BuiltinProtocol, query: Record<string, string> = {}): Promise<{el: ChatWidget; tag: string}> {
  const {el, tag} = await mount({protocol, attrs: ATTRS[protocol], query});
  // Per-request protocols (`job`, the HTTP ones) connect when a message goes out.
  if (!['job', 'openai', 'ai-sdk', 'ag-ui'].includes(protocol)) await untilOpen(el);
  el.send(QUESTION[protocol]);
  const reply = await untilReply(el);
  await nextRender(el);
  const body = shadow(el).querySelector(`[data-id="${reply.id}"]`);
  expect(body, 'the reply bubble').to.exist;
  return {el, tag};
}

/**
 * Whether the browser has Trusted Types. Chromium always does (CI: never skipped); Firefox ESR 140
 * does not (later releases do): there the tests that need them are skipped, the CSP ones run.
 */
const trustedTypesHere = typeof trustedTypes !== 'undefined' || !/Firefox\//.test(navigator.userAgent);
const itWithTrustedTypes = trustedTypesHere ? it : it.skip;

describe('strict CSP and Trusted Types', () => {
  beforeEach(async () => {
    before = {events: window.__CSP_VIOLATIONS__.length, reports: (await serverReports()).length};
  });

  it('the page is served with the strict policy, and Trusted Types are enforced', async () => {
    before = {events: 0, reports: 0}; // this one counts from the page's first script on
    const res = await fetch(location.href, {cache: 'no-store'});
    const header = res.headers.get('content-security-policy') ?? '';
    expect(header.startsWith(`${STRICT_POLICY}; report-uri `), header).to.equal(true);
    expect(header).not.to.match(/unsafe-|nonce-|sha\d+-/);
    if (trustedTypesHere) expect(trustedTypes, 'Trusted Types in this browser').to.exist;
    // Nothing the runner injected is inline any more.
    expect([...document.scripts].filter((s) => !s.src).length, 'inline scripts').to.equal(0);
    await expectNoViolations('after loading the runner, the test framework, Lit, marked and DOMPurify');
  });

  for (const protocol of PROTOCOLS) {
    it(`${protocol}: connects, sends, and renders a markdown reply without a violation`, async () => {
      const {el, tag} = await converse(protocol);
      if (protocol === 'job') {
        // The HTTP POST /chat/start (connect-src) came first, then the job's socket.
        const log = await serverLog('job', tag);
        expect(log.starts, 'job starts').to.have.length(1);
        expect(log.connections, 'job sockets').to.have.length(1);
      }
      const reply = el.messages.filter((m) => m.role === 'assistant' && m.meta.kind !== 'welcome').at(-1)!;
      const bubble = shadow(el).querySelector(`[data-id="${reply.id}"]`)!;
      expect(bubble.querySelectorAll(MARKDOWN_ELEMENTS).length, `markdown elements in ${bubble.textContent?.slice(0, 80)}`).to.be.greaterThan(0);
      // The styles arrive as adopted style sheets (allowed under style-src 'self'), not <style> or style="".
      expect(shadow(el).adoptedStyleSheets.length).to.be.greaterThan(0);
      expect(shadow(el).querySelectorAll('style, [style]').length, 'inline styles').to.equal(0);
      await expectNoViolations(`in the ${protocol} conversation`);
    });
  }

  it('a reply with a code block streams, then renders highlighted (a lazily loaded chunk, class-based colors), without a violation', async () => {
    // The brand server's stream, each chunk turned into one line of a TypeScript block.
    let line = 0;
    const adapter: ProtocolAdapter = {
      transport: (ctx) => ({kind: 'websocket', url: `${ctx.config.wsBase}/ws/chat/techpro?${new URLSearchParams(ctx.config.baseQuery as [string, string][])}`}),
      encode: (a) => (a.type === 'chat' ? {type: 'chat', data: {message: a.text}} : null),
      decode: (f: any) => {
        if (f.type === 'chunk') {
          const head = line === 0 ? 'Here is the code:\n\n```ts\n' : '';
          line++;
          return [{type: 'reply.delta', text: `${head}const value${line}: number = ${line} * 2; // line ${line}\n`}];
        }
        return f.type === 'complete' ? [{type: 'reply.delta', text: '```\n\nThat is all.'}, {type: 'reply.end'}] : [];
      },
    };
    ChatWidget.registerProtocol('csp-code', adapter);
    const {el} = await mount({protocol: 'csp-code', url: backend('brand'), attrs: {brand: 'techpro'}});
    await untilOpen(el);
    el.send('Show me some code');
    const reply = await untilReply(el);
    await nextRender(el);
    const bubble = () => shadow(el).querySelector(`[data-id="${reply.id}"] .bubble`)!;
    await until(() => bubble()?.querySelector('.hl-seg'), 'the finished block is highlighted');
    expect(line, 'streamed as many chunks').to.be.greaterThan(3);
    const block = bubble().querySelector('[part="code-block"]')!;
    expect(block.querySelector('.code-lang')!.textContent).to.equal('ts');
    expect(block.querySelector('[part="code-copy"]')!.getAttribute('aria-label')).to.equal('Copy code');
    const keyword = block.querySelector('.hl-kwd')!;
    expect(keyword.textContent).to.equal('const');
    // The colors come from the widget's adopted style sheet (style-src 'self'), not from style attributes.
    expect(getComputedStyle(keyword).color).not.to.equal(getComputedStyle(block.querySelector('code')!).color);
    expect(shadow(el).querySelectorAll('style, [style]').length, 'inline styles').to.equal(0);
    expect(performance.getEntriesByType('resource').some((e) => /highlighter/.test(e.name)), 'the highlighter chunk was loaded').to.equal(true);
    await expectNoViolations('while streaming and highlighting a code block');
  });

  it('launcher mode, open and closed, causes no violation', async () => {
    const {el} = await mount({protocol: 'brand', attrs: {brand: 'techpro', launcher: true}});
    shadow(el).querySelector<HTMLButtonElement>('[part~="launcher"]')!.click();
    await until(() => el.open && el.status === 'open', 'open and connected');
    await nextRender(el);
    shadow(el).querySelector<HTMLButtonElement>('[part~="launcher"]')!.click();
    await el.updateComplete;
    await expectNoViolations('in launcher mode');
  });

  // A hostile backend sends HTML with `onerror=`, `onclick=` and `style=` attributes and a
  // `<script>` block. The sanitizer parses it in an inert document (DOMPurify: DOMParser) and
  // drops all of that; nothing runs and nothing loads. Chromium still reports each inline handler
  // and style attribute it parses, even in an inert document (`script-src-attr` /
  // `style-src-attr`, blocked 'inline'): only those reports, from the sanitizer, are tolerated
  // here. Everything else fails: another directive, a blocked resource such as a leaked image, a
  // Trusted Types report, any report from outside DOMPurify.
  const FROM_SANITIZER = /\/dompurify\/|purify/;
  const isInertParseReport = (directive: string, blocked: string, source = '') =>
    FROM_SANITIZER.test(source) && (directive === 'script-src-attr' || directive === 'style-src-attr') && blocked === 'inline';

  it('a reply cut inside a raw <script> block, at any point, renders as text with no Trusted Types report', async () => {
    const text = 'Intro paragraph.\n\n<script type="text/javascript">window.__xss()</script>\n\nAfter.';
    const host = document.createElement('div');
    const stream = new MarkdownStream(host);
    for (let end = 1; end <= text.length; end++) stream.update(text.slice(0, end), end < text.length);
    for (const cut of ['a\n\n<script>window', '<script>', '<SCRIPT>x', '<svg><script>x']) host.append(renderMarkdown(cut));
    expect(host.querySelector('script')).to.equal(null);
    await expectNoViolations('while rendering cut <script> blocks');
  });

  for (const protocol of PROTOCOLS) {
    it(`${protocol}: a hostile backend (fault=xss) runs nothing and loads nothing; only the sanitizer's inert parse reports blocked attributes`, async () => {
      let ran = 0;
      window.__xss = () => ran++;
      try {
        const {el} = await converse(protocol, {fault: 'xss'});
        await nextRender(el);
        expect(ran).to.equal(0);
        expect(window.__xss).to.be.a('function');
        const {events, reports} = await newViolations();
        expect(events.filter((v) => !isInertParseReport(v.directive, v.blockedURI, v.source)), 'unexpected violation events').to.deep.equal([]);
        expect(
          reports.filter(({'csp-report': r}) => !isInertParseReport(r['effective-directive'], r['blocked-uri'], r['source-file'])),
          'unexpected CSP reports',
        ).to.deep.equal([]);
      } finally {
        delete window.__xss;
      }
    });
  }

  describe('each listed policy name is needed (frames with other trusted-types lists)', () => {
    async function inFrame(trustedTypes: string, fault = ''): Promise<FrameResult> {
      const frame = document.createElement('iframe');
      frame.src = `/__csp__/frame.html?tt=${encodeURIComponent(trustedTypes)}&page=${encodeURIComponent(page)}${fault ? `&fault=${fault}` : ''}`;
      document.body.append(frame);
      try {
        const win = frame.contentWindow as Window;
        await until(() => win.__RESULT__, `the frame with trusted-types ${trustedTypes}`, 8000);
        return win.__RESULT__!;
      } finally {
        frame.remove();
      }
    }

    it('lit-html dompurify: markdown replies and no violation', async () => {
      const result = await inFrame('lit-html dompurify');
      expect(result.loadError).to.equal(undefined);
      expect(result.replyShown).to.equal(true);
      expect(result.markdownElements).to.be.greaterThan(0);
      expect(result.violations).to.deep.equal([]);
    });

    itWithTrustedTypes('without lit-html: Lit cannot create its policy, so the widget does not load', async () => {
      const result = await inFrame('dompurify');
      // Chromium: `Policy "lit-html" disallowed.`; Firefox: `… blocked creating policy named 'lit-html'`.
      expect(result.loadError).to.match(/policy.*lit-html/i);
      expect(result.violations).to.deep.include({directive: 'trusted-types', sample: 'lit-html'});
    });

    it('without dompurify: markdown without raw HTML never reaches DOMPurify, so it renders and nothing is reported', async () => {
      const result = await inFrame('lit-html');
      expect(result.loadError).to.equal(undefined);
      expect(result.replyShown, 'the reply is shown').to.equal(true);
      expect(result.markdownElements, 'markdown elements').to.be.greaterThan(0);
      expect(result.violations).to.deep.equal([]);
    });

    itWithTrustedTypes('without dompurify: a reply with raw HTML cannot be sanitized, so it shows as plain text (and the browser reports it)', async () => {
      const result = await inFrame('lit-html', 'xss');
      expect(result.loadError).to.equal(undefined);
      expect(result.replyShown, 'the reply is shown').to.equal(true);
      expect(result.bubbleText, 'the raw HTML, as text').to.contain('<script>window.__xss = 1</script>');
      expect(result.links, 'links (none: plain text)').to.deep.equal([]);
      expect(result.violations).to.deep.include({directive: 'trusted-types', sample: 'dompurify'});
    });
  });

  // Runs last: it causes violations on purpose, from this file (earlier reports may still trickle in).
  itWithTrustedTypes('both channels catch an inline style, an HTML-string sink and an unlisted policy', async () => {
    const probe = document.createElement('div');
    document.body.append(probe);
    probe.setAttribute('style', 'color: red');
    expect(() => {
      probe.innerHTML = '<b>not trusted</b>';
    }).to.throw(TypeError);
    expect(() => trustedTypes!.createPolicy('not-listed', {createHTML: (s: string) => s})).to.throw();
    probe.remove();

    const fromHere = /strict-csp\.test/;
    const expected = ['require-trusted-types-for', 'style-src-attr', 'trusted-types'];
    let events: Violation[] = [];
    let reports: CspReport[] = [];
    for (let i = 0; i < 50 && (events.length < 3 || reports.length < 3); i++) {
      const seen = await newViolations();
      events = seen.events.filter((v) => fromHere.test(v.source));
      reports = seen.reports.filter(({'csp-report': r}) => fromHere.test(r['source-file'] ?? ''));
    }
    expect(events.map((v) => v.directive).sort()).to.deep.equal(expected);
    expect(reports.map(({'csp-report': r}) => r['effective-directive']).sort()).to.deep.equal(expected);
  });
});
