#!/usr/bin/env node
// Runs the reference backends for the demo:
//   node demo/server/cli.js [--port 8780] [--host 127.0.0.1] [--delay 25] [--quiet]
import {startBackends} from './backends.js';

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--port') args.port = Number(value());
    else if (flag === '--host') args.host = value();
    else if (flag === '--delay') args.tokenDelayMs = Number(value());
    else if (flag === '--quiet') args.quiet = true;
    else if (flag === '--help' || flag === '-h') args.help = true;
    else throw new Error(`Unknown option: ${argv[i]}`);
  }
  if (args.port !== undefined && !(Number.isInteger(args.port) && args.port >= 0 && args.port <= 65528)) {
    throw new Error('--port must be an integer between 0 and 65528');
  }
  return args;
}

let args;
try {
  args = parseArgs(process.argv.slice(2));
} catch (err) {
  console.error(err.message);
  process.exit(2);
}
if (args.help) {
  console.log('Usage: node demo/server/cli.js [--port 8780] [--host 127.0.0.1] [--delay 25] [--quiet]');
  process.exit(0);
}

const backends = await startBackends({
  port: 8780,
  tokenDelayMs: 25,
  idleWarningMs: 45_000,
  sessionEndMs: 90_000,
  ...Object.fromEntries(Object.entries(args).filter(([k]) => k !== 'help')),
});

console.log('Reference backends running:');
for (const [name, url] of Object.entries(backends.urls)) console.log(`  ${name.padEnd(8)} ${url}`);
console.log('Demo tokens: job X-API-Token "demo-token", template JWT "demo-jwt", openai key "demo-key" (or none). Ctrl+C to stop.');

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  await backends.close();
  process.exit(0);
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
