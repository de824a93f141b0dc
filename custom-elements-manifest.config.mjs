// `npm run analyze` writes custom-elements.json from the JSDoc in src/.
export default {
  // The public surface only: an internal refactor is not a manifest diff.
  globs: ['src/chat-widget.ts', 'src/define.ts', 'src/index.ts'],
  // The React wrapper (src/react.ts) is not part of the element's API.
  exclude: ['src/**/*.test.ts', 'src/react.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      // The analyzer lists modules in the order the file system returns them, which differs
      // between a working copy and a fresh clone; sorted, `npm run analyze:check` is stable.
      name: 'sort-modules',
      packageLinkPhase({customElementsManifest}) {
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    },
  ],
};
