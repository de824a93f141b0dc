import {defineConfig, type Plugin} from 'vite';
import {thirdPartyNotices} from './scripts/third-party-notices.js';

/**
 * Collapses comments and whitespace inside Lit `css` literals of the bundle (they
 * hold no interpolations). Spaces around `:` are kept: `.a :focus` ≠ `.a:focus`.
 */
function minifyCssLiterals(): Plugin {
  const squeeze = (css: string) =>
    css
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,>])\s*/g, '$1')
      .replace(/;}/g, '}')
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
 * Two builds:
 * - default: the npm entry points (`dist/index.js`, `dist/define.js`, `dist/react.js`), ESM,
 *   with lit, marked, dompurify, @speed-highlight/core and react left external for
 *   the host's bundler (every other module in `dist/lib/`, @lit/react in `dist/lib/vendor/`);
 * - `--mode bundle`: `dist/chat-widget.js`, a minified ES module for `<script type="module">`
 *   embeds (all dependencies inlined, defines the element), plus the chunks it imports
 *   dynamically, emitted beside it and imported relative to it (CONTRACT §12): the syntax
 *   highlighter `dist/highlighter-<hash>.js`, loaded only when a reply shows a code block;
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

export default defineConfig(({mode}) => {
  const bundle = mode === 'bundle';
  return {
    plugins: bundle ? [minifyCssLiterals(), thirdPartyNotices()] : [],
    server: {host: '127.0.0.1', port: 5173, fs: {allow: ['..']}},
    build: {
      target: 'es2022',
      outDir: 'dist',
      emptyOutDir: !bundle,
      sourcemap: true,
      minify: bundle,
      lib: bundle
        ? {entry: {'chat-widget': 'src/define.ts', ...LOCALES}, formats: ['es']}
        : {entry: {index: 'src/index.ts', define: 'src/define.ts', react: 'src/react.ts', ...LOCALES}, formats: ['es']},
      // Library builds keep whitespace unless the output minifier is asked for explicitly.
      rollupOptions: bundle
        ? {output: {minify: true, chunkFileNames: '[name]-[hash].js'}}
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
