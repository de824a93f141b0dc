#!/usr/bin/env node
// `npm run test:consumers`: the package as new users get it. Packs it (`npm pack`), installs the
// tarball into fresh consumer projects in a scratch folder (with their own React 19, Vue 3,
// vue-tsc, Vite, TypeScript from the registry), then for each: type-check, build, and render in
// headless Chromium (puppeteer-core, CHROME_PATH or /usr/bin/chromium):
// Each page's widgets talk `openai` to an OpenAI-compatible endpoint of the test's own server, and
// each must stream a reply that its framework's listener sees.
//   react    Vite + React 19, strict TS: <chat-widget> directly (chat-widget/types/react) and chat-widget/react
//   vue      Vite + Vue 3, vue-tsc with strictTemplates (and a file it must reject)
//   plain    plain TS with document.createElement('chat-widget')
//   ssr      a server-component render (renderToString) of the 'use client' wrapper, hydrated in the browser
//   require  require('chat-widget') from CommonJS (type-checked with module nodenext)
// Slow (installs from the registry): not part of `npm test`. Needs `npm run build` first.
// KEEP=1 keeps the scratch folder; CONSUMERS_DIR=… sets it.
import {execFileSync, spawnSync} from 'node:child_process';
import {cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:http';
import {tmpdir} from 'node:os';
import {dirname, extname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import puppeteer from 'puppeteer-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const scratch = process.env.CONSUMERS_DIR ?? mkdtempSync(join(tmpdir(), 'chat-widget-consumers-'));
mkdirSync(scratch, {recursive: true});
const results = [];

function run(cmd, args, cwd, {expectFail = false} = {}) {
  const r = spawnSync(cmd, args, {cwd, encoding: 'utf8', env: {...process.env, NODE_ENV: 'production'}});
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (expectFail ? r.status === 0 : r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) ${expectFail ? 'passed but must fail' : `failed (${r.status})`}:\n${out}`);
  }
  return out;
}
function step(name, fn) {
  const t0 = Date.now();
  try {
    const note = fn();
    results.push({name, ok: true, ms: Date.now() - t0, note});
    console.log(`  ok   ${name}${note ? `: ${note}` : ''} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (error) {
    results.push({name, ok: false});
    console.log(`  FAIL ${name}\n${String(error.message ?? error).replace(/^/gm, '       ')}`);
  }
}
async function stepAsync(name, fn) {
  const t0 = Date.now();
  try {
    const note = await fn();
    results.push({name, ok: true});
    console.log(`  ok   ${name}${note ? `: ${note}` : ''} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (error) {
    results.push({name, ok: false});
    console.log(`  FAIL ${name}\n${String(error.message ?? error).replace(/^/gm, '       ')}`);
  }
}

/** The reply the test backend streams: the user's words back, in pieces. */
const REPLY = (text) => `You said: ${text}. This reply streamed from the consumer test's backend.`;

/**
 * Serves a built project on 127.0.0.1 (a free port), and answers `POST /v1/chat/completions` as an
 * OpenAI-compatible server (Chat Completions streaming, Server-Sent Events), so each widget on the
 * page (protocol="openai", url = the page's origin) streams a real reply.
 */
function serve(dir) {
  const types = {'.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json'};
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (req.method === 'POST' && path === '/v1/chat/completions') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const messages = JSON.parse(body).messages ?? [];
      const words = REPLY(messages.at(-1)?.content ?? '').split(/(?<= )/);
      res.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-store'});
      const chunk = (delta, finish = null) => `data: ${JSON.stringify({id: 'c1', object: 'chat.completion.chunk', choices: [{index: 0, delta, finish_reason: finish}]})}\n\n`;
      res.write(chunk({role: 'assistant', content: ''}));
      for (const word of words) {
        res.write(chunk({content: word}));
        await new Promise((ok) => setTimeout(ok, 10));
      }
      res.end(`${chunk({}, 'stop')}data: [DONE]\n\n`);
      return;
    }
    const file = existsSync(join(dir, path)) && !path.endsWith('/') ? join(dir, path) : join(dir, path, 'index.html');
    if (!existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, {'content-type': types[extname(file)] ?? 'application/octet-stream'}).end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({server, url: `http://127.0.0.1:${server.address().port}/`})));
}

console.log(`consumer projects in ${scratch}`);
let tarball;
step('npm pack', () => {
  const out = execFileSync('npm', ['pack', '--pack-destination', scratch, '--json'], {cwd: root, encoding: 'utf8'});
  const [info] = JSON.parse(out.slice(out.indexOf('[')));
  tarball = join(scratch, info.filename);
  return `${info.filename}, ${info.entryCount} files, ${(info.size / 1024).toFixed(0)} KB packed`;
});
step('npm install (React 19, Vue 3, vue-tsc, Vite, TypeScript, the tarball)', () => {
  cpSync(here, scratch, {recursive: true, filter: (src) => !src.endsWith('run.js')});
  const pkg = JSON.parse(readFileSync(join(scratch, 'package.json'), 'utf8'));
  pkg.dependencies['chat-widget'] = `file:${tarball}`;
  writeFileSync(join(scratch, 'package.json'), JSON.stringify(pkg, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], scratch);
  const installed = readdirSync(join(scratch, 'node_modules'));
  const v = (name) => JSON.parse(readFileSync(join(scratch, 'node_modules', name, 'package.json'), 'utf8')).version;
  return `react ${v('react')}, vue ${v('vue')}, vue-tsc ${v('vue-tsc')}, vite ${v('vite')}, typescript ${v('typescript')} (${installed.length} top-level packages)`;
});
if (results.some((r) => !r.ok)) process.exit(1);
const bin = (name) => join(scratch, 'node_modules', '.bin', name);

// Type-check and build.
step('react: tsc (strict)', () => void run(bin('tsc'), ['-p', '.'], join(scratch, 'react')));
step('react: vite build', () => void run(bin('vite'), ['build'], join(scratch, 'react')));
step('vue: vue-tsc --strictTemplates', () => void run(bin('vue-tsc'), ['-p', 'tsconfig.json'], join(scratch, 'vue')));
step('vue: vue-tsc rejects a read-only prop, a wrong type, a wrong listener', () => {
  const out = run(bin('vue-tsc'), ['-p', 'tsconfig.bad.json'], join(scratch, 'vue'), {expectFail: true});
  const errors = out.match(/error TS\d+/g) ?? [];
  const lines = new Set([...out.matchAll(/Bad\.vue\((\d+),/g)].map((m) => m[1]));
  if (lines.size < 3) throw new Error(`expected errors on 3 lines of Bad.vue, got ${[...lines]}:\n${out}`);
  return `${errors.length} errors on lines ${[...lines].join(', ')}`;
});
step('vue: vite build', () => void run(bin('vite'), ['build'], join(scratch, 'vue')));
step('plain: tsc (strict)', () => void run(bin('tsc'), ['-p', '.'], join(scratch, 'plain')));
step('plain: vite build', () => void run(bin('vite'), ['build'], join(scratch, 'plain')));
step('ssr: dist/react.js starts with the use client directive', () => {
  const first = readFileSync(join(scratch, 'node_modules/chat-widget/dist/react.js'), 'utf8').split('\n')[0];
  if (!/^["']use client["'];?$/.test(first)) throw new Error(`first line: ${first}`);
  return first;
});
step('ssr: tsc (strict)', () => void run(bin('tsc'), ['-p', '.'], join(scratch, 'ssr')));
step('ssr: vite build (client) and vite build --ssr (server)', () => {
  run(bin('vite'), ['build'], join(scratch, 'ssr'));
  run(bin('vite'), ['build', '--ssr', 'src/render.tsx', '--outDir', 'dist-server'], join(scratch, 'ssr'));
});
step('ssr: renderToString in Node', () => {
  const script = `import('./dist-server/render.js').then(({render}) => process.stdout.write(render()))`;
  const html = run(process.execPath, ['-e', script], join(scratch, 'ssr'));
  if (!/<chat-widget[^>]*id="ssr"/.test(html)) throw new Error(`no <chat-widget id="ssr"> in: ${html}`);
  const page = readFileSync(join(scratch, 'ssr/dist/index.html'), 'utf8').replace('<!--ssr-->', html);
  writeFileSync(join(scratch, 'ssr/dist/index.html'), page);
  return html.match(/<chat-widget[^>]*>/)[0];
});
step('require: tsc (module nodenext, .cts)', () => void run(bin('tsc'), ['-p', '.'], join(scratch, 'require')));
step("require: node out/index.cjs (require('chat-widget'))", () => {
  const out = run(process.execPath, ['out/index.cjs'], join(scratch, 'require')).trim();
  const r = JSON.parse(out.split('\n').pop());
  if (!(r.protocols > 0 && r.events > 0 && r.element === 'function')) throw new Error(out);
  return out.split('\n').pop();
});

// Render in headless Chromium.
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu'],
});
/**
 * Opens a built project; sends a message from each <chat-widget> (by id) and waits for the streamed
 * reply; returns what each widget shows and the page's `consumer` record (what its listeners saw).
 */
async function open(project, ids) {
  const {server, url} = await serve(join(scratch, project, 'dist'));
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  try {
    await page.goto(url, {waitUntil: 'load'});
    await page.waitForFunction(
      (ids) => ids.every((id) => document.getElementById(id)?.shadowRoot?.querySelector('[part~="input"]')),
      {timeout: 15_000},
      ids,
    );
    await page.evaluate((ids) => ids.forEach((id) => document.getElementById(id).send(`hello from ${id}`)), ids);
    await page.waitForFunction(
      (ids) => ids.every((id) => document.getElementById(id).messages.some((m) => m.role === 'assistant' && m.status === 'complete')),
      {timeout: 15_000},
      ids,
    );
    const seen = await page.evaluate((ids) => {
      const out = {};
      for (const id of ids) {
        const el = document.getElementById(id);
        const reply = el.messages.find((m) => m.role === 'assistant');
        out[id] = {
          upgraded: customElements.get('chat-widget') === el.constructor,
          heading: el.shadowRoot.querySelector('[part~="header"]')?.textContent.replace(/\s+/g, ' ').trim(),
          reply: reply.text,
          shown: el.shadowRoot.querySelector('[part~="message-assistant"]')?.textContent.replace(/\s+/g, ' ').trim(),
          context: JSON.stringify(el.context),
        };
      }
      return {widgets: out, consumer: window.consumer};
    }, ids);
    if (problems.length) throw new Error(problems.join('\n'));
    for (const id of ids) {
      const w = seen.widgets[id];
      if (w.reply !== REPLY(`hello from ${id}`) || !w.shown.includes(`You said: hello from ${id}`)) throw new Error(`${id}: no streamed reply: ${JSON.stringify(w)}`);
    }
    return seen;
  } finally {
    await page.close();
    server.close();
  }
}
const expect = (cond, what, seen) => {
  if (!cond) throw new Error(`${what}: ${JSON.stringify(seen)}`);
};
await stepAsync('react: renders in Chromium and streams a reply (direct element and wrapper; props as properties, listeners)', async () => {
  const s = await open('react', ['direct', 'wrapped']);
  expect(s.widgets.direct.upgraded && s.widgets.wrapped.upgraded, 'upgraded', s);
  expect(s.widgets.direct.heading.startsWith('Direct') && s.widgets.wrapped.heading.startsWith('Wrapped'), 'heading', s);
  expect(s.widgets.direct.context === '{"plan":"pro"}' && s.widgets.wrapped.context === '{"plan":"team"}', 'context set as an object', s);
  expect(s.consumer.direct === s.widgets.direct.reply && s.consumer.wrapped === s.widgets.wrapped.reply, 'onchat-message / onChatMessage listeners', s);
  expect(s.consumer.refIsElement === true, "the wrapper's ref is the element", s);
  return `"${s.widgets.wrapped.reply}" in both; chat-message seen by both listeners`;
});
await stepAsync('vue: renders in Chromium and streams a reply (:context as a property, @chat-message)', async () => {
  const s = await open('vue', ['vue']);
  expect(s.widgets.vue.heading.startsWith('Vue') && s.widgets.vue.context === '{"plan":"pro"}' && s.consumer.vue === s.widgets.vue.reply, 'vue', s);
  return `heading "${s.widgets.vue.heading}", context ${s.widgets.vue.context}, chat-message seen`;
});
await stepAsync('plain: renders in Chromium and streams a reply (createElement, addEventListener)', async () => {
  const s = await open('plain', ['plain']);
  expect(s.widgets.plain.heading.startsWith('Plain') && s.widgets.plain.context === '{"plan":"pro"}', 'plain', s);
  expect(s.consumer.plain === s.widgets.plain.reply && s.consumer.isWidget === true && s.consumer.protocols > 0, 'plain consumer', s);
  return `heading "${s.widgets.plain.heading}", chat-message seen, ${s.consumer.protocols} built-in protocols`;
});
await stepAsync('ssr: the server HTML hydrates in Chromium and streams a reply (props set after hydration)', async () => {
  const s = await open('ssr', ['ssr']);
  expect(s.widgets.ssr.upgraded && s.widgets.ssr.heading.startsWith('Server') && s.widgets.ssr.context === '{"plan":"pro"}', 'ssr', s);
  expect(s.consumer.ssr === s.widgets.ssr.reply, 'onChatMessage after hydration', s);
  return `heading "${s.widgets.ssr.heading}", context ${s.widgets.ssr.context}, chat-message seen`;
});
await browser.close();

const failed = results.filter((r) => !r.ok);
console.log(`\n${results.length - failed.length}/${results.length} consumer checks passed${failed.length ? `; failed: ${failed.map((r) => r.name).join('; ')}` : ''}.`);
if (!process.env.KEEP && !process.env.CONSUMERS_DIR) rmSync(scratch, {recursive: true, force: true});
process.exit(failed.length ? 1 : 0);
