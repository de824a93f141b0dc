// Node side of the strict-CSP tests (test/csp/*.test.ts): a middleware of
// web-test-runner.config.js.
//
// The problem: @web/test-runner builds every test page with inline scripts (its
// `window.__WTR_CONFIG__ = …`, a console hook for browser logs, and our config's
// `window.__BACKENDS__ = …`). A page served with `script-src 'self'` blocks them, and the test
// framework stops with "Could not find any config defined by the test runner". Loosening the
// policy ('unsafe-inline', a nonce, a hash) would test something weaker than what the widget
// promises, and serving our own page from a separate server would need a build of the widget.
//
// The approach: the page keeps exactly the strict policy, and its inline scripts become
// same-origin external scripts, which is what any site under this policy does with its own
// inline code. After the runner has built the page of a test file under test/csp/, this
// middleware:
//   1. puts test/csp/violation-recorder.js first in <head> (a classic, blocking script: it
//      records violations before any other script runs);
//   2. moves each inline `<script>` body to `/__csp__/inline/<sha256>.js` and refers to it with
//      `src` (same type, same order, so the execution order is unchanged);
//   3. sends the page with `Content-Security-Policy: <STRICT_POLICY>; report-uri …`.
// Pages of other test files are not touched.
//
// Violations are caught twice: the page records `securitypolicyviolation` events, and the
// browser POSTs a report for each one to `/__csp__/report?page=<session id>`, which the test
// reads back from `/__csp__/reports?page=<session id>`. The test fails on either.
//
// `/__csp__/frame.html?tt=<names>` serves a page under the same policy with another
// `trusted-types` list (the test loads it in an iframe to show which names are needed).
import {createHash} from 'node:crypto';
import {STRICT_POLICY} from './policy.js';

const PREFIX = '/__csp__/';
/** The runner's config script names the page's test file: these get the strict policy. */
const CSP_TEST_PAGE = /"testFile":\s*"\/test\/csp\//;

/**
 * @param {() => Record<string, string>} getBackendUrls the reference backends' base URLs
 * @returns {import('koa').Middleware}
 */
export function strictCspMiddleware(getBackendUrls) {
  /** Report bodies by page (the test runner's session id). */
  const reports = new Map();
  /** Externalized inline scripts by hash. */
  const inlineScripts = new Map();

  return async function strictCsp(ctx, next) {
    if (ctx.path.startsWith(PREFIX)) {
      const what = ctx.path.slice(PREFIX.length);
      const page = ctx.URL.searchParams.get('page') ?? '';
      if (what === 'report' && ctx.method === 'POST') {
        const body = await readBody(ctx.req);
        let report;
        try {
          report = JSON.parse(body);
        } catch {
          report = {unparsed: body};
        }
        if (!reports.has(page)) reports.set(page, []);
        reports.get(page).push(report);
        ctx.status = 204;
        return;
      }
      if (what === 'reports') {
        ctx.type = 'application/json';
        ctx.set('Cache-Control', 'no-store');
        ctx.body = JSON.stringify(reports.get(page) ?? []);
        return;
      }
      if (what === 'backends.js') {
        ctx.type = 'text/javascript';
        ctx.set('Cache-Control', 'no-store');
        ctx.body = `window.__BACKENDS__ = ${JSON.stringify(getBackendUrls())};\n`;
        return;
      }
      if (what === 'frame.html') {
        // The strict policy with another `trusted-types` list, to show which names are needed.
        const tt = (ctx.URL.searchParams.get('tt') ?? '').replace(/[^\w\s#'-]/g, '');
        const policy = STRICT_POLICY.replace(/trusted-types [^;]*/, `trusted-types ${tt}`.trim());
        ctx.type = 'text/html';
        ctx.set('Cache-Control', 'no-store');
        ctx.set('Content-Security-Policy', `${policy}; report-uri ${PREFIX}report?page=${encodeURIComponent(`frame:${page}`)}`);
        ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script src="/test/csp/violation-recorder.js"></script>
<script src="${PREFIX}backends.js"></script>
<script type="module" src="/test/csp/frame-app.ts"></script>
</head><body></body></html>`;
        return;
      }
      if (what.startsWith('inline/')) {
        const code = inlineScripts.get(what.slice('inline/'.length).replace(/\.js$/, ''));
        if (code === undefined) {
          ctx.status = 404;
          return;
        }
        ctx.type = 'text/javascript';
        ctx.body = code;
        return;
      }
      ctx.status = 404;
      return;
    }

    await next();

    if (ctx.path !== '/' || !ctx.response.is('html')) return;
    const html = typeof ctx.body === 'string' ? ctx.body : Buffer.isBuffer(ctx.body) ? ctx.body.toString('utf8') : null;
    if (html === null || !CSP_TEST_PAGE.test(html)) return;
    const withRecorder = html.replace(/<head>/i, '<head><script src="/test/csp/violation-recorder.js"></script>');
    ctx.body = externalizeInlineScripts(withRecorder, inlineScripts);
    const page = ctx.URL.searchParams.get('wtr-session-id') ?? '';
    ctx.set('Content-Security-Policy', `${STRICT_POLICY}; report-uri ${PREFIX}report?page=${encodeURIComponent(page)}`);
    ctx.set('Cache-Control', 'no-store');
  };
}

/**
 * Replaces every `<script …>code</script>` without `src` by `<script … src="/__csp__/inline/<hash>.js">`.
 * @param {string} html
 * @param {Map<string, string>} store
 */
function externalizeInlineScripts(html, store) {
  return html.replace(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi, (whole, attrs, code) => {
    if (/\bsrc\s*=/i.test(attrs) || code.trim() === '') return whole;
    const hash = createHash('sha256').update(code).digest('hex').slice(0, 32);
    store.set(hash, code);
    return `<script${attrs} src="${PREFIX}inline/${hash}.js"></script>`;
  });
}

/** @param {import('node:http').IncomingMessage} req */
async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 1_000_000) break;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
