/**
 * Strong SIV test — one common loop, the same coefficient on both sides.
 * Reference: Allen & Kennedy, "Optimizing Compilers for Modern Architectures", ch. 3, §3.3.2 (SIV tests,
 * "Strong SIV subscripts"); Goff, Kennedy & Tseng, "Practical Dependence Testing", PLDI 1991.
 *
 * Shape: a·i + c1 = a·i' + c2 (i the source counter, i' the sink counter of the same common level,
 * a ≠ 0). Then a·(i' − i) = c1 − c2, so the dependence distance (sink − source iteration) is
 *
 *     d = i' − i = (c1 − c2) / a.
 *
 * Worked example: `for i in range(10): a[2*i + 4] = a[2*i] + 1` — the write is the source (2i + 4), the
 * read the sink (2i'): d = (4 − 0) / 2 = 2, an integer with |d| = 2 ≤ 9 = upper bound, so iteration i
 * writes what iteration i + 2 reads: a flow dependence with distance 2, direction <. With `a[2*i + 3]`
 * instead, d = 3/2 is not an integer: independent. With `range(2)` (upper bound 1), |d| = 2 > 1: the
 * iterations are too few for the distance: independent.
 *
 * Proves: independence when d is not an integer or exceeds the iteration count; otherwise the exact
 * distance and direction. Exact whenever the upper bound is known (or d = 0). Cannot decide a symbolic
 * difference c1 − c2 (e.g. `a[i + n]` vs `a[i]`): the answer is `unknown`.
 */
import { abs, mod } from '../affine/intmath.js';
import { sivForm, variantOf } from './classify.js';
import { directionOfDistance, directionText } from './direction.js';
import { dependenceEquation, emptyLoop, emptyLoopResult, scaled, step, symbolList, texName, work } from './equation.js';
import type { SubscriptPair, TestResult } from './types.js';

export function strongSivTest(pair: SubscriptPair): TestResult {
  const f = sivForm(pair);
  if (f === null || variantOf(f.a, f.b) !== 'strong') return { kind: 'not-applicable', test: 'strong-siv' };
  const eq = dependenceEquation(pair);
  if (eq.symbols.length > 0) {
    const names = symbolList(eq.symbols);
    return {
      kind: 'unknown',
      test: 'strong-siv',
      reason: `the distance depends on ${names}`,
      work: work('strong-siv', pair, [step(`the distance (c1 − c2)/${f.a} depends on the value of ${names}`)]),
    };
  }
  const empty = emptyLoop(pair);
  if (empty !== null) return emptyLoopResult('strong-siv', pair, empty);
  const { a, upper } = f;
  const i = texName(f.srcName);
  const ip = texName(f.sinkName);
  // a·i − a·i' = δ = c2 − c1, so i' − i = −δ / a = (c1 − c2) / a.
  const num = -f.delta;
  const lhs = scaled(a, `${f.sinkName} − ${f.srcName}`, `${ip} - ${i}`);
  const steps = [step(`${lhs.text} = ${num}`, `${lhs.tex} = ${num}`)];
  if (mod(num, a) !== 0n) {
    steps.push(step(`the distance ${num}/${a} is not an integer`, `d = \\frac{${num}}{${a}} \\notin \\mathbb{Z}`));
    return { kind: 'independent', test: 'strong-siv', work: work('strong-siv', pair, steps) };
  }
  const d = num / a;
  steps.push(step(`distance d = ${num}/${a} = ${d}`, `d = ${ip} - ${i} = \\frac{${num}}{${a}} = ${d}`));
  if (upper !== null && abs(d) > upper) {
    steps.push(step(`|d| = ${abs(d)} > ${upper}, the largest distance the loop allows`, `|d| = ${abs(d)} > ${upper} = U`));
    return { kind: 'independent', test: 'strong-siv', work: work('strong-siv', pair, steps) };
  }
  const dir = directionOfDistance(d);
  steps.push(
    upper === null
      ? step(
          `the upper bound is unknown: the dependence exists if the loop runs at least ${abs(d) + 1n} iterations; direction ${directionText(dir)}`,
        )
      : step(`|d| = ${abs(d)} ≤ ${upper}: direction ${directionText(dir)}`, `|d| = ${abs(d)} \\le ${upper} = U`),
  );
  return {
    kind: 'dependent',
    test: 'strong-siv',
    levels: [{ level: f.level, directions: dir, distance: d }],
    // With an unknown bound a nonzero distance may exceed the trip count; d = 0 only needs one iteration.
    exact: upper !== null || d === 0n,
    work: work('strong-siv', pair, steps),
  };
}
