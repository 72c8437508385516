/**
 * The JSON report: the CLI's `--json` contract (tools outside the project rely on it), the Worker's
 * answer to the web app and the server's `/api/analyze` reply. Plain JSON: no bigint, no Maps.
 */
import type { Analysis, StageResult } from '../analyze.js';
import type { Dependence } from '../deps/dependence.js';
import { directionText } from '../deptest/direction.js';
import type { TestName, Work } from '../deptest/types.js';
import type { Program } from '../ir/ir.js';
import type { VerdictKind } from '../verdict/verdict.js';
import { formatBindings } from '../bindings.js';
import { dependenceEvidence, explainInterchange } from '../explain/explain.js';
import { msg } from '../explain/messages.js';
import { LOUPE_VERSION } from '../version.js';
import * as A from '../affine/affine.js';

export interface ReportPosition {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface ReportLoop extends ReportPosition {
  readonly id: number;
  readonly var: string;
  readonly verdict: VerdictKind;
  /** `static` when the text alone decides this verdict; `runtime` when it needed the bound values. */
  readonly stage: 'static' | 'runtime';
  readonly explanation: string;
  readonly static: { readonly verdict: VerdictKind; readonly explanation: string };
  readonly runtime: { readonly verdict: VerdictKind; readonly explanation: string } | null;
  readonly bounds: { readonly start: string; readonly stop: string; readonly step: string | null };
  readonly depth: number;
  readonly parent: number | null;
  readonly scope: string;
  readonly carried: readonly number[];
  readonly blocking: readonly number[];
  readonly reductions: readonly { readonly variable: string; readonly op: string }[];
  readonly privatized: readonly { readonly variable: string; readonly liveOut: boolean }[];
  readonly obstacles: readonly { readonly kind: string; readonly message: string; readonly line: number; readonly column: number }[];
  readonly assumptions: readonly string[];
  /** Carried variables that are not a reduction or privatizable under Python's semantics, and why. */
  readonly rejected: readonly { readonly variable: string; readonly why: string }[];
  readonly notes: readonly string[];
  readonly interchange: string | null;
}

export interface ReportAccessRef extends ReportPosition {
  readonly text: string;
  readonly access: number;
  readonly statement: number;
  readonly mode: 'read' | 'write';
}

export interface ReportWork {
  readonly test: TestName;
  readonly equation: string;
  readonly steps: readonly { readonly text: string; readonly tex?: string }[];
}

export interface ReportDependence {
  readonly id: number;
  readonly kind: Dependence['kind'];
  readonly variable: string;
  readonly source: ReportAccessRef;
  readonly sink: ReportAccessRef;
  readonly direction: readonly string[];
  readonly distance: readonly (number | null)[];
  /** `for` line of the carrying loop; null when loop-independent. */
  readonly loopLine: number | null;
  readonly carrier: number | null;
  readonly loops: readonly number[];
  readonly decidedBy: TestName;
  readonly certainty: Dependence['certainty'];
  readonly reason: string | null;
  readonly conditionalOn: readonly string[];
  readonly witness: {
    readonly source: Record<string, number>;
    readonly sink: Record<string, number>;
    readonly symbols: Record<string, number>;
    readonly element: string;
  } | null;
  readonly explanation: string;
  /** Indices into `Report.works`: every test that ran on this pair, in order. */
  readonly workIds: readonly number[];
}

export interface ReportIndependence {
  readonly a: ReportAccessRef;
  readonly b: ReportAccessRef;
  readonly loops: readonly number[];
  readonly decidedBy: TestName;
  /** Indices into `Report.works`. */
  readonly workIds: readonly number[];
}

export interface ReportStatement extends ReportPosition {
  readonly id: number;
  readonly text: string;
  readonly loops: readonly number[];
}

export interface ReportDiagnostic extends ReportPosition {
  readonly severity: 'error' | 'warning' | 'info';
  readonly code: string;
  readonly message: string;
}

export interface Report {
  readonly version: string;
  readonly loops: readonly ReportLoop[];
  readonly dependences: readonly ReportDependence[];
  readonly independences: readonly ReportIndependence[];
  /**
   * The work of every test that ran, once each: the pairs of one shape share their tests' work, so
   * dependences refer to it by index instead of repeating it (a stencil's report was 3/4 repeated work).
   */
  readonly works: readonly ReportWork[];
  readonly statements: readonly ReportStatement[];
  readonly diagnostics: readonly ReportDiagnostic[];
  readonly symbols: readonly { readonly name: string; readonly kind: string; readonly array?: string; readonly dim?: number }[];
  readonly arrays: readonly { readonly name: string; readonly rank: number; readonly scope: string; readonly isParameter: boolean }[];
  readonly bindings: Record<string, string>;
  readonly timings: { readonly parseMs: number; readonly analysisMs: number };
  readonly stats: { readonly pairsTested: number; readonly solves: number };
}

const num = (x: bigint): number => Number(x);

function pos(r: { start: { line: number; column: number }; end: { line: number; column: number } }): ReportPosition {
  return { line: r.start.line, column: r.start.column, endLine: r.end.line, endColumn: r.end.column };
}

function accessRef(program: Program, id: number): ReportAccessRef {
  const a = program.accesses[id]!;
  const r = a.range;
  return {
    line: r.start.line,
    column: r.start.column,
    endLine: r.end.line,
    endColumn: r.end.column,
    text: a.text,
    access: a.id,
    statement: a.stmt,
    mode: a.mode,
  };
}

/** Every loop with its verdicts (static and, with bindings, runtime), explanation and what decided it. */
function reportLoops(analysis: Analysis): ReportLoop[] {
  const { program } = analysis;
  const final: StageResult = analysis.runtime ?? analysis.static;
  return program.loops.map((loop) => {
    const sv = analysis.static.verdicts[loop.id]!;
    const fv = final.verdicts[loop.id]!;
    const staticPart = { verdict: sv.kind, explanation: analysis.static.explanations[loop.id]! };
    const runtimePart = analysis.runtime ? { verdict: fv.kind, explanation: analysis.runtime.explanations[loop.id]! } : null;
    // Same verdict with and without the values: the text alone decided it (even when that verdict is `unknown`).
    const decidedStatically = runtimePart === null || sv.kind === fv.kind;
    const ic = final.interchanges.find((s) => s.outer === loop.id);
    const explanation = final.explanations[loop.id]!;
    return {
      id: loop.id,
      ...pos(loop.headerRange),
      line: loop.line,
      var: loop.var,
      verdict: fv.kind,
      stage: decidedStatically ? 'static' : 'runtime',
      explanation: runtimePart && !decidedStatically ? `${explanation} ${msg.stageChanged(sv.kind, fv.kind)}` : explanation,
      static: staticPart,
      runtime: runtimePart,
      bounds: { start: boundText(loop.start), stop: boundText(loop.stop), step: loop.step === null ? null : loop.step.toString() },
      depth: loop.outer.length,
      parent: loop.outer.length > 0 ? loop.outer[loop.outer.length - 1]! : null,
      scope: loop.scope,
      carried: fv.carried,
      blocking: fv.blocking,
      reductions: fv.reductions.map((r) => ({ variable: r.variable, op: r.op })),
      privatized: fv.privatized.map((p) => ({ variable: p.variable, liveOut: p.liveOut })),
      obstacles: fv.obstacles.map((o) => ({ kind: o.kind, message: o.message, line: o.range.start.line, column: o.range.start.column })),
      assumptions: fv.assumptions,
      rejected: fv.rejected,
      notes: fv.notes,
      interchange: ic ? explainInterchange(program, ic) : null,
    };
  });
}

/** The fields of a dependence that say why a verdict is what it is (see `verdictSummary`). */
export type CitedDependence = Pick<ReportDependence, 'id' | 'kind' | 'certainty' | 'decidedBy' | 'reason'>;

/**
 * The loops as `toReport` gives them, with only the dependences their verdicts cite (`blocking`), each
 * without evidence or work. For consumers that count verdicts and their reasons over many files (`loupe
 * scan`): a large file has tens of thousands of dependences, and rendering every one with its test's work
 * costs as much as the analysis while only the cited ones are read.
 */
export function verdictSummary(analysis: Analysis): { loops: ReportLoop[]; dependences: CitedDependence[] } {
  const loops = reportLoops(analysis);
  const final: StageResult = analysis.runtime ?? analysis.static;
  const cited = new Set<number>();
  for (const l of loops) for (const id of l.blocking) cited.add(id);
  const dependences: CitedDependence[] = [];
  for (const d of final.dependences)
    if (cited.has(d.id)) dependences.push({ id: d.id, kind: d.kind, certainty: d.certainty, decidedBy: d.decidedBy, reason: d.reason });
  return { loops, dependences };
}

function work(w: Work): ReportWork {
  return {
    test: w.test,
    equation: w.equation,
    steps: w.steps.map((s) => (s.tex === undefined ? { text: s.text } : { text: s.text, tex: s.tex })),
  };
}

function entries(xs: readonly (readonly [string, bigint])[]): Record<string, number> {
  return Object.fromEntries(xs.map(([k, v]) => [k, num(v)]));
}

function boundText(b: Program['loops'][number]['start']): string {
  return b.kind === 'affine' ? A.format(b.expr) : b.text;
}

export function toReport(analysis: Analysis): Report {
  const { program } = analysis;
  const works: ReportWork[] = [];
  const workIndex = new Map<Work, number>();
  // One object per access, shared by every dependence that names it (structured clone keeps sharing).
  const refs = new Map<number, ReportAccessRef>();
  const ref = (id: number): ReportAccessRef => {
    let r = refs.get(id);
    if (r === undefined) refs.set(id, (r = accessRef(program, id)));
    return r;
  };
  const workId = (w: Work): number => {
    let id = workIndex.get(w);
    if (id === undefined) {
      id = works.push(work(w)) - 1;
      workIndex.set(w, id);
    }
    return id;
  };
  const final: StageResult = analysis.runtime ?? analysis.static;
  const loops = reportLoops(analysis);
  const dependences: ReportDependence[] = final.dependences.map((d) => ({
    id: d.id,
    kind: d.kind,
    variable: d.variable,
    source: ref(d.source),
    sink: ref(d.sink),
    direction: d.direction.map(directionText),
    distance: d.distance.map((x) => (x === null ? null : num(x))),
    loopLine: d.carrier === null ? null : program.loops[d.carrier]!.line,
    carrier: d.carrier,
    loops: d.common,
    decidedBy: d.decidedBy,
    certainty: d.certainty,
    reason: d.reason,
    conditionalOn: d.conditionalOn,
    witness: d.witness
      ? {
          source: entries(d.witness.source),
          sink: entries(d.witness.sink),
          symbols: entries(d.witness.symbols),
          element: d.witness.element,
        }
      : null,
    explanation: dependenceEvidence(program, d),
    workIds: d.work.map(workId),
  }));
  return {
    version: LOUPE_VERSION,
    loops,
    dependences,
    independences: final.independences.map((i) => ({
      a: ref(i.a),
      b: ref(i.b),
      loops: i.common,
      decidedBy: i.decidedBy,
      workIds: i.work.map(workId),
    })),
    works,
    statements: program.statements.map((s) => ({ id: s.id, ...pos(s.range), text: s.text, loops: s.loops })),
    diagnostics: analysis.diagnostics.map((d) => ({ ...pos(d.range), severity: d.severity, code: d.code, message: d.message })),
    symbols: program.symbols.map((s) => ({ ...s })),
    arrays: program.arrays.map((a) => ({ name: a.name, rank: a.rank, scope: a.scope, isParameter: a.isParameter })),
    bindings: formatBindings(analysis.bindings),
    timings: analysis.timings,
    stats: { pairsTested: final.pairsTested, solves: final.solves },
  };
}
