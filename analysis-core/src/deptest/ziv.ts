/**
 * ZIV test — zero index variables.
 * Reference: Allen & Kennedy, "Optimizing Compilers for Modern Architectures", ch. 3, §3.3.1 (ZIV test);
 * Goff, Kennedy & Tseng, "Practical Dependence Testing", PLDI 1991.
 *
 * Shape: no loop counter on either side, c1 = c2, where c1 and c2 may mention symbols (loop-invariant
 * unknowns such as `n`).
 *
 * Worked example: `a[5] = a[3] + 1` inside `for i in range(10)`. Source subscript 5, sink subscript 3:
 * 5 − 3 = 2 ≠ 0, so the two references never touch the same element: independent. With `a[n] … a[n]`
 * the difference is 0: every iteration touches the same element — a dependence at every level with no
 * constraint from this subscript (exact). With `a[2*n] … a[1]` the difference 2n − 1 is odd for every
 * integer n: independent. With `a[n] … a[0]` the difference n may or may not be 0: unknown.
 *
 * Proves: independence when the constant difference is nonzero, or when the symbol coefficients' gcd
 * does not divide it (then it is nonzero for every integer value of the symbols). Cannot prove anything
 * when the difference depends on symbols otherwise — that answer is `unknown`, never `independent`.
 */
import { gcdAll, mod } from '../affine/intmath.js';
import { dependenceEquation, emptyLoop, emptyLoopResult, step, symbolList, work } from './equation.js';
import type { SubscriptPair, TestResult } from './types.js';

export function zivTest(pair: SubscriptPair): TestResult {
  const eq = dependenceEquation(pair);
  if (eq.src.length > 0 || eq.sink.length > 0) return { kind: 'not-applicable', test: 'ziv' };
  const empty = emptyLoop(pair);
  if (empty !== null) return emptyLoopResult('ziv', pair, empty);
  // The equation is Σ s·n = δ with δ = c2 − c1.
  const d = eq.delta;
  if (eq.symbols.length === 0) {
    if (d !== 0n) {
      return {
        kind: 'independent',
        test: 'ziv',
        work: work('ziv', pair, [step(`the subscripts differ by the constant ${-d} ≠ 0`, `c_1 - c_2 = ${-d} \\neq 0`)]),
      };
    }
    return {
      kind: 'dependent',
      test: 'ziv',
      levels: [],
      exact: true,
      work: work('ziv', pair, [
        step('the subscripts are the same constant: every pair of iterations touches the same element', `c_1 - c_2 = 0`),
      ]),
    };
  }
  // Symbol terms are multiples of g for every integer value of the symbols; if g ∤ δ they never reach δ.
  const g = gcdAll(eq.symbols.map((t) => t.coeff));
  const names = symbolList(eq.symbols);
  if (mod(d, g) !== 0n) {
    return {
      kind: 'independent',
      test: 'ziv',
      work: work('ziv', pair, [
        step(
          `the difference depends on ${names}, but its symbol part is a multiple of ${g} and ${g} does not divide ${d}: it is never 0`,
          `${g} \\nmid ${d}`,
        ),
      ]),
    };
  }
  return {
    kind: 'unknown',
    test: 'ziv',
    reason: `the subscripts differ by an amount that depends on ${names}`,
    work: work('ziv', pair, [step(`whether the subscripts are equal depends on the value of ${names}`)]),
  };
}
