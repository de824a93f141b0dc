#!/usr/bin/env node
// `npm run bench`: streams the same seeded markdown through the built
// `dist/chat-widget.js` and through a text-node baseline page in headless
// Chromium, over the `brand` protocol (WebSocket) and the `openai` protocol
// (POST + Server-Sent Events), each against its own baseline, and reports
// main-thread cost, long tasks, heap, render lag, bundle size and startup,
// with PASS/FAIL budget lines. The `code …` cases stream a code-heavy answer (brand) and
// keep measuring until its code blocks are highlighted. See `--help` and the README's
// "Benchmark" section.
import {existsSync, mkdirSync, writeFileSync} from 'node:fs';
import {cpus, loadavg, platform, release} from 'node:os';
import {dirname, join, relative, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {gzipSync} from 'node:zlib';
import {DEFAULT_SEED, tokensFor} from './lib/markdown-gen.js';
import {HIGHLIGHTED_LANGS, MAX_HIGHLIGHTED_LINE, PLAIN_LANG, codeTokensFor, describeCode} from './lib/code-gen.js';
import {CHROME_FLAGS, PROFILE_INTERVAL_US, TRACE_CATEGORIES, VIEWPORT, chromePath, launchBrowser, measureStartup, measureStream} from './lib/measure.js';
import {budget, fmtInt, fmtMs, fmtNum, growthExponent, median, medianOf, table} from './lib/report.js';
import {readBundle, startServers} from './lib/servers.js';
import {worstCases, worstReport} from './lib/worst.js';
import {WORST_FAMILIES} from '../scripts/worst-cases.js';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH_DIR, '..');
const KB = 1024;

const BUDGETS = {
  fastRatio16k: 1.5,
  fastGrowth: 1.1,
  pacedRatio4k: 1.0,
  pacedBehind4kMs: 100,
  pacedLongestTask4kMs: 50,
  /** The fast 16,000 stream: widget busy / deep-chat's busy on the same stream. */
  fastVsPeer16k: 0.3,
  /** Inline widget, navigation → painted: widget / deep-chat, main-thread busy and script. */
  startupBusyVsPeer: 0.8,
  startupScriptVsPeer: 0.8,
  /** Launcher mode: host page busy (navigation → launcher painted) / the empty page's. */
  launcherBusyVsEmpty: 1.15,
  /** Launcher mode: JS fetched before the visitor reaches for the launcher (gzip, KB). */
  launcherJsKB: 6,
  /** Launcher mode, the rest loaded: open click → panel painted, in frames. */
  launcherOpenFrames: 2,
  /** A full conversation with markdown (no code block): all JS fetched (gzip, KB; the highlighter is printed on its own). */
  conversationGzipKB: 62,
};

/**
 * Cold loads per startup page (at least): the startup budgets are ratios of medians of short
 * windows, noisy on a shared machine (with 9, the inline ratio read 0.84-1.05x over five runs of
 * one build within an hour; 15 cost about 12 s more).
 */
const STARTUP_RUNS = 15;

/** The streaming peer (deep-chat, bench/pages/deep-chat.html) runs in the brand markdown fast case of this size (4,000 under --quick). */
const PEER_N = 16000;

/** The protocols streamed, in order; each against a baseline page doing the same network work. */
const PROTOCOLS = ['brand', 'openai'];
const MODES = ['fast', 'paced'];
/** What is streamed: the seeded markdown, or the code-heavy answer (`code …` cases, brand only). */
const STREAMS = ['markdown', 'code', 'worst'];
/** Sizes per protocol and mode (fast: without 16,000 under --quick). openai skips paced 1,000 (no budget, 30 s). */
const SIZES = {
  brand: {fast: [1000, 4000, 16000], paced: [1000, 4000]},
  openai: {fast: [1000, 4000, 16000], paced: [4000]},
};
/** The code-heavy answer: brand, fast 16,000 and 200/s 4,000, each against the baseline with the same budgets. */
const CODE_SIZES = {fast: [16000], paced: [4000]};
/** The widget page's wait for the highlighter, after the reply's final paint. */
const HIGHLIGHT_TIMEOUT_MS = 30_000;

const HELP = `Usage: npm run bench -- [options]

Streams seeded markdown through dist/chat-widget.js and a text-node baseline
page in headless Chromium (and, as a peer, deep-chat 2.4.2 on the fast 16,000
stream and at startup; the launcher mode at startup), over the brand protocol (WebSocket) and the openai
protocol (POST /v1/chat/completions + Server-Sent Events), each against its own
baseline; prints a table and budget lines and writes JSON to
bench/results/<timestamp>.json and bench/results/latest.json.

Options:
  --quick              N = 1,000 and 4,000 only (no 16,000, so no code fast), 3 runs
  --runs K             runs per case and page (median reported; default 3, min 1)
  --only LIST          comma-separated: fast|paced (mode), brand|openai
                       (protocol) and/or markdown|code|worst (stream), e.g. --only openai,
                       --only=brand,paced, --only code (the code-heavy answer only),
                       --only worst (the worst cases: unbroken runs, CJK, data URI, huge
                       frames, long tables, code and lists, 1-char tokens);
                       --only startup: the startup loads only (no stream)
  --family LIST        the worst cases of these families only (comma-separated ids of
                       scripts/worst-cases.js, e.g. --family list,table), without the
                       startup loads; implies --only worst unless --only is given
  --strict             exit 1 when a budget fails (default: always exit 0)
  --bundle PATH        measure another bundle instead of dist/chat-widget.js
  --baseline-only      measure the baseline page only (harness development)
  -h, --help           this text

Environment: CHROME_PATH (default /usr/bin/chromium).`;

function options() {
  const {values} = parseArgs({
    options: {
      quick: {type: 'boolean', default: false},
      runs: {type: 'string'},
      only: {type: 'string'},
      family: {type: 'string'},
      strict: {type: 'boolean', default: false},
      bundle: {type: 'string'},
      'baseline-only': {type: 'boolean', default: false},
      help: {type: 'boolean', short: 'h', default: false},
    },
    allowPositionals: false,
  });
  const runs = values.runs === undefined ? 3 : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs needs a positive integer, not "${values.runs}"`);
  const family = values.family === undefined ? null : values.family.split(',').map((w) => w.trim()).filter(Boolean);
  const ids = WORST_FAMILIES.map((f) => f.id);
  if (family && (!family.length || family.some((f) => !ids.includes(f)))) throw new Error(`--family takes a comma-separated list of ${ids.join(', ')}, not "${values.family}"`);
  const only = values.only === undefined ? (family ? ['worst'] : []) : values.only.split(',').map((w) => w.trim()).filter(Boolean);
  const words = [...MODES, ...PROTOCOLS, ...STREAMS, 'startup'];
  const bad = only.filter((w) => !words.includes(w));
  if (values.only !== undefined && (!only.length || bad.length)) {
    throw new Error(`--only takes a comma-separated list of ${words.join(', ')}, not "${values.only}"`);
  }
  const pick = (all) => (only.some((w) => all.includes(w)) ? all.filter((w) => only.includes(w)) : all);
  return {
    quick: values.quick,
    runs,
    only: values.only ?? (family ? 'worst' : null),
    family,
    modes: pick(MODES),
    protocols: pick(PROTOCOLS),
    streams: only.length === 1 && only[0] === 'startup' ? [] : pick(STREAMS),
    strict: values.strict,
    bundle: values.bundle ?? null,
    baselineOnly: values['baseline-only'],
    help: values.help,
  };
}

function log(msg) {
  process.stderr.write(`${msg}\n`);
}

/**
 * Case ids: brand keeps `fast-16000` / `paced-4000`; other protocols are prefixed (`openai-fast-16000`),
 * and so is the code-heavy answer (`code-fast-16000`).
 */
const caseId = (protocol, mode, n, stream = 'markdown') => `${stream === 'code' ? 'code-' : ''}${protocol === 'brand' ? '' : `${protocol}-`}${mode}-${n}`;
/** Labels in the table, the log and the budgets: brand unprefixed, others `openai fast 16,000`, `code 200/s 4,000`. */
const prefix = (protocol, stream = 'markdown') => `${stream === 'code' ? 'code ' : ''}${protocol === 'brand' ? '' : `${protocol} `}`;

/** What the widget page waits for in the code cases (see `highlightState` in bench/pages/widget-stream.js). */
const HIGHLIGHT_SPEC = {known: HIGHLIGHTED_LANGS, control: PLAIN_LANG, maxLine: MAX_HIGHLIGHTED_LINE, timeoutMs: HIGHLIGHT_TIMEOUT_MS};

function buildCases(opts) {
  const cases = [];
  for (const protocol of opts.streams.includes('markdown') ? opts.protocols : []) {
    const p = prefix(protocol);
    if (opts.modes.includes('fast')) {
      for (const n of SIZES[protocol].fast.filter((n) => !opts.quick || n < 16000)) {
        cases.push({id: caseId(protocol, 'fast', n), stream: 'markdown', protocol, mode: 'fast', n, intervalMs: 0, label: `${p}fast ${fmtInt(n)}`, timeoutMs: 60_000 + n * 10});
      }
    }
    if (opts.modes.includes('paced')) {
      for (const n of SIZES[protocol].paced) {
        cases.push({id: caseId(protocol, 'paced', n), stream: 'markdown', protocol, mode: 'paced', n, intervalMs: 5, label: `${p}200/s ${fmtInt(n)}`, timeoutMs: 30_000 + n * 5 * 2});
      }
    }
  }
  // The code-heavy answer, over brand: the window runs on until its code blocks are highlighted.
  if (opts.streams.includes('code') && opts.protocols.includes('brand')) {
    const code = {stream: 'code', protocol: 'brand', highlight: HIGHLIGHT_SPEC, trace: true};
    if (opts.modes.includes('fast')) {
      for (const n of CODE_SIZES.fast.filter((n) => !opts.quick || n < 16000)) {
        cases.push({...code, id: caseId('brand', 'fast', n, 'code'), mode: 'fast', n, intervalMs: 0, label: `code fast ${fmtInt(n)}`, timeoutMs: 60_000 + n * 10 + HIGHLIGHT_TIMEOUT_MS});
      }
    }
    if (opts.modes.includes('paced')) {
      for (const n of CODE_SIZES.paced) {
        cases.push({...code, id: caseId('brand', 'paced', n, 'code'), mode: 'paced', n, intervalMs: 5, label: `code 200/s ${fmtInt(n)}`, timeoutMs: 30_000 + n * 5 * 2 + HIGHLIGHT_TIMEOUT_MS});
      }
    }
  }
  // The worst cases (scripts/worst-cases.js), over brand, as fast as possible.
  if (opts.streams.includes('worst') && opts.protocols.includes('brand') && opts.modes.includes('fast')) cases.push(...worstCases(opts));
  return cases;
}

/** Traced long tasks as `wall/CPU ms @ time after the message`: a task's wall time far over its CPU time waited for a core. */
const cpuOf = (list) => list.map((t) => `${fmtMs(t.ms)}/${t.cpuMs == null ? '?' : fmtMs(t.cpuMs)} ms CPU @${(t.atMs / 1000).toFixed(1)} s`).join(', ');

/** The bundle's highlighter chunk (`highlighter-<hash>.js`), if the build has one. */
const isHighlighter = (route) => /(?:^|\/)highlighter-[^/]*\.js$/.test(route);

/** Sizes of the bundle's modules (entry first), each gzipped on its own as a server would send it. */
function bundleSizes(modules) {
  return modules.map(({path, route, body}) => ({path: relative(ROOT, path), route, rawBytes: body.length, gzipBytes: gzipSync(body, {level: 9}).length}));
}

const sum = (list, key) => list.reduce((n, m) => n + m[key], 0);

/** The page order of run `run`: alternates, so drift over time hits widget and baseline alike. */
function orderFor(run, kinds) {
  return run % 2 === 0 ? kinds : [...kinds].reverse();
}

async function main() {
  let opts;
  try {
    opts = options();
  } catch (err) {
    log(`bench: ${err.message}\n\n${HELP}`);
    process.exitCode = 2;
    return;
  }
  if (opts.help) {
    console.log(HELP);
    return;
  }

  const bundlePath = resolve(ROOT, opts.bundle ?? 'dist/chat-widget.js');
  if (!opts.baselineOnly && !existsSync(bundlePath)) {
    log(
      opts.bundle
        ? `bench: ${bundlePath} not found.`
        : `bench: ${relative(ROOT, bundlePath)} not found — run \`npm run build\` first (the benchmark measures the built bundle).`,
    );
    process.exitCode = 1;
    return;
  }

  const started = Date.now();
  const kinds = opts.baselineOnly ? ['baseline'] : ['widget', 'baseline'];
  /** Startup: the inline widget, the launcher, the peer (deep-chat) and the empty host page (widget.html without the widget). */
  const startupKinds = opts.baselineOnly ? ['empty'] : ['widget', 'launcher', 'deepchat', 'empty'];
  /** The streaming peer's case: brand markdown fast at PEER_N (or the largest size of the run). */
  const peerN = opts.quick ? 4000 : PEER_N;
  const kindsOf = (c) => (!opts.baselineOnly && c.stream === 'markdown' && c.protocol === 'brand' && c.mode === 'fast' && c.n === peerN ? [...kinds, 'deepchat'] : kinds);
  const cases = buildCases(opts);
  if (!cases.length && opts.only !== 'startup') {
    log(`bench: --only ${opts.only} selects no case (the code cases stream over brand only)\n\n${HELP}`);
    process.exitCode = 2;
    return;
  }
  const markdownCases = cases.filter((c) => c.stream === 'markdown');
  const codeCases = cases.filter((c) => c.stream === 'code');
  const maxN = Math.max(...markdownCases.map((c) => c.n), 1000);
  const allTokens = tokensFor(maxN);
  const codeTokens = codeCases.length ? codeTokensFor(Math.max(...codeCases.map((c) => c.n))) : [];
  const tokensOf = (c) => c.tokens ?? (c.stream === 'code' ? codeTokens : allTokens).slice(0, c.n);
  const statsOf = (list, tokens) =>
    Object.fromEntries(
      [...new Set(list.map((c) => c.n))].map((n) => {
        const chars = tokens.slice(0, n).join('').length;
        return [n, {tokens: n, chars, charsPerToken: chars / n}];
      }),
    );
  const tokenStats = statsOf(markdownCases, allTokens);
  const codeTokenStats = statsOf(codeCases, codeTokens);

  // Sizes and served bytes come from this one read (see readBundle).
  const modules = await readBundle(bundlePath);
  const sizes = bundleSizes(modules);
  /** Entry, all modules, and (after the run) the modules the widget page requested. */
  const bundle = sizes.length
    ? {path: sizes[0].path, entry: sizes[0], modules: sizes, allRawBytes: sum(sizes, 'rawBytes'), allGzipBytes: sum(sizes, 'gzipBytes'), loaded: null}
    : null;
  const servers = await startServers({pagesDir: join(BENCH_DIR, 'pages'), modules});
  let browser;
  const result = {
    version: 2,
    timestamp: new Date(started).toISOString(),
    options: opts,
    environment: {
      node: process.version,
      platform: `${platform()} ${release()}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? null,
      loadAverageAtStart: loadavg(),
      loadAverageAtEnd: null,
      chromePath: chromePath(),
      chromium: null,
      flags: CHROME_FLAGS,
      viewport: VIEWPORT,
    },
    tokens: {seed: DEFAULT_SEED, tokenizer: '/\\s*\\S{1,4}|\\s+/g', byN: tokenStats, code: codeCases.length ? {byN: codeTokenStats, highlight: HIGHLIGHT_SPEC, traceCategories: TRACE_CATEGORIES} : null},
    bundle,
    startup: null,
    cases: [],
    growth: null,
    budgets: [],
    durationS: null,
  };

  try {
    browser = await launchBrowser();
    result.environment.chromium = await browser.version();
    log(`bench: ${result.environment.chromium}, ${opts.runs} run(s) per case, server ${servers.origin}`);

    // ---- startup (not with --family) ------------------------------------------
    if (!opts.family) {
      const startupRuns = Math.max(opts.runs, STARTUP_RUNS);
      const startup = {runs: Object.fromEntries(startupKinds.map((k) => [k, []])), errors: {}, failures: Object.fromEntries(startupKinds.map((k) => [k, 0]))};
      for (const kind of startupKinds) {
        // Warm-up (discarded): first process launch, disk cache of Chromium itself.
        await measureStartup(browser, servers, kind).catch(() => {});
      }
      for (let i = 0; i < startupRuns; i++) {
        for (const kind of orderFor(i, startupKinds)) {
          if (startup.failures[kind] >= 2) continue;
          try {
            startup.runs[kind].push(await measureStartup(browser, servers, kind));
          } catch (err) {
            startup.failures[kind]++;
            startup.errors[kind] = err.message;
            log(`  startup ${kind}: ${err.message}`);
          }
        }
      }
      startup.median = Object.fromEntries(startupKinds.map((k) => [k, medianOf(startup.runs[k])]));
      log(`  startup: ${startupKinds.map((k) => `${k} busy ${fmtMs(startup.median[k].busyMs)} ms`).join(', ')}`);
      result.startup = startup;
    }

    // ---- streaming cases -------------------------------------------------------
    // A page kind that never got ready twice in a row (and never worked) is given up;
    // otherwise a failed run is recorded and the next run tried (at most 2 failures per case).
    const broken = {};
    const worked = {};
    const notReady = {};
    for (const c of cases) {
      const tokens = tokensOf(c);
      const entry = {
        id: c.id,
        label: c.label,
        stream: c.stream,
        protocol: c.protocol,
        mode: c.mode,
        n: c.n,
        tokensPerSecond: c.mode === 'paced' ? 1000 / c.intervalMs : null,
        ...(c.stream === 'code' ? {answer: describeCode(tokens.join(''))} : {}),
        ...(c.stream === 'worst' ? {family: c.family, size: c.size, chars: c.chars} : {}),
        runs: {},
        errors: {},
        failures: {},
        median: {},
      };
      const spec = {protocol: c.protocol, mode: c.mode, tokens, intervalMs: c.intervalMs, timeoutMs: c.timeoutMs, highlight: c.highlight, trace: c.trace};
      const ck = kindsOf(c);
      for (const k of ck) {
        entry.runs[k] = [];
        entry.failures[k] = [];
      }
      for (let i = 0; i < opts.runs; i++) {
        for (const kind of orderFor(i, ck)) {
          const last = entry.failures[kind].at(-1) ?? '';
          // Given up per protocol and page: a broken openai page does not stop the brand cases.
          const key = `${c.protocol} ${kind}`;
          // A stream that timed out would time out again: do not spend another timeout on it.
          if (broken[key] || entry.failures[kind].length >= 2 || (/timed out/.test(last) && !/not ready/.test(last))) continue;
          // The peer runs once per case: at 16,000 tokens one run of deep-chat takes minutes (its
          // busy time grows about quadratically), and its figure is far from the 0.3x budget.
          if (kind === 'deepchat' && (i > 0 || entry.runs.deepchat.length)) continue;
          try {
            const r = await measureStream(browser, servers, kind, kind === 'deepchat' ? {...spec, timeoutMs: spec.timeoutMs * 4} : spec);
            entry.runs[kind].push(r);
            worked[key] = true;
            notReady[key] = 0;
            log(
              `  ${c.label.padEnd(19)} ${kind.padEnd(8)} run ${i + 1}/${opts.runs}: busy ${fmtMs(r.busyMs)} ms, behind ${fmtMs(r.behindMs)} ms` +
                `${r.longtaskCount ? `, ${r.longtaskCount} long task(s) ≤ ${fmtMs(r.longestTaskMs)} ms` : ''}${r.tracedLongTasks?.length ? ` (traced: ${cpuOf(r.tracedLongTasks)})` : ''}` +
                `${r.errors.length ? `, page errors: ${r.errors.length}` : ''}` +
                (r.highlight
                  ? `; highlighted ${fmtMs(r.highlight.afterEndMs)} ms after the final paint (busy ${fmtMs(r.highlight.busyAfterEndMs)} ms` +
                    `${r.highlight.longtaskCount ? `, ${r.highlight.longtaskCount} long task(s) ≤ ${fmtMs(r.highlight.longestTaskMs)} ms` : ''})`
                  : ''),
            );
          } catch (err) {
            entry.failures[kind].push(err.message);
            entry.errors[kind] = err.message;
            log(`  ${c.label.padEnd(19)} ${kind.padEnd(8)} run ${i + 1}/${opts.runs}: ERROR ${err.message}`);
            if (/not ready/.test(err.message)) notReady[key] = (notReady[key] ?? 0) + 1;
            if (!worked[key] && notReady[key] >= 2) broken[key] = err.message;
          }
        }
      }
      for (const k of ck) entry.median[k] = medianOf(entry.runs[k]);
      if (c.stream === 'code' && entry.runs.widget?.length) {
        entry.highlight = medianOf(entry.runs.widget.map((r) => r.highlight));
        // One more widget run, sampled (CPU profile + timeline trace): where the time goes. Its
        // times are inflated by the profiler; it only explains the measured runs.
        try {
          const r = await measureStream(browser, servers, 'widget', {...spec, trace: false, profile: true});
          entry.profile = {...r.highlight.profile, busyMs: r.busyMs, busyAfterEndMs: r.highlight.busyAfterEndMs, timelineAfterEnd: r.highlight.timeline, longtaskCount: r.longtaskCount, longestTaskMs: r.longestTaskMs};
          log(`  ${c.label.padEnd(19)} widget   profiled: busy ${fmtMs(r.busyMs)} ms, highlighter chunk ${fmtMs(entry.profile.highlighterMs)} ms of script`);
        } catch (err) {
          entry.profile = {error: err.message};
          log(`  ${c.label.padEnd(19)} widget   profiled: ERROR ${err.message}`);
        }
      }
      const w = entry.median.widget?.busyMs;
      const b = entry.median.baseline?.busyMs;
      entry.ratio = w && b ? w / b : null;
      const d = entry.median.deepchat?.busyMs;
      entry.peerRatio = w && d ? w / d : null;
      result.cases.push(entry);
    }
  } finally {
    if (bundle) {
      // What a page embedding the widget downloads: the entry and every chunk it asked for.
      const requested = new Set(servers.requestedModules());
      const loaded = sizes.filter((m) => requested.has(m.route));
      bundle.loaded = {routes: loaded.map((m) => m.route), rawBytes: sum(loaded, 'rawBytes'), gzipBytes: sum(loaded, 'gzipBytes')};
    }
    await browser?.close().catch(() => {});
    await servers.close();
  }

  // ---- analysis ----------------------------------------------------------------
  // Growth and the streaming budgets, per protocol: each widget against its own baseline.
  const growth = {};
  for (const protocol of opts.protocols) {
    const fast = result.cases.filter((c) => c.stream === 'markdown' && c.protocol === protocol && c.mode === 'fast');
    growth[protocol] = {};
    for (const k of kinds) {
      const points = fast.map((c) => [c.n, c.median[k]?.busyMs ?? null]).filter(([, y]) => y);
      growth[protocol][k] = {
        points,
        fit: growthExponent(points),
        endpoints: points.length >= 2 ? Math.log(points.at(-1)[1] / points[0][1]) / Math.log(points.at(-1)[0] / points[0][0]) : null,
        range: points.length >= 2 ? `${fmtInt(points[0][0])}–${fmtInt(points.at(-1)[0])}` : null,
      };
    }
  }
  result.growth = growth;

  const byId = Object.fromEntries(result.cases.map((c) => [c.id, c]));
  const hasWidget = kinds.includes('widget');
  const missingFails = opts.strict && hasWidget;
  const budgets = [];
  const why = (c, label) => (!hasWidget ? 'widget not measured (--baseline-only)' : !c ? `not run (${label})` : c.errors.widget ? `widget error: ${c.errors.widget}` : 'no data');
  const notRunFast = opts.quick ? '--quick' : `--only ${opts.only}`;
  const notRunPaced = `--only ${opts.only}`;
  // The brand stream's budgets, per protocol; and the same four for the code-heavy answer (no growth: one size).
  const groups = [
    ...(opts.streams.includes('markdown') ? opts.protocols.map((protocol) => ({protocol, stream: 'markdown'})) : []),
    ...(codeCases.length ? [{protocol: 'brand', stream: 'code'}] : []),
  ];
  for (const {protocol, stream} of groups) {
    const p = prefix(protocol, stream);
    const f16 = byId[caseId(protocol, 'fast', 16000, stream)];
    const p4 = byId[caseId(protocol, 'paced', 4000, stream)];
    const upTo = stream === 'code' ? ' (to the last code block highlighted)' : '';
    budgets.push(
      budget(`${p}fast 16,000: widget busy${upTo} / baseline busy`, f16?.ratio ?? null, BUDGETS.fastRatio16k, {
        unit: '×',
        missingFails: missingFails && !!f16,
        skipReason: why(f16, notRunFast),
      }),
    );
    if (stream === 'markdown') {
      const g = growth[protocol].widget;
      const growthOk = g && g.points.length >= 3 && g.points.at(-1)[0] >= 16000;
      budgets.push(
        budget(`${p}fast: growth exponent of widget busy time, 1,000→16,000`, growthOk ? g.fit : null, BUDGETS.fastGrowth, {
          detail: growthOk ? `baseline ${fmtNum(growth[protocol].baseline?.fit)}` : g?.fit != null ? `${g.range} only: ${fmtNum(g.fit)}` : '',
          missingFails: missingFails && !!f16,
          skipReason: why(f16, notRunFast),
        }),
      );
    }
    budgets.push(
      budget(`${p}200/s 4,000: widget busy${upTo} / baseline busy`, p4?.ratio ?? null, BUDGETS.pacedRatio4k, {unit: '×', missingFails: missingFails && !!p4, skipReason: why(p4, notRunPaced)}),
    );
    budgets.push(
      budget(`${p}200/s 4,000: widget finished behind the stream`, p4?.median.widget?.behindMs ?? null, BUDGETS.pacedBehind4kMs, {
        unit: ' ms',
        fmt: fmtMs,
        detail: p4?.runs.widget?.length ? `per run: ${p4.runs.widget.map((r) => fmtMs(r.behindMs)).join(', ')} ms` : '',
        missingFails: missingFails && !!p4,
        skipReason: why(p4, notRunPaced),
      }),
    );
    const p4runs = p4?.runs.widget ?? [];
    const longest = p4runs.length ? median(p4runs.map((r) => r.longestTaskMs ?? 0)) : null;
    budgets.push(
      budget(`${p}200/s 4,000: longest widget task${upTo} (no long task over 50 ms)`, p4runs.some((r) => r.longestTaskMs === null) ? null : longest, BUDGETS.pacedLongestTask4kMs, {
        fmt: (v) => (v === 0 ? 'no long task' : `${fmtMs(v)} ms`),
        detail: p4runs.length
          ? `long tasks per run: ${p4runs.map((r) => `${r.longtaskCount}${r.longtaskCount ? ` (≤ ${fmtMs(r.longestTaskMs)} ms)` : ''}`).join(', ')}` +
            (p4runs.some((r) => r.tracedLongTasks?.length)
              ? `; traced wall/CPU: ${p4runs.map((r) => (r.tracedLongTasks?.length ? cpuOf(r.tracedLongTasks) : '—')).join(' | ')}`
              : '')
          : '',
        missingFails: missingFails && !!p4,
        skipReason: p4runs.some((r) => r.longestTaskMs === null) ? 'long tasks not observable in this browser' : why(p4, notRunPaced),
      }),
    );
  }
  // Streaming against the peer: the fast 16,000 stream, widget busy / deep-chat's busy.
  const peerCase = byId[caseId('brand', 'fast', PEER_N)];
  if (opts.streams.includes('markdown') && opts.protocols.includes('brand') && opts.modes.includes('fast')) {
    budgets.push(
      budget('fast 16,000: widget busy / deep-chat busy (same stream)', peerCase?.peerRatio ?? null, BUDGETS.fastVsPeer16k, {
        unit: '×',
        detail: peerCase?.median.deepchat?.busyMs ? `deep-chat ${fmtMs(peerCase.median.deepchat.busyMs)} ms, widget ${fmtMs(peerCase.median.widget?.busyMs)} ms` : '',
        missingFails: missingFails && !!peerCase,
        skipReason: !peerCase ? `not run (${notRunFast})` : peerCase.errors.deepchat ? `deep-chat error: ${peerCase.errors.deepchat}` : why(peerCase, notRunFast),
      }),
    );
  }
  // Sizes: a full conversation with markdown (no code block): every bundle file a markdown widget run fetched.
  const gzipOf = new Map((bundle?.modules ?? []).map((m) => [m.route, m.gzipBytes]));
  const mdRuns = result.cases.filter((c) => c.stream === 'markdown').flatMap((c) => c.runs.widget ?? []).filter((r) => r.chunks?.length);
  const fetchedSets = mdRuns.map((r) => [...new Set(r.chunks.map((x) => x.path))].filter((p) => !isHighlighter(p)));
  const biggest = fetchedSets.map((routes) => ({routes, gzipBytes: routes.reduce((n, p) => n + (gzipOf.get(p) ?? 0), 0)})).sort((a, b) => b.gzipBytes - a.gzipBytes)[0];
  budgets.push(
    budget('a full conversation with markdown: gzip -9 of all JS fetched (highlighter apart)', biggest ? biggest.gzipBytes / KB : null, BUDGETS.conversationGzipKB, {
      unit: ' KB',
      fmt: (v) => fmtNum(v, 1),
      detail: biggest
        ? `${fmtInt(biggest.gzipBytes)} B: ${biggest.routes.map((p) => `${p.replace(/^\/dist\//, '')} ${fmtNum((gzipOf.get(p) ?? 0) / KB, 1)}`).join(' + ')}` +
          (bundle?.highlighter ? `; the highlighter chunk adds ${fmtNum(bundle.highlighter.gzipBytes / KB, 1)} KB when a reply shows code` : '')
        : '',
      missingFails,
      skipReason: !bundle ? 'bundle missing' : 'no markdown widget run',
    }),
  );
  // Startup: the inline widget against the peer; the launcher against the empty page.
  const su = result.startup?.median ?? {};
  const suRatio = (a, b, key) => (a?.[key] != null && b?.[key] ? a[key] / b[key] : null);
  // For information beside a busy ratio (the budget): the same ratio of the main thread's CPU time.
  const cpuNote = (a, b, what) => (a?.cpuMs != null && b?.cpuMs ? `; main-thread CPU ${fmtMs(a.cpuMs)} ms, ${what} ${fmtMs(b.cpuMs)} ms: ${(a.cpuMs / b.cpuMs).toFixed(2)}×` : '');
  const suSkip = (k) => result.startup?.errors?.[k] ?? (hasWidget ? 'no data' : 'widget not measured (--baseline-only)');
  budgets.push(
    budget('startup, inline widget (navigation → painted): main-thread busy / deep-chat\'s', suRatio(su.widget, su.deepchat, 'busyMs'), BUDGETS.startupBusyVsPeer, {
      unit: '×',
      detail:
        su.deepchat?.busyMs != null
          ? `widget ${fmtMs(su.widget?.busyMs)} ms, deep-chat ${fmtMs(su.deepchat.busyMs)} ms, empty page ${fmtMs(su.empty?.busyMs)} ms${cpuNote(su.widget, su.deepchat, 'deep-chat')}`
          : '',
      missingFails,
      skipReason: suSkip(su.widget ? 'deepchat' : 'widget'),
    }),
  );
  budgets.push(
    budget('startup, inline widget (navigation → painted): script / deep-chat\'s', suRatio(su.widget, su.deepchat, 'scriptMs'), BUDGETS.startupScriptVsPeer, {
      unit: '×',
      detail: su.deepchat?.scriptMs != null ? `widget ${fmtMs(su.widget?.scriptMs)} ms, deep-chat ${fmtMs(su.deepchat.scriptMs)} ms` : '',
      missingFails,
      skipReason: suSkip(su.widget ? 'deepchat' : 'widget'),
    }),
  );
  budgets.push(
    budget('startup, launcher mode (navigation → launcher painted): host page busy / empty page\'s', suRatio(su.launcher, su.empty, 'busyMs'), BUDGETS.launcherBusyVsEmpty, {
      unit: '×',
      detail: su.launcher?.busyMs != null ? `launcher page ${fmtMs(su.launcher.busyMs)} ms, empty page ${fmtMs(su.empty?.busyMs)} ms${cpuNote(su.launcher, su.empty, 'empty page')}` : '',
      missingFails,
      skipReason: suSkip('launcher'),
    }),
  );
  const lRuns = result.startup?.runs?.launcher ?? [];
  const jsBefore = lRuns.length ? Math.max(...lRuns.map((r) => r.launcher.jsBefore.reduce((n, p) => n + (gzipOf.get(p) ?? 0), 0))) : null;
  budgets.push(
    budget('launcher mode: gzip -9 of the JS fetched before the visitor reaches for the launcher', jsBefore == null ? null : jsBefore / KB, BUDGETS.launcherJsKB, {
      unit: ' KB',
      fmt: (v) => fmtNum(v, 1),
      detail: lRuns.length ? `${fmtInt(jsBefore)} B: ${lRuns.at(-1).launcher.jsBefore.map((p) => p.replace(/^\/dist\//, '')).join(', ')}` : '',
      missingFails,
      skipReason: suSkip('launcher'),
    }),
  );
  budgets.push(
    budget('launcher mode, the rest loaded: open click → panel painted', lRuns.length ? Math.max(...lRuns.map((r) => r.openFrames)) : null, BUDGETS.launcherOpenFrames, {
      unit: ' frame(s)',
      fmt: (v) => fmtNum(v, 0),
      detail: lRuns.length ? `worst of ${lRuns.length} run(s); per run ${lRuns.map((r) => `${r.openFrames} (${fmtMs(r.openMs)} ms)`).join(', ')}` : '',
      missingFails,
      skipReason: suSkip('launcher'),
    }),
  );
  const worst = result.cases.some((c) => c.stream === 'worst') ? worstReport(result.cases.filter((c) => c.stream === 'worst'), kinds, {missingFails}) : null;
  if (worst) {
    budgets.push(...worst.budgets);
    result.worstGrowth = worst.families;
  }
  result.budgets = budgets.map(({line, ...b}) => b);
  result.durationS = (Date.now() - started) / 1000;
  result.environment.loadAverageAtEnd = loadavg();

  // ---- output ----------------------------------------------------------------
  const out = [];
  const env = result.environment;
  out.push('');
  out.push(`chat-widget benchmark — ${env.chromium}, Node ${env.node}, ${env.cpus} × ${env.cpuModel ?? 'CPU'}`);
  const cpt = Object.values(tokenStats).at(-1);
  const load = env.loadAverageAtStart[0];
  if (load > env.cpus * 0.25) {
    out.push(`note: 1-minute load average was ${fmtNum(load)} at start on ${env.cpus} CPU(s); other processes compete with the browser, figures are noisier`);
  }
  if (markdownCases.length) {
    out.push(`stream: seeded markdown (seed ${DEFAULT_SEED}), ${fmtNum(cpt?.charsPerToken)} chars/token, ${opts.protocols.map((p) => `${p} (${p === 'openai' ? 'POST + SSE' : 'WebSocket'})`).join(' and ')} protocol${opts.protocols.length > 1 ? 's, each against its own baseline' : ''}; ${opts.runs} run(s) per case, medians`);
  }
  if (codeCases.length) {
    const ccpt = Object.values(codeTokenStats).at(-1);
    out.push(
      `code: a seeded code-heavy answer (bench/lib/code-gen.js, seed ${DEFAULT_SEED}), ${fmtNum(ccpt?.charsPerToken)} chars/token, brand (WebSocket) against the same baseline; ` +
        `fenced ${HIGHLIGHTED_LANGS.join(', ')} blocks of 100–500 lines, one ${PLAIN_LANG} block (no grammar: the plain control), lines over ${MAX_HIGHLIGHTED_LINE} chars, prose and one 8-column table; ${opts.runs} run(s) per case, medians`,
    );
    for (const c of result.cases.filter((x) => x.stream === 'code')) {
      out.push(
        `  ${c.label}: ${fmtInt(codeTokenStats[c.n]?.chars ?? 0)} chars; blocks ${c.answer.map((b) => `${b.lang} ${b.lines}${b.longLines ? ` (${b.longLines} long)` : ''}${b.closed ? '' : ' open at the end'}`).join(', ')}`,
      );
    }
  }
  out.push('');
  if (bundle) {
    const size = (raw, gz) => `raw ${fmtInt(raw)} B (${fmtNum(raw / KB, 1)} KB), gzip -9 ${fmtInt(gz)} B (${fmtNum(gz / KB, 1)} KB)`;
    const chunks = bundle.modules.length - 1;
    out.push(`Bundle   ${bundle.path}${chunks ? ' (entry)' : ''}: ${size(bundle.entry.rawBytes, bundle.entry.gzipBytes)}   [1 KB = 1024 B; each file gzipped on its own]`);
    // The syntax highlighter's chunk, and whether (and when) the widget pages fetched it.
    const hl = bundle.modules.find((m) => isHighlighter(m.route));
    if (hl) {
      const widgetRuns = result.cases.flatMap((c) => (c.runs.widget ?? []).map((r) => ({c, r})));
      const fetched = widgetRuns.filter(({r}) => r.chunks?.some((x) => isHighlighter(x.path)));
      const codeStarts = fetched.filter(({c}) => c.stream === 'code').map(({r}) => r.chunks.find((x) => isHighlighter(x.path)).startMs);
      bundle.highlighter = {path: hl.path, route: hl.route, rawBytes: hl.rawBytes, gzipBytes: hl.gzipBytes, fetchedInRuns: fetched.length, widgetRuns: widgetRuns.length};
      out.push(
        `         highlighter ${hl.path}: ${size(hl.rawBytes, hl.gzipBytes)} — ` +
          (widgetRuns.length
            ? `fetched in ${fetched.length} of ${widgetRuns.length} streamed widget run(s)${codeStarts.length ? `; code cases: requested ${fmtMs(median(codeStarts))} ms after the message (median)` : ''}`
            : 'no streamed widget run'),
      );
    }
    // A code-split build: what the page fetched, and everything it could fetch.
    if (chunks) {
      if (bundle.loaded?.routes.length) {
        const lazy = bundle.loaded.routes.filter((r) => r !== bundle.entry.route);
        out.push(`         loaded by the widget pages: ${size(bundle.loaded.rawBytes, bundle.loaded.gzipBytes)} — entry${lazy.length ? ` + ${lazy.map((r) => r.replace(/^\/dist\//, '')).join(', ')}` : ' only'}`);
      }
      out.push(`         entry + all ${chunks} chunk(s) it can import: ${size(bundle.allRawBytes, bundle.allGzipBytes)}`);
    }
    out.push('');
  }

  if (result.startup) {
    const s = result.startup;
    const row = (label, m) => [label, fmtMs(m?.firstPaintMs), fmtMs(m?.firstContentfulPaintMs), fmtMs(m?.paintedMs), fmtMs(m?.busyMs), fmtMs(m?.scriptMs), fmtMs(m?.layoutMs), fmtMs(m?.styleMs), fmtNum(m?.heapMB)];
    const rows = startupKinds.map((k) => row(k, s.median[k]));
    if (s.median.widget && s.median.empty) {
      const d = {};
      for (const key of Object.keys(s.median.widget)) {
        const a = s.median.widget[key];
        const b = s.median.empty[key];
        d[key] = a != null && b != null ? a - b : null;
      }
      s.difference = d;
      rows.push(row('widget − empty', d));
    }
    const ratioRow = (label, a, b) => {
      if (!a || !b) return;
      const r = {};
      for (const key of Object.keys(a)) r[key] = a[key] != null && b[key] ? a[key] / b[key] : null;
      rows.push([label, ...['firstPaintMs', 'firstContentfulPaintMs', 'paintedMs', 'busyMs', 'scriptMs', 'layoutMs', 'styleMs', 'heapMB'].map((key) => (r[key] != null ? `${fmtNum(r[key])}×` : '—'))]);
    };
    ratioRow('widget / deep-chat', s.median.widget, s.median.deepchat);
    ratioRow('launcher / empty', s.median.launcher, s.median.empty);
    out.push(`Startup (median of ${Math.max(opts.runs, STARTUP_RUNS)} cold loads; ms from navigation start; busy and script: main-thread tasks and script events in the window navigation → painted, from a trace)`);
    out.push(table(['page', 'first paint', 'FCP', 'painted', 'busy', 'script', 'layout', 'style', 'heap MB'], rows, ['l']));
    out.push('  painted = the widget\'s first paint (launcher: its button; deepchat: deep-chat 2.4.2 with its input; empty: the host page without a widget);');
    out.push(`  CDP counters to the page's answer (they include work after the paint, such as idle-time loading): busy ${startupKinds.map((k) => `${k} ${fmtMs(s.median[k]?.cdpBusyMs)}`).join(', ')} ms; script ${startupKinds.map((k) => `${k} ${fmtMs(s.median[k]?.cdpScriptMs)}`).join(', ')} ms`);
    const lr = s.runs.launcher?.at(-1)?.launcher;
    if (lr) {
      out.push(
        `  launcher: before the rest loaded (${lr.loadMark ? `asked for at ${fmtMs(lr.loadMark.atMs)} ms, reason ${lr.loadMark.reason}` : 'no chat-widget:load mark'}) the page fetched ${lr.jsBefore.map((r) => r.replace(/^\/dist\//, '')).join(', ') || 'nothing'}; ` +
          `then ${lr.jsAll.filter((r) => !lr.jsBefore.includes(r)).map((r) => r.replace(/^\/dist\//, '')).join(', ') || 'nothing'}; open click → panel painted: ${s.runs.launcher.map((r) => r.openFrames).join(', ')} frame(s) per run`,
      );
    }
    for (const [k, e] of Object.entries(s.errors)) out.push(`  ${k}: ERROR ${e}`);
    out.push('');
  }

  const rows = [];
  for (const c of result.cases.filter((x) => x.stream !== 'worst')) {
    Object.keys(c.runs).forEach((k, i) => {
      const m = c.median[k];
      const n = c.runs[k].length;
      const label = i === 0 ? c.label : '';
      if (!n) {
        rows.push([label, `${k} (0/${opts.runs})`, 'failed', '—', '—', '—', '—', '—', '—', '—', '—', '—', '', '']);
        return;
      }
      rows.push([
        label,
        k + (n < opts.runs ? ` (${n}/${opts.runs})` : ''),
        fmtMs(m.busyMs),
        fmtMs(m.scriptMs),
        fmtMs(m.layoutMs),
        fmtMs(m.styleMs),
        fmtMs(m.otherMs),
        m.longtaskCount ? `${fmtNum(m.longtaskCount, m.longtaskCount % 1 ? 1 : 0)} / ${fmtMs(m.longestTaskMs)}` : m.longtaskCount === 0 ? '0' : '—',
        fmtNum(m.heapMB, 1),
        fmtNum(m.heapAfterGcMB, 1),
        fmtMs(m.wallMs),
        fmtMs(m.behindMs),
        k === 'widget' && c.ratio != null ? `${fmtNum(c.ratio)}×` : k === 'deepchat' && m.busyMs && c.median.baseline?.busyMs ? `${fmtNum(m.busyMs / c.median.baseline.busyMs)}×` : '',
        k === 'widget' && c.peerRatio != null ? `${fmtNum(c.peerRatio)}×` : '',
      ]);
    });
  }
  out.push(`Streaming (ms unless noted; busy = CDP TaskDuration delta from trigger to final paint${codeCases.length ? '; code cases: to the paint in which the last code block of a known language is highlighted' : ''})`);
  out.push(
    table(
      ['case', 'page', 'busy', 'script', 'layout', 'style', 'other', 'long n/max', 'heap MB', 'gc MB', 'wall', 'behind', 'vs base', 'vs deep-chat'],
      rows,
      ['l', 'l'],
    ),
  );
  out.push(
    '  other = busy − script − layout − style (approximate: paint, commit, socket/event dispatch, parsing, GC, …);\n' +
      '  long n/max = long tasks (> 50 ms) and the longest;' +
      ` heap MB = JSHeapUsedSize at the end, gc MB = after a forced GC; wall = trigger → final paint${codeCases.length ? ' (code: → highlighted)' : ''};\n` +
      '  behind = final paint − the server sending the last frame (code cases too: the reply\'s text, not its highlighting); vs base = busy / baseline busy;\n' +
      '  deepchat = deep-chat 2.4.2 (the peer) fed the same WebSocket stream through its connect.handler (stream, partialRender), one run per case\n' +
      '  (at 16,000 tokens a run takes minutes); vs deep-chat = widget busy / deep-chat busy.',
  );
  for (const c of result.cases) {
    for (const k of Object.keys(c.runs)) {
      for (const f of new Set(c.failures[k])) {
        out.push(`  failed: ${c.id} ${k}: ${c.failures[k].filter((x) => x === f).length} run(s): ${f}`);
      }
    }
  }
  for (const protocol of opts.protocols) {
    const g = growth[protocol];
    const gLine = kinds
      .filter((k) => g[k]?.fit != null)
      .map((k) => `${k} ${fmtNum(g[k].fit)}`)
      .join(', ');
    if (gLine) {
      const range = kinds.map((k) => g[k]?.range).find(Boolean);
      out.push(`Growth exponent of busy time, ${prefix(protocol)}fast ${range} (slope of log busy vs log N): ${gLine}   [1 = linear, 2 = quadratic]`);
    }
  }
  const lastCase = result.cases.filter((c) => c.stream === 'markdown').at(-1);
  const census = lastCase?.runs.widget?.[0]?.census;
  if (census && census.elements !== undefined) {
    out.push(
      `Widget DOM of the last case's reply (${lastCase.id}): ${fmtInt(census.elements)} elements (${['h1', 'h2', 'h3', 'p', 'li', 'pre', 'table', 'a', 'strong', 'em', 'blockquote']
        .map((t) => `${census[t] ?? 0} ${t}`)
        .join(', ')}), ${fmtInt(census.textLength ?? 0)} chars of text`,
    );
  }
  const coded = result.cases.filter((c) => c.stream === 'code');
  if (coded.length && hasWidget) {
    out.push('');
    out.push(
      `Highlighting (code cases, widget; medians): done = every ${HIGHLIGHTED_LANGS.join('/')} \`.code-block > pre > code\` is <span class="hl-seg"> ` +
        `segments but for runs of lines over ${MAX_HIGHLIGHTED_LINE} chars (left plain); the ${PLAIN_LANG} control must have none`,
    );
    const hrows = coded.map((c) => {
      const h = c.highlight;
      const runs = c.runs.widget ?? [];
      if (!h || !runs.length) return [c.label, 'failed', '', '', '', '', '', '', '', ''];
      const colored = runs.reduce((n, r) => n + (r.highlight?.controlSegments ?? 0), 0);
      return [
        c.label,
        `${fmtNum(h.highlightedBlocks, 0)}/${fmtNum(h.knownBlocks, 0)}`,
        fmtNum(h.segments, 0),
        fmtNum(h.plainRuns, 0),
        fmtInt(Math.round(h.spans)),
        colored ? `COLORED (${colored} seg.)` : `${fmtNum(h.controlBlocks, 0)} plain`,
        fmtMs(h.afterEndMs),
        fmtMs(h.serverToHighlightedMs),
        h.longtaskCount ? `${fmtNum(h.longtaskCount, h.longtaskCount % 1 ? 1 : 0)} / ${fmtMs(h.longestTaskMs)}` : h.longtaskCount === 0 ? '0' : '—',
        fmtMs(h.busyAfterEndMs),
      ];
    });
    out.push(table(['case', 'blocks', 'segments', 'plain runs', 'spans', 'control', 'end → done', 'server → done', 'long n/max after end', 'busy after end'], hrows, ['l']));
    out.push(
      '  end → done = the reply\'s final paint → the paint in which the last block was done; server → done = from the server sending the last frame;\n' +
        '  long n/max after end = long tasks in that window; busy after end = main-thread task time in that window (trace, one event per task;\n' +
        '  it includes the page\'s own check of the blocks each frame). Highlighting of blocks finished while streaming falls in the streaming window.',
    );
    for (const c of coded) {
      const pr = c.profile;
      if (!pr) continue;
      if (pr.error) {
        out.push(`  profile ${c.label}: ERROR ${pr.error}`);
        continue;
      }
      const skip = /^\((program|idle|garbage collector|root)\)|^pptr:/;
      const top = (list, n) => (list ?? []).filter((f) => !skip.test(f.name)).slice(0, n).map((f) => `${f.name} ${fmtMs(f.ms)}`).join(', ');
      const tl = pr.timelineAfterEnd;
      out.push(
        `  profile ${c.label} (one more widget run, CPU sampled every ${PROFILE_INTERVAL_US} µs + timeline; slowed by the profiler): busy ${fmtMs(pr.busyMs)} ms; ` +
          `highlighter chunk script (tokenizer, step, its DOM calls) ${fmtMs(pr.highlighterMs)} ms in all, ${fmtMs(pr.highlighterAfterEndMs)} ms after the final paint` +
          `${tl ? `; after the final paint: busy ${fmtMs(pr.busyAfterEndMs)} ms, style ${fmtMs(tl.style)}, layout ${fmtMs(tl.layout)}, paint ${fmtMs(tl.paint)} ms` : ''}`,
      );
      out.push(`    script by file: ${top(pr.byFile, 6)}; (program) = native work outside script: ${fmtMs(pr.byFile?.find((f) => f.name === '(program)')?.ms)} ms`);
      out.push(`    top functions (self ms): ${top(pr.topFunctions, 6)}`);
    }
  }
  if (worst) {
    out.push('');
    out.push(...worst.lines);
  }
  const pageErrors = result.cases.flatMap((c) => Object.keys(c.runs).flatMap((k) => c.runs[k].flatMap((r) => r.errors))).filter(Boolean);
  if (pageErrors.length) out.push(`Page errors (${pageErrors.length}): ${[...new Set(pageErrors)].slice(0, 3).join(' | ')}`);
  out.push('');
  out.push('Budgets');
  for (const b of budgets) out.push(`  ${b.line}`);

  const resultsDir = join(BENCH_DIR, 'results');
  mkdirSync(resultsDir, {recursive: true});
  const stamp = result.timestamp.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
  const file = join(resultsDir, `${stamp}.json`);
  const json = `${JSON.stringify(result, null, 2)}\n`;
  writeFileSync(file, json);
  writeFileSync(join(resultsDir, 'latest.json'), json);
  out.push('');
  out.push(`Results: ${relative(ROOT, file)} (and bench/results/latest.json); ${fmtNum(result.durationS, 0)} s`);
  console.log(out.join('\n'));

  const failed = budgets.filter((b) => b.status === 'FAIL').length;
  if (opts.strict && failed) {
    log(`bench: ${failed} budget(s) failed (--strict)`);
    process.exitCode = 1;
  }
}

main().then(
  () => {
    // Everything is closed; if a stray handle still keeps Node alive, do not hang.
    setTimeout(() => {
      log('bench: a handle was left open; exiting');
      process.exit(process.exitCode ?? 0);
    }, 5000).unref();
  },
  (err) => {
    log(`bench: ${err?.stack ?? err}`);
    process.exitCode = 1;
    setTimeout(() => process.exit(1), 5000).unref();
  },
);
