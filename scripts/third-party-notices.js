// Third-party license notices for the self-contained bundle (`--mode bundle`, vite.config.ts):
// every emitted file that holds code of a dependency starts with a `/*! … */` comment naming
// each package, its version, license and copyright line; dist/THIRD-PARTY-NOTICES.md has the
// full license texts. Both come from the packages' own package.json and LICENSE files.
import {existsSync, readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';

/** The package (name, dir) that a module id belongs to, or null for our own code. */
function packageOf(id) {
  const m = /^(.*[\\/]node_modules[\\/])((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(id);
  return m ? {name: m[2].replace(/\\/g, '/'), dir: join(m[1], m[2])} : null;
}

function describe(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const files = readdirSync(dir).filter((f) => /^(licen[cs]e|copying)/i.test(f)).sort();
  const texts = files.map((f) => readFileSync(join(dir, f), 'utf8').trim());
  // The license's own copyright line (`Copyright (c) 2017 Google LLC …`), else the package's author.
  const line = texts.join('\n').match(/^\s*Copyright\s+(?:\(c\)\s*|©\s*)?\d{4}.*$/im)?.[0].trim();
  const author = typeof pkg.author === 'string' ? pkg.author : pkg.author?.name;
  const copyright = line ?? (author ? `(c) ${author.replace(/\s*<[^>]*>/, '')}` : '');
  return {name: pkg.name, version: pkg.version, license: pkg.license ?? '', copyright, texts, files};
}

/** The packages (by name, described) whose modules are among `moduleIds`. */
function packagesOf(moduleIds) {
  const packages = new Map();
  for (const id of moduleIds) {
    const p = packageOf(id);
    if (p && !packages.has(p.name) && existsSync(join(p.dir, 'package.json'))) packages.set(p.name, describe(p.dir));
  }
  return packages;
}

/**
 * The `/*! … *\/` notice that opens a bundle chunk, or '' for a chunk of our own code only. For
 * rolldown's `output.postBanner` (vite.config.ts): added after minification (which would drop
 * it), and the chunk's source map shifted by its lines.
 */
export function noticeBanner(chunk) {
  const packages = packagesOf(chunk.moduleIds);
  if (!packages.size) return '';
  const lines = [...packages.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((p) => ` * ${p.name} ${p.version} (${p.license})${p.copyright ? ` ${p.copyright.replace(/\*\//g, '* /')}` : ''}`);
  return `/*! @license Bundled third-party code; full texts in THIRD-PARTY-NOTICES.md beside this file.\n${lines.join('\n')}\n */`;
}

/** The Vite plugin: emits dist/THIRD-PARTY-NOTICES.md for the packages of all chunks. */
export function thirdPartyNotices() {
  return {
    name: 'third-party-notices',
    apply: 'build',
    generateBundle(_options, bundle) {
      const used = packagesOf(Object.values(bundle).flatMap((chunk) => (chunk.type === 'chunk' ? chunk.moduleIds : [])));
      const sections = [...used.values()]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((p) => `## ${p.name} ${p.version}\n\nLicense: ${p.license}\n\n${p.texts.map((t) => '```text\n' + t + '\n```').join('\n\n')}\n`);
      this.emitFile({
        type: 'asset',
        fileName: 'THIRD-PARTY-NOTICES.md',
        source: `# Third-party notices\n\n\`dist/chat-widget.js\` and the files it loads (the highlighter chunk) include code of these packages, under their licenses:\n\n${sections.join('\n')}`,
      });
    },
  };
}
