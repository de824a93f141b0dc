// Vue's esm-bundler build reads these compile-time flags; a bundler would define them. Set
// here as globals so the demo runs without extra Vite config (and without console warnings).
Object.assign(globalThis, {
  __VUE_OPTIONS_API__: true,
  __VUE_PROD_DEVTOOLS__: false,
  __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
});
