import {defineConfig} from 'vite';

/**
 * Two builds:
 * - default: the npm entry points (`dist/index.js`, `dist/define.js`), ESM, with
 *   lit, marked and dompurify left external for the host's bundler;
 * - `--mode bundle`: `dist/chat-widget.js`, one self-contained, minified ES module
 *   for `<script type="module">` embeds (everything inlined, defines the element).
 * `npm start` (demo/start.js) runs the dev server with the demo page at /demo/.
 */
export default defineConfig(({mode}) => {
  const bundle = mode === 'bundle';
  return {
    server: {host: '127.0.0.1', port: 5173, fs: {allow: ['..']}},
    build: {
      target: 'es2022',
      outDir: 'dist',
      emptyOutDir: !bundle,
      sourcemap: true,
      minify: bundle,
      lib: bundle
        ? {entry: 'src/define.ts', formats: ['es'], fileName: () => 'chat-widget.js'}
        : {entry: {index: 'src/index.ts', define: 'src/define.ts'}, formats: ['es']},
      rollupOptions: bundle ? {} : {external: [/^lit(\/|$)/, /^@lit\//, /^marked$/, /^dompurify$/]},
    },
  };
});
