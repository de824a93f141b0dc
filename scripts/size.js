#!/usr/bin/env node
// `npm run size`: what dist/chat-widget.js is made of, in gzip -9 bytes.
//
// Every character of the minified bundle is attributed, through its source map, to the file it
// came from; files are grouped (lit, marked, dompurify, and our src/ folders). A group's cost is
// its marginal cost in context: gzip(bundle) − gzip(bundle without that group's characters).
// Gzip shares a dictionary across the file, so those costs do not add up exactly to the total;
// the "sum" line shows by how much. Run `npm run build` first.
import {readFileSync} from 'node:fs';
import {gzipSync} from 'node:zlib';
import {decodeSegment} from './vlq.js';

const bundle = process.argv[2] ?? 'dist/chat-widget.js';
const code = readFileSync(bundle, 'utf8');
const map = JSON.parse(readFileSync(`${bundle}.map`, 'utf8'));
const gz = (text) => gzipSync(text, {level: 9}).length;

/** The group a source path belongs to. */
function group(source) {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source);
  if (pkg) return /^(lit|lit-html|lit-element|@lit\/reactive-element)$/.test(pkg[1]) ? 'lit' : pkg[1];
  const own = /(?:^|\/)src\/(.+)$/.exec(source);
  if (!own) return '(other)';
  const parts = own[1].split('/');
  return parts.length > 1 ? `src/${parts[0]}/` : `src/${parts[0]}`;
}

// Owner group of every character: a mapping covers the characters up to the next mapping.
const groups = map.sources.map(group);
const owner = new Array(code.length).fill('(other)');
const lines = code.split('\n');
let source = 0;
let lineStart = 0;
for (let line = 0; line < lines.length; line++) {
  const length = lines[line].length;
  const segments = (map.mappings.split(';')[line] ?? '').split(',').filter(Boolean);
  let column = 0;
  let current = '(other)';
  let from = 0;
  for (const segment of segments) {
    const values = decodeSegment(segment);
    column += values[0];
    owner.fill(current, lineStart + from, lineStart + column);
    if (values.length > 1) {
      source += values[1];
      current = groups[source];
    }
    from = column;
  }
  owner.fill(current, lineStart + from, lineStart + length + 1);
  lineStart += length + 1;
}

const total = gz(code);
const names = [...new Set(owner)];
const rows = names
  .map((name) => {
    let rest = '';
    let raw = 0;
    for (let i = 0; i < code.length; i++) {
      if (owner[i] === name) raw++;
      else rest += code[i];
    }
    return {name, raw, gzip: total - gz(rest)};
  })
  .sort((a, b) => b.gzip - a.gzip);

const kb = (n) => (n / 1024).toFixed(1).padStart(6);
const deps = rows.filter((r) => !r.name.startsWith('src/') && r.name !== '(other)').reduce((s, r) => s + r.gzip, 0);
const ours = rows.filter((r) => r.name.startsWith('src/')).reduce((s, r) => s + r.gzip, 0);
console.log(`${bundle}: raw ${kb(code.length)} KB, gzip -9 ${kb(total)} KB   [1 KB = 1024 B; marginal gzip cost per group]`);
console.log(`${'group'.padEnd(26)} ${'raw KB'.padStart(6)} ${'gzip KB'.padStart(7)}`);
for (const r of rows) console.log(`${r.name.padEnd(26)} ${kb(r.raw)} ${kb(r.gzip).padStart(7)}`);
console.log(`${'dependencies'.padEnd(26)} ${''.padStart(6)} ${kb(deps).padStart(7)}`);
console.log(`${'our code (src/)'.padEnd(26)} ${''.padStart(6)} ${kb(ours).padStart(7)}`);
console.log(`${'sum of groups'.padEnd(26)} ${''.padStart(6)} ${kb(deps + ours).padStart(7)}   (vs ${kb(total).trim()} KB: gzip shares context)`);
