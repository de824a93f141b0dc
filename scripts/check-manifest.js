// Fails when custom-elements.json is not what `npm run analyze` generates from src/, when the
// files derived from it (web-types.json, the VS Code custom data, src/frameworks/attributes.ts)
// are stale, or when @wc-toolkit/cem-validator reports an error (warnings are printed).
// (The analyzer resolves --outdir against the working directory, so the scratch
// folder lives inside the project, in the git-ignored .tmp/; it also rewrites the
// `customElements` field of package.json to point there, so that file is restored.)
import {execFileSync} from 'node:child_process';
import {mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';

const dir = join('.tmp', `cem-check-${process.pid}`);
mkdirSync(dir, {recursive: true});
const pkg = readFileSync('package.json', 'utf8');
try {
  execFileSync('npx', ['cem', 'analyze', '--quiet', '--outdir', dir], {stdio: 'inherit'});
  const fresh = readFileSync(join(dir, 'custom-elements.json'), 'utf8');
  const committed = readFileSync('custom-elements.json', 'utf8');
  if (fresh !== committed) {
    console.error('custom-elements.json is out of date: run `npm run analyze` and commit the result.');
    process.exit(1);
  }
  console.log('custom-elements.json is current.');
} finally {
  writeFileSync('package.json', pkg);
  rmSync(dir, {recursive: true, force: true});
}
execFileSync('node', ['scripts/manifest-outputs.js', '--check'], {stdio: 'inherit'});

// The validator logs its findings and, with `logErrors: false`, throws when a rule at "error" fails.
const {validateCem} = await import('@wc-toolkit/cem-validator');
try {
  await validateCem(JSON.parse(readFileSync('custom-elements.json', 'utf8')), {logErrors: false, debug: true});
} catch (error) {
  console.error(String(error?.message ?? error));
  process.exit(1);
}
