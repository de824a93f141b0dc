#!/usr/bin/env node
// `node bench/floor.js [runs]`: the least work any widget that meets the contract does on the
// `openai fast 16,000` stream, against the work of that case's text-node baseline.
//
// In fresh pages (one per run, so code is as cold as in the bench), synchronously, on the same
// 16,000 seeded tokens as `npm run bench`:
// - baseline: what baseline.html does with the SSE text (split into events, JSON.parse each,
//   append its content as a text node), then a layout;
// - json: the split and JSON.parse alone (every client of the protocol does it);
// - events: 16,000 `chat-frame` CustomEvents (bubbles, composed) dispatched on an element of the
//   page: CONTRACT §4 fires one per frame, and no listener is needed for the cost;
// - markdown: one render of the whole final text with marked and DOMPurify (the product's stack),
//   inserted and laid out: no streaming at all, the cheapest way to show the answer as markdown.
// The floor ratio is (json + events + markdown) / baseline: what the widget would cost if
// streaming were free. The network part (fetch, reads, UTF-8 decoding and their tasks), the same
// for both pages, is left out of both sides; in `npm run bench` it is about as large again as
// the baseline's work here, so the bench's ratio for the same work is lower: add the difference
// between the bench's baseline busy time and this baseline to both sides to compare.
import http from 'node:http';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {launchBrowser} from './lib/measure.js';
import {tokensFor} from './lib/markdown-gen.js';
import {median} from './lib/report.js';
import {openaiEvent} from './lib/servers.js';

const runs = Number(process.argv[2] ?? 7);
const tokens = tokensFor(16000);
const text = tokens.join('');
const sse = tokens.map((content) => openaiEvent({content})).join('');
const root = fileURLToPath(new URL('..', import.meta.url));
const files = {
  '/': {type: 'text/html', body: '<!doctype html><main style="width:380px"><div id="out" style="height:560px;overflow:auto;white-space:pre-wrap"></div><x-host></x-host></main>'},
  '/marked.js': {type: 'text/javascript', body: readFileSync(`${root}node_modules/marked/lib/marked.esm.js`)},
  '/purify.js': {type: 'text/javascript', body: readFileSync(`${root}node_modules/dompurify/dist/purify.es.mjs`)},
};
const server = http.createServer((req, res) => {
  const f = files[req.url];
  res.writeHead(f ? 200 : 404, {'content-type': f?.type ?? 'text/plain'});
  res.end(f?.body ?? '');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const browser = await launchBrowser();
const results = {baseline: [], json: [], events: [], markdown: []};
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    const r = await page.evaluate(
      async (text, sse) => {
        const {marked} = await import('/marked.js');
        const DOMPurify = (await import('/purify.js')).default;
        const out = document.getElementById('out');
        const pause = () => new Promise((resolve) => setTimeout(resolve, 50));
        const events = (each) => {
          for (let start = 0, end; (end = sse.indexOf('\n\n', start)) >= 0; start = end + 2) each(JSON.parse(sse.slice(start + 6, end)));
        };
        await pause();
        let t0 = performance.now();
        events((e) => {
          const content = e.choices[0]?.delta?.content;
          if (content) out.appendChild(document.createTextNode(content));
        });
        void out.offsetHeight;
        const baseline = performance.now() - t0;
        out.replaceChildren();
        await pause();
        t0 = performance.now();
        let n = 0;
        events((e) => (n += e.choices.length));
        const json = performance.now() - t0;
        await pause();
        const host = document.querySelector('x-host');
        t0 = performance.now();
        for (let i = 0; i < n; i++) host.dispatchEvent(new CustomEvent('chat-frame', {detail: {direction: 'in', frame: {i}}, bubbles: true, composed: true}));
        const dispatched = performance.now() - t0;
        await pause();
        t0 = performance.now();
        out.style.whiteSpace = 'normal';
        out.replaceChildren(DOMPurify.sanitize(marked.parse(text), {RETURN_DOM_FRAGMENT: true}));
        void out.offsetHeight;
        const markdown = performance.now() - t0;
        return {baseline, json, events: dispatched, markdown};
      },
      text,
      sse,
    );
    for (const k of Object.keys(results)) results[k].push(r[k]);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
const m = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)]));
console.log(`openai fast 16,000 (${text.length.toLocaleString('en')} chars), medians of ${runs} fresh pages, ms:`);
for (const [k, v] of Object.entries(results)) console.log(`  ${k.padEnd(9)} ${m[k].toFixed(1).padStart(7)}   (${v.map((x) => x.toFixed(0)).join(' ')})`);
const floor = m.json + m.events + m.markdown;
console.log(`floor: json + events + markdown = ${floor.toFixed(1)} ms = ${(floor / m.baseline).toFixed(2)}× the baseline (budget 1.50×)`);
console.log(`       without the chat-frame events: ${((m.json + m.markdown) / m.baseline).toFixed(2)}×`);
