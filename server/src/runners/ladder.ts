/**
 * The CPython extrapolation ladder: the same snippet regenerated at 1/64 … 1/2 of every size (scale.ts),
 * so the harness can time small rungs and fit time ∝ scale^p when the full size would exceed the budget.
 */
import { analyzeParsed, type Analysis, type Bindings, type PythonParser } from '@loupe/analysis-core';
import type { CodegenResult } from '../../../analysis-core/src/codegen/plan.js';
import type { ScaledRung } from './python.js';
import { isScalable, LADDER_FACTORS, scaleBindings, scalesCleanly } from './scale.js';

/**
 * The largest exponent the fit may use: the deepest loop nest. Scaling every size by f scales the work of
 * a nest of depth d by at most f^d, so a steeper fit can only be timing noise (small rungs on a busy machine).
 */
export function maxExponent(program: Analysis['program']): number {
  const depth = Math.max(0, ...program.loops.map((l) => l.outer.length + 1));
  return Math.max(1, depth);
}

/** The ladder of scaled-down CPython modules, when the sizes are big enough to scale. */
export function cpythonLadder(
  source: string,
  bindings: Bindings,
  generate: (source: string, bindings: Bindings) => CodegenResult | null,
): ScaledRung[] {
  if (!isScalable(bindings)) return [];
  const rungs: ScaledRung[] = [];
  for (const factor of LADDER_FACTORS) {
    if (!scalesCleanly(bindings, factor)) continue;
    try {
      const code = generate(source, scaleBindings(bindings, factor));
      if (code) rungs.push({ factor, source: code.python, plan: code.plan });
    } catch {
      // a size at which generation fails just leaves a rung out
    }
  }
  return rungs;
}

/** Analysis + generation for the ladder (the same pipeline as the request, other bindings). */
export function regenerate(parser: PythonParser, generateFn: (analysis: Analysis, bindings: Bindings) => CodegenResult) {
  return (source: string, bindings: Bindings): CodegenResult | null => {
    const analysis = analyzeParsed(parser.parse(source), source, bindings);
    const code = generateFn(analysis, bindings);
    return code.kernels.length > 0 ? code : null;
  };
}
