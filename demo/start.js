// `npm start`: the reference backends on 127.0.0.1 plus the Vite dev server
// with the demo page. Ports: BACKEND_PORT (default 8780, eight in a row: job, brand, agent,
// session, template, openai, ai-sdk, ag-ui), DEMO_PORT (5173).
import {createServer} from 'vite';
import {startBackends} from './server/backends.js';

const backendPort = Number(process.env.BACKEND_PORT || 8780);
const demoPort = Number(process.env.DEMO_PORT || 5173);

const backends = await startBackends({
  host: '127.0.0.1',
  port: backendPort,
  tokenDelayMs: 25,
  idleWarningMs: 45_000,
  sessionEndMs: 90_000,
});

const server = await createServer({
  server: {host: '127.0.0.1', port: demoPort, strictPort: true},
  plugins: [
    {
      name: 'demo-backends',
      configureServer(s) {
        s.middlewares.use('/backends.json', (_req, res) => {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify(backends.urls));
        });
      },
    },
  ],
});
await server.listen();

console.log('Reference backends:');
for (const [name, url] of Object.entries(backends.urls)) console.log(`  ${name.padEnd(9)}${url}`);
console.log(`\nDemo: http://127.0.0.1:${demoPort}/demo/\n`);

async function stop() {
  await server.close();
  await backends.close();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
