#!/usr/bin/env node
// `npm run docs`: the documentation site, static files in docs-dist/ (any static host; open
// through a server, e.g. `npx vite preview --outDir docs-dist`, not file://). Built with Vite from
// - custom-elements.json: the reference page (every attribute, property, method, event, part,
//   CSS property, slot and custom state) and the tables of the theming and i18n pages;
// - README.md's prose: the overview, one page per protocol, theming, i18n and the guides;
// - docs/: the one stylesheet (site.css) and the playground (playground.ts, which registers a
//   `demo` protocol with ChatWidget.registerProtocol; its backend is docs/public/demo-backend-sw.js,
//   a service worker, so the reply streams with no server).
// The generated pages are written into docs/ (git-ignored) for Vite, then built into docs-dist/.
import {mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {Marked} from 'marked';
import {build} from 'vite';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const readme = readFileSync('README.md', 'utf8');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'chat-widget');

const slug = (text) =>
  text
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
const escape = (s) => String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** README sections: heading → its markdown (up to the next heading of the same or a higher level). */
function sections(markdown) {
  const lines = markdown.split('\n');
  const out = [];
  let fence = false;
  lines.forEach((line, i) => {
    if (/^```/.test(line)) fence = !fence;
    const m = !fence && /^(#{1,4}) (.+)$/.exec(line);
    if (m) out.push({level: m[1].length, title: m[2], start: i});
  });
  return out.map((s, i) => {
    const next = out.slice(i + 1).find((n) => n.level <= s.level);
    return {...s, slug: slug(s.title.replace(/`/g, '')), body: lines.slice(s.start + 1, next ? next.start : lines.length).join('\n')};
  });
}
const readmeSections = sections(readme);
const section = (title) => {
  const s = readmeSections.find((x) => x.title === title);
  if (!s) throw new Error(`README.md has no section "${title}"`);
  return s;
};

// Where each README anchor lives on the site (filled as pages take sections), and the page being written.
const anchors = new Map();
let current = 'index.html';
const relative = (path) => (path === current ? '' : `${'../'.repeat(current.split('/').length - 1)}${path}`);
const md = new Marked({gfm: true});
md.use({
  renderer: {
    heading({tokens, depth}) {
      const text = this.parser.parseInline(tokens);
      return `<h${depth} id="${slug(text)}">${text}</h${depth}>\n`;
    },
    link({href, title, tokens}) {
      let target = href;
      if (href.startsWith('#') && anchors.has(href.slice(1))) target = `${relative(anchors.get(href.slice(1)))}${href}`;
      return `<a href="${escape(target)}"${title ? ` title="${escape(title)}"` : ''}>${this.parser.parseInline(tokens)}</a>`;
    },
  },
});
const inline = (text) => md.parseInline(String(text ?? ''));

const PROTOCOLS = ['openai', 'ai-sdk', 'ag-ui', 'job', 'brand', 'agent', 'session', 'template'];
const pages = [];
/** A page: path (relative to the site root), title, nav group, README sections or HTML. */
function page(path, title, group, content) {
  pages.push({path, title, group, content});
}
const fromReadme = (...titles) => () =>
  titles
    .map((t) => {
      const s = section(t);
      return md.parse(`${'#'.repeat(Math.max(2, s.level))} ${s.title}\n${s.body}`);
    })
    .join('\n');
const claim = (path, ...titles) => {
  for (const t of titles) {
    const s = section(t);
    anchors.set(s.slug, path);
    for (const sub of readmeSections.filter((x) => x.start > s.start && x.start < s.start + s.body.split('\n').length + 1)) anchors.set(sub.slug, path);
  }
};

// --- the reference page, from the manifest -------------------------------------------------
function table(kind, rows, columns) {
  return `<table><thead><tr>${columns.map((c) => `<th>${c.title}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr id="${kind}-${slug(r.name)}" data-member="${kind}:${escape(r.name)}">${columns.map((c) => `<td>${c.cell(r)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}
const code = (s) => (s ? `<code>${escape(s)}</code>` : '');
function reference() {
  const fields = element.members.filter((m) => m.kind === 'field');
  const methods = element.members.filter((m) => m.kind === 'method');
  const attrs = element.attributes ?? [];
  const attrOf = new Map(attrs.map((a) => [a.fieldName, a.name]));
  return `<h1>Reference</h1>
<p>Everything <code>&lt;chat-widget&gt;</code> offers, from <a href="custom-elements.json"><code>custom-elements.json</code></a>
(also shipped in the package, with <code>web-types.json</code> and VS Code custom data). ${escape(element.summary ?? '')}</p>
<p>${inline(element.description)}</p>
<h2 id="attributes">Attributes</h2>
${table('attribute', attrs, [
  {title: 'Attribute', cell: (a) => code(a.name)},
  {title: 'Property', cell: (a) => code(a.fieldName)},
  {title: 'Type', cell: (a) => code(a.type?.text)},
  {title: 'Default', cell: (a) => code(a.default)},
  {title: 'Description', cell: (a) => inline(a.description)},
])}
<h2 id="properties">Properties</h2>
${table('property', fields, [
  {title: 'Property', cell: (f) => `${code(f.name)}${f.readonly ? ' <em>read-only</em>' : ''}${f.static ? ' <em>static</em>' : ''}`},
  {title: 'Attribute', cell: (f) => code(attrOf.get(f.name) ?? '')},
  {title: 'Type', cell: (f) => code(f.type?.text)},
  {title: 'Default', cell: (f) => code(f.default)},
  {title: 'Description', cell: (f) => inline(f.description)},
])}
<h2 id="methods">Methods</h2>
${table('method', methods, [
  {title: 'Method', cell: (m) => code(`${m.static ? 'ChatWidget.' : ''}${m.name}(${(m.parameters ?? []).map((p) => `${p.name}: ${p.type?.text ?? 'unknown'}`).join(', ')})`)},
  {title: 'Returns', cell: (m) => code(m.return?.type?.text ?? 'void')},
  {title: 'Description', cell: (m) => inline(m.description)},
])}
<h2 id="events">Events</h2>
<p>Every event is a bubbling, composed <code>CustomEvent</code>; its type (exported by <code>chat-widget</code>) names its <code>detail</code>.</p>
${table('event', element.events ?? [], [
  {title: 'Event', cell: (e) => code(e.name)},
  {title: 'Type', cell: (e) => code(e.type?.text)},
  {title: 'Description', cell: (e) => inline(e.description)},
])}
<h2 id="slots">Slots</h2>
${table('slot', element.slots ?? [], [
  {title: 'Slot', cell: (s) => code(s.name)},
  {title: 'Description', cell: (s) => inline(s.description)},
])}
<h2 id="parts">CSS parts</h2>
<p>Style them with <code>chat-widget::part(name)</code>.</p>
${table('part', element.cssParts ?? [], [
  {title: 'Part', cell: (p) => code(p.name)},
  {title: 'Description', cell: (p) => inline(p.description)},
])}
<h2 id="css-properties">CSS custom properties</h2>
${table('css-property', element.cssProperties ?? [], [
  {title: 'Property', cell: (p) => code(p.name)},
  {title: 'Default', cell: (p) => code(p.default)},
  {title: 'Description', cell: (p) => inline(p.description)},
])}
<h2 id="css-states">Custom states</h2>
<p>Match them with <code>chat-widget:state(name)</code>.</p>
${table('css-state', element.cssStates ?? [], [
  {title: 'State', cell: (s) => code(s.name)},
  {title: 'Description', cell: (s) => inline(s.description)},
])}`;
}

// --- i18n ----------------------------------------------------------------------------------
function i18n() {
  const lang = element.attributes.find((a) => a.name === 'lang');
  const strings = element.members.find((m) => m.name === 'strings');
  const row = readme.split('\n').find((l) => l.startsWith('| `lang` |'));
  return `<h1>Languages</h1>
${md.parse(`The widget speaks the visitor's language: set \`lang\`, or leave it unset to follow the page's \`<html lang>\` (also when it changes).

| attribute | meaning | protocols |
| --- | --- | --- |
${row}`)}
<p id="lang-property">Property <code>lang</code>: ${inline(lang?.description)}</p>
<h2 id="strings">Your own words</h2>
<p><code>strings</code> (${code(strings?.type?.text)}): ${inline(strings?.description)}</p>
${md.parse(`\`\`\`js
const chat = document.querySelector('chat-widget');
chat.strings = {placeholder: 'Ask us anything…', send: 'Go'};
\`\`\`

A whole language of your own: \`registerLocale(lang, strings)\` (exported by \`chat-widget\`; a locale the
page registers wins over a built-in one), then \`lang="xx"\`.

\`\`\`js
import {registerLocale} from 'chat-widget';
registerLocale('nl', {heading: 'Chat', placeholder: 'Typ een bericht…', send: 'Verstuur' /* … */});
\`\`\`

The built-in locales load by themselves from beside the bundle (\`dist/locales/<lang>.js\`), or import one
with your bundler: \`import 'chat-widget/locales/de';\`. Try them in the [playground](playground.html).`)}`;
}

// --- the playground --------------------------------------------------------------------------
const playground = () => `<h1>Playground</h1>
<p>The widget, live, in this page. Its backend is a demo too: a <code>demo</code> protocol registered with
<code>ChatWidget.registerProtocol</code> speaks Server-Sent Events to a service worker of this site
(<code>demo-backend-sw.js</code>), which streams the reply word by word. No server, no key: the site is static files.</p>
<p id="playground-error" role="alert"></p>
<div class="playground">
  <form id="controls" onsubmit="return false">
    <label>heading <input name="heading" value="Playground"></label>
    <label>theme <select name="theme"><option value="">follow the system</option><option>light</option><option>dark</option></select></label>
    <label>lang <select name="lang"><option value="">follow the page</option>${['en', 'de', 'es', 'fr', 'pt', 'id', 'ja', 'zh', 'ar'].map((l) => `<option>${l}</option>`).join('')}</select></label>
    <label>actions <select name="actions"><option>copy regenerate</option><option>copy regenerate feedback</option><option>none</option></select></label>
    <label>--chat-accent <input name="accent" type="color" value="#2563eb"></label>
    <label>--chat-radius <input name="radius" type="range" min="0" max="24" value="12"></label>
  </form>
  <chat-widget heading="Playground" greeting="Hi! I am the docs site's **demo backend**. Ask me anything." starters='["Show me some code", "Compare protocols in a table"]' persist="none"></chat-widget>
</div>
<script type="module" src="./playground.ts"></script>`;

// --- the pages -------------------------------------------------------------------------------
claim('index.html', 'Embed');
claim('reference.html', 'Attributes', 'Properties and methods', 'Events');
claim('theming.html', 'Styling');
claim('protocols/index.html', 'Protocols');
claim('protocols/openai.html', '`openai`');
claim('protocols/ai-sdk.html', '`ai-sdk`');
claim('protocols/ag-ui.html', '`ag-ui`');
claim('protocols/custom.html', 'Your own protocol');
claim('guides/resilience.html', 'Resilience');
claim('guides/markdown.html', 'Markdown, code blocks and tables');
claim('guides/security.html', 'Security', 'Strict CSP and Trusted Types');

const intro = readme.slice(readme.indexOf('\n') + 1, readme.indexOf('\n## Embed'));
page('index.html', 'Overview', 'Start', () => `<h1><code>&lt;chat-widget&gt;</code> ${escape(pkg.version)}</h1>${md.parse(intro)}${fromReadme('Embed')()}`);
page('playground.html', 'Playground', 'Start', playground);
page('reference.html', 'Reference', 'Start', reference);
page('theming.html', 'Theming', 'Guides', () => {
  const s = section('Styling');
  return `<h1>Theming</h1>${md.parse(s.body)}<p>Every custom property and part, with defaults: <a href="reference.html#css-properties">reference</a>.</p>`;
});
page('i18n.html', 'Languages (i18n)', 'Guides', i18n);
page('guides/resilience.html', 'Resilience', 'Guides', fromReadme('Resilience'));
page('guides/markdown.html', 'Markdown and code', 'Guides', fromReadme('Markdown, code blocks and tables'));
page('guides/security.html', 'Security and CSP', 'Guides', fromReadme('Security', 'Strict CSP and Trusted Types'));
page('protocols/index.html', 'All protocols', 'Protocols', () => {
  const s = section('Protocols');
  return `<h1>Protocols</h1>${md.parse(s.body.split('\n### ')[0])}<ul>${PROTOCOLS.map((p) => `<li><a href="${p}.html"><code>${p}</code></a></li>`).join('')}<li><a href="custom.html">Your own protocol</a></li></ul>`;
});
const http = section('HTTP + Server-Sent Events: `openai`, `ai-sdk`, `ag-ui`');
const httpIntro = http.body.split('\n#### ')[0];
for (const p of ['openai', 'ai-sdk', 'ag-ui']) {
  page(`protocols/${p}.html`, p, 'Protocols', () => `<h1>Protocol <code>${p}</code></h1>${md.parse(section(`\`${p}\``).body)}<h2 id="http-sse">HTTP + Server-Sent Events</h2>${md.parse(httpIntro)}${fromReadme('What the widget shows', 'Keep the key on a server: proxy, CORS, CSP')()}`);
}
const ws = section('WebSocket backends: `job`, `brand`, `agent`, `session`, `template`');
const wsLines = ws.body.split('\n');
const wsHeader = wsLines.filter((l) => l.startsWith('|')).slice(0, 2);
const wsRest = wsLines.filter((l) => !l.startsWith('|')).join('\n');
for (const p of ['job', 'brand', 'agent', 'session', 'template']) {
  const row = wsLines.find((l) => l.startsWith(`| \`${p}\` |`));
  const attrs = readme.split('\n').filter((l) => /^\| `/.test(l) && l.includes(`\`${p}\``) && !l.startsWith(`| \`${p}\``) && readme.indexOf(l) < readme.indexOf('## Properties and methods'));
  page(`protocols/${p}.html`, p, 'Protocols', () =>
    `<h1>Protocol <code>${p}</code> (WebSocket)</h1>${md.parse([...wsHeader, row].join('\n'))}${attrs.length ? `<h2 id="attributes">Attributes that matter for <code>${p}</code></h2>${md.parse(['| attribute | meaning | protocols |', '| --- | --- | --- |', ...attrs].join('\n'))}` : ''}${md.parse(wsRest)}${fromReadme('Stop and history')()}`,
  );
}
page('protocols/custom.html', 'Your own protocol', 'Protocols', fromReadme('Your own protocol'));

// --- write and build -------------------------------------------------------------------------
const groups = ['Start', 'Guides', 'Protocols'];
function layout(p, body) {
  const up = '../'.repeat(p.path.split('/').length - 1);
  const nav = groups
    .map((g) => `<h2>${g}</h2><ul>${pages.filter((x) => x.group === g).map((x) => `<li><a href="${up}${x.path}"${x === p ? ' aria-current="page"' : ''}>${escape(x.title)}</a></li>`).join('')}</ul>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(p.title)} · chat-widget</title>
<link rel="stylesheet" href="${up}site.css">
</head>
<body>
<nav aria-label="Site"><a class="brand" href="${up}index.html">&lt;chat-widget&gt;</a>${nav}<h2>Links</h2><ul><li><a href="${escape(pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, ''))}">Repository</a></li><li><a href="https://www.npmjs.com/package/${pkg.name}">npm</a></li></ul></nav>
<main>
${body}
</main>
</body>
</html>
`;
}

rmSync('docs/protocols', {recursive: true, force: true});
rmSync('docs/guides', {recursive: true, force: true});
for (const p of pages) {
  mkdirSync(join('docs', p.path, '..'), {recursive: true});
  current = p.path;
  writeFileSync(join('docs', p.path), layout(p, p.content()));
}
writeFileSync('docs/public/custom-elements.json', readFileSync('custom-elements.json'));

await build({
  root: 'docs',
  base: './',
  configFile: false,
  logLevel: 'warn',
  publicDir: 'public',
  build: {
    outDir: '../docs-dist',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {input: Object.fromEntries(pages.map((p) => [p.path.replace(/\.html$/, ''), join('docs', p.path)]))},
  },
});
console.log(`docs-dist/: ${pages.length} pages (${pages.map((p) => p.path).join(', ')})`);
