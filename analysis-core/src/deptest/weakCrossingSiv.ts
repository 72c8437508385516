/**
 * Weak-crossing SIV test — one common loop, opposite coefficients.
 * Reference: Allen & Kennedy, "Optimizing Compilers for Modern Architectures", ch. 3, §3.3.2 (SIV tests,
 * "Weak-crossing SIV subscripts", with the loop-splitting remark); Goff, Kennedy & Tseng, PLDI 1991.
 *
 * Shape: a·i + c1 = −a·i' + c2 (a ≠ 0). Then a·(i + i') = c2 − c1, so every dependent pair of iterations
 * is symmetric about the crossing point i = i' = s/2 where
 *
 *     s = i + i' = (c2 − c1) / a.
 *
 * s must be an integer (the crossing point an integer or half-integer) with 0 ≤ s ≤ 2U.
 *
 * Worked example: `for i in range(10): a[i] = a[9 - i]`. Source a[i] (a = 1, c1 = 0), sink a[9 − i']
 * (coefficient −1, c2 = 9): s = (9 − 0)/1 = 9, crossing point 4.5. Pairs (i, 9 − i) for i in 0..9: i < i'
 * for i ≤ 4 (direction <), i > i' for i ≥ 5 (direction >), never i = i' since s is odd. Every dependence
 * crosses iteration 4.5, so splitting the loop there (0..4 and 5..9) leaves two dependence-free halves.
 * With `a[2*i] … a[-2*i + 9]`, s = 9/2 is not an integer: independent. With `a[i] … a[30 - i]`,
 * s = 30 > 18 = 2U: the references never meet in bounds: independent.
 *
 * Directions: the solutions are i ∈ [max(0, s − U), min(U, s)] with i' = s − i. `=` iff s is even; `<`
 * iff the smallest i is below s/2; `>` iff the largest is above. Unknown upper bound: treated as
 * unbounded (sound superset), not claimed exact.
 *
 * Proves: independence when s is fractional or out of range; otherwise the exact directions and, when
 * only one pair exists, the distance. Cannot decide a symbolic c2 − c1: `unknown`.
 */
import { abs, mod, max, min } from '../affine/intmath.js';
import { sivForm, variantOf } from './classify.js';
import { EQ, GT, LT, NONE, directionText, type Direction } from './direction.js';
import { dependenceEquation, emptyLoop, emptyLoopResult, scaled, step, symbolList, texName, work } from './equation.js';
import type { SubscriptPair, TestResult, WorkStep } from './types.js';

export function weakCrossingSivTest(pair: SubscriptPair): TestResult {
  const f = sivForm(pair);
  if (f === null || variantOf(f.a, f.b) !== 'weak-crossing') return { kind: 'not-applicable', test: 'weak-crossing-siv' };
  const eq = dependenceEquation(pair);
  if (eq.symbols.length > 0) {
    const names = symbolList(eq.symbols);
    return {
      kind: 'unknown',
      test: 'weak-crossing-siv',
      reason: `the crossing point depends on ${names}`,
      work: work('weak-crossing-siv', pair, [step(`the crossing point depends on the value of ${names}`)]),
    };
  }
  const empty = emptyLoop(pair);
  if (empty !== null) return emptyLoopResult('weak-crossing-siv', pair, empty);
  const { a, upper } = f;
  const i = texName(f.srcName);
  const ip = texName(f.sinkName);
  // a·i − b·i' = δ with b = −a: a·(i + i') = δ.
  const lhs = scaled(a, `${f.srcName} + ${f.sinkName}`, `${i} + ${ip}`);
  const steps: WorkStep[] = [step(`${lhs.text} = ${f.delta}`, `${lhs.tex} = ${f.delta}`)];
  const fail = (why: WorkStep): TestResult => {
    steps.push(why);
    return { kind: 'independent', test: 'weak-crossing-siv', work: work('weak-crossing-siv', pair, steps) };
  };
  if (mod(f.delta, a) !== 0n) {
    return fail(
      step(
        `${f.srcName} + ${f.sinkName} = ${f.delta}/${a} is not an integer`,
        `${i} + ${ip} = \\frac{${f.delta}}{${a}} \\notin \\mathbb{Z}`,
      ),
    );
  }
  const s = f.delta / a;
  steps.push(step(`${f.srcName} + ${f.sinkName} = ${s}: the references cross at iteration ${fmtHalf(s)}`, `${i} + ${ip} = ${s}`));
  if (s < 0n || (upper !== null && s > 2n * upper)) {
    return fail(
      step(
        `${s} is outside 0..${upper === null ? '∞' : 2n * upper}, the range of ${f.srcName} + ${f.sinkName}`,
        `${s} \\notin [0, ${upper === null ? '\\infty' : 2n * upper}]`,
      ),
    );
  }
  // Solutions: i ∈ [lo, hi], i' = s − i (with U = ∞ when unknown, lo = 0 and hi = s).
  const lo = upper === null ? 0n : max(0n, s - upper);
  const hi = upper === null ? s : min(upper, s);
  let dirs: Direction = NONE;
  if (2n * lo < s) dirs |= LT; // i < s/2 < i'
  if (mod(s, 2n) === 0n) dirs |= EQ; // i = i' = s/2, always within [lo, hi]
  if (2n * hi > s) dirs |= GT;
  steps.push(
    step(
      `${f.srcName} ranges over ${lo}..${hi} with ${f.sinkName} = ${s} − ${f.srcName}: direction ${directionText(dirs)}`,
      `${lo} \\le ${i} \\le ${hi},\\ ${ip} = ${s} - ${i}`,
    ),
  );
  if ((dirs & (LT | GT)) !== 0) {
    steps.push(step(`every dependence crosses iteration ${fmtHalf(s)}: splitting the loop there removes the carried dependences`));
  }
  return {
    kind: 'dependent',
    test: 'weak-crossing-siv',
    levels: [{ level: f.level, directions: dirs, distance: lo === hi ? s - 2n * lo : null }],
    // s = 0 has the single solution i = i' = 0, which needs only one iteration whatever the bound.
    exact: upper !== null || s === 0n,
    work: work('weak-crossing-siv', pair, steps),
  };
}

/** s/2 as a decimal: 4, 4.5, -1.5. */
function fmtHalf(s: bigint): string {
  const m = abs(s);
  const text = mod(m, 2n) === 0n ? (m / 2n).toString() : `${(m - 1n) / 2n}.5`;
  return s < 0n ? `-${text}` : text;
}
