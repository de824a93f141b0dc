#!/usr/bin/env node
// Derives from custom-elements.json (run by `npm run analyze` after `cem analyze`):
// - web-types.json (JetBrains IDEs; the package.json `web-types` field points at it),
// - vscode.html-custom-data.json and vscode.css-custom-data.json (VS Code custom data),
// - src/frameworks/attributes.ts: the attribute names and value types that the framework
//   typings (React, Preact, Solid, Vue, Svelte) accept besides the properties.
// `--check` writes nothing and fails when a file is not what the manifest gives (analyze:check).
import {readFileSync, writeFileSync} from 'node:fs';
import {getWebTypesData} from 'custom-element-jet-brains-integration';
import {getVsCodeHtmlCustomData, getVsCodeCssCustomData} from 'custom-element-vs-code-integration';

const check = process.argv.includes('--check');
const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const docs = `${pkg.homepage.replace(/#.*$/, '')}`;

const quiet = (fn) => {
  const log = console.log;
  console.log = () => {};
  try {
    return fn();
  } finally {
    console.log = log;
  }
};
const json = (text) => `${JSON.stringify(JSON.parse(text), null, 2)}\n`;
const reference = () => ({name: 'Documentation', url: docs});

const webTypes = quiet(() => getWebTypesData(manifest, {packageJson: false, referenceTemplate: reference}));
const webTypesJson = JSON.parse(webTypes);
webTypesJson.name = pkg.name;
webTypesJson.version = pkg.version;

const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'chat-widget');
const tsType = (attr) => {
  const text = attr.type?.text ?? 'string';
  if (text === 'boolean') return 'boolean | \'\'';
  if (text === 'number') return 'number | string';
  return 'string';
};
const attributes = element.attributes.filter((a) => a.fieldName && a.name !== a.fieldName);
const attributesTs = `// Generated from custom-elements.json by scripts/manifest-outputs.js (\`npm run analyze\`): do not edit.

/**
 * The attributes of \`<chat-widget>\` whose names differ from their properties (\`session-id\` for
 * \`sessionId\` …), as the framework typings accept them besides the properties.
 */
export interface ChatWidgetKebabAttributes {
${attributes.map((a) => `  /** Attribute of \`${a.fieldName}\`. */\n  '${a.name}'?: ${tsType(a)};`).join('\n')}
}

/** Every attribute name of \`<chat-widget>\`. */
export type ChatWidgetAttributeName =
${element.attributes.map((a) => `  | '${a.name}'`).join('\n')};
`;

const outputs = {
  'web-types.json': `${JSON.stringify(webTypesJson, null, 2)}\n`,
  'vscode.html-custom-data.json': json(quiet(() => getVsCodeHtmlCustomData(manifest, {referencesTemplate: () => [reference()]}))),
  'vscode.css-custom-data.json': json(quiet(() => getVsCodeCssCustomData(manifest, {}))),
  'src/frameworks/attributes.ts': attributesTs,
};

let stale = 0;
for (const [file, text] of Object.entries(outputs)) {
  if (check) {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {}
    if (current !== text) {
      console.error(`${file} is out of date: run \`npm run analyze\` and commit the result.`);
      stale++;
    }
  } else {
    writeFileSync(file, text);
  }
}
if (stale) process.exit(1);
if (check) console.log('web-types.json, the VS Code custom data and src/frameworks/attributes.ts are current.');
