// Statistics, the printed tables and the budget checks of the benchmark.

export function median(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** Median of every numeric field over a list of run results. */
export function medianOf(runs) {
  const out = {};
  if (!runs.length) return out;
  for (const key of Object.keys(runs[0])) {
    if (typeof runs[0][key] === 'number' || runs[0][key] === null) out[key] = median(runs.map((r) => r[key]));
  }
  return out;
}

/** Least-squares slope of ln(y) against ln(x): the growth exponent (1 = linear, 2 = quadratic). */
export function growthExponent(points) {
  const p = points.filter(([x, y]) => x > 0 && y > 0);
  if (p.length < 2) return null;
  const lx = p.map(([x]) => Math.log(x));
  const ly = p.map(([, y]) => Math.log(y));
  const mx = lx.reduce((a, b) => a + b, 0) / p.length;
  const my = ly.reduce((a, b) => a + b, 0) / p.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < p.length; i++) {
    num += (lx[i] - mx) * (ly[i] - my);
    den += (lx[i] - mx) ** 2;
  }
  return den ? num / den : null;
}

export function fmtMs(v) {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  return a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : v.toFixed(2);
}

export function fmtNum(v, digits = 2) {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits);
}

export function fmtInt(n) {
  return Number(n).toLocaleString('en-US');
}

/** A fixed-width table; `align` per column: 'l' or 'r'. */
export function table(headers, rows, align = []) {
  const cells = [headers, ...rows].map((r) => r.map((c) => String(c ?? '')));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) =>
    r
      .map((c, i) => ((align[i] ?? 'r') === 'l' ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  const sep = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(cells[0]), sep, ...cells.slice(1).map(line)].join('\n');
}

/** A PASS/FAIL/SKIP line. `value` null → SKIP (or FAIL when `missingFails`). */
export function budget(name, value, limit, {unit = '', fmt = fmtNum, detail = '', missingFails = false, skipReason = 'no data'} = {}) {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    const status = missingFails ? 'FAIL' : 'SKIP';
    return {name, status, value: null, limit, line: `${status}  ${name}: ${skipReason}${detail ? ` — ${detail}` : ''}`};
  }
  const status = value <= limit ? 'PASS' : 'FAIL';
  return {
    name,
    status,
    value,
    limit,
    line: `${status}  ${name}: ${fmt(value)}${unit} (limit ${fmt(limit)}${unit})${detail ? ` — ${detail}` : ''}`,
  };
}
