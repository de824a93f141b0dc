import {fileURLToPath} from 'node:url';
import {defineConfig, type Plugin} from 'vite';
import {noticeBanner, thirdPartyNotices} from './scripts/third-party-notices.js';
import {decodeSegment, encodeValue} from './scripts/vlq.js';

/**
 * Collapses comments and whitespace inside Lit `css` literals of the bundle (they
 * hold no interpolations). Spaces around `:` are kept in selectors (`.a :focus` ≠ `.a:focus`);
 * the space after a declaration's `property:` goes (a declaration starts after `{` or `;`, and
 * a selector's pseudo-class never has a space after its colon).
 */
function minifyCssLiterals(): Plugin {
  const squeeze = (css: string) =>
    css
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,>])\s*/g, '$1')
      .replace(/;}/g, '}')
      .replace(/([{;])(-*[a-z][-\w]*):\s+/gi, '$1$2:')
      .trim();
  return {
    name: 'minify-css-literals',
    transform(code, id) {
      if (!/\.styles\.ts$/.test(id)) return null;
      return {code: code.replace(/css`([^`$]*)`/g, (_m, body: string) => `css\`${squeeze(body)}\``), map: null};
    },
  };
}

/**
 * `src/define.ts` registers the element: a side effect that package.json's `sideEffects` (which
 * lists the built files) does not name. In the bundle it is a chunk the loader imports, not an
 * entry, so it must be marked, or the registration would be shaken off.
 */
function keepDefine(): Plugin {
  return {
    name: 'keep-define',
    transform(code, id) {
      return /[\\/]src[\\/]define\.ts$/.test(id) ? {code, map: null, moduleSideEffects: true} : null;
    },
  };
}

/**
 * A source map (JSON) whose generated columns from `column` on `line` (both 0-based) on are
 * `delta` later: the code there moved. In `mappings` a segment's first number is its column
 * relative to the segment before, so only the first segment at or past `column` changes.
 */
function shiftMappings(json: string, line: number, column: number, delta: number): string {
  const map = JSON.parse(json) as {mappings: string};
  const lines = map.mappings.split(';');
  const segments = (lines[line] ?? '').split(',');
  let at = 0;
  for (const [k, segment] of segments.entries()) {
    const [relative = 0, ...others] = decodeSegment(segment);
    at += relative;
    if (at < column) continue;
    segments[k] = [relative + delta, ...others].map(encodeValue).join('');
    lines[line] = segments.join(',');
    return JSON.stringify({...map, mappings: lines.join(';')});
  }
  return json;
}

/**
 * A dynamic import whose target chunk only re-exports another chunk (a facade: rolldown keeps
 * them when a module uses top-level await, as the loader does) costs the page one more round trip
 * before the code it wants. This imports the chunk behind the facade directly, mapping its export
 * names, and drops the facade (only for chunks side by side, as the bundle's are). The importer's
 * source map (already its `.map` asset here) is shifted past each longer call.
 */
function skipFacades(): Plugin {
  const FACADE = /^export\s*\{([^}]*)\}\s*from\s*["'`]\.\/([^"'`/]+)["'`];?\s*(?:\/\/# sourceMappingURL=\S+\s*)?$/;
  const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return {
    name: 'skip-facades',
    generateBundle(_options, bundle) {
      for (const [file, chunk] of Object.entries(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.isDynamicEntry || file.includes('/')) continue;
        const m = FACADE.exec(chunk.code.trim());
        if (!m) continue;
        const names = m[1]!.split(',').map((x) => x.trim()).filter(Boolean).map((x) => {
          const [local, exported] = x.split(/\s+as\s+/);
          return `${JSON.stringify(exported ?? local)}:m.${local}`;
        });
        const call = new RegExp(`import\\(\\s*["'\`]\\./${escape(file)}["'\`]\\s*\\)`, 'g');
        const direct = `import(\`./${m[2]}\`).then(m=>({${names.join(',')}}))`;
        let rewritten = false;
        for (const [otherFile, other] of Object.entries(bundle)) {
          if (other.type !== 'chunk' || other === chunk) continue;
          const calls = [...other.code.matchAll(call)];
          if (!calls.length) continue;
          const map = bundle[`${otherFile}.map`];
          // Shift from the last call back, so that each call's position is still the one in the map.
          for (const found of calls.reverse()) {
            const end = found.index! + found[0].length;
            const line = other.code.slice(0, end).split('\n').length - 1;
            const column = end - other.code.lastIndexOf('\n', end - 1) - 1;
            if (map?.type === 'asset') map.source = shiftMappings(String(map.source), line, column, direct.length - found[0].length);
          }
          other.code = other.code.replace(call, direct);
          rewritten = true;
        }
        if (rewritten) {
          delete bundle[file];
          delete bundle[`${file}.map`];
        }
      }
    },
  };
}

/**
 * V8's explicit compile hint (Chrome 136+; other engines read a comment): the element's chunk
 * runs much of its code while the widget starts (lit, the element's lifecycle, its first render).
 * Without the hint V8 compiles each of those functions on the main thread when first called
 * (bench startup trace: about 5 ms of the 13 ms task that defines and renders an inline widget);
 * with it, it compiles the whole file on a background thread while the file streams in (about
 * 12 ms more there: the code the start does not run is compiled too). The loader (the entry,
 * `chat-widget`) is hinted too: it is small and nearly all of it runs at once (drawing the
 * launcher: about 1 ms less of the host page's main thread in A/B traces). The other chunks
 * (markdown, highlighter, adapters, locales) run little at load and stay lazily compiled. The
 * comment must open the file, before the license banner: both are rolldown's `postBanner`
 * (below), which comes after minification (that would drop comments) and shifts the chunk's
 * source map.
 */
const compileHint = (chunk: {name: string}) => (chunk.name === 'widget' || chunk.name === 'chat-widget' ? '//# allFunctionsCalledOnLoad' : '');

/**
 * What opens a bundle chunk: the compile hint, then the license notice (scripts/third-party-notices.js).
 * Rolldown puts its own line break after a post-banner, even an empty one: a chunk with neither
 * gets none (undefined, which rolldown reads as no banner, though its type says string).
 */
const postBanner = (chunk: {name: string; moduleIds: string[]}) =>
  [compileHint(chunk), noticeBanner(chunk)].filter(Boolean).join('\n') || (undefined as unknown as string);

/**
 * marked ships one prebuilt module whose tail makes its default instance (`marked`, `new Marked()`)
 * and hangs the shorthand functions on it (`marked.use = …`): side effects that keep every class
 * of the module in the bundle, whatever is imported. The bundle imports classes only: marked's
 * lexer in the markdown chunk (src/markdown/markdown.ts), its HTML renderer in the sanitizer chunk
 * (src/markdown/html-render.ts). This drops that tail and exports the classes, so each chunk keeps
 * what it uses (the markdown chunk has no HTML renderer). The sanitizer chunk gets a copy of the
 * module of its own (`marked?sanitizer`: a module is in one chunk only, and the markdown chunk
 * must not hold the renderer). Fails the build if marked's module no longer has that shape.
 */
function markedClassesOnly(): Plugin {
  const COPY = '?sanitizer';
  const KEEP = ['Hooks', 'Lexer', 'Marked', 'Parser', 'Renderer', 'TextRenderer', 'Tokenizer', 'defaults', 'getDefaults'];
  return {
    name: 'marked-classes-only',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (source !== 'marked' || !importer || !/[\\/]src[\\/]markdown[\\/]html-render\.ts$/.test(importer)) return null;
      const resolved = await this.resolve(source, importer, {skipSelf: true});
      return resolved ? `${resolved.id}${COPY}` : null;
    },
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]marked[\\/]lib[\\/]marked\.esm\.js(?:\?sanitizer)?$/.test(id)) return null;
      const fail = (why: string) => this.error(`marked-classes-only: ${why}; marked's module changed shape, update this plugin (vite.config.ts)`);
      const exp = /export\s*\{([^}]*)\};?\s*(?:\/\/# sourceMappingURL=\S+\s*)?$/.exec(code);
      if (!exp) return fail('no export list at the end');
      const locals = new Map(exp[1]!.split(',').map((x) => x.trim().split(/\s+as\s+/) as [string, string]).map(([local, name]) => [name ?? local, local]));
      const instance = new RegExp(`var ([\\w$]+)=new ${locals.get('Marked')?.replace(/\$/g, '\\$')};function ${locals.get('marked')?.replace(/\$/g, '\\$')}\\(`).exec(code);
      if (!instance || KEEP.some((name) => !locals.has(name))) return fail('no default instance before the `marked` function');
      const kept = KEEP.map((name) => `${locals.get(name)} as ${name}`).join(',');
      return {code: `${code.slice(0, instance.index)}export{${kept}};\n`, map: null};
    },
  };
}

/**
 * Two builds:
 * - default: the npm entry points (`dist/index.js`, `dist/define.js`, `dist/react.js`), ESM,
 *   with lit, marked, dompurify, @speed-highlight/core and react left external for
 *   the host's bundler (every other module in `dist/lib/`, @lit/react in `dist/lib/vendor/`);
 * - `--mode bundle`: `dist/chat-widget.js`, a minified ES module for `<script type="module">`
 *   embeds: a small loader (src/loader.ts) that imports the rest (all dependencies inlined)
 *   from chunks emitted beside it, relative to itself (CONTRACT §12): the element
 *   `dist/widget-<hash>.js` (at once for an inline widget; for launchers when the visitor
 *   reaches for one or the browser is idle), the markdown stack `dist/markdown-<hash>.js`
 *   (marked's lexer, the stream renderer; when a text needs it, or when idle), the syntax
 *   highlighter `dist/highlighter-<hash>.js`, loaded only when a reply shows a code block, and
 *   the chunks of BUNDLE_CHUNKS below (the HTML path with DOMPurify, the view's extras, the
 *   transports, JSON Patch), each loaded the first time a conversation needs it;
 * - both: `dist/locales/<lang>.js`, the locale modules (they import nothing), loaded by the
 *   widget when it shows that language, or imported by the page (`chat-widget/locales/<lang>`).
 * `npm start` (demo/start.js) runs the dev server with the demo page at /demo/.
 */
/**
 * Locale modules: side-effect imports kept out of the main bundle, emitted as
 * `dist/locales/<lang>.js` in both builds. The widget imports the one it needs by itself
 * (`loadLocale` in src/i18n/strings.ts), relative to its own file, as it does the highlighter.
 */
const LOCALES = Object.fromEntries(
  ['ar', 'de', 'es', 'fr', 'id', 'ja', 'pt', 'zh', 'zh-Hant'].map((lang) => [`locales/${lang}`, `src/i18n/locales/${lang}.ts`]),
);

/** npm build: the entry points at the top of dist/, every other module under dist/lib/. */
const NPM_ENTRIES = new Set(['index', 'define', 'react', ...Object.keys(LOCALES)]);
const npmFileName = (chunk: {name: string; isEntry: boolean}) =>
  chunk.isEntry && NPM_ENTRIES.has(chunk.name)
    ? '[name].js'
    : `lib/${chunk.name.replace(/^node_modules\//, 'vendor/').replace(/^_virtual\/.*\/([^/]+)$/, '_virtual/$1')}.js`;

/**
 * The bundle's chunks by module: the markdown stack in one chunk (with the choice of the code
 * blocks to highlight, src/markdown/highlight.ts, which only the stream renderer asks for: not
 * compiled before the first paint), everything else the element needs in `widget` (so no small
 * chunk is split off for a module the two share: the element has always loaded before the
 * markdown chunk). The highlighter, the locales and the built-in protocol adapters
 * (src/protocols/builtin-lazy.ts takes the place of builtin.ts) stay chunks of their own.
 */
const MARKDOWN_STACK = /[\\/](?:node_modules[\\/]marked[\\/]|src[\\/](?:render[\\/]markdown-chunk|markdown[\\/](?:stream-renderer|markdown|dom-render|cut|highlight)|styles[\\/]markdown\.styles)\.)/;
const OWN_CHUNK = /[\\/](?:src[\\/](?:loader|markdown[\\/]highlighter|styles[\\/]highlight\.styles|i18n[\\/]locales[\\/][^\\/]+|protocols[\\/](?:job|brand|agent|session|template|openai|ai-sdk|ag-ui))\.ts$|node_modules[\\/]@speed-highlight[\\/])/;
/**
 * The HTTP transports (SSE reader, HTTP start with retries): one chunk, which
 * src/transport/request-transports-lazy.ts (in place of request-transports.ts) loads beside the
 * adapter of an HTTP protocol; a WebSocket protocol never needs it. The `job` flow (an HTTP start,
 * then a WebSocket) is a chunk of its own beside it, which only `job` loads.
 */
const HTTP_TRANSPORTS = /[\\/]src[\\/]transport[\\/](?:sse-transport|sse|request-transport|http|start-retry)\.ts$/;
const JOB_FLOW = /[\\/]src[\\/]transport[\\/]job\.ts$/;
/**
 * The WebSocket transport and the URL and frame helpers only the WebSocket adapters use: one chunk,
 * loaded beside a WebSocket protocol's adapter (request-transports-lazy.ts, builtin-lazy.ts); an HTTP
 * protocol never needs it (`job`'s flow imports it).
 */
const SOCKET = /[\\/]src[\\/](?:transport[\\/]websocket|protocols[\\/]socket-(?:url|frame))\.ts$/;
/**
 * The HTML path of markdown (raw HTML): marked's HTML renderer (a copy of marked's module, see
 * markedClassesOnly) and DOMPurify, loaded by src/markdown/markdown.ts the first time a text holds
 * raw HTML. A conversation without raw HTML never fetches it.
 */
const SANITIZER = /[\\/](?:node_modules[\\/]dompurify[\\/]|src[\\/]markdown[\\/]html-render\.ts$)|\?sanitizer$/;
/**
 * The view's extras (src/render/extras.ts and their styles; and lit's `live` directive, lit's
 * module and lit-html's, which only the job form there uses): loaded when the state first holds
 * something they show.
 */
const EXTRAS = /[\\/](?:src[\\/](?:render[\\/]extras|styles[\\/]extras\.styles)\.ts|node_modules[\\/]lit(?:-html)?[\\/]directives[\\/]live\.js)$/;
/**
 * The reading of a failed HTTP request's body (src/transport/error-detail.ts): loaded by the first
 * failure (the host's `chat-error`), or beside `job`'s adapter. A conversation without a failed
 * request never fetches it.
 */
const ERROR_DETAIL = /[\\/]src[\\/]transport[\\/]error-detail\.ts$/;
/**
 * JSON Patch (`state` events with a `patch`: ag-ui's STATE_DELTA), loaded by
 * src/core/json-patch-loader-lazy.ts (in place of json-patch-loader.ts) beside the ag-ui adapter, or
 * before the first patch of another protocol is applied.
 */
const JSON_PATCH = /[\\/]src[\\/]core[\\/]json-patch\.ts$/;
const BUNDLE_CHUNKS = [
  {name: 'extras', test: (id: string) => EXTRAS.test(id), priority: 4},
  {name: 'sanitizer', test: (id: string) => SANITIZER.test(id), priority: 4},
  {name: 'http', test: (id: string) => HTTP_TRANSPORTS.test(id), priority: 3},
  {name: 'job-flow', test: (id: string) => JOB_FLOW.test(id), priority: 3},
  {name: 'socket', test: (id: string) => SOCKET.test(id), priority: 3},
  {name: 'patch', test: (id: string) => JSON_PATCH.test(id), priority: 3},
  {name: 'error-detail', test: (id: string) => ERROR_DETAIL.test(id), priority: 3},
  {name: 'markdown', test: (id: string) => MARKDOWN_STACK.test(id), priority: 2},
  {name: 'widget', test: (id: string) => !OWN_CHUNK.test(id) && !MARKDOWN_STACK.test(id) && !HTTP_TRANSPORTS.test(id) && !JOB_FLOW.test(id) && !SOCKET.test(id) && !JSON_PATCH.test(id) && !ERROR_DETAIL.test(id) && !SANITIZER.test(id) && !EXTRAS.test(id), priority: 1},
];

export default defineConfig(({mode}) => {
  const bundle = mode === 'bundle';
  return {
    plugins: bundle ? [minifyCssLiterals(), keepDefine(), markedClassesOnly(), skipFacades(), thirdPartyNotices()] : [],
    // The bundle loads each built-in protocol adapter when a widget first names it; the transports
    // (HTTP, job flow, WebSocket) beside the adapters that use them; JSON Patch beside ag-ui's (or
    // before a first patch); the view's extras (src/render/extras.ts) when the state first holds
    // something they show.
    resolve: bundle
      ? {
          alias: [
            {find: /^\.\/builtin\.js$/, replacement: fileURLToPath(new URL('./src/protocols/builtin-lazy.ts', import.meta.url))},
            {find: /^\.\.\/transport\/request-transports\.js$/, replacement: fileURLToPath(new URL('./src/transport/request-transports-lazy.ts', import.meta.url))},
            {find: /^\.{1,2}\/(?:core\/)?json-patch-loader\.js$/, replacement: fileURLToPath(new URL('./src/core/json-patch-loader-lazy.ts', import.meta.url))},
            {find: /^\.{1,2}\/(?:render\/)?extras-loader\.js$/, replacement: fileURLToPath(new URL('./src/render/extras-loader-lazy.ts', import.meta.url))},
          ],
        }
      : {},
    server: {host: '127.0.0.1', port: 5173, fs: {allow: ['..']}},
    build: {
      target: 'es2022',
      outDir: 'dist',
      emptyOutDir: !bundle,
      sourcemap: true,
      minify: bundle,
      lib: bundle
        ? {entry: {'chat-widget': 'src/loader.ts', ...LOCALES}, formats: ['es']}
        : {entry: {index: 'src/index.ts', define: 'src/define.ts', react: 'src/react.ts', ...LOCALES}, formats: ['es']},
      // Library builds keep whitespace unless the output minifier is asked for explicitly.
      rollupOptions: bundle
        ? {
            preserveEntrySignatures: 'allow-extension',
            // No comments: the minifier would keep its `/* @__PURE__ */` marks (40 in the widget
            // chunk, 110 B of its gzip), hints for a bundler that no page runs over these files.
            // The license banners are added after (postBanner).
            output: {minify: true, comments: false, postBanner, chunkFileNames: '[name]-[hash].js', codeSplitting: {includeDependenciesRecursively: false, groups: BUNDLE_CHUNKS}},
          }
        : {
            // @lit/react is built in (dist/lib/vendor/): only users of dist/react.js need it, and React.
            external: [/^lit(\/|$)/, /^@lit\/(?!react)/, /^marked$/, /^dompurify$/, /^@speed-highlight\//, /^react(-dom)?(\/|$)/],
            // One file per module (under dist/lib/), so a bundler keeps only what is imported.
            // 'use client' stays at the top of dist/react.js (one module per file keeps it).
            onLog: (level, log, handler) => (log.code === 'MODULE_LEVEL_DIRECTIVE' ? undefined : handler(level, log)),
            output: {preserveModules: true, preserveModulesRoot: 'src', entryFileNames: npmFileName, chunkFileNames: npmFileName},
          },
    },
  };
});
