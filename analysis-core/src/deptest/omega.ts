/**
 * The exact integer test: does a system of affine equalities and inequalities have an integer solution,
 * and if so, which is the lexicographically smallest one?
 *
 * Reference: W. Pugh, "The Omega test: a fast and practical integer programming algorithm for dependence
 * analysis", Communications of the ACM 35(8), 1992. Equality elimination follows the lattice (Hermite
 * normal form) formulation in A. Schrijver, *Theory of Linear and Integer Programming*, ch. 4–5, rather
 * than Pugh's `mod-hat` substitution, because the lattice form can keep the witness variables in order.
 *
 * The algorithm, stage by stage:
 *
 * 1. **Normalise.** Every constraint `Σ aₖxₖ + c ≥ 0` is divided by g = gcd(aₖ) and its constant rounded
 *    down (`⌊c/g⌋`): over the integers `2i ≥ 1` means `i ≥ 1`. This integer tightening is what lets the
 *    test see that `1 ≤ 3x − 3y ≤ 2` has no integer solution (it becomes `1 ≤ x − y ≤ 0`). Constraints on
 *    the same combination of variables are merged; a lower and an upper bound that meet become an equality.
 * 2. **Equalities (gcd test and exact elimination).** Each equality is divided by the gcd of its
 *    coefficients; if that gcd does not divide the constant there is no integer solution (the gcd test).
 *    Then the integer solutions of all the equalities are written as a lattice `x = x₀ + K·t`, t ∈ ℤᵈ, by
 *    unimodular column operations (extended Euclid). K is brought to column-echelon (Hermite) form with
 *    respect to the variable order, so that `t` orders lexicographically exactly as `x` does; a variable
 *    whose column has pivot 1 keeps its own name (`i' = i + 1` leaves `i` as the parameter), others get a
 *    fresh `σₖ`. Variables outside the witness order that have a unit coefficient are placed last, so
 *    they are the ones substituted away, as in Pugh's elimination. The inequalities are rewritten over
 *    `t`; nothing is lost or added.
 * 3. **Inequalities (Fourier–Motzkin with Pugh's shadows).** One variable z at a time, every lower bound
 *    `β ≤ b·z` is paired with every upper bound `a·z ≤ α`:
 *    - the *real shadow* `a·β ≤ b·α` is implied by any solution: if it has no integer solution, neither has
 *      the system;
 *    - when a = 1 or b = 1 for every pair (unit coefficients on one side) the real shadow is *exact*: every
 *      integer point of it extends to an integer z, so the elimination loses nothing;
 *    - otherwise the *dark shadow* `b·α − a·β ≥ (a − 1)(b − 1)` guarantees an integer z between the bounds;
 *      a solution outside it lies close to some lower bound, `b·z = β + i` with
 *      `0 ≤ i ≤ ⌊(m·b − m − b)/m⌋` (m the largest upper coefficient), so these *splinters* (each an extra
 *      equality) together with the dark shadow cover every integer solution exactly. (The symmetric
 *      splinters on the upper bounds are used when there are fewer of them.)
 *    - a variable bounded on one side only (e.g. an unbounded symbol) is simply dropped with its constraints.
 *    The answer is exact: `infeasible` is a proof, `feasible` comes with a verified point. Only the work
 *    budget (default 10 000 steps: solver calls, generated constraints, splinters) can stop it, and then
 *    the answer is `unknown`, never `infeasible`.
 * 4. **Witness.** Variables in `lexOrder` are eliminated last and in reverse order, so each exact
 *    elimination is a projection onto a prefix of the order, and back-substituting the *smallest* allowed
 *    value of each variable yields the lexicographic minimum in one pass. When an elimination on the way
 *    is inexact, the minimum is found one variable at a time instead: a lower bound from the real shadow
 *    projected onto the variable, an upper bound from a feasible point, bisection between them with
 *    feasibility-only solves, then the value is fixed. (Taking the least point of the dark shadow and of
 *    every splinter recursively is exact too, but exponential in the number of inexact steps.)
 *    A point is always returned when feasible. A `lexOrder` variable unbounded below (given the earlier
 *    ones) has no minimum: it gets some value (in one pass: its parameter is 0 if allowed, else at its
 *    upper bound), the later ones are still minimised, and the conclusion says it is not a minimum.
 *    Variables outside `lexOrder` get some valid values. The work is rendered only when first read.
 *
 * Arithmetic: the solver runs on JS numbers (no `bigint` allocation in the inner loops, which dominated
 * the cost). Every product and sum is checked against the safe-integer range (|v| ≤ 2⁵³ − 1, where
 * float arithmetic on integers is exact); the first value outside it abandons the attempt and the same
 * algorithm is rerun in exact `bigint` arithmetic (`omegaBig.ts`), so results never depend on the
 * representation: same answers, points, budget and recorded work.
 *
 * Worked examples.
 * - `a[2*i] = …` and `… = a[2*i' + 1]`: the equation `2i − 2i' − 1 = 0` has gcd(2, 2) = 2, which does not
 *   divide 1: no integer solution, independent.
 * - `a[i][j] = a[j][i]` in `for i in range(10): for j in range(10)`, asking for `i < i'`: equalities
 *   `i = j'`, `j = i'` give the lattice with parameters i, j (`i' = j`, `j' = i`); the bounds become
 *   `0 ≤ i ≤ 9`, `0 ≤ j ≤ 9` and `i + 1 ≤ j`. Eliminating j (unit coefficients, exact): `max(0, i + 1) ≤ j
 *   ≤ 9` projects to `i ≤ 8`; eliminating i leaves `0 ≤ 8`. Back-substitution takes i = 0, then the least
 *   j = 1: the witness is i = 0, j = 1, i' = 1, j' = 0 (distance (1, −1), direction (<, >)).
 * - `27 ≤ 11x + 13y ≤ 45`, `−10 ≤ 7x − 9y ≤ 4` (Pugh's example) has real solutions but no integer one:
 *   the real shadow is non-empty, the dark shadow is empty, and every splinter is infeasible.
 *
 * What it can prove: anything about integer points of a linear system with integer coefficients, exactly,
 * including unbounded variables (loop-invariant symbols). What it cannot: non-linear constraints (symbolic
 * coefficients such as `n*i`) never reach it; and pathological systems (huge coefficients, many splinters,
 * exponential Fourier–Motzkin growth) run out of budget and come back `unknown`.
 */
import * as A from '../affine/affine.js';
import { assert } from '../util/assert.js';
import type { ExactOptions, ExactResult, LinearSystem } from './linear.js';
import type { WorkStep } from './types.js';
import { solveDifferenceConstraints } from './differenceConstraints.js';
import {
  BudgetExhausted,
  Context,
  DEFAULT_OMEGA_BUDGET,
  contradictionStep,
  describeSystem,
  eliminationStep,
  finish,
  latticeStep,
  relTex,
  relText,
  rowAffine,
  solveExactBig,
  systemEquation,
  texAffine,
  texName,
  verify,
  type Level,
  type Lattice as BigLattice,
  type Row as BigRow,
} from './omegaBig.js';

export { DEFAULT_OMEGA_BUDGET };

/** `Σ a[k]·x[k] + k ≥ 0` (or `= 0` for an equality), over a level's variables, in safe integers. */
interface Row {
  readonly a: readonly number[];
  readonly k: number;
}

type Outcome =
  | { readonly feasible: false }
  /** `minimal`: every ordered variable got the least value allowed (the point is the lexicographic minimum). */
  | { readonly feasible: true; readonly point: number[]; readonly minimal: boolean };

const INFEASIBLE: Outcome = { feasible: false };

/** A value left the safe-integer range: the solve is redone in `bigint`. */
class Overflow extends Error {}

const SAFE = Number.MAX_SAFE_INTEGER;

/** Check a computed integer: exact iff its true value is safe (a true value beyond rounds to ≥ 2⁵³). */
function ck(v: number): number {
  if (v > SAFE || v < -SAFE) throw new Overflow('omega: number overflow');
  return v;
}

/** `a·x + b·y`, checked. */
function lin(a: number, x: number, b: number, y: number): number {
  return ck(ck(a * x) + ck(b * y));
}

function floorDiv(a: number, b: number): number {
  // Exact for safe integers: a quotient just below an integer never rounds up to it.
  let q = Math.floor(a / b);
  const r = a - q * b;
  if (b > 0 ? r < 0 : r > 0) q--;
  else if (b > 0 ? r >= b : r <= b) q++;
  return q;
}

function ceilDiv(a: number, b: number): number {
  return -floorDiv(-a, b);
}

function gcd(a: number, b: number): number {
  a = a < 0 ? -a : a;
  b = b < 0 ? -b : b;
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** [g, s, t] with s·a + t·b = g = gcd(a, b) ≥ 0 (as `intmath.extendedGcd`, step for step). */
function extendedGcd(a: number, b: number): [number, number, number] {
  let oldR = a;
  let r = b;
  let oldS = 1;
  let s = 0;
  let oldT = 0;
  let t = 1;
  while (r !== 0) {
    const q = Math.trunc(oldR / r);
    let tmp = r;
    r = oldR - q * r;
    oldR = tmp;
    tmp = s;
    s = ck(oldS - ck(q * s));
    oldS = tmp;
    tmp = t;
    t = ck(oldT - ck(q * t));
    oldT = tmp;
  }
  return oldR < 0 ? [-oldR, -oldS, -oldT] : [oldR, oldS, oldT];
}

function big(r: Row): BigRow {
  return { a: r.a.map((x) => BigInt(x)), k: BigInt(r.k) };
}

// ---------------------------------------------------------------------------------------------------------
// Entry point

/**
 * The exact test: systems of difference constraints (most dependence problems) by longest paths
 * (differenceConstraints.ts), everything else by the Omega test. Both are exact; the first is ~20× cheaper.
 */
export function solveExact(system: LinearSystem, options: ExactOptions = {}): ExactResult {
  return solveDifferenceConstraints(system, options) ?? solveOmega(system, options);
}

/** The Omega test alone (numbers, then bigint on overflow). */
export function solveOmega(system: LinearSystem, options: ExactOptions = {}): ExactResult {
  try {
    return solveNumbers(system, options);
  } catch (e) {
    if (e instanceof Overflow) return solveExactBig(system, options);
    throw e;
  }
}

function solveNumbers(system: LinearSystem, options: ExactOptions): ExactResult {
  const budget = options.budget ?? DEFAULT_OMEGA_BUDGET;
  const vars = [...new Set(system.vars)];
  const varSet = new Set(vars);
  // Lex variables first (in their order), then the others: the solver minimises a prefix of its order.
  const lex = [...new Set((options.lexOrder ?? []).filter((v) => varSet.has(v)))];
  const lexSet = new Set(lex);
  const order = [...lex, ...vars.filter((v) => !lexSet.has(v))];
  const index = new Map(order.map((v, i) => [v, i] as const));
  const n = order.length;
  const toRow = (e: A.Affine): Row => {
    const a: number[] = new Array<number>(n).fill(0);
    for (const t of e.terms) {
      const i = index.get(t.name);
      assert(i !== undefined, `exact test: variable ${t.name} is not among the system's vars`);
      a[i] = ck(a[i]! + toNumber(t.coeff));
    }
    return { a, k: toNumber(e.constant) };
  };
  const eqs = system.equalities.map(toRow);
  const ineqs = system.inequalities.map(toRow);

  const ctx = new Context(budget);
  const equation = (): string => systemEquation(system);
  ctx.record(0, () => describeSystem(system, vars));

  const level: Level = { n, names: order, ordered: lex.length };
  let outcome: Outcome;
  try {
    outcome = solve(ctx, level, eqs, ineqs, new Array<boolean>(n).fill(true), 0);
  } catch (e) {
    if (!(e instanceof BudgetExhausted)) throw e;
    const reason = `the exact test ran out of its budget of ${budget} steps`;
    return { kind: 'unknown', reason, work: finish(ctx, equation, () => ({ text: `Undecided: ${reason}.` })) };
  }

  if (!outcome.feasible) {
    return { kind: 'infeasible', work: finish(ctx, equation, () => ({ text: 'No integer point satisfies the system.' })) };
  }
  const point = new Map<string, bigint>();
  for (const v of vars) point.set(v, BigInt(outcome.point[index.get(v)!]!));
  verify(system, point);
  const minimal = outcome.minimal;
  const conclusion = (): WorkStep => {
    const values = vars.map((v) => `${v} = ${point.get(v)!}`).join(', ');
    const valuesTex = vars.map((v) => `${texName(v)} = ${point.get(v)!}`).join(',\\ ');
    let what: string;
    if (lex.length === 0) what = 'Integer solution';
    else if (minimal) what = `Integer solution, lexicographically smallest in (${lex.join(', ')})`;
    else what = `Integer solution (no lexicographic minimum in (${lex.join(', ')}): a variable is unbounded below)`;
    return { text: `${what}: ${values}.`, tex: valuesTex };
  };
  return { kind: 'feasible', point, work: finish(ctx, equation, conclusion) };
}

function toNumber(x: bigint): number {
  if (x > 9007199254740991n || x < -9007199254740991n) throw new Overflow('omega: input beyond safe integers');
  return Number(x);
}
// ---------------------------------------------------------------------------------------------------------
// The recursive solver

/**
 * Solve `eqs = 0, ineqs ≥ 0` over the alive variables of `lvl` (dead ones were eliminated by callers and
 * have zero coefficients here; their entries in the returned point are 0 and filled in by the caller).
 */
function solve(ctx: Context, lvl: Level, eqs: readonly Row[], ineqs: readonly Row[], alive: readonly boolean[], depth: number): Outcome {
  ctx.tick();
  if (eqs.length > 0) return viaEqualities(ctx, lvl, eqs, ineqs, alive, depth);
  const norm = normalize(ctx, lvl, ineqs, depth);
  if (norm === null) return INFEASIBLE;
  if (norm.eqs.length > 0) return viaEqualities(ctx, lvl, norm.eqs, norm.rows, alive, depth);
  const rows = norm.rows;
  if (rows.length === 0) {
    // Every alive variable is unconstrained: 0 works. An ordered one among them has no minimum.
    let minimal = true;
    for (let i = 0; i < lvl.ordered; i++) if (alive[i]) minimal = false;
    return { feasible: true, point: new Array<number>(lvl.n).fill(0), minimal };
  }
  const z = pickVariable(lvl, rows, alive);
  assert(z >= 0, 'exact test: normalised constraints mention no variable');
  return eliminate(ctx, lvl, rows, alive, z, depth);
}

/**
 * Choose the variable to eliminate. Unordered variables go first (any order projects exactly onto the
 * ordered ones): one-sided ones (free to drop), then exact eliminations, fewest new constraints first.
 * Then the ordered variables strictly from last to first, so each projection is onto a prefix of the order.
 */
function pickVariable(lvl: Level, rows: readonly Row[], alive: readonly boolean[]): number {
  let best = -1;
  let bestScore = Infinity;
  let lastOrdered = -1;
  for (let z = 0; z < lvl.n; z++) {
    if (!alive[z]) continue;
    let lowers = 0;
    let uppers = 0;
    let unitLower = true;
    let unitUpper = true;
    for (const r of rows) {
      const c = r.a[z]!;
      if (c > 0) {
        lowers++;
        if (c !== 1) unitLower = false;
      } else if (c < 0) {
        uppers++;
        if (c !== -1) unitUpper = false;
      }
    }
    if (lowers + uppers === 0) continue;
    if (z < lvl.ordered) {
      lastOrdered = z;
      continue;
    }
    let score: number;
    if (lowers === 0 || uppers === 0) score = -1;
    else if (unitLower || unitUpper) score = lowers * uppers;
    else {
      // Inexact: the splinters are what can cost, so fewest splinters first.
      const ls = rows.filter((r) => r.a[z]! > 0);
      const us = rows.filter((r) => r.a[z]! < 0);
      score = 1e6 + 1e3 * splinterPlan(ls, us, z).count + lowers * uppers;
    }
    if (score < bestScore) {
      bestScore = score;
      best = z;
    }
  }
  return best >= 0 ? best : lastOrdered;
}

/** Eliminate variable z from normalised inequalities (Fourier–Motzkin with Pugh's exactness rules). */
function eliminate(ctx: Context, lvl: Level, rows: readonly Row[], alive: readonly boolean[], z: number, depth: number): Outcome {
  const lowers: Row[] = [];
  const uppers: Row[] = [];
  const rest: Row[] = [];
  for (const r of rows) {
    const c = r.a[z]!;
    if (c > 0) lowers.push(r);
    else if (c < 0) uppers.push(r);
    else rest.push(r);
  }
  const nextAlive = alive.slice();
  nextAlive[z] = false;
  const name = lvl.names[z]!;

  if (lowers.length === 0 || uppers.length === 0) {
    // Bounded on one side only: some large (or small) enough z satisfies all its constraints.
    ctx.record(depth, () => {
      const side = lowers.length === 0 ? 'lower' : 'upper';
      const count = lowers.length + uppers.length;
      return {
        text: `${name} has no ${side} bound: drop its ${count} constraint${count === 1 ? '' : 's'} (a suitable ${name} always exists).`,
      };
    });
    const sub = solve(ctx, lvl, [], rest, nextAlive, depth);
    if (!sub.feasible) return sub;
    const ext = extend(sub, z, lowers, uppers, z < lvl.ordered);
    assert(ext !== null, 'exact test: one-sided variable cannot be extended');
    return ext;
  }

  const combos: Row[] = [];
  const dark: Row[] = [];
  for (const l of lowers) {
    for (const u of uppers) {
      const b = l.a[z]!; // b·z ≥ β
      const a = -u.a[z]!; // a·z ≤ α
      const la = l.a;
      const ua = u.a;
      const coeffs = new Array<number>(la.length);
      let zero = true;
      for (let i = 0; i < la.length; i++) {
        const x = lin(a, la[i]!, b, ua[i]!);
        coeffs[i] = x;
        if (x !== 0) zero = false;
      }
      const k = lin(a, l.k, b, u.k); // b·α − a·β
      if (zero) {
        if (k < 0) {
          ctx.record(depth, () => contradictionStep(lvl, z, big(l), big(u), BigInt(k)));
          return INFEASIBLE;
        }
        // True for real, but the dark shadow may still demand more room than the bounds leave.
        dark.push({ a: coeffs, k: ck(k - ck((a - 1) * (b - 1))) });
        continue;
      }
      combos.push({ a: coeffs, k });
      dark.push({ a: coeffs, k: ck(k - ck((a - 1) * (b - 1))) });
    }
  }
  ctx.tick(combos.length);
  const exact = lowers.every((r) => r.a[z] === 1) || uppers.every((r) => r.a[z] === -1);

  if (exact) {
    if (depth === 0) ctx.record(depth, () => eliminationStep(lvl, z, lowers.map(big), uppers.map(big), combos.map(big), 'exact'));
    const sub = solve(ctx, lvl, [], [...rest, ...combos], nextAlive, depth);
    if (!sub.feasible) return sub;
    const ext = extend(sub, z, lowers, uppers, z < lvl.ordered);
    assert(ext !== null, 'exact test: exact projection point does not extend');
    return ext;
  }

  ctx.record(depth, () => eliminationStep(lvl, z, lowers.map(big), uppers.map(big), combos.map(big), 'inexact'));
  for (let i = 0; i < lvl.ordered; i++) {
    if (alive[i]) return lexminBySearch(ctx, lvl, rows, alive, depth);
  }

  // Real shadow: implied by every solution, so no integer point in it means none at all.
  const real = solve(ctx, lvl, [], [...rest, ...combos], nextAlive, depth + 1);
  if (!real.feasible) {
    ctx.record(depth, () => ({ text: `The real shadow has no integer solution, so neither has the system.` }));
    return INFEASIBLE;
  }
  // Often the real-shadow point already leaves room for an integer value of z.
  const fromReal = extend(real, z, lowers, uppers, false);
  if (fromReal !== null) {
    ctx.record(depth, () => ({ text: `A point of the real shadow leaves an integer value for ${name}: feasible.` }));
    return fromReal;
  }

  // Dark shadow: every point of it extends to an integer z.
  const ds = solve(ctx, lvl, [], [...rest, ...dark], nextAlive, depth + 1);
  if (ds.feasible) {
    const ext = extend(ds, z, lowers, uppers, false);
    assert(ext !== null, 'exact test: dark shadow point does not extend');
    ctx.record(depth, () => ({
      text: `The dark shadow (an integer ${name} fits between every pair of bounds) has a solution: feasible.`,
    }));
    return ext;
  }

  // Splinters: solutions outside the dark shadow lie on one of finitely many hyperplanes near a bound.
  const splinters = chooseSplinters(lowers, uppers, z);
  ctx.tick(splinters.length);
  for (const s of splinters) {
    const out = solve(ctx, lvl, [{ a: s.row.a, k: ck(s.row.k - s.offset) }], rows, alive, depth + 1);
    if (!out.feasible) continue;
    ctx.record(depth, () => ({
      text: `The dark shadow has no integer solution, but the splinter ${relText(rowAffine(lvl, big(s.row), BigInt(s.offset)), '=')} has: feasible.`,
      tex: relTex(rowAffine(lvl, big(s.row), BigInt(s.offset)), '='),
    }));
    return out;
  }
  ctx.record(depth, () => ({
    text: `Neither the dark shadow nor any of the ${splinters.length} splinter${splinters.length === 1 ? '' : 's'} has an integer solution.`,
  }));
  return INFEASIBLE;
}

/**
 * The lexicographic minimum over the ordered alive variables when an elimination on the way is inexact.
 * Taking the least point of the dark shadow and of every splinter (each a full recursive minimisation)
 * is exponential in the number of inexact steps; instead, minimise one variable at a time with
 * feasibility-only solves: the real shadow projected onto the variable gives a lower bound, a known
 * point an upper bound, and bisection between them finds the least integer value, which is then fixed.
 */
function lexminBySearch(ctx: Context, lvl: Level, rows: readonly Row[], alive: readonly boolean[], depth: number): Outcome {
  const plain: Level = { ...lvl, ordered: 0 };
  const first = solve(ctx, plain, [], rows, alive, depth + 1);
  if (!first.feasible) {
    ctx.record(depth, () => ({ text: 'The system has no integer solution (all shadows and splinters checked).' }));
    return INFEASIBLE;
  }
  let point = first.point;
  let current: Row[] = [...rows];
  let minimal = true;
  const found: string[] = [];
  for (let j = 0; j < lvl.ordered; j++) {
    if (!alive[j]) continue;
    const lower = realLowerBound(ctx, lvl, current, alive, j);
    let hi = point[j]!;
    let probes = 0;
    if (lower === null) {
      minimal = false; // unbounded below: no minimum; keep the value found
    } else {
      let lo = lower;
      while (lo < hi) {
        const mid = lo + floorDiv(ck(hi - lo), 2);
        const probe: Row = { a: unit(lvl.n, j, -1), k: mid }; // t_j ≤ mid
        const out = solve(ctx, plain, [], [...current, probe], alive, depth + 1);
        probes++;
        if (out.feasible) {
          point = out.point;
          hi = point[j]!;
        } else {
          lo = ck(mid + 1);
        }
      }
    }
    found.push(
      `${lvl.names[j]!} = ${hi}${lower === null ? ' (unbounded below)' : probes > 0 ? ` (${probes} probe${probes === 1 ? '' : 's'})` : ''}`,
    );
    current = [...current, { a: unit(lvl.n, j, 1), k: -hi }, { a: unit(lvl.n, j, -1), k: hi }];
  }
  ctx.record(depth, () => ({
    text: `An inexact elimination: minimise one variable at a time (real-shadow lower bound, then bisection): ${found.join(', ')}.`,
  }));
  return { feasible: true, point, minimal };
}

function unit(n: number, j: number, c: number): number[] {
  const a = new Array<number>(n).fill(0);
  a[j] = c;
  return a;
}

/**
 * A lower bound on variable j over the integer solutions: Fourier–Motzkin (real shadow, with gcd
 * tightening) eliminates every other variable. `null` when j is unbounded below.
 */
function realLowerBound(ctx: Context, lvl: Level, rows: readonly Row[], alive: readonly boolean[], j: number): number | null {
  let current: readonly Row[] = rows;
  const live = alive.slice();
  for (;;) {
    const norm = normalize(ctx, lvl, current, 1);
    assert(norm !== null, 'exact test: real shadow of a feasible system is empty');
    current = [...norm.rows, ...norm.eqs.flatMap((e) => [e, { a: e.a.map((x) => -x), k: -e.k }])];
    let z = -1;
    let best = Infinity;
    for (let v = 0; v < live.length; v++) {
      if (!live[v] || v === j) continue;
      let lowers = 0;
      let uppers = 0;
      for (const r of current) {
        if (r.a[v]! > 0) lowers++;
        else if (r.a[v]! < 0) uppers++;
      }
      if (lowers + uppers === 0) continue;
      const score = lowers * uppers;
      if (score < best) {
        best = score;
        z = v;
      }
    }
    if (z < 0) break;
    live[z] = false;
    const next: Row[] = [];
    const lowers = current.filter((r) => r.a[z]! > 0);
    const uppers = current.filter((r) => r.a[z]! < 0);
    for (const r of current) if (r.a[z] === 0) next.push(r);
    for (const l of lowers) {
      for (const u of uppers) {
        const b = l.a[z]!;
        const a = -u.a[z]!;
        next.push({ a: l.a.map((x, i) => lin(a, x, b, u.a[i]!)), k: lin(a, l.k, b, u.k) });
      }
    }
    ctx.tick(lowers.length * uppers.length);
    current = next;
  }
  let lower: number | null = null;
  for (const r of current) {
    const c = r.a[j]!;
    if (c <= 0) continue;
    const v = ceilDiv(-r.k, c);
    if (lower === null || v > lower) lower = v;
  }
  return lower;
}

/**
 * Back-substitute a value of z into a solution of the projected system: the least value allowed by the
 * lower bounds (lexicographic minimum), or, with no lower bound, the value nearest 0 below the upper bounds.
 * `null` when the bounds leave no integer (only possible for a real-shadow point).
 */
function extend(
  sub: Extract<Outcome, { feasible: true }>,
  z: number,
  lowers: readonly Row[],
  uppers: readonly Row[],
  ordered: boolean,
): Outcome | null {
  const p = sub.point;
  let lo: number | null = null;
  let hi: number | null = null;
  for (const r of lowers) {
    const b = r.a[z]!;
    const v = ceilDiv(-restValue(r, z, p), b);
    if (lo === null || v > lo) lo = v;
  }
  for (const r of uppers) {
    const a = -r.a[z]!;
    const v = floorDiv(restValue(r, z, p), a);
    if (hi === null || v < hi) hi = v;
  }
  if (lo !== null && hi !== null && lo > hi) return null;
  p[z] = lo ?? (hi === null || hi >= 0 ? 0 : hi);
  return { feasible: true, point: p, minimal: sub.minimal && (!ordered || lo !== null) };
}

function restValue(r: Row, z: number, p: readonly number[]): number {
  let v = r.k;
  for (let i = 0; i < r.a.length; i++) if (i !== z) v = ck(v + ck(r.a[i]! * p[i]!));
  return v;
}

interface Splinter {
  readonly row: Row;
  readonly offset: number;
}

/**
 * Pugh's splinters: an integer solution outside the dark shadow has, for some lower bound β ≤ b·z,
 * b·z − β ≤ ⌊(m·b − m − b)/m⌋ with m the largest upper-bound coefficient (symmetrically for upper bounds).
 * The side with fewer splinters is used.
 */
function chooseSplinters(lowers: readonly Row[], uppers: readonly Row[], z: number): Splinter[] {
  const plan = splinterPlan(lowers, uppers, z);
  // Refuse absurd splinter counts before materialising them (the budget would stop us anyway).
  if (plan.count > 1_000_000) throw new BudgetExhausted('too many splinters');
  const out: Splinter[] = [];
  for (const r of plan.side === 'lower' ? lowers : uppers) {
    const top = splinterTop(Math.abs(r.a[z]!), plan.m);
    for (let i = 0; i <= top; i++) out.push({ row: r, offset: i });
  }
  return out;
}

/** For a bound with coefficient b against opposite coefficients up to m: offsets 0..⌊(m·b − m − b)/m⌋. */
function splinterTop(b: number, m: number): number {
  return floorDiv(ck(ck(ck(m * b) - m) - b), m);
}

/** How many splinters each side needs; the cheaper side is used. */
function splinterPlan(lowers: readonly Row[], uppers: readonly Row[], z: number): { side: 'lower' | 'upper'; m: number; count: number } {
  const maxCoeff = (rs: readonly Row[]): number => rs.reduce((m, r) => (Math.abs(r.a[z]!) > m ? Math.abs(r.a[z]!) : m), 0);
  const countSide = (rs: readonly Row[], m: number): number =>
    rs.reduce((acc, r) => {
      const top = splinterTop(Math.abs(r.a[z]!), m);
      return top >= 0 ? ck(acc + top + 1) : acc;
    }, 0);
  const mUpper = maxCoeff(uppers);
  const mLower = maxCoeff(lowers);
  const viaLowers = countSide(lowers, mUpper);
  const viaUppers = countSide(uppers, mLower);
  return viaLowers <= viaUppers ? { side: 'lower', m: mUpper, count: viaLowers } : { side: 'upper', m: mLower, count: viaUppers };
}

// ---------------------------------------------------------------------------------------------------------
// Normalisation of inequalities

/** Bounds on one combination `c·x` of the variables: lo ≤ c·x ≤ hi. */
interface Group {
  readonly c: readonly number[];
  lo: number | null;
  hi: number | null;
}

function sameCoeffs(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Divide by the gcd of the coefficients and round the constant down (integer tightening), merge constraints
 * on the same combination, detect contradictions and equalities. `null` when a contradiction is found.
 */
function normalize(ctx: Context, lvl: Level, rows: readonly Row[], depth: number): { rows: Row[]; eqs: Row[] } | null {
  // Constraints are grouped by their canonical combination: a numeric hash, then an exact comparison
  // (systems are small, so a linear scan over the groups beats a map).
  const groups: Group[] = [];
  const hashes: number[] = [];
  for (const r of rows) {
    let g = 0;
    let first = 0;
    for (const x of r.a) {
      if (x === 0) continue;
      if (first === 0) first = x;
      g = gcd(g, x);
    }
    if (g === 0) {
      if (r.k < 0) {
        if (depth === 0) ctx.record(depth, () => ({ text: `Derived ${r.k} ≥ 0: contradiction.`, tex: `${r.k} \\geq 0` }));
        return null;
      }
      continue;
    }
    const s = first > 0 ? g : -g; // canonical combination has a positive first coefficient
    let c = r.a;
    if (s !== 1) {
      const cs = new Array<number>(c.length);
      for (let i = 0; i < cs.length; i++) cs[i] = c[i]! / s;
      c = cs;
    }
    const k = floorDiv(r.k, g);
    if (depth === 0 && k * g !== r.k) {
      ctx.record(depth, () => {
        const before = rowAffine(lvl, big(r));
        const after = rowAffine(lvl, big({ a: r.a.map((x) => x / g), k }));
        return {
          text: `Tighten ${relText(before, '>=')} to ${relText(after, '>=')} (divide by ${g}, round the constant down).`,
          tex: `${relTex(before, '>=')} \\;\\Rightarrow\\; ${relTex(after, '>=')}`,
        };
      });
    }
    let h = 0;
    for (let i = 0; i < c.length; i++) h = (Math.imul(h, 31) + (c[i]! | 0)) | 0;
    let grp: Group | undefined;
    for (let i = 0; i < groups.length; i++) {
      if (hashes[i] === h && sameCoeffs(groups[i]!.c, c)) {
        grp = groups[i]!;
        break;
      }
    }
    if (grp === undefined) {
      grp = { c, lo: null, hi: null };
      groups.push(grp);
      hashes.push(h);
    }
    if (s > 0) {
      const lo = -k; // c·x + k ≥ 0  ⇔  c·x ≥ −k
      if (grp.lo === null || lo > grp.lo) grp.lo = lo;
    } else if (grp.hi === null || k < grp.hi) {
      grp.hi = k; // −c·x + k ≥ 0  ⇔  c·x ≤ k
    }
  }
  const out: Row[] = [];
  const eqs: Row[] = [];
  for (const grp of groups) {
    const { c, lo, hi } = grp;
    if (lo !== null && hi !== null) {
      if (lo > hi) {
        ctx.record(depth, () => {
          const e = rowAffine(lvl, big({ a: c, k: 0 }));
          return {
            text: `${A.format(e)} ≥ ${lo} and ${A.format(e)} ≤ ${hi} cannot both hold: contradiction.`,
            tex: `${lo} \\leq ${texAffine(e)} \\leq ${hi}`,
          };
        });
        return null;
      }
      if (lo === hi) {
        const eq: Row = { a: c, k: -lo };
        ctx.record(depth, () => ({
          text: `Opposite bounds meet: ${relText(rowAffine(lvl, big(eq)), '=')}.`,
          tex: relTex(rowAffine(lvl, big(eq)), '='),
        }));
        eqs.push(eq);
        continue;
      }
    }
    if (lo !== null) out.push({ a: c, k: -lo });
    if (hi !== null) {
      const neg = new Array<number>(c.length);
      for (let i = 0; i < neg.length; i++) neg[i] = -c[i]!;
      out.push({ a: neg, k: hi });
    }
  }
  return { rows: out, eqs };
}

// ---------------------------------------------------------------------------------------------------------
// Equalities: the integer lattice of solutions

interface Lattice {
  /** x = x0 + K·t over the positions of `idx`; K is n×d in column-echelon form with positive pivots. */
  readonly x0: number[];
  readonly K: number[][];
  /** pivots[j]: the position whose row is column j's first nonzero (strictly increasing). */
  readonly pivots: number[];
}

type LatticeResult =
  { readonly kind: 'ok'; readonly lattice: Lattice } | { readonly kind: 'infeasible'; readonly why: (lvl: Level) => WorkStep };

/** Exchange, combine and negate columns of several row-major matrices at once (unimodular operations). */
function colCombine(ms: readonly number[][][], p: number, q: number, s: number, t: number, u: number, v: number): void {
  // col_p ← s·col_p + t·col_q ; col_q ← u·col_p + v·col_q  (with s·v − t·u = ±1)
  for (const m of ms) {
    for (const row of m) {
      const x = row[p]!;
      const y = row[q]!;
      row[p] = lin(s, x, t, y);
      row[q] = lin(u, x, v, y);
    }
  }
}

/**
 * Bring row `r` of `ms[0]` to a single nonzero entry at column `c` (positive) among columns c..end, by
 * extended-Euclid column operations applied to every matrix in `ms`. Returns false when the row is zero there.
 */
function pivotRow(ms: readonly number[][][], r: number, c: number, end: number): boolean {
  const row = ms[0]![r]!;
  let p = -1;
  for (let j = c; j < end; j++) {
    if (row[j] !== 0) {
      p = j;
      break;
    }
  }
  if (p < 0) return false;
  if (p !== c) colCombine(ms, c, p, 0, 1, 1, 0);
  for (let j = c + 1; j < end; j++) {
    const b = row[j]!;
    if (b === 0) continue;
    const a = row[c]!;
    const [g, s, t] = extendedGcd(a, b);
    colCombine(ms, c, j, s, t, -b / g, a / g);
  }
  if (row[c]! < 0) {
    for (const m of ms) for (const mrow of m) mrow[c] = -mrow[c]!;
  }
  return true;
}

function lattice(eqs: readonly Row[], idx: readonly number[]): LatticeResult {
  const n = idx.length;
  const M: number[][] = [];
  const ks: number[] = [];
  for (const e of eqs) {
    const row = idx.map((i) => e.a[i]!);
    let g = 0;
    for (const x of row) g = gcd(g, x);
    if (g === 0) {
      if (e.k !== 0) return { kind: 'infeasible', why: () => ({ text: `Derived ${e.k} = 0: contradiction.` }) };
      continue;
    }
    if (e.k % g !== 0) {
      return {
        kind: 'infeasible',
        why: (lvl) => {
          const coeffs = row.filter((x) => x !== 0).map((x) => (x < 0 ? -x : x));
          const eq = rowAffine(lvl, big(e));
          const rhs = -e.k;
          return {
            text: `gcd(${coeffs.join(', ')}) = ${g} does not divide ${rhs} in ${relText(eq, '=')}: no integer solution.`,
            tex: `\\gcd(${coeffs.join(', ')}) = ${g} \\nmid ${rhs}`,
          };
        },
      };
    }
    M.push(row.map((x) => x / g));
    ks.push(e.k / g);
  }
  // Column-reduce M·U to echelon form H (U unimodular): then x = U·y and H·y = −k.
  const U: number[][] = [];
  for (let i = 0; i < n; i++) {
    const urow = new Array<number>(n).fill(0);
    urow[i] = 1;
    U.push(urow);
  }
  const rowPivot: number[] = [];
  let r = 0;
  for (let i = 0; i < M.length; i++) {
    if (pivotRow([M, U], i, r, n)) {
      rowPivot.push(r);
      r++;
    } else {
      rowPivot.push(-1);
    }
  }
  // Forward substitution: row i involves only columns ≤ its pivot (or < r at its time when dependent).
  const y: number[] = new Array<number>(r).fill(0);
  for (let i = 0; i < M.length; i++) {
    const row = M[i]!;
    const p = rowPivot[i]!;
    let v = -ks[i]!;
    const lim = p < 0 ? r : p;
    for (let q = 0; q < lim; q++) v = ck(v - ck(row[q]! * y[q]!));
    if (p < 0) {
      if (v !== 0) return { kind: 'infeasible', why: () => ({ text: 'The equalities are inconsistent: no solution at all.' }) };
    } else {
      const h = row[p]!;
      if (v % h !== 0) {
        return {
          kind: 'infeasible',
          why: () => ({ text: 'The equalities have rational solutions but no integer one (their lattice misses the constants).' }),
        };
      }
      y[p] = v / h;
    }
  }
  const x0: number[] = U.map((urow) => {
    let s = 0;
    for (let q = 0; q < r; q++) s = ck(s + ck(urow[q]! * y[q]!));
    return s;
  });
  const d = n - r;
  const K: number[][] = U.map((urow) => urow.slice(r));
  // Column-echelon (Hermite) form of K in variable order, so parameters order like the variables.
  const pivots: number[] = [];
  let cur = 0;
  for (let v = 0; v < n && cur < d; v++) {
    if (!pivotRow([K], v, cur, d)) continue;
    const piv = K[v]![cur]!;
    for (let l = 0; l < cur; l++) {
      const f = floorDiv(K[v]![l]!, piv);
      if (f !== 0) for (const krow of K) krow[l] = ck(krow[l]! - ck(f * krow[cur]!));
    }
    pivots.push(v);
    cur++;
  }
  assert(cur === d, 'exact test: lattice basis lost rank');
  // Reduce x0 at the pivots (keeps parameters near the variables' own values: x0[pivot] ∈ [0, pivot)).
  for (let j = 0; j < d; j++) {
    const p = pivots[j]!;
    const f = floorDiv(x0[p]!, K[p]![j]!);
    if (f !== 0) for (let v = 0; v < n; v++) x0[v] = ck(x0[v]! - ck(f * K[v]![j]!));
  }
  return { kind: 'ok', lattice: { x0, K, pivots } };
}

/** Replace the alive variables by the lattice parameters of the equalities and solve over those. */
function viaEqualities(
  ctx: Context,
  lvl: Level,
  eqs: readonly Row[],
  ineqs: readonly Row[],
  alive: readonly boolean[],
  depth: number,
): Outcome {
  // The lattice is echeloned in the order of `idx`: ordered variables first (so parameters order like
  // them), then the unordered ones with those having a unit coefficient last, so that those become the
  // substituted (determined) ones, as in Pugh's elimination, and the parameters keep unit coefficients.
  const ordered: number[] = [];
  const plain: number[] = [];
  const unitOnes: number[] = [];
  for (let i = 0; i < lvl.n; i++) {
    if (!alive[i]) continue;
    if (i < lvl.ordered) {
      ordered.push(i);
      continue;
    }
    let isUnit = false;
    for (const e of eqs) {
      const c = e.a[i];
      if (c === 1 || c === -1) {
        isUnit = true;
        break;
      }
    }
    if (isUnit) unitOnes.push(i);
    else plain.push(i);
  }
  const idx = [...ordered, ...plain, ...unitOnes];
  const res = lattice(eqs, idx);
  if (res.kind === 'infeasible') {
    ctx.record(depth, () => res.why(lvl));
    return INFEASIBLE;
  }
  const { x0, K, pivots } = res.lattice;
  for (const e of eqs) {
    // Cheap self-check of the particular solution (the lattice is built from unimodular operations).
    let s = e.k;
    for (let v = 0; v < idx.length; v++) s = ck(s + ck(e.a[idx[v]!]! * x0[v]!));
    assert(s === 0, 'exact test: particular solution violates an equality');
  }
  const d = pivots.length;
  // A parameter whose column has pivot 1 is its pivot variable itself (x0 = 0 and zero entries there).
  const names = pivots.map((p, j) => (K[p]![j] === 1 ? lvl.names[idx[p]!]! : ctx.freshSigma()));
  const sub: Level = { n: d, names, ordered: pivots.filter((p) => idx[p]! < lvl.ordered).length };
  ctx.record(depth, () => latticeStep(lvl, idx, bigLattice(res.lattice), names));

  const rows: Row[] = [];
  for (const r of ineqs) {
    const a: number[] = new Array<number>(d).fill(0);
    let k = r.k;
    for (let v = 0; v < idx.length; v++) {
      const c = r.a[idx[v]!]!;
      if (c === 0) continue;
      k = ck(k + ck(c * x0[v]!));
      const krow = K[v]!;
      for (let j = 0; j < d; j++) a[j] = ck(a[j]! + ck(c * krow[j]!));
    }
    if (k < 0 && isZero(a)) {
      ctx.record(depth, () => ({
        text: `With the equalities, ${relText(rowAffine(lvl, big(r)), '>=')} becomes ${k} ≥ 0: contradiction.`,
        tex: `${relTex(rowAffine(lvl, big(r)), '>=')} \\;\\Rightarrow\\; ${k} \\geq 0`,
      }));
      return INFEASIBLE;
    }
    rows.push({ a, k });
  }
  const out = solve(ctx, sub, [], rows, new Array<boolean>(d).fill(true), depth);
  if (!out.feasible) return out;
  const point: number[] = new Array<number>(lvl.n).fill(0);
  for (let v = 0; v < idx.length; v++) {
    let s = x0[v]!;
    const krow = K[v]!;
    for (let j = 0; j < d; j++) s = ck(s + ck(krow[j]! * out.point[j]!));
    point[idx[v]!] = s;
  }
  return { feasible: true, point, minimal: out.minimal };
}

function bigLattice(lat: Lattice): BigLattice {
  return { x0: lat.x0.map((x) => BigInt(x)), K: lat.K.map((row) => row.map((x) => BigInt(x))), pivots: lat.pivots };
}

function isZero(a: readonly number[]): boolean {
  for (const x of a) if (x !== 0) return false;
  return true;
}
