// The playground: <chat-widget> on the `demo` protocol, registered here with
// ChatWidget.registerProtocol. Its backend is the service worker demo-backend-sw.js in this
// origin, so the page works from any static host.
import {ChatWidget, type ProtocolAdapter} from '../src/index.js';
import '../src/define.js';

const demo: ProtocolAdapter = {
  transport: (ctx) => ({kind: 'sse', url: `${ctx.config.httpBase}/chat`}),
  encode: (action, ctx) =>
    action.type === 'chat'
      ? {messages: [...ctx.history.map((m) => ({role: m.role, content: m.text})), {role: 'user', content: action.text}]}
      : null,
  decode(frame) {
    const f = frame as {delta?: unknown; done?: unknown};
    if (typeof f?.delta === 'string') return [{type: 'reply.delta', text: f.delta}];
    if (f?.done === true) return [{type: 'reply.end'}];
    return [];
  },
  decodeText: (text) => (text === '[DONE]' ? [{type: 'end'}] : []),
};
ChatWidget.registerProtocol('demo', demo);

const widget = document.querySelector('chat-widget')!;
const form = document.querySelector<HTMLFormElement>('#controls')!;

async function start(): Promise<void> {
  const scope = new URL('./', location.href);
  await navigator.serviceWorker.register(new URL('demo-backend-sw.js', scope), {scope: scope.pathname});
  await navigator.serviceWorker.ready;
  if (!navigator.serviceWorker.controller) {
    await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, {once: true}));
  }
  widget.url = new URL('demo-backend', scope).href;
  widget.protocol = 'demo';
  document.documentElement.dataset.playground = 'ready';
}

form.addEventListener('input', () => {
  const data = new FormData(form);
  widget.heading = String(data.get('heading') ?? '');
  widget.theme = String(data.get('theme') ?? '');
  widget.lang = String(data.get('lang') ?? '');
  widget.actions = String(data.get('actions') ?? 'copy regenerate');
  widget.style.setProperty('--chat-accent', String(data.get('accent') ?? '#2563eb'));
  widget.style.setProperty('--chat-radius', `${data.get('radius') ?? 12}px`);
});

start().catch((error) => {
  document.documentElement.dataset.playground = 'error';
  document.querySelector('#playground-error')!.textContent = `The demo backend could not start: ${error}`;
});
