// Node side of the tests of the built script-tag bundle (test/bundle/*.test.ts, and the
// chunked build under the strict CSP in test/csp/): a middleware of web-test-runner.config.js.
//
// `GET /__bundle__/<run>/<mode>/dist/<file>` serves `dist/<file>` (the output of `npm run build`):
// the bundle loads its chunks relative to itself, so every chunk of a run comes through the
// same prefix, and each run (a unique id per test) is a copy of its own (a distinct module URL).
// The server logs each request of a run: `GET /__bundle__/<run>/log` answers
// `[{file, at, servedAt}]` (ms, server clock), so a test sees which chunks its page fetched and
// whether one had been served when something happened. Modes:
//   plain        as built;
//   slow-md      the markdown chunk (`markdown-<hash>.js`, the stack of marked, DOMPurify and the
//                stream renderer) is answered after SLOW_MS: a reply's first tokens arrive first.
import {readFile} from 'node:fs/promises';
import {join, normalize, sep} from 'node:path';

const PREFIX = '/__bundle__/';
export const SLOW_MS = 2500;
const MARKDOWN_CHUNK = /^markdown-[\w-]+\.js$/;

/** @param {string} root the project root (dist/ is under it) */
export function bundleMiddleware(root) {
  /** @type {Map<string, {file: string, at: number, servedAt: number | null}[]>} */
  const logs = new Map();
  const dist = join(root, 'dist');
  return async function bundle(ctx, next) {
    if (!ctx.path.startsWith(PREFIX)) return next();
    const parts = ctx.path.slice(PREFIX.length).split('/');
    const run = parts[0] ?? '';
    if (parts[1] === 'log') {
      ctx.type = 'application/json';
      ctx.set('Cache-Control', 'no-store');
      ctx.body = JSON.stringify(logs.get(run) ?? []);
      return;
    }
    const mode = parts[1];
    if (parts[2] !== 'dist' || !['plain', 'slow-md'].includes(mode ?? '')) {
      ctx.status = 404;
      return;
    }
    const rel = normalize(parts.slice(3).join('/'));
    if (rel.startsWith('..') || rel.includes(`${sep}..`)) {
      ctx.status = 404;
      return;
    }
    if (!logs.has(run)) logs.set(run, []);
    const entry = {file: rel, at: Date.now(), servedAt: null};
    logs.get(run).push(entry);
    let body;
    try {
      body = await readFile(join(dist, rel));
    } catch {
      ctx.status = 404;
      ctx.body = `dist/${rel} not found: run \`npm run build\` first`;
      return;
    }
    if (mode === 'slow-md' && MARKDOWN_CHUNK.test(rel)) await new Promise((r) => setTimeout(r, SLOW_MS));
    entry.servedAt = Date.now();
    ctx.type = rel.endsWith('.map') ? 'application/json' : 'text/javascript';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = body;
  };
}
