/**
 * Weak-zero SIV test — one common loop, the counter on one side only.
 * Reference: Allen & Kennedy, "Optimizing Compilers for Modern Architectures", ch. 3, §3.3.2 (SIV tests,
 * "Weak-zero SIV subscripts", with the loop-peeling remark); Goff, Kennedy & Tseng, PLDI 1991; Wolfe,
 * "High Performance Compilers for Parallel Computing" (1996).
 *
 * Shape: a·i + c1 = c2 (the sink side does not vary with the loop) or its mirror c1 = b·i' + c2. The one
 * varying side is pinned to a single iteration
 *
 *     i0 = (c2 − c1) / a        (resp. i0' = (c1 − c2) / b),
 *
 * which must be an integer in 0..U; the other side's counter is free in 0..U.
 *
 * Worked example: `for i in range(10): a[i] = a[0] + 1`. Source a[i] (a = 1, c1 = 0), sink a[0] (c2 = 0):
 * i0 = (0 − 0)/1 = 0, the first iteration. Every iteration i' reads a[0], written at iteration 0, so
 * i' ≥ i0: directions < (i' > 0) and = (i' = 0), never >. Because only the first iteration writes the
 * element, peeling that iteration off removes the dependence from the loop. With `a[2*i] … a[5]`,
 * i0 = 5/2 is not an integer: independent. With `a[i] … a[12]`, i0 = 12 > 9: independent.
 *
 * Directions, for a source pinned at i0 and a free sink i' ∈ 0..U: = always (i' = i0); < iff some
 * i' > i0 exists (i0 < U); > iff i0 > 0. Mirrored for a pinned sink. With an unknown upper bound the
 * counter is treated as unbounded above (a sound superset), and the answer is not claimed exact.
 *
 * Proves: independence when i0 is fractional or outside the iteration space; otherwise the exact set of
 * directions (given a known bound). Cannot decide a symbolic c1 − c2: `unknown`.
 */
import { mod } from '../affine/intmath.js';
import { sivForm, variantOf } from './classify.js';
import { EQ, GT, LT, directionText, type Direction } from './direction.js';
import { dependenceEquation, emptyLoop, emptyLoopResult, lin, rangeTex, rangeText, step, symbolList, texName, work } from './equation.js';
import type { SubscriptPair, TestResult, WorkStep } from './types.js';

export function weakZeroSivTest(pair: SubscriptPair): TestResult {
  const f = sivForm(pair);
  if (f === null || variantOf(f.a, f.b) !== 'weak-zero') return { kind: 'not-applicable', test: 'weak-zero-siv' };
  const eq = dependenceEquation(pair);
  if (eq.symbols.length > 0) {
    const names = symbolList(eq.symbols);
    return {
      kind: 'unknown',
      test: 'weak-zero-siv',
      reason: `the pinned iteration depends on ${names}`,
      work: work('weak-zero-siv', pair, [step(`the iteration that touches the fixed element depends on the value of ${names}`)]),
    };
  }
  const empty = emptyLoop(pair);
  if (empty !== null) return emptyLoopResult('weak-zero-siv', pair, empty);
  const { upper } = f;
  // Source varies (a ≠ 0): a·i = δ. Sink varies (b ≠ 0): −b·i' = δ, i.e. b·i' = c1 − c2.
  const srcVaries = f.a !== 0n;
  const coef = srcVaries ? f.a : f.b;
  const rhs = srcVaries ? f.delta : -f.delta;
  const name = srcVaries ? f.srcName : f.sinkName;
  const other = srcVaries ? f.sinkName : f.srcName;
  const lhs = lin(0n, [[name, coef]]);
  const steps: WorkStep[] = [step(`${lhs.text} = ${rhs}`, `${lhs.tex} = ${rhs}`)];
  const fail = (why: WorkStep): TestResult => {
    steps.push(why);
    return { kind: 'independent', test: 'weak-zero-siv', work: work('weak-zero-siv', pair, steps) };
  };
  if (mod(rhs, coef) !== 0n) {
    return fail(step(`${name} = ${rhs}/${coef} is not an integer`, `${texName(name)} = \\frac{${rhs}}{${coef}} \\notin \\mathbb{Z}`));
  }
  const x0 = rhs / coef;
  steps.push(step(`${name} = ${x0}`, `${texName(name)} = ${x0}`));
  if (x0 < 0n || (upper !== null && x0 > upper)) {
    return fail(step(`${name} = ${x0} is outside ${rangeText(name, upper)}`, `${x0} \\notin [0, ${upper ?? '\\infty'}]`));
  }
  // The other counter ranges freely over 0..U: which side of x0 can it fall on?
  const below = x0 > 0n; // some value < x0 exists
  const above = upper === null || x0 < upper; // some value > x0 exists
  let dirs: Direction = EQ;
  // Pinned source at x0: sink i' > x0 is direction <. Pinned sink at x0: source i < x0 is direction <.
  if (srcVaries ? above : below) dirs |= LT;
  if (srcVaries ? below : above) dirs |= GT;
  steps.push(
    step(
      `only iteration ${name} = ${x0} touches the element; ${other} ranges over ${rangeText(other, upper)}: direction ${directionText(dirs)}`,
      rangeTex(other, upper),
    ),
  );
  if (x0 === 0n) steps.push(step(`${name} = 0 is the first iteration: peeling it off the loop removes this dependence`));
  if (upper !== null && x0 === upper) {
    steps.push(step(`${name} = ${upper} is the last iteration: peeling it off the loop removes this dependence`));
  }
  return {
    kind: 'dependent',
    test: 'weak-zero-siv',
    // Only `=` left (a one-iteration loop) means distance 0.
    levels: [{ level: f.level, directions: dirs, distance: dirs === EQ ? 0n : null }],
    exact: upper !== null,
    work: work('weak-zero-siv', pair, steps),
  };
}
