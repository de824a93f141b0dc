#!/usr/bin/env bash
# The suite on the newest dependencies our ranges allow (a new marked, DOMPurify, Lit … that
# breaks us shows up here before users see it). Copies the project (without node_modules, dist,
# .git) to a scratch folder, runs `npm update` there (package-lock.json moves to the newest
# in-range versions; the project's own lock file is untouched), then builds, checks the manifest
# and runs the tests. Prints what moved. Slow (a full install and the whole suite): a scheduled
# CI job (e.g. nightly), not part of .ci/run.
#   scripts/test-latest.sh            # scratch folder under $TMPDIR, removed afterwards
#   KEEP=1 scripts/test-latest.sh     # keep it (the path is printed)
set -euo pipefail
cd "$(dirname "$0")/.."
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"

scratch="$(mktemp -d "${TMPDIR:-/tmp}/chat-widget-latest-XXXXXX")"
cleanup() { if [ -z "${KEEP:-}" ]; then rm -rf "$scratch"; else echo "kept $scratch"; fi; }
trap cleanup EXIT
echo "scratch copy: $scratch"
tar --exclude=./node_modules --exclude=./dist --exclude=./.git --exclude=./.tmp --exclude=./docs-dist -cf - . | tar -xf - -C "$scratch"
cd "$scratch"

npm ci --no-audit --no-fund --loglevel=error
npm ls --depth=0 --json > before.json 2>/dev/null || true
npm update --no-audit --no-fund --loglevel=error
npm ls --depth=0 --json > after.json 2>/dev/null || true
node -e '
  const [a, b] = ["before.json", "after.json"].map((f) => JSON.parse(require("fs").readFileSync(f, "utf8")).dependencies ?? {});
  const moved = Object.keys(b).filter((k) => a[k]?.version !== b[k]?.version);
  console.log(moved.length ? "updated:\n" + moved.map((k) => `  ${k} ${a[k]?.version ?? "-"} -> ${b[k].version}`).join("\n") : "nothing newer in range");
'
npm run build
npm run analyze:check
npm test
echo "the suite passes on the newest in-range dependencies"
