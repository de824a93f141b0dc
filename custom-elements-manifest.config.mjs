// `npm run analyze` writes custom-elements.json from the JSDoc in src/ (then
// scripts/manifest-outputs.js derives web-types.json, the VS Code data and the
// framework attribute types from it).
import {readFileSync} from 'node:fs';

/** The module that declares the element in the published package, and the one that defines it. */
const ENTRY = 'dist/index.js';
const DEFINE = 'dist/define.js';

/** Type names `src/index.ts` exports: itself and the modules it re-exports with `export *`. */
function indexExports() {
  const names = new Set();
  const read = (file) => readFileSync(file, 'utf8');
  const index = read('src/index.ts');
  for (const [, list] of index.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const item of list.split(',')) {
      const name = item.trim().replace(/^type\s+/, '').split(/\s+as\s+/).pop().trim();
      if (name) names.add(name);
    }
  }
  for (const [, from] of index.matchAll(/export \* from '\.\/(.+?)\.js'/g)) {
    const file = read(`src/${from}.ts`);
    for (const [, name] of file.matchAll(/export (?:declare )?(?:type|interface|class|const|function|enum) (\w+)/g)) names.add(name);
  }
  return names;
}

export default {
  // The public surface only: an internal refactor is not a manifest diff.
  globs: ['src/chat-widget.ts', 'src/define.ts', 'src/index.ts'],
  // The React wrapper (src/react.ts) is not part of the element's API.
  exclude: ['src/**/*.test.ts', 'src/react.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      // The manifest describes the published package: the element is declared in `dist/index.js`
      // (which exports it and every type its API names) and defined by `dist/define.js` (the
      // bundle `dist/chat-widget.js` defines it too). Source paths, internal modules and private
      // members (`#fields`, `private`) are left out; the schema is 2.1 (custom states).
      name: 'public-surface',
      packageLinkPhase({customElementsManifest: manifest}) {
        const source = manifest.modules.find((m) => m.path === 'src/chat-widget.ts');
        const element = source.declarations.find((d) => d.customElement);
        element.members = element.members.filter(
          (m) => !m.privacy || m.privacy === 'public',
        ).filter((m) => !m.name.startsWith('#') && !m.name.startsWith('_'));
        // Public is the default: the properties declared in \`static properties\` say it, the rest do not.
        for (const m of element.members) delete m.privacy;
        const exported = indexExports();
        const referenced = new Set();
        const collect = (text) => {
          for (const word of String(text ?? '').replace(/'[^']*'/g, ' ').match(/\b[A-Z]\w*/g) ?? []) {
            if (exported.has(word)) referenced.add(word);
          }
        };
        for (const list of [element.members, element.attributes, element.events]) {
          for (const item of list ?? []) {
            collect(item.type?.text);
            collect(item.return?.type?.text);
            for (const p of item.parameters ?? []) collect(p.type?.text);
          }
        }
        referenced.delete('ChatWidget');
        const js = (name, module = ENTRY) => ({kind: 'js', name, declaration: {name, module}});
        manifest.schemaVersion = '2.1.0';
        manifest.modules = [
          {
            kind: 'javascript-module',
            path: ENTRY,
            declarations: [element],
            exports: [js('ChatWidget'), ...[...referenced].sort().map((name) => js(name))],
          },
          {
            kind: 'javascript-module',
            path: DEFINE,
            declarations: [],
            exports: [js('ChatWidget'), {kind: 'custom-element-definition', name: 'chat-widget', declaration: {name: 'ChatWidget', module: ENTRY}}],
          },
        ];
      },
    },
  ],
};
