/** The summary as text for a terminal: aligned columns, percentages, the top reasons with one example each. */
import { analysisBudgetMs, BUDGET_LINES, SLOW_MS, VERDICTS, type ReasonCount, type Summary } from './summary.js';

const TOP_REASONS = 10;

export function formatSummary(s: Summary): string {
  const out: string[] = [];
  const skipped = Object.entries(s.skipped);
  out.push(
    `loupe scan: ${s.files} files (${s.notebooks} notebooks, ${s.pyFiles} .py), ${s.codeCells} code cells of ${s.cells}, ${s.lines} lines`,
  );
  if (skipped.length > 0) out.push(`skipped: ${skipped.map(([k, n]) => `${n} ${k}`).join(', ')}`);
  if (s.filesWithSyntaxErrors > 0)
    out.push(`syntax errors in ${s.filesWithSyntaxErrors} files (analysed with error recovery; often Python 2)`);
  const notes = Object.entries(s.notes).filter(([k]) => k !== 'syntax-error');
  if (notes.length > 0) out.push(`blanked or decoded: ${notes.map(([k, n]) => `${k} ${n}`).join(', ')}`);
  out.push('');
  out.push(
    ...columns([
      ['loops', String(s.loops), ''],
      ['  for … in range', String(s.rangeLoops), pct(s.rangeLoops, s.loops)],
      ['  touching subscripted arrays', String(s.subscriptedLoops), pct(s.subscriptedLoops, s.loops)],
      ['  all subscripts affine', String(s.affineLoops), `${pct(s.affineLoops, s.subscriptedLoops)} of those`],
      ['loop nests', String(s.nests), ''],
    ]),
  );
  out.push(`nest depth:        ${histogram(s.nestDepth)}`);
  out.push(`range nest depth:  ${histogram(s.rangeNestDepth)}`);
  out.push('');
  const rows: string[][] = [['verdict', 'all loops', '', 'range loops', '']];
  for (const v of [...VERDICTS, 'not analysed']) {
    const a = s.verdicts[v] ?? 0;
    const r = s.rangeVerdicts[v] ?? 0;
    if (v === 'not analysed' && a === 0) continue;
    rows.push([v, String(a), pct(a, s.loops), String(r), pct(r, s.rangeLoops)]);
  }
  out.push(...columns(rows));
  for (const kind of ['unknown', 'sequential'] as const) {
    out.push('', `top reasons for ${kind} (loops; a loop counts under each of its reasons):`);
    out.push(...reasonLines(s.reasons[kind]));
  }
  const t = s.timing;
  out.push('');
  out.push(
    `analysis time per file (parse + analysis): p50 ${ms(t.p50Ms)}, p95 ${ms(t.p95Ms)}, max ${ms(t.maxMs)}, total ${ms(t.totalMs)} over ${t.analyses} files`,
  );
  const overBudget = t.slow.filter((x) => x.ms - x.parseMs > analysisBudgetMs(x.lines)).length;
  out.push(
    `over ${SLOW_MS} ms (parse + analysis): ${t.slow.length}; over the size budget (${SLOW_MS} ms of analysis per ${BUDGET_LINES} lines): ${overBudget}`,
  );
  for (const x of t.slow) {
    const budget = `analysis ${ms(x.ms - x.parseMs)} of ${ms(analysisBudgetMs(x.lines))}`;
    out.push(`  ${ms(x.ms).padStart(9)}  (parse ${ms(x.parseMs)}, ${budget})  ${x.path}  [${x.lines} lines, ${x.loops} loops]`);
  }
  out.push(`crashes: ${s.crashes.length}`);
  for (const c of s.crashes) out.push(`  ${c.path}${c.where ? ` (${c.where})` : ''}  [${c.phase}] ${c.message}`);
  return `${out.join('\n')}\n`;
}

function reasonLines(rs: readonly ReasonCount[]): string[] {
  if (rs.length === 0) return ['  (none)'];
  const shown = rs.slice(0, TOP_REASONS).map((r) => [String(r.loops), r.reason, `e.g. ${r.examples[0] ?? ''}`]);
  const lines = columns(shown, [true, false, false]).map((l) => `  ${l}`);
  if (rs.length > TOP_REASONS) lines.push(`  … ${rs.length - TOP_REASONS} more (see --json)`);
  return lines;
}

function histogram(h: Readonly<Record<string, number>>): string {
  const e = Object.entries(h);
  return e.length === 0 ? '(none)' : e.map(([d, n]) => `${d}: ${n}`).join('   ');
}

export function pct(n: number, of: number): string {
  return of === 0 ? '' : `${((100 * n) / of).toFixed(1)}%`;
}

function ms(x: number): string {
  return x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 2 : 1)} ms`;
}

/** Left-aligned first column, right-aligned numbers, unless `right` says otherwise. */
function columns(rows: readonly (readonly string[])[], right?: readonly boolean[]): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) =>
    r
      .map((c, i) => ((right?.[i] ?? i > 0) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}
