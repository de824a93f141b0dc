// `vite build` makes the client (hydration) bundle; `vite build --ssr src/render.tsx` the server
// render, as a framework's server build would (chat-widget stays an external package).
export default {build: {target: 'es2022'}, ssr: {external: ['chat-widget']}, logLevel: 'warn'};
