// The "worst cases" of `npm run bench`: the cases (scripts/worst-cases.js), their table and their
// budgets. Every case streams over brand as fast as possible through the built bundle and through
// the text-node baseline page in the same run.
import {WORST_FAMILIES} from '../../scripts/worst-cases.js';
import {budget, fmtInt, fmtMs, fmtNum, growthExponent, table} from './report.js';

export const WORST_BUDGETS = {longestTaskMs: 50, ratio: 2, growth: 1.1};

const sizeLabel = (f, n) => (f.unit === 'bytes' ? (n >= 1024 * 1024 ? `${n / (1024 * 1024)} MB` : `${n / 1024} KB`) : `${n >= 1000 ? `${n / 1000}k` : n} ${f.unit}`);

/** Bench cases: every size of every family (`--quick`: the smallest size of each only; `--family`: those families only). */
export function worstCases(opts) {
  const out = [];
  for (const f of WORST_FAMILIES.filter((x) => !opts.family || opts.family.includes(x.id))) {
    for (const size of opts.quick ? f.sizes.slice(0, 1) : f.sizes) {
      const tokens = f.tokens(size);
      const chars = tokens.reduce((n, t) => n + t.length, 0);
      out.push({
        id: `worst-${f.id}-${size}`,
        stream: 'worst',
        family: f.id,
        size,
        protocol: 'brand',
        mode: 'fast',
        n: tokens.length,
        tokens,
        chars,
        intervalMs: 0,
        label: `${f.id} ${sizeLabel(f, size)}`,
        timeoutMs: 180_000,
        // A light trace (one event per task): the main thread's CPU time in each long task, which
        // tells a task that waited for a core (a loaded machine) from one that worked that long.
        // Not past 100,000 frames: the trace of 219,000 (code 20k) is over V8's longest string.
        trace: tokens.length <= 100_000,
      });
    }
  }
  return out;
}

/** The traced long task of a run with the most CPU time, as `wall/CPU ms` ('—' when none was traced). */
function longestTraced(r) {
  const t = (r.tracedLongTasks ?? []).reduce((a, b) => ((b.cpuMs ?? 0) > (a?.cpuMs ?? -1) ? b : a), null);
  return t ? `${fmtMs(t.ms)}/${t.cpuMs == null ? '?' : fmtMs(t.cpuMs)} ms` : '—';
}

/** Longest task of a run (0 when there was none; null when long tasks are not observable). */
const longest = (r) => (r.longestTaskMs == null ? null : r.longestTaskMs);

/** The table and the budget lines of the worst cases in `cases` (bench entries with medians). */
export function worstReport(cases, kinds, {missingFails}) {
  const rows = [];
  const budgets = [];
  const families = [];
  for (const f of WORST_FAMILIES) {
    const list = cases.filter((c) => c.family === f.id);
    if (!list.length) continue;
    for (const c of list) {
      const w = c.median.widget;
      const b = c.median.baseline;
      const runs = c.runs.widget ?? [];
      const maxTask = runs.length && runs.every((r) => longest(r) !== null) ? Math.max(...runs.map(longest)) : null;
      c.worstLongestTaskMs = maxTask;
      rows.push([
        c.label,
        `${fmtInt(c.n)} / ${fmtInt(c.chars)}`,
        fmtMs(w?.busyMs),
        fmtMs(w?.scriptMs),
        fmtMs(w?.layoutMs),
        maxTask == null ? '—' : maxTask === 0 ? '0' : fmtMs(maxTask),
        fmtMs(b?.busyMs),
        b?.longtaskCount ? fmtMs(b.longestTaskMs) : b ? '0' : '—',
        c.ratio != null ? `${fmtNum(c.ratio)}×` : '—',
        fmtMs(w?.behindMs),
      ]);
      const why = !kinds.includes('widget') ? 'widget not measured' : c.errors.widget ? `widget error: ${c.errors.widget}` : 'no data';
      budgets.push(
        budget(`worst ${c.label}: longest widget task (none over 50 ms)`, maxTask, WORST_BUDGETS.longestTaskMs, {
          fmt: (v) => (v === 0 ? 'no long task' : `${fmtMs(v)} ms`),
          detail: runs.length
            ? `per run: ${runs.map((r) => (longest(r) ? `${fmtMs(longest(r))} ms` : '0')).join(', ')}` +
              (runs.some((r) => r.tracedLongTasks?.length) ? `; traced wall/CPU of the longest: ${runs.map((r) => longestTraced(r)).join(', ')}` : '')
            : '',
          missingFails,
          skipReason: why,
        }),
        budget(`worst ${c.label}: widget busy / baseline busy`, c.ratio, WORST_BUDGETS.ratio, {unit: '×', missingFails, skipReason: why}),
      );
    }
    const points = list.map((c) => [c.chars, c.median.widget?.busyMs ?? null]).filter(([, y]) => y);
    const base = list.map((c) => [c.chars, c.median.baseline?.busyMs ?? null]).filter(([, y]) => y);
    const fit = points.length >= 2 && points.length === list.length ? growthExponent([points[0], points.at(-1)]) : null;
    families.push({family: f.id, points, fit, baselineFit: base.length >= 2 ? growthExponent([base[0], base.at(-1)]) : null});
    if (f.sizes.length > 1) {
      budgets.push(
        budget(`worst ${f.id}: growth exponent of widget busy time, ${sizeLabel(f, f.sizes[0])}→${sizeLabel(f, f.sizes.at(-1))}`, fit, WORST_BUDGETS.growth, {
          detail: fit != null ? `baseline ${fmtNum(families.at(-1).baselineFit)}` : '',
          missingFails: missingFails && list.length === f.sizes.length,
          skipReason: list.length < f.sizes.length ? 'one size only (--quick)' : 'no data',
        }),
      );
    }
  }
  const lines = [
    'Worst cases (brand, as fast as possible; medians; ms; long = the longest task over all widget runs, 0 = none over 50 ms)',
    table(['case', 'frames / chars', 'widget busy', 'script', 'layout', 'long', 'baseline busy', 'long', 'vs base', 'behind'], rows, ['l']),
    `  families: ${WORST_FAMILIES.filter((f) => cases.some((c) => c.family === f.id)).map((f) => `${f.id} = ${f.what}`).join('; ')}`,
  ];
  return {lines, budgets, families};
}
