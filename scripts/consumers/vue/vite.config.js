import vue from '@vitejs/plugin-vue';
export default {
  plugins: [vue({template: {compilerOptions: {isCustomElement: (tag) => tag === 'chat-widget'}}})],
  build: {target: 'es2022'},
  logLevel: 'warn',
};
