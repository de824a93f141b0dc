// The playground's demo backend: a service worker that answers `POST …/demo-backend/chat` in this
// origin with a reply streamed as Server-Sent Events, so the docs site needs no server of its own
// (any static host will do). The `demo` protocol (playground.ts) speaks to it.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function reply(text) {
  const q = text.trim().replace(/\s+/g, ' ').slice(0, 200);
  if (/code|example|snippet/i.test(q)) {
    return `Here is how to embed the widget:\n\n\`\`\`html\n<script type="module" src="chat-widget.js"></script>\n<chat-widget protocol="openai" url="https://chat.example.com"></chat-widget>\n\`\`\`\n\nEvery attribute is on the **Reference** page.`;
  }
  if (/table|compare/i.test(q)) {
    return `| protocol | transport |\n| --- | --- |\n| \`openai\` | HTTP + SSE |\n| \`ai-sdk\` | HTTP + SSE |\n| \`brand\` | WebSocket |\n\nThat is three of the eight.`;
  }
  return `You said: *${q.replace(/[*_`[\]<>]/g, '')}*.\n\nThis reply is streamed word by word by the **demo backend**, a service worker in this page, through the \`demo\` protocol registered with \`ChatWidget.registerProtocol\`. Try asking for *code* or a *table*.`;
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'POST' || !url.pathname.endsWith('/demo-backend/chat')) return;
  event.respondWith(
    (async () => {
      const body = await event.request.json().catch(() => ({}));
      const last = [...(body.messages ?? [])].reverse().find((m) => m.role === 'user');
      const words = reply(String(last?.content ?? '')).split(/(?<=\s)/);
      const encoder = new TextEncoder();
      const stream = new ReadableStream({
        async start(controller) {
          for (const word of words) {
            controller.enqueue(encoder.encode(`data: ${JSON.stringify({delta: word})}\n\n`));
            await sleep(25);
          }
          controller.enqueue(encoder.encode(`data: ${JSON.stringify({done: true})}\n\ndata: [DONE]\n\n`));
          controller.close();
        },
      });
      return new Response(stream, {headers: {'content-type': 'text/event-stream', 'cache-control': 'no-store'}});
    })(),
  );
});
