// `npm run analyze` writes custom-elements.json from the JSDoc in src/.
export default {
  globs: ['src/**/*.ts'],
  // The React wrapper (src/react.ts) is not part of the element's API.
  exclude: ['src/**/*.test.ts', 'src/react.ts'],
  outdir: '.',
  litelement: true,
};
