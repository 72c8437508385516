/**
 * RDIV test — restricted double index variable: one counter on each side, from different loops.
 * Reference: Goff, Kennedy & Tseng, "Practical Dependence Testing", PLDI 1991 (RDIV subscripts, tested
 * like SIV with the two loops' own bounds); Allen & Kennedy, "Optimizing Compilers for Modern
 * Architectures", ch. 3, §3.3.2–3.3.3; Banerjee 1988 for the bounded two-variable equation.
 *
 * Shape: a·x + c1 = b·y' + c2 where x is a source counter and y' a sink counter of different loops —
 * `a[i]` vs `a[j]` in two separate nests, or at two levels of one nest. Also the degenerate case of one
 * counter of a loop around only one side against a constant (`a[j] … a[3]`, b = 0), which is the same
 * equation with one coefficient zero.
 *
 * Worked example: `for i in range(10): a[i] = …` then `for j in range(5): … = a[2*j + 1]`. Source a[i]
 * (loop i, 0..9), sink a[2j' + 1] (loop j, 0..4): i − 2j' = 1, gcd(1, 2) = 1 divides 1, i = 1 + 2t,
 * j' = t, t ∈ [0, 4]: (1, 0), (3, 1), …, (9, 4) — dependent (the loops are not common, so there are no
 * direction constraints to report). With `a[2*i]` vs `a[2*j + 1]`, gcd(2, 2) = 2 ∤ 1: independent. With
 * `for j in range(5): … a[j + 20]`: i = j' + 20 ≥ 20 > 9 for every j': independent.
 *
 * Directions: if x's loop is common (level L), its sink counter x' does not appear and is free in
 * 0..U, so level L gets `=` always, `<` iff the smallest solution x is below U, `>` iff the largest is
 * above 0; symmetrically for y'. These per-level sets are exact projections; their product need not be
 * exact when both loops are common (the two counters are linked), so `exact` is claimed only when at most
 * one involved loop is common and every involved bound is known.
 *
 * Proves: independence exactly (no solution in bounds). Cannot decide symbolic constants: `unknown`.
 */
import { mod } from '../affine/intmath.js';
import { classifySubscript } from './classify.js';
import { rangeOver, solveLinear2 } from './diophantine.js';
import { EQ, GT, LT, directionText, type Direction } from './direction.js';
import {
  dependenceEquation,
  emptyLoop,
  emptyLoopResult,
  lin,
  rangeText,
  step,
  symbolList,
  texName,
  work,
  type CounterUse,
} from './equation.js';
import type { LevelConstraint, SubscriptPair, TestResult, WorkStep } from './types.js';

export function rdivTest(pair: SubscriptPair): TestResult {
  if (classifySubscript(pair) !== 'rdiv') return { kind: 'not-applicable', test: 'rdiv' };
  const eq = dependenceEquation(pair);
  if (eq.symbols.length > 0) {
    const names = symbolList(eq.symbols);
    return {
      kind: 'unknown',
      test: 'rdiv',
      reason: `the constant term depends on ${names}`,
      work: work('rdiv', pair, [step(`the equation's constant term depends on the value of ${names}`)]),
    };
  }
  const empty = emptyLoop(pair);
  if (empty !== null) return emptyLoopResult('rdiv', pair, empty);
  const x = eq.src[0];
  const y = eq.sink[0];
  const steps: WorkStep[] = [];
  const independent = (why: WorkStep): TestResult => {
    steps.push(why);
    return { kind: 'independent', test: 'rdiv', work: work('rdiv', pair, steps) };
  };

  // Ranges of the solution's source counter x and sink counter y (max null = unbounded).
  let xr: { min: bigint; max: bigint | null } | null = null;
  let yr: { min: bigint; max: bigint | null } | null = null;
  if (x !== undefined && y !== undefined) {
    const lhs = lin(0n, [
      [x.name, x.coeff],
      [y.name, -y.coeff],
    ]);
    steps.push(step(`${lhs.text} = ${eq.delta}`, `${lhs.tex} = ${eq.delta}`));
    const sol = solveLinear2(x.coeff, y.coeff, eq.delta, x.loop.upper, y.loop.upper);
    if (sol.kind === 'no-integer-solution') {
      return independent(
        step(
          `gcd(${x.coeff}, ${y.coeff}) = ${sol.g} does not divide ${eq.delta}`,
          `\\gcd(${x.coeff}, ${y.coeff}) = ${sol.g} \\nmid ${eq.delta}`,
        ),
      );
    }
    steps.push(
      step(`gcd(${x.coeff}, ${y.coeff}) = ${sol.g} divides ${eq.delta}`, `\\gcd(${x.coeff}, ${y.coeff}) = ${sol.g} \\mid ${eq.delta}`),
    );
    if (sol.kind === 'out-of-bounds') {
      return independent(
        step(
          `the integer solutions ${x.name} = ${lin(sol.x0, [['t', sol.sx]]).text}, ${y.name} = ${lin(sol.y0, [['t', sol.sy]]).text} never satisfy ${rangeText(x.name, x.loop.upper)} and ${rangeText(y.name, y.loop.upper)}`,
        ),
      );
    }
    const T = sol.T;
    steps.push(
      step(
        `${x.name} = ${lin(sol.x0, [['t', sol.sx]]).text}, ${y.name} = ${lin(sol.y0, [['t', sol.sy]]).text} with ${T === null ? 't ≥ 0' : `0 ≤ t ≤ ${T}`}`,
        `${texName(x.name)} = ${lin(sol.x0, [['t', sol.sx]]).tex},\\ ${texName(y.name)} = ${lin(sol.y0, [['t', sol.sy]]).tex},\\ ${T === null ? 't \\ge 0' : `0 \\le t \\le ${T}`}`,
      ),
    );
    xr = rangeOver(sol.x0, sol.sx, T);
    yr = rangeOver(sol.y0, sol.sy, T);
  } else {
    // One counter only (a loop around one side, against a constant): c·v = rhs.
    const v = (x ?? y)!;
    const rhs = x !== undefined ? eq.delta : -eq.delta;
    const lhs = lin(0n, [[v.name, v.coeff]]);
    steps.push(step(`${lhs.text} = ${rhs}`, `${lhs.tex} = ${rhs}`));
    if (mod(rhs, v.coeff) !== 0n) {
      return independent(step(`${v.name} = ${rhs}/${v.coeff} is not an integer`, `\\frac{${rhs}}{${v.coeff}} \\notin \\mathbb{Z}`));
    }
    const v0 = rhs / v.coeff;
    if (v0 < 0n || (v.loop.upper !== null && v0 > v.loop.upper)) {
      return independent(step(`${v.name} = ${v0} is outside ${rangeText(v.name, v.loop.upper)}`));
    }
    steps.push(step(`${v.name} = ${v0}`, `${texName(v.name)} = ${v0}`));
    const r = { min: v0, max: v0 };
    if (x !== undefined) xr = r;
    else yr = r;
  }

  const levels: LevelConstraint[] = [];
  // A common loop's other-side counter is absent from the equation: free in 0..U.
  const constrain = (use: CounterUse, r: { min: bigint; max: bigint | null }, side: 'src' | 'sink'): void => {
    const l = use.loop;
    if (l.level === null) return;
    const U = l.upper;
    const canBeBelow = r.max === null || r.max > 0n; // the free counter can sit below some solution value
    const canBeAbove = U === null || r.min < U; // … or above one
    let dirs: Direction = EQ;
    // Source counter pinned, sink free: sink above is `<`. Sink pinned, source free: source below is `<`.
    if (side === 'src' ? canBeAbove : canBeBelow) dirs |= LT;
    if (side === 'src' ? canBeBelow : canBeAbove) dirs |= GT;
    const other = side === 'src' ? l.sinkName : l.srcName;
    steps.push(step(`level ${l.level}: ${other ?? '?'} is free in ${rangeText(other ?? '?', U)}: direction ${directionText(dirs)}`));
    levels.push({ level: l.level, directions: dirs, distance: dirs === EQ ? 0n : null });
  };
  if (x !== undefined && xr !== null) constrain(x, xr, 'src');
  if (y !== undefined && yr !== null) constrain(y, yr, 'sink');
  if (levels.length === 0) steps.push(step('the loops involved are not common to both references: no direction constraint'));
  const involved = [x, y].filter((u): u is CounterUse => u !== undefined);
  return {
    kind: 'dependent',
    test: 'rdiv',
    levels,
    exact: involved.every((u) => u.loop.upper !== null) && levels.length <= 1,
    work: work('rdiv', pair, steps),
  };
}
