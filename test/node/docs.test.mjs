// The docs site (npm run docs) in headless Chromium, served as static files with no backend:
// the playground streams a reply from its in-page demo backend (the `demo` protocol, registered
// with ChatWidget.registerProtocol, speaking SSE to the site's service worker), and the
// reference page lists every member of custom-elements.json. `node --test test/node/` (part of
// `npm test`); builds the site first (a few seconds). Needs Chromium (CHROME_PATH or /usr/bin/chromium).
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {createServer} from 'node:http';
import {dirname, extname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import puppeteer from 'puppeteer-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const site = join(root, 'docs-dist');
const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const TYPES = {'.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json'};

describe('docs site', {skip: !existsSync(chrome) && 'no Chromium'}, () => {
  let server;
  let base;
  let browser;
  const requests = [];

  before(async () => {
    execFileSync(process.execPath, ['scripts/docs.js'], {cwd: root, stdio: 'pipe'});
    // A static file server and nothing else: GET of files; any other request is a 404.
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      const path = join(site, decodeURIComponent(new URL(req.url, 'http://x').pathname));
      const file = path.endsWith('/') ? join(path, 'index.html') : path;
      if (req.method !== 'GET' || !file.startsWith(site) || !existsSync(file)) return res.writeHead(404).end();
      res.writeHead(200, {'content-type': TYPES[extname(file)] ?? 'application/octet-stream'}).end(readFileSync(file));
    });
    await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${server.address().port}/`;
    browser = await puppeteer.launch({executablePath: chrome, headless: true, args: ['--no-sandbox', '--disable-gpu']});
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });

  test('the playground streams a reply from its in-page demo backend', async () => {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${base}playground.html`, {waitUntil: 'load'});
    await page.waitForFunction(() => document.documentElement.dataset.playground === 'ready', {timeout: 20_000});
    // Count the text lengths the reply goes through while it streams.
    await page.evaluate(() => {
      const w = document.querySelector('chat-widget');
      window.lengths = [];
      const tick = () => {
        const reply = w.messages.filter((m) => m.role === 'assistant').at(-1);
        if (reply && reply.id !== window.greetingId) window.lengths.push(reply.text.length);
        if (!reply || reply.status !== 'complete' || reply.id === window.greetingId) requestAnimationFrame(tick);
      };
      window.greetingId = w.messages.at(-1)?.id;
      requestAnimationFrame(tick);
      w.send('Show me some code');
    });
    await page.waitForFunction(
      () => {
        const m = document.querySelector('chat-widget').messages.filter((x) => x.role === 'assistant').at(-1);
        return m && m.id !== window.greetingId && m.status === 'complete';
      },
      {timeout: 20_000},
    );
    const result = await page.evaluate(() => {
      const w = document.querySelector('chat-widget');
      const reply = w.messages.at(-1);
      const shown = w.shadowRoot.querySelector('[part~="message-assistant"]:last-of-type')?.textContent ?? '';
      return {text: reply.text, role: reply.role, lengths: [...new Set(window.lengths)], code: !!w.shadowRoot.querySelector('[part~="code-block"]'), shown, status: w.status};
    });
    assert.equal(result.role, 'assistant');
    assert.match(result.text, /Here is how to embed the widget/);
    assert.ok(result.lengths.length >= 5, `streamed in steps: ${result.lengths.join(', ')}`);
    assert.ok(result.code, 'the code block is rendered');
    assert.deepEqual(errors, []);
    // Nothing but static GETs reached the server: the reply came from the page's own backend.
    assert.deepEqual(requests.filter((r) => !r.startsWith('GET ')), []);
    await page.close();
  });

  test('the reference page shows every member of the manifest', async () => {
    const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
    const element = manifest.modules.flatMap((m) => m.declarations).find((d) => d.tagName === 'chat-widget');
    const expected = [
      ...element.attributes.map((a) => `attribute:${a.name}`),
      ...element.members.filter((m) => m.kind === 'field').map((m) => `property:${m.name}`),
      ...element.members.filter((m) => m.kind === 'method').map((m) => `method:${m.name}`),
      ...element.events.map((e) => `event:${e.name}`),
      ...element.cssParts.map((p) => `part:${p.name}`),
      ...element.cssProperties.map((p) => `css-property:${p.name}`),
      ...element.slots.map((s) => `slot:${s.name}`),
      ...element.cssStates.map((s) => `css-state:${s.name}`),
    ];
    const page = await browser.newPage();
    await page.goto(`${base}reference.html`, {waitUntil: 'load'});
    const shown = await page.evaluate(() =>
      [...document.querySelectorAll('[data-member]')].filter((el) => el.getBoundingClientRect().height > 0).map((el) => el.dataset.member),
    );
    assert.deepEqual(expected.filter((m) => !shown.includes(m)), []);
    assert.ok(expected.length > 100, `${expected.length} members`);
    await page.close();
  });

  test('every page has the shared stylesheet and working internal links', async () => {
    const page = await browser.newPage();
    const broken = [];
    for (const path of ['index.html', 'theming.html', 'i18n.html', 'protocols/openai.html', 'protocols/brand.html', 'protocols/custom.html']) {
      await page.goto(`${base}${path}`, {waitUntil: 'load'});
      const {css, links} = await page.evaluate(() => ({
        css: getComputedStyle(document.body).display,
        links: [...document.querySelectorAll('a[href]')].map((a) => a.href).filter((h) => h.startsWith(location.origin)),
      }));
      assert.equal(css, 'grid', `${path} uses site.css`);
      for (const link of new Set(links.map((l) => l.split('#')[0]))) {
        const res = await fetch(link);
        if (!res.ok) broken.push(`${path} → ${link}`);
      }
    }
    assert.deepEqual(broken, []);
    await page.close();
  });
});
