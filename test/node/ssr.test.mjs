// SSR-safe import: the package's entry points load in plain Node, where there is no
// `window` and no `document` (a server render in Next.js, Nuxt, Astro, a Node test …).
//
// `node --test test/node/` (part of `npm test`). Needs no prior build: each entry is compiled
// from src/ with esbuild (dependencies left as imports, so Node resolves lit, marked,
// dompurify and @lit/react with the `node` export condition, as a server bundler would:
// Lit's node build brings its own minimal DOM shim for `HTMLElement` and `customElements`).
// When dist/ exists (CI builds before testing), the built entry points are checked too.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, mkdirSync, rmSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {build} from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// Inside the project, so the compiled files resolve the project's node_modules.
const out = join(root, '.tmp', `ssr-${process.pid}`);

/** Browser globals that must not exist on a server, and must still not exist after the imports. */
const BROWSER_GLOBALS = ['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'requestAnimationFrame'];

/**
 * Watches the browser globals while `fn` runs: each is an accessor that answers `undefined`
 * (so `typeof window` guards behave as on a server) and records who read it: `own` are reads
 * from our code (`ours` matches its files), `deps` are the guarded checks in dependencies
 * (lit-html's node build asks `typeof document`, DOMPurify `typeof window`).
 */
async function watchingGlobals(fn, ours) {
  const reads = {own: [], deps: []};
  const saved = new Map();
  for (const name of BROWSER_GLOBALS) {
    saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        const caller = new Error().stack.split('\n').slice(2).find((line) => line.includes('file://')) ?? '';
        (ours.test(caller) ? reads.own : reads.deps).push(`${name} ← ${caller.trim()}`);
        return undefined;
      },
      set(value) {
        throw new Error(`an import assigned globalThis.${name} = ${typeof value}`);
      },
    });
  }
  try {
    return {result: await fn(), reads};
  } finally {
    for (const [name, desc] of saved) {
      if (desc) Object.defineProperty(globalThis, name, desc);
      else delete globalThis[name];
    }
  }
}

before(async () => {
  assert.equal(typeof globalThis.window, 'undefined', 'this test must run without a DOM');
  assert.equal(typeof globalThis.document, 'undefined', 'this test must run without a DOM');
  mkdirSync(out, {recursive: true});
  await build({
    absWorkingDir: root,
    entryPoints: {index: 'src/index.ts', define: 'src/define.ts', react: 'src/react.ts'},
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    tsconfig: 'tsconfig.json',
    logLevel: 'error',
  });
});

after(() => rmSync(out, {recursive: true, force: true}));

/** Stack frames in the compiled src/ entries. */
const OURS = new RegExp(`/\\.tmp/ssr-${process.pid}/`);

describe('SSR: importing in Node without a DOM', () => {
  test('src/index.ts (side-effect free) imports without throwing, touches no browser global, defines nothing', async (t) => {
    const {result: mod, reads} = await watchingGlobals(() => import(pathToFileURL(join(out, 'index.js')).href), OURS);
    assert.deepEqual(reads.own, [], 'browser globals read by our code at import time');
    if (reads.deps.length) t.diagnostic(`guarded reads in dependencies: ${reads.deps.join('; ')}`);
    assert.equal(typeof mod.ChatWidget, 'function');
    assert.equal(typeof mod.ChatWidget.registerProtocol, 'function');
    assert.equal(typeof mod.ChatWidgetEvent, 'function');
    assert.equal(globalThis.customElements?.get('chat-widget'), undefined, 'the side-effect-free entry registered the element');
  });

  test('src/define.ts registers <chat-widget> in the server-side registry (Lit\'s shim) and can be imported twice', async () => {
    const url = pathToFileURL(join(out, 'define.js')).href;
    const {result: mod, reads} = await watchingGlobals(() => import(url), OURS);
    assert.deepEqual(reads.own, [], 'browser globals read by our code at import time');
    assert.equal(globalThis.customElements.get('chat-widget'), mod.ChatWidget);
    await import(`${url}?again`); // a second copy: the registration guard, no throw
    for (const name of BROWSER_GLOBALS) assert.equal(typeof globalThis[name], 'undefined', `globalThis.${name} after the imports`);
  });

  test('src/react.ts imports, and renders <chat-widget> with react-dom/server', async () => {
    const {result: mod, reads} = await watchingGlobals(() => import(pathToFileURL(join(out, 'react.js')).href), OURS);
    assert.deepEqual(reads.own, [], 'browser globals read by our code at import time');
    const React = await import('react');
    const {renderToString} = await import('react-dom/server');
    const html = renderToString(React.createElement(mod.ChatWidget, {protocol: 'brand', brand: 'techpro', url: 'wss://api.example.com'}));
    assert.match(html, /^<chat-widget\b/);
    assert.match(html, /<\/chat-widget>$/);
    assert.deepEqual(Object.entries(mod.chatWidgetEvents).sort(), [
      ['onChatCopy', 'chat-copy'], ['onChatData', 'chat-data'], ['onChatError', 'chat-error'], ['onChatFeedback', 'chat-feedback'], ['onChatFrame', 'chat-frame'], ['onChatIdle', 'chat-idle'],
      ['onChatMessage', 'chat-message'], ['onChatOpenChange', 'chat-open-change'], ['onChatProduct', 'chat-product'], ['onChatProgress', 'chat-progress'],
      ['onChatRegenerate', 'chat-regenerate'], ['onChatSend', 'chat-send'], ['onChatSessionEnd', 'chat-session-end'], ['onChatState', 'chat-state'],
      ['onChatStatus', 'chat-status'], ['onChatStop', 'chat-stop'], ['onChatSuggestion', 'chat-suggestion'],
      ['onChatTemplateCreated', 'chat-template-created'], ['onChatTemplateOpportunity', 'chat-template-opportunity'],
    ]);
  });
});

const dist = join(root, 'dist');
const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
describe('SSR: the built npm entry points (dist/)', {skip: existsSync(join(dist, 'index.js')) ? false : 'no dist/ (run `npm run build`)'}, () => {
  for (const entry of ['index.js', 'define.js', 'react.js']) {
    test(`dist/${entry} imports without throwing and touches no browser global`, async () => {
      const file = join(dist, entry);
      if (!existsSync(file)) return; // built before this entry existed
      const {reads} = await watchingGlobals(() => import(pathToFileURL(file).href), new RegExp(`${escapeRegExp(pathToFileURL(dist).href)}/(?!.*node_modules)`));
      assert.deepEqual(reads.own, [], 'browser globals read by our code at import time');
    });
  }
});
