/**
 * Exact SIV test — one common loop, arbitrary nonzero coefficients.
 * Reference: Allen & Kennedy, "Optimizing Compilers for Modern Architectures", ch. 3, §3.3.2 (SIV tests,
 * "Exact SIV test"); Banerjee, "Dependence Analysis for Supercomputing" (1988), the two-variable exact
 * test; Goff, Kennedy & Tseng, PLDI 1991; Wolfe, "High Performance Compilers for Parallel Computing".
 *
 * Shape: a·i + c1 = b·i' + c2 with a, b ≠ 0 (the general case; strong and weak-crossing subscripts are
 * special cases it also decides, weak-zero ones are not its shape). Solve a·i − b·i' = c2 − c1 with
 * extended Euclid (see diophantine.ts), intersect the parametric solution with 0 ≤ i, i' ≤ U, and read
 * the directions off the distance d(t) = i'(t) − i(t), which is linear — hence monotone — in t.
 *
 * Worked example: `for i in range(10): a[2*i] = a[3*i + 1]`, source 2i, sink 3i' + 1:
 * 2i − 3i' = 1, g = gcd(2, 3) = 1 divides 1; i = 2 + 3t, i' = 1 + 2t; 0 ≤ i, i' ≤ 9 gives t ∈ [0, 2]:
 * (i, i') = (2, 1), (5, 3), (8, 5); d(t) = −1 − t ∈ [−3, −1], never 0 or positive: direction > only
 * (the read of iteration i' happens before the write of iteration i — an anti dependence the other
 * way round). With `a[2*i] … a[4*i + 1]`, gcd(2, 4) = 2 ∤ 1: independent.
 *
 * Directions: < iff max d > 0, > iff min d < 0, = iff d(t) = 0 has an integer root t in range — all
 * computed from the two ends of the t interval, no enumeration. With an unknown upper bound the counter
 * is unbounded above (a sound superset, not claimed exact).
 *
 * Proves: independence exactly (no integer pair in bounds), and the exact direction set and (when
 * constant) distance for known bounds. Cannot decide symbolic constants: `unknown`.
 */
import { max, min, mod } from '../affine/intmath.js';
import { sivForm } from './classify.js';
import { solveLinear2 } from './diophantine.js';
import { EQ, GT, LT, NONE, directionText, type Direction } from './direction.js';
import { dependenceEquation, emptyLoop, emptyLoopResult, lin, step, symbolList, texName, work } from './equation.js';
import type { SubscriptPair, TestResult, WorkStep } from './types.js';

export function exactSivTest(pair: SubscriptPair): TestResult {
  const f = sivForm(pair);
  if (f === null || f.a === 0n || f.b === 0n) return { kind: 'not-applicable', test: 'exact-siv' };
  const eq = dependenceEquation(pair);
  if (eq.symbols.length > 0) {
    const names = symbolList(eq.symbols);
    return {
      kind: 'unknown',
      test: 'exact-siv',
      reason: `the constant term depends on ${names}`,
      work: work('exact-siv', pair, [step(`the equation's constant term depends on the value of ${names}`)]),
    };
  }
  const empty = emptyLoop(pair);
  if (empty !== null) return emptyLoopResult('exact-siv', pair, empty);
  const { a, b, delta, upper } = f;
  const [i, ip] = [f.srcName, f.sinkName];
  const [ti, tip] = [texName(i), texName(ip)];
  const lhs = lin(0n, [
    [i, a],
    [ip, -b],
  ]);
  const steps: WorkStep[] = [step(`${lhs.text} = ${delta}`, `${lhs.tex} = ${delta}`)];
  const independent = (): TestResult => ({ kind: 'independent', test: 'exact-siv', work: work('exact-siv', pair, steps) });
  const sol = solveLinear2(a, b, delta, upper, upper);
  if (sol.kind === 'no-integer-solution') {
    steps.push(step(`gcd(${a}, ${b}) = ${sol.g} does not divide ${delta}`, `\\gcd(${a}, ${b}) = ${sol.g} \\nmid ${delta}`));
    return independent();
  }
  steps.push(step(`gcd(${a}, ${b}) = ${sol.g} divides ${delta}`, `\\gcd(${a}, ${b}) = ${sol.g} \\mid ${delta}`));
  if (sol.kind === 'out-of-bounds') {
    steps.push(
      step(
        `the integer solutions ${i} = ${lin(sol.x0, [['t', sol.sx]]).text}, ${ip} = ${lin(sol.y0, [['t', sol.sy]]).text} never lie in 0..${upper ?? '∞'} for both`,
        `${ti} = ${lin(sol.x0, [['t', sol.sx]]).tex},\\ ${tip} = ${lin(sol.y0, [['t', sol.sy]]).tex}:\\ \\text{no } t \\text{ in bounds}`,
      ),
    );
    return independent();
  }
  const { x0, y0, sx, sy, T } = sol;
  const [xt, yt] = [lin(x0, [['t', sx]]), lin(y0, [['t', sy]])];
  const tRange = T === null ? 't ≥ 0' : `0 ≤ t ≤ ${T}`;
  steps.push(
    step(
      `${i} = ${xt.text}, ${ip} = ${yt.text} with ${tRange}`,
      `${ti} = ${xt.tex},\\ ${tip} = ${yt.tex},\\ ${T === null ? 't \\ge 0' : `0 \\le t \\le ${T}`}`,
    ),
  );
  // Distance d(t) = d0 + k·t, monotone in t: its extremes sit at the ends of [0, T].
  const d0 = y0 - x0;
  const k = sy - sx;
  const dEnd = T === null ? null : d0 + k * T;
  const dt = lin(d0, [['t', k]]);
  const dMin = k === 0n ? d0 : dEnd === null ? (k < 0n ? null : d0) : min(d0, dEnd);
  const dMax = k === 0n ? d0 : dEnd === null ? (k > 0n ? null : d0) : max(d0, dEnd);
  let dirs: Direction = NONE;
  if (dMax === null || dMax > 0n) dirs |= LT;
  if (dMin === null || dMin < 0n) dirs |= GT;
  // d(t) = 0 at t* = −d0/k, which must be an integer inside [0, T].
  if (k === 0n ? d0 === 0n : mod(-d0, k) === 0n && -d0 / k >= 0n && (T === null || -d0 / k <= T)) dirs |= EQ;
  const fmt = (v: bigint | null, inf: string): string => (v === null ? inf : v.toString());
  steps.push(
    step(
      `distance ${ip} − ${i} = ${dt.text} ranges over [${fmt(dMin, '−∞')}, ${fmt(dMax, '∞')}]: direction ${directionText(dirs)}`,
      `d = ${tip} - ${ti} = ${dt.tex} \\in [${fmt(dMin, '-\\infty')}, ${fmt(dMax, '\\infty')}]`,
    ),
  );
  // A constant distance: k = 0 (strong-SIV-like) or a single solution.
  const distance = k === 0n || T === 0n ? d0 : null;
  return {
    kind: 'dependent',
    test: 'exact-siv',
    levels: [{ level: f.level, directions: dirs, distance }],
    exact: upper !== null,
    work: work('exact-siv', pair, steps),
  };
}
