/**
 * The scan's summary: counts over all files, the verdict mix, why loops are not parallel, and how long
 * analyses took. Computed from the per-file results in path order, so everything but the timings is a
 * deterministic function of the files scanned (the corpus check compares exactly that part).
 */
import type { VerdictKind } from '../../src/verdict/verdict.js';
import type { FileResult, LoopRecord } from './types.js';

/** Above this, an analysis is listed as slow: Loupe re-analyses on every edit. */
export const SLOW_MS = 100;
/**
 * The corpus gate's budget grows with the file: SLOW_MS of analysis (parse excluded) per this many lines.
 * A notebook or script is many snippets while the editor analyses one at a time, and on the largest
 * corpus script tree-sitter's parse alone takes over 100 ms.
 */
export const BUDGET_LINES = 500;

export function analysisBudgetMs(lines: number): number {
  return SLOW_MS * Math.max(1, lines / BUDGET_LINES);
}
export const VERDICTS: readonly VerdictKind[] = ['parallel', 'reduction', 'privatizable', 'sequential', 'unknown'];
const EXAMPLES_PER_REASON = 3;

export interface ReasonCount {
  readonly reason: string;
  readonly loops: number;
  /** The first few loops with this reason, as `path:line` or `path:cell N:line`. */
  readonly examples: readonly string[];
}

export interface Summary {
  readonly files: number;
  readonly pyFiles: number;
  readonly notebooks: number;
  /** Files not analysed, by note code (too-large, binary, invalid-notebook, not-python). */
  readonly skipped: Readonly<Record<string, number>>;
  readonly filesWithSyntaxErrors: number;
  readonly cells: number;
  readonly codeCells: number;
  readonly lines: number;
  readonly loops: number;
  readonly rangeLoops: number;
  readonly nests: number;
  /** Nest depth → number of nests (an outermost `for` and everything inside it). */
  readonly nestDepth: Readonly<Record<string, number>>;
  /** The same over chains of `range` loops from a `range` outermost loop. */
  readonly rangeNestDepth: Readonly<Record<string, number>>;
  readonly subscriptedLoops: number;
  readonly affineLoops: number;
  /** Over all loops; `not analysed` counts loops of files where the analysis crashed. */
  readonly verdicts: Readonly<Record<string, number>>;
  /** The same over `for … in range` loops only (the loops the analysis is built for). */
  readonly rangeVerdicts: Readonly<Record<string, number>>;
  /** Total occurrences per note code (magics, shell lines, decoding fallbacks, …). */
  readonly notes: Readonly<Record<string, number>>;
  readonly reasons: { readonly unknown: readonly ReasonCount[]; readonly sequential: readonly ReasonCount[] };
  readonly timing: Timing;
  readonly crashes: readonly { readonly path: string; readonly where: string | null; readonly phase: string; readonly message: string }[];
}

export interface Timing {
  readonly analyses: number;
  readonly totalMs: number;
  readonly maxMs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  /** Analyses over SLOW_MS, slowest first. */
  readonly slow: readonly {
    readonly path: string;
    readonly ms: number;
    readonly parseMs: number;
    readonly lines: number;
    readonly loops: number;
  }[];
}

export function locationOf(file: FileResult, loop: Pick<LoopRecord, 'cell' | 'line'>): string {
  return loop.cell === null ? `${file.path}:${loop.line}` : `${file.path}:cell ${loop.cell}:${loop.line}`;
}

export function summarize(files: readonly FileResult[]): Summary {
  const skipped: Record<string, number> = {};
  const notes: Record<string, number> = {};
  const nestDepth: Record<string, number> = {};
  const rangeNestDepth: Record<string, number> = {};
  const verdicts = verdictCounts();
  const rangeVerdicts = verdictCounts();
  const reasons = {
    unknown: new Map<string, { loops: number; examples: string[] }>(),
    sequential: new Map<string, { loops: number; examples: string[] }>(),
  };
  let cells = 0;
  let codeCells = 0;
  let lines = 0;
  let loops = 0;
  let rangeLoops = 0;
  let nests = 0;
  let subscriptedLoops = 0;
  let affineLoops = 0;
  let filesWithSyntaxErrors = 0;
  for (const f of files) {
    if (f.status === 'skipped') for (const n of f.notes) bump(skipped, n.code);
    else for (const n of f.notes) bump(notes, n.code, n.count);
    if (f.syntaxErrors > 0) filesWithSyntaxErrors++;
    cells += f.cells;
    codeCells += f.codeCells;
    lines += f.lines;
    for (const n of f.nests) {
      nests++;
      bump(nestDepth, String(n.depth));
      if (n.rangeDepth > 0) bump(rangeNestDepth, String(n.rangeDepth));
    }
    for (const l of f.loops) {
      loops++;
      const v = l.verdict ?? 'not analysed';
      bump(verdicts, v);
      if (l.isRange) {
        rangeLoops++;
        bump(rangeVerdicts, v);
      }
      if (l.subscripted) subscriptedLoops++;
      if (l.affine) affineLoops++;
      const table = l.verdict === 'unknown' ? reasons.unknown : l.verdict === 'sequential' ? reasons.sequential : null;
      if (table) for (const r of l.reasons) addReason(table, r, locationOf(f, l));
    }
  }
  return {
    files: files.length,
    pyFiles: files.filter((f) => f.kind === 'py').length,
    notebooks: files.filter((f) => f.kind === 'ipynb').length,
    skipped: sorted(skipped),
    filesWithSyntaxErrors,
    cells,
    codeCells,
    lines,
    loops,
    rangeLoops,
    nests,
    nestDepth: byNumber(nestDepth),
    rangeNestDepth: byNumber(rangeNestDepth),
    subscriptedLoops,
    affineLoops,
    verdicts,
    rangeVerdicts,
    notes: sorted(notes),
    reasons: { unknown: reasonList(reasons.unknown), sequential: reasonList(reasons.sequential) },
    timing: timing(files),
    crashes: files
      .filter((f) => f.crash !== null)
      .map((f) => ({ path: f.path, where: f.crash!.where, phase: f.crash!.phase, message: f.crash!.message })),
  };
}

function verdictCounts(): Record<string, number> {
  return Object.fromEntries([...VERDICTS, 'not analysed'].map((v) => [v, 0]));
}

function bump(m: Record<string, number>, key: string, by = 1): void {
  m[key] = (m[key] ?? 0) + by;
}

function addReason(m: Map<string, { loops: number; examples: string[] }>, reason: string, where: string): void {
  const e = m.get(reason) ?? { loops: 0, examples: [] };
  e.loops++;
  if (e.examples.length < EXAMPLES_PER_REASON) e.examples.push(where);
  m.set(reason, e);
}

/** Most frequent first; ties by name, so the order is stable. */
function reasonList(m: Map<string, { loops: number; examples: string[] }>): ReasonCount[] {
  return [...m.entries()]
    .map(([reason, e]) => ({ reason, loops: e.loops, examples: e.examples }))
    .sort((a, b) => b.loops - a.loops || (a.reason < b.reason ? -1 : 1));
}

function sorted(m: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function byNumber(m: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(m).sort(([a], [b]) => Number(a) - Number(b)));
}

function timing(files: readonly FileResult[]): Timing {
  const analysed = files.filter((f) => f.status !== 'skipped' && f.crash?.phase !== 'read');
  const ms = analysed.map((f) => f.ms).sort((a, b) => a - b);
  const slow = analysed
    .filter((f) => f.ms > SLOW_MS)
    .sort((a, b) => b.ms - a.ms)
    .map((f) => ({ path: f.path, ms: f.ms, parseMs: f.parseMs, lines: f.lines, loops: f.loops.length }));
  return {
    analyses: ms.length,
    totalMs: ms.reduce((a, b) => a + b, 0),
    maxMs: ms[ms.length - 1] ?? 0,
    p50Ms: quantile(ms, 0.5),
    p95Ms: quantile(ms, 0.95),
    slow,
  };
}

/** Nearest-rank quantile of sorted values. */
export function quantile(sortedValues: readonly number[], q: number): number {
  if (sortedValues.length === 0) return 0;
  return sortedValues[Math.min(sortedValues.length - 1, Math.max(0, Math.ceil(q * sortedValues.length) - 1))]!;
}
