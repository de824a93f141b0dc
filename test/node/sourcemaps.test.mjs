// The built files' source maps lead back to the right source file and line: what a site owner
// debugging an error in production relies on. The bundle's chunks are edited after rolldown makes
// their maps (license banners, the compile hint, skipFacades in vite.config.ts); an edit the map
// does not know about moves every later position. Reads dist/ (`npm run build` first, as for
// package.test.mjs); skipped without it.
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, readFileSync, readdirSync} from 'node:fs';
import {SourceMap} from 'node:module';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
const built = existsSync(join(dist, 'chat-widget.js')) && existsSync(join(dist, 'index.js'));

/** The built file (path under dist/) with its decoded map. */
function load(file) {
  const code = readFileSync(join(dist, file), 'utf8');
  const payload = JSON.parse(readFileSync(join(dist, `${file}.map`), 'utf8'));
  return {code, payload, map: new SourceMap(payload)};
}

/** The source file that `offset` in the built file maps to, and the source text from that position on. */
function origin({code, payload, map}, offset) {
  const line = code.slice(0, offset).split('\n').length - 1;
  const entry = map.findEntry(line, offset - code.lastIndexOf('\n', offset - 1) - 1);
  const content = payload.sourcesContent[payload.sources.indexOf(entry.originalSource)];
  return {source: entry.originalSource, text: content?.split('\n')[entry.originalLine]?.slice(entry.originalColumn)};
}

/** Files of dist/ (the bundle's chunks at the top, the npm build's modules under lib/) that have a map. */
const mapped = () => readdirSync(dist, {recursive: true}).filter((f) => f.endsWith('.js') && existsSync(join(dist, `${f}.map`)));

describe('source maps', {skip: !built && 'run `npm run build` first'}, () => {
  test('known code in each chunk maps back to its source file, line and column', () => {
    // [built file, code in it (first occurrence), its source file, the source text there]
    const known = [
      [/^chat-widget\.js$/, '`chat-widget:load`', 'src/loader.ts', `'chat-widget:load'`],
      // The first code after the compile hint and the license banner.
      [/^widget-.*\.js$/, '`adoptedStyleSheets`', 'node_modules/@lit/reactive-element/css-tag.js', `"adoptedStyleSheets"`],
      [/^widget-.*\.js$/, 'customElements.define(', 'src/define.ts', 'customElements.define('],
      // Far along the element chunk's minified line, after calls skipFacades rewrote.
      [/^widget-.*\.js$/, '`history-limit`', 'src/chat-widget.ts', `'history-limit'`],
      [/^markdown-.*\.js$/, 'inlineTokens(', 'node_modules/marked/lib/marked.esm.js', 'inlineTokens('],
      [/^markdown-.*\.js$/, '`aria-hidden`', 'src/markdown/stream-renderer.ts', `'aria-hidden'`],
      [/^sanitizer-.*\.js$/, 'uponSanitizeElement', 'node_modules/dompurify/dist/purify.es.mjs', 'uponSanitizeElement'],
      [/^sanitizer-.*\.js$/, '`formaction`', 'src/markdown/html-render.ts', `'formaction'`],
      [/^highlighter-.*\.js$/, 'lastIndex:', 'node_modules/@speed-highlight/core/dist/tokenize.js', 'lastIndex:'],
      [/^highlighter-.*\.js$/, 'createDocumentFragment(', 'src/markdown/highlighter.ts', 'createDocumentFragment('],
      // The npm build.
      [/^define\.js$/, 'customElements.define(', 'src/define.ts', 'customElements.define('],
      [/^lib[\\/]chat-widget\.js$/, `"session-id"`, 'src/chat-widget.ts', `'session-id'`],
    ];
    const files = mapped();
    for (const [pattern, generated, source, text] of known) {
      const file = files.find((f) => pattern.test(f));
      assert.ok(file, `a built file matching ${pattern}`);
      const built = load(file);
      const offset = built.code.indexOf(generated);
      assert.ok(offset >= 0, `${generated} in ${file}`);
      const found = origin(built, offset);
      assert.ok(found.source?.endsWith(source), `${generated} in ${file} maps to ${found.source}, not ${source}`);
      assert.ok(found.text?.startsWith(text), `${generated} in ${file} maps to ${JSON.stringify(found.text?.slice(0, 40))} in ${source}`);
    }
  });

  test('in every built file, mapped names land on the same name in the source', () => {
    // A name the minifier keeps (4 characters or more: properties, keywords, strings) is at its
    // mapping's source position too, apart from rewrites: `undefined` → `void 0`, TypeScript's
    // parameter properties (`this.x = x`): 89% or more in each file of 20 names or more (in a
    // smaller one those rewrites alone can pass 15%). An offset leaves a few percent, and columns
    // off after skipFacades' rewrites about 70%.
    const checked = mapped();
    assert.ok(checked.some((f) => /^widget-/.test(f)) && checked.some((f) => /^lib[\\/]/.test(f)), checked.join(', '));
    for (const file of checked) {
      const {code, payload, map} = load(file);
      const lines = code.split('\n');
      const contents = new Map(payload.sources.map((s, i) => [s, payload.sourcesContent?.[i]?.split('\n')]));
      let names = 0;
      let same = 0;
      for (const [line, text] of lines.entries()) {
        for (const m of text.matchAll(/(?<![\w$])[A-Za-z_$][\w$]{3,}/g)) {
          const entry = map.findEntry(line, m.index);
          // Only names a mapping starts at (the others are inside a mapped span).
          if (m[0] === 'this' || m[0] === 'void' || entry.generatedLine !== line || entry.generatedColumn !== m.index || !contents.get(entry.originalSource)) continue;
          const original = contents.get(entry.originalSource)[entry.originalLine]?.slice(entry.originalColumn) ?? '';
          names++;
          if (original.replace(/^export\s+(?:default\s+)?|^['"`]/, '').startsWith(m[0])) same++;
        }
      }
      if (names >= 20) assert.ok(same >= names * 0.85, `${file}: ${same} of ${names} mapped names are found at their source position`);
    }
  });
});
