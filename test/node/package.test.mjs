// The published package's facts (issue 12): what `npm run build` puts in dist/ and what the
// manifest says. `node --test test/node/` (part of `npm test`, after `npm run build`); skipped
// without dist/. The full consumer check (npm pack into React, Vue, plain TS, SSR and require()
// projects) is `npm run test:consumers`.
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, readFileSync, readdirSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const built = existsSync(join(root, 'dist', 'chat-widget.js')) && existsSync(join(root, 'dist', 'index.js'));
const read = (file) => readFileSync(join(root, file), 'utf8');
const pkg = JSON.parse(read('package.json'));

/** Bundles `code` as a consumer's bundler would (the package resolved through its own exports). */
async function consumerBundle(code) {
  const result = await build({
    stdin: {contents: code, resolveDir: root, loader: 'js'},
    bundle: true,
    write: false,
    format: 'esm',
    minify: true,
    metafile: true,
    logLevel: 'silent',
    platform: 'browser',
  });
  const [output] = Object.values(result.metafile.outputs);
  const inputs = Object.entries(output.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([name]) => name);
  return {bytes: result.outputFiles[0].contents.length, inputs};
}

describe('package', {skip: !built && 'run `npm run build` first'}, () => {
  test("dist/react.js is a client module ('use client' first) that registers the element", () => {
    const lines = read('dist/react.js').split('\n');
    assert.match(lines[0], /^["']use client["'];?$/);
    assert.ok(lines.some((l) => /^import ["']\.\/define\.js["'];?$/.test(l)), 'imports ./define.js');
    assert.ok(!/from ["']@lit\/react["']/.test(read('dist/react.js')), '@lit/react ships inside the package');
    assert.ok(!('@lit/react' in pkg.dependencies), '@lit/react is not a dependency (it would pull @types/react)');
  });

  test('importing one constant from the npm entry pulls neither lit, marked, DOMPurify nor the element', async () => {
    const {bytes, inputs} = await consumerBundle(`import {ROLES} from 'chat-widget'; console.log(ROLES);`);
    assert.ok(bytes < 2_000, `${bytes} bytes`);
    assert.ok(!inputs.some((i) => /node_modules|chat-widget\.js$/.test(i)), inputs.join('\n'));
    const protocols = await consumerBundle(`import {BUILTIN_PROTOCOLS} from 'chat-widget'; console.log(BUILTIN_PROTOCOLS);`);
    assert.ok(protocols.bytes < 40_000, `BUILTIN_PROTOCOLS: ${protocols.bytes} bytes`);
    assert.ok(!protocols.inputs.some((i) => /node_modules/.test(i)), protocols.inputs.join('\n'));
  });

  test("require('chat-widget') works (a `default` export condition; Node 20.19+ requires ES modules)", () => {
    const require = createRequire(join(root, 'package.json'));
    const cw = require('chat-widget');
    assert.equal(typeof cw.ChatWidget, 'function');
    assert.ok(cw.BUILTIN_PROTOCOLS.includes('openai'));
  });

  test('every entry has types; the CDN fields point at the browser bundle', () => {
    for (const [entry, target] of Object.entries(pkg.exports)) {
      if (typeof target === 'string') {
        assert.ok(existsSync(join(root, target)), `${entry} → ${target}`);
        continue;
      }
      assert.ok(target.types, `${entry} has types`);
      if (!entry.includes('*')) {
        assert.ok(existsSync(join(root, target.types)), `${entry} → ${target.types}`);
        if (target.default) assert.ok(existsSync(join(root, target.default)), `${entry} → ${target.default}`);
      }
    }
    assert.equal(pkg.jsdelivr, './dist/chat-widget.js');
    assert.equal(pkg.unpkg, './dist/chat-widget.js');
  });

  test("the loader and the element's chunk open with V8's compile hint; the chunks that run little at load do not", () => {
    // `//# allFunctionsCalledOnLoad` (Chrome 136+) must be the file's first line to count.
    const js = readdirSync(join(root, 'dist')).filter((f) => f.endsWith('.js'));
    const hinted = js.filter((f) => read(`dist/${f}`).startsWith('//# allFunctionsCalledOnLoad\n')).sort();
    assert.equal(hinted.length, 2, hinted.join(', '));
    assert.equal(hinted[0], 'chat-widget.js');
    assert.match(hinted[1], /^widget-.*\.js$/);
    assert.match(read(`dist/${hinted[1]}`), /customElements\.define\(/);
  });

  test('the script-tag bundle keeps the third-party license notices', () => {
    // The loader and the chunks it loads: each file names the third-party code it holds
    // (DOMPurify is in the sanitizer chunk, with the copy of marked's HTML renderer).
    const files = readdirSync(join(root, 'dist')).filter((f) => /^(?:chat-widget|widget-.*|markdown-.*|sanitizer-.*)\.js$/.test(f));
    assert.ok(files.length >= 4, files.join(', '));
    const head = files.map((f) => read(`dist/${f}`).slice(0, 2_000)).join('\n');
    for (const name of ['lit ', 'lit-html', 'marked', 'dompurify']) assert.ok(head.includes(` * ${name}`), name);
    const highlighter = readdirSync(join(root, 'dist')).find((f) => /^highlighter-.*\.js$/.test(f));
    assert.match(read(`dist/${highlighter}`).slice(0, 500), /@speed-highlight\/core/);
    const notices = read('dist/THIRD-PARTY-NOTICES.md');
    for (const name of ['lit', 'marked', 'dompurify', '@speed-highlight/core']) assert.ok(notices.includes(`## ${name} `), name);
    assert.match(read('LICENSE'), /^MIT License/);
  });
});

describe('manifest', () => {
  const manifest = JSON.parse(read('custom-elements.json'));
  const element = manifest.modules.flatMap((m) => m.declarations).find((d) => d.tagName === 'chat-widget');
  const sources = (dir) =>
    readdirSync(join(root, dir), {withFileTypes: true}).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [read(join(dir, e.name))] : []));
  const src = sources('src').join('\n');

  test('lists every --chat-* custom property the styles read', () => {
    const used = new Set([...src.matchAll(/var\((--chat-[a-z0-9-]+)/g)].map((m) => m[1]));
    const listed = new Set(element.cssProperties.map((p) => p.name));
    assert.deepEqual([...used].filter((n) => !listed.has(n)), []);
  });

  test('lists every part the templates set', () => {
    const used = new Set();
    for (const [, value] of src.matchAll(/\bpart="([^"]+)"/g)) {
      for (const word of value.replace(/\$\{[^}]*\}/g, (m) => ` ${[...m.matchAll(/'\s+([a-z-]+)'/g)].map((x) => x[1]).join(' ')} `).split(/\s+/)) {
        if (/^[a-z][a-z-]*[a-z]$/.test(word)) used.add(word);
      }
    }
    for (const role of ['user', 'assistant', 'system']) used.add(`message-${role}`);
    const listed = new Set(element.cssParts.map((p) => p.name));
    assert.deepEqual([...used].filter((n) => !listed.has(n)), []);
  });

  test('describes the published package only: dist/ paths, no private members', () => {
    assert.deepEqual(manifest.modules.map((m) => m.path), ['dist/index.js', 'dist/define.js']);
    assert.ok(!JSON.stringify(manifest).includes('src/'));
    assert.deepEqual(element.members.filter((m) => m.privacy === 'private' || m.name.startsWith('#')), []);
  });
});
