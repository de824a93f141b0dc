// Reference backends for `<chat-widget>`: one HTTP + WebSocket server per
// protocol (job, brand, agent, session, template), each behaving like the
// real deployment described in the seed documents and REAL-BACKENDS.md, and
// one HTTP + Server-Sent Events server per standard protocol (openai, ai-sdk,
// ag-ui), each following its public spec.
// See demo/server/README.md for the triggers and per-connection options.
import {serveProtocol} from './shared.js';
import {createJobBackend} from './protocols/job.js';
import {createBrandBackend} from './protocols/brand.js';
import {createAgentBackend} from './protocols/agent.js';
import {createSessionBackend} from './protocols/session.js';
import {createTemplateBackend} from './protocols/template.js';
import {createOpenAIBackend} from './protocols/openai.js';
import {createAiSdkBackend} from './protocols/ai-sdk.js';
import {createAgUiBackend} from './protocols/ag-ui.js';

/**
 * @typedef {object} BackendOptions
 * @property {string} [host='127.0.0.1']        interface to listen on
 * @property {number} [port=0]                  0: ephemeral ports; otherwise port … port+7 (job, brand, agent, session, template, openai, ai-sdk, ag-ui)
 * @property {number} [tokenDelayMs=25]         pause between streamed tokens (0: setImmediate); `?delay=` overrides per connection
 * @property {number} [idleWarningMs=120000]    session: `idle_warning` after this much client silence; `?idle=` overrides
 * @property {number} [sessionEndMs=240000]     session: `session_end` + close; `?end=` overrides
 * @property {number} [templateIdleMs=300000]   template: close 4001 after this much client silence; `?idle=` overrides
 * @property {boolean} [quiet=false]            no console output
 * @property {string} [jobToken='demo-token']   job: the X-API-Token / `?token=` value
 * @property {string[]} [templateValidTokens=['demo-jwt']]  template: tokens that authenticate
 * @property {string} [openaiKey='demo-key']     openai: the only accepted `Authorization: Bearer` key (no header is accepted too)
 */

/**
 * @typedef {object} RunningBackends
 * @property {{job: string, brand: string, agent: string, session: string, template: string,
 *   openai: string, 'ai-sdk': string, 'ag-ui': string}} urls
 *   base URLs such as `http://127.0.0.1:41234` (the widget derives `ws://` from them)
 * @property {() => Promise<void>} close
 *   terminates every socket, stops every timer and server; resolves when all are closed
 */

/**
 * Starts the eight reference backends.
 * @param {BackendOptions} [options]
 * @returns {Promise<RunningBackends>}
 */
export async function startBackends(options = {}) {
  const opts = {
    host: '127.0.0.1',
    port: 0,
    tokenDelayMs: 25,
    idleWarningMs: 120_000,
    sessionEndMs: 240_000,
    templateIdleMs: 300_000,
    quiet: false,
    jobToken: 'demo-token',
    templateValidTokens: ['demo-jwt'],
    openaiKey: 'demo-key',
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  };
  const backends = [
    createJobBackend(opts),
    createBrandBackend(),
    createAgentBackend(),
    createSessionBackend(opts),
    createTemplateBackend(opts),
    createOpenAIBackend(opts),
    createAiSdkBackend(opts),
    createAgUiBackend(opts),
  ];

  const started = [];
  try {
    for (const [i, backend] of backends.entries()) {
      started.push(
        await serveProtocol({
          backend,
          host: opts.host,
          port: opts.port ? opts.port + i : 0,
          tokenDelayMs: opts.tokenDelayMs,
          quiet: opts.quiet,
        }),
      );
    }
  } catch (err) {
    await Promise.all(started.map((s) => s.close()));
    throw err;
  }

  const [job, brand, agent, session, template, openai, aiSdk, agUi] = started.map((s) => s.url);
  return {
    urls: {job, brand, agent, session, template, openai, 'ai-sdk': aiSdk, 'ag-ui': agUi},
    close: () => Promise.all(started.map((s) => s.close())).then(() => undefined),
  };
}
