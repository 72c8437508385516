/**
 * GCD test — any number of counters (MIV), symbols included.
 * Reference: Allen & Kennedy, "Optimizing Compilers for Modern Architectures", ch. 3, §3.3.3 (MIV tests,
 * "GCD test"); Banerjee, "Dependence Analysis for Supercomputing" (1988); Wolfe, "High Performance
 * Compilers for Parallel Computing"; Goff, Kennedy & Tseng, PLDI 1991.
 *
 * Shape: Σ a_k·x_k + c1 = Σ b_k·y_k + c2, i.e. Σ a_k·x_k − Σ b_k·y_k = c2 − c1 over source counters x
 * and sink counters y. A linear Diophantine equation has an integer solution iff the gcd of its
 * coefficients divides the constant. Symbol terms s·n are unknown integers too, so their coefficients
 * simply join the gcd: if even free choices of n cannot reach the constant, no value of n can.
 *
 * Worked example: `for i…: for j…: a[2*i + 4*j] = a[4*i' + 6*j' + 1]`:
 * 2i + 4j − 4i' − 6j' = 1, gcd(2, 4, 4, 6) = 2 does not divide 1: independent (the source touches only
 * even elements, the sink only odd ones). With `+ 2` instead of `+ 1`, gcd 2 divides 2: maybe dependent.
 * With a symbol, `a[2*i + 2*n] … a[2*i' + 1]`: gcd(2, 2, 2) = 2 ∤ 1: independent for every n.
 *
 * Proves: independence when the gcd does not divide the constant. It ignores loop bounds and
 * directions, so passing it proves nothing: the answer is then `dependent` with `exact: false` and no
 * level constraints. Not applicable when no variable appears (that is ZIV's shape).
 */
import { gcdAll, mod } from '../affine/intmath.js';
import { dependenceEquation, emptyLoop, emptyLoopResult, step, work } from './equation.js';
import type { SubscriptPair, TestResult } from './types.js';

export function gcdTest(pair: SubscriptPair): TestResult {
  const eq = dependenceEquation(pair);
  // Coefficients of every variable in src − sink (sign is irrelevant to the gcd).
  const coeffs = [...eq.src.map((u) => u.coeff), ...eq.sink.map((u) => u.coeff), ...eq.symbols.map((t) => t.coeff)];
  if (coeffs.length === 0) return { kind: 'not-applicable', test: 'gcd' };
  const empty = emptyLoop(pair);
  if (empty !== null) return emptyLoopResult('gcd', pair, empty);
  const g = gcdAll(coeffs);
  const list = coeffs.join(', ');
  if (mod(eq.delta, g) !== 0n) {
    return {
      kind: 'independent',
      test: 'gcd',
      work: work('gcd', pair, [step(`gcd(${list}) = ${g} does not divide ${eq.delta}`, `\\gcd(${list}) = ${g} \\nmid ${eq.delta}`)]),
    };
  }
  return {
    kind: 'dependent',
    test: 'gcd',
    levels: [],
    exact: false,
    work: work('gcd', pair, [
      step(
        `gcd(${list}) = ${g} divides ${eq.delta}: an integer solution exists, possibly outside the loop bounds`,
        `\\gcd(${list}) = ${g} \\mid ${eq.delta}`,
      ),
    ]),
  };
}
