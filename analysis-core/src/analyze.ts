/**
 * The pipeline after parsing: lower → dependences → verdicts → transforms → explanations, at two stages.
 * Static: symbols stay symbolic. Runtime: the bindings' values substituted. `analyzeParsed` returns both
 * when bindings are given, so every consumer can show what the text alone proves beside what the values prove.
 */
import type { ParseResult } from './parse/syntax.js';
import type { Diagnostic } from './parse/source.js';
import type { Program } from './ir/ir.js';
import { lowerProgram } from './ir/lower.js';
import { analyzeDependences } from './deps/analyze.js';
import type { Dependence, Independence } from './deps/dependence.js';
import { loopVerdicts, type LoopVerdict } from './verdict/verdict.js';
import { interchangeSuggestions, type InterchangeSuggestion } from './transforms/interchange.js';
import { explainLoop } from './explain/explain.js';
import { isEmptyBindings, NO_BINDINGS, symbolValues, type Bindings } from './bindings.js';
import { nowMs } from './util/clock.js';

export interface StageResult {
  readonly stage: 'static' | 'runtime';
  readonly dependences: readonly Dependence[];
  readonly independences: readonly Independence[];
  readonly verdicts: readonly LoopVerdict[];
  readonly explanations: readonly string[];
  readonly interchanges: readonly InterchangeSuggestion[];
  readonly pairsTested: number;
  readonly solves: number;
}

export interface Analysis {
  readonly program: Program;
  readonly static: StageResult;
  /** Present when bindings were given. */
  readonly runtime: StageResult | null;
  readonly bindings: Bindings;
  readonly diagnostics: readonly Diagnostic[];
  readonly timings: { readonly parseMs: number; readonly analysisMs: number };
}

export function analyzeStage(
  program: Program,
  env: ReadonlyMap<string, bigint>,
  stage: StageResult['stage'],
  before: StageResult | null = null,
  numericNames: ReadonlySet<string> = new Set(),
): StageResult {
  const known = new Map((before?.independences ?? []).map((i) => [`${i.a}:${i.b}`, i] as const));
  const deps = analyzeDependences(program, env, known);
  const verdicts = loopVerdicts(program, deps.dependences, { numericNames, env });
  return {
    stage,
    dependences: deps.dependences,
    independences: deps.independences,
    verdicts,
    explanations: program.loops.map((l) => explainLoop(program, l, verdicts[l.id]!, deps.dependences)),
    interchanges: interchangeSuggestions(program, deps.dependences, verdicts),
    pairsTested: deps.pairsTested,
    solves: deps.solves,
  };
}

export function analyzeParsed(parsed: ParseResult, source: string, bindings: Bindings = NO_BINDINGS): Analysis {
  const t0 = nowMs();
  const program = lowerProgram(parsed.module, source, parsed.diagnostics);
  const staticStage = analyzeStage(program, new Map(), 'static');
  // Scalars bound to numbers are numbers at run time (a reduction into a parameter `s` needs that).
  const numericNames = new Set([...bindings.ints.keys(), ...bindings.floats.keys()]);
  const runtime = isEmptyBindings(bindings) ? null : analyzeStage(program, symbolValues(bindings), 'runtime', staticStage, numericNames);
  return {
    program,
    static: staticStage,
    runtime,
    bindings,
    diagnostics: [...parsed.diagnostics, ...program.diagnostics],
    timings: { parseMs: parsed.parseMs, analysisMs: nowMs() - t0 },
  };
}
