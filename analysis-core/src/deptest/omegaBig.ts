/**
 * The exact integer test in exact `bigint` arithmetic: the reference implementation of the algorithm
 * documented in `omega.ts`, which runs the same algorithm in JS numbers and falls back to this one only
 * when a value would leave the safe-integer range. The two must stay step-for-step identical (same
 * variable choices, budget ticks, recorded work and points); the property tests compare them.
 */
import * as A from '../affine/affine.js';
import { abs, ceilDiv, extendedGcd, floorDiv, gcd } from '../affine/intmath.js';
import { assert } from '../util/assert.js';
import type { ExactOptions, ExactResult, LinearSystem } from './linear.js';
import type { TestName, Work, WorkStep } from './types.js';

/** Default work budget (solver calls + generated constraints + splinters). */
export const DEFAULT_OMEGA_BUDGET = 10_000;

/** Steps kept in the recorded work; the rest are counted in one summary line. */
const MAX_STEPS = 40;

/** `Σ a[k]·x[k] + k ≥ 0` (or `= 0` for an equality), over a level's variables. */
export interface Row {
  readonly a: readonly bigint[];
  readonly k: bigint;
}

/** Variables of one level of the solver: the user's variables, or the lattice parameters after equalities. */
export interface Level {
  readonly n: number;
  readonly names: readonly string[];
  /** Variables 0..ordered-1 are minimised lexicographically in index order; the rest are unordered. */
  readonly ordered: number;
}

type Outcome =
  | { readonly feasible: false }
  /** `minimal`: every ordered variable got the least value allowed (the point is the lexicographic minimum). */
  | { readonly feasible: true; readonly point: bigint[]; readonly minimal: boolean };

const INFEASIBLE: Outcome = { feasible: false };

export class BudgetExhausted extends Error {}

/** Per-solve state: the budget and the recorded work. */
export class Context {
  ticks = 0;
  sigmas = 0;
  omitted = 0;
  /** Steps are kept as thunks and rendered only when the work is read (most solves are never shown). */
  readonly makers: (() => WorkStep)[] = [];
  readonly budget: number;

  constructor(budget: number) {
    this.budget = budget;
  }

  tick(amount = 1): void {
    this.ticks += amount;
    if (this.ticks > this.budget) throw new BudgetExhausted('omega budget exhausted');
  }

  /**
   * Only the main line of reasoning (depth 0) is recorded step by step; branches (shadows, splinters)
   * report a summary at their parent. `make` must only read values that no longer change.
   */
  record(depth: number, make: () => WorkStep): void {
    if (depth > 0) return;
    if (this.makers.length < MAX_STEPS - 2) this.makers.push(make);
    else this.omitted++;
  }

  freshSigma(): string {
    this.sigmas++;
    return `σ${this.sigmas}`;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Entry point

export function solveExactBig(system: LinearSystem, options: ExactOptions = {}): ExactResult {
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
    const a: bigint[] = new Array<bigint>(n).fill(0n);
    for (const t of e.terms) {
      const i = index.get(t.name);
      assert(i !== undefined, `exact test: variable ${t.name} is not among the system's vars`);
      a[i] = a[i]! + t.coeff;
    }
    return { a, k: e.constant };
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
  for (const v of vars) point.set(v, outcome.point[index.get(v)!]!);
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

/**
 * Work rendered on first read: callers such as the direction-vector refinement solve many systems and
 * display few, and rendering (formatting every step twice) costs as much as solving. The getters are own
 * properties, so the object serialises like a plain one.
 */
export function lazyWork(test: TestName, equation: () => string, steps: () => WorkStep[]): Work {
  let eq: string | null = null;
  let rendered: WorkStep[] | null = null;
  return {
    test,
    get equation(): string {
      return (eq ??= equation());
    },
    get steps(): readonly WorkStep[] {
      return (rendered ??= steps());
    },
  };
}

/** The equation line of an exact test's work: the system's equalities. */
export function systemEquation(system: LinearSystem): string {
  return system.equalities.length > 0 ? system.equalities.map((e) => relText(e, '=')).join(', ') : '(no equalities)';
}

/** The Omega test's work: the recorded steps, a note on any left out, and the conclusion. */
export function finish(ctx: Context, equation: () => string, conclusion: () => WorkStep): Work {
  const { makers, omitted } = ctx;
  return lazyWork('omega', equation, () => {
    const steps = makers.map((m) => m());
    if (omitted > 0) steps.push({ text: `… ${omitted} further steps not shown.` });
    steps.push(conclusion());
    return steps;
  });
}

/** A returned point must satisfy the system; if not, the solver has a bug (never a user problem). */
export function verify(system: LinearSystem, point: ReadonlyMap<string, bigint>): void {
  // The message is built only on failure: verification runs on every feasible answer.
  for (const e of system.equalities) {
    if (A.evaluate(e, point) !== 0n) assert(false, `exact test: witness violates ${relText(e, '=')}`);
  }
  for (const e of system.inequalities) {
    const v = A.evaluate(e, point);
    if (v === null || v < 0n) assert(false, `exact test: witness violates ${relText(e, '>=')}`);
  }
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
    return { feasible: true, point: new Array<bigint>(lvl.n).fill(0n), minimal };
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
      if (c > 0n) {
        lowers++;
        if (c !== 1n) unitLower = false;
      } else if (c < 0n) {
        uppers++;
        if (c !== -1n) unitUpper = false;
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
      const ls = rows.filter((r) => r.a[z]! > 0n);
      const us = rows.filter((r) => r.a[z]! < 0n);
      score = 1e6 + 1e3 * Number(splinterPlan(ls, us, z).count) + lowers * uppers;
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
    if (c > 0n) lowers.push(r);
    else if (c < 0n) uppers.push(r);
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
      const coeffs = l.a.map((x, i) => a * x + b * u.a[i]!);
      const k = a * l.k + b * u.k; // b·α − a·β
      if (coeffs.every((x) => x === 0n)) {
        if (k < 0n) {
          ctx.record(depth, () => contradictionStep(lvl, z, l, u, k));
          return INFEASIBLE;
        }
        // True for real, but the dark shadow may still demand more room than the bounds leave.
        dark.push({ a: coeffs, k: k - (a - 1n) * (b - 1n) });
        continue;
      }
      combos.push({ a: coeffs, k });
      dark.push({ a: coeffs, k: k - (a - 1n) * (b - 1n) });
    }
  }
  ctx.tick(combos.length);
  const exact = lowers.every((r) => r.a[z] === 1n) || uppers.every((r) => r.a[z] === -1n);

  if (exact) {
    ctx.record(depth, () => eliminationStep(lvl, z, lowers, uppers, combos, 'exact'));
    const sub = solve(ctx, lvl, [], [...rest, ...combos], nextAlive, depth);
    if (!sub.feasible) return sub;
    const ext = extend(sub, z, lowers, uppers, z < lvl.ordered);
    assert(ext !== null, 'exact test: exact projection point does not extend');
    return ext;
  }

  ctx.record(depth, () => eliminationStep(lvl, z, lowers, uppers, combos, 'inexact'));
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
    const out = solve(ctx, lvl, [{ a: s.row.a, k: s.row.k - s.offset }], rows, alive, depth + 1);
    if (!out.feasible) continue;
    ctx.record(depth, () => ({
      text: `The dark shadow has no integer solution, but the splinter ${relText(rowAffine(lvl, s.row, s.offset), '=')} has: feasible.`,
      tex: relTex(rowAffine(lvl, s.row, s.offset), '='),
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
        const mid = lo + floorDiv(hi - lo, 2n);
        const probe: Row = { a: unit(lvl.n, j, -1n), k: mid }; // t_j ≤ mid
        const out = solve(ctx, plain, [], [...current, probe], alive, depth + 1);
        probes++;
        if (out.feasible) {
          point = out.point;
          hi = point[j]!;
        } else {
          lo = mid + 1n;
        }
      }
    }
    found.push(
      `${lvl.names[j]!} = ${hi}${lower === null ? ' (unbounded below)' : probes > 0 ? ` (${probes} probe${probes === 1 ? '' : 's'})` : ''}`,
    );
    current = [...current, { a: unit(lvl.n, j, 1n), k: -hi }, { a: unit(lvl.n, j, -1n), k: hi }];
  }
  ctx.record(depth, () => ({
    text: `An inexact elimination: minimise one variable at a time (real-shadow lower bound, then bisection): ${found.join(', ')}.`,
  }));
  return { feasible: true, point, minimal };
}

function unit(n: number, j: number, c: bigint): bigint[] {
  const a = new Array<bigint>(n).fill(0n);
  a[j] = c;
  return a;
}

/**
 * A lower bound on variable j over the integer solutions: Fourier–Motzkin (real shadow, with gcd
 * tightening) eliminates every other variable. `null` when j is unbounded below.
 */
function realLowerBound(ctx: Context, lvl: Level, rows: readonly Row[], alive: readonly boolean[], j: number): bigint | null {
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
        if (r.a[v]! > 0n) lowers++;
        else if (r.a[v]! < 0n) uppers++;
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
    const lowers = current.filter((r) => r.a[z]! > 0n);
    const uppers = current.filter((r) => r.a[z]! < 0n);
    for (const r of current) if (r.a[z] === 0n) next.push(r);
    for (const l of lowers) {
      for (const u of uppers) {
        const b = l.a[z]!;
        const a = -u.a[z]!;
        next.push({ a: l.a.map((x, i) => a * x + b * u.a[i]!), k: a * l.k + b * u.k });
      }
    }
    ctx.tick(lowers.length * uppers.length);
    current = next;
  }
  let lower: bigint | null = null;
  for (const r of current) {
    const c = r.a[j]!;
    if (c <= 0n) continue;
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
  let lo: bigint | null = null;
  let hi: bigint | null = null;
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
  p[z] = lo ?? (hi === null || hi >= 0n ? 0n : hi);
  return { feasible: true, point: p, minimal: sub.minimal && (!ordered || lo !== null) };
}

function restValue(r: Row, z: number, p: readonly bigint[]): bigint {
  let v = r.k;
  for (let i = 0; i < r.a.length; i++) if (i !== z) v += r.a[i]! * p[i]!;
  return v;
}

interface Splinter {
  readonly row: Row;
  readonly offset: bigint;
}

/**
 * Pugh's splinters: an integer solution outside the dark shadow has, for some lower bound β ≤ b·z,
 * b·z − β ≤ ⌊(m·b − m − b)/m⌋ with m the largest upper-bound coefficient (symmetrically for upper bounds).
 * The side with fewer splinters is used.
 */
function chooseSplinters(lowers: readonly Row[], uppers: readonly Row[], z: number): Splinter[] {
  const plan = splinterPlan(lowers, uppers, z);
  // Refuse absurd splinter counts before materialising them (the budget would stop us anyway).
  if (plan.count > 1_000_000n) throw new BudgetExhausted('too many splinters');
  const out: Splinter[] = [];
  for (const r of plan.side === 'lower' ? lowers : uppers) {
    const top = splinterTop(abs(r.a[z]!), plan.m);
    for (let i = 0n; i <= top; i++) out.push({ row: r, offset: i });
  }
  return out;
}

/** For a bound with coefficient b against opposite coefficients up to m: offsets 0..⌊(m·b − m − b)/m⌋. */
function splinterTop(b: bigint, m: bigint): bigint {
  return floorDiv(m * b - m - b, m);
}

/** How many splinters each side needs; the cheaper side is used. */
function splinterPlan(lowers: readonly Row[], uppers: readonly Row[], z: number): { side: 'lower' | 'upper'; m: bigint; count: bigint } {
  const maxCoeff = (rs: readonly Row[]): bigint => rs.reduce((m, r) => (abs(r.a[z]!) > m ? abs(r.a[z]!) : m), 0n);
  const countSide = (rs: readonly Row[], m: bigint): bigint =>
    rs.reduce((acc, r) => {
      const top = splinterTop(abs(r.a[z]!), m);
      return top >= 0n ? acc + top + 1n : acc;
    }, 0n);
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
  readonly c: readonly bigint[];
  lo: bigint | null;
  hi: bigint | null;
}

function sameCoeffs(a: readonly bigint[], b: readonly bigint[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Divide by the gcd of the coefficients and round the constant down (integer tightening), merge constraints
 * on the same combination, detect contradictions and equalities. `null` when a contradiction is found.
 */
function normalize(ctx: Context, lvl: Level, rows: readonly Row[], depth: number): { rows: Row[]; eqs: Row[] } | null {
  // Constraints are grouped by their canonical combination: a numeric hash (cheaper than string keys of
  // bigints), with exact comparison inside a bucket.
  const buckets = new Map<number, Group[]>();
  const groups: Group[] = [];
  for (const r of rows) {
    let g = 0n;
    let first = 0n;
    for (const x of r.a) {
      if (x === 0n) continue;
      if (first === 0n) first = x;
      g = gcd(g, x);
    }
    if (g === 0n) {
      if (r.k < 0n) {
        ctx.record(depth, () => ({ text: `Derived ${r.k} ≥ 0: contradiction.`, tex: `${r.k} \\geq 0` }));
        return null;
      }
      continue;
    }
    const s = first > 0n ? g : -g; // canonical combination has a positive first coefficient
    const c = s === 1n ? r.a : r.a.map((x) => x / s);
    const k = floorDiv(r.k, g);
    if (k * g !== r.k) {
      ctx.record(depth, () => {
        const before = rowAffine(lvl, r);
        const after = rowAffine(lvl, { a: r.a.map((x) => x / g), k });
        return {
          text: `Tighten ${relText(before, '>=')} to ${relText(after, '>=')} (divide by ${g}, round the constant down).`,
          tex: `${relTex(before, '>=')} \\;\\Rightarrow\\; ${relTex(after, '>=')}`,
        };
      });
    }
    let h = 0;
    for (const x of c) h = (Math.imul(h, 31) + Number(BigInt.asIntN(32, x))) | 0;
    let bucket = buckets.get(h);
    if (bucket === undefined) {
      bucket = [];
      buckets.set(h, bucket);
    }
    let grp = bucket.find((g) => sameCoeffs(g.c, c));
    if (grp === undefined) {
      grp = { c, lo: null, hi: null };
      bucket.push(grp);
      groups.push(grp);
    }
    if (s > 0n) {
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
          const e = rowAffine(lvl, { a: c, k: 0n });
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
          text: `Opposite bounds meet: ${relText(rowAffine(lvl, eq), '=')}.`,
          tex: relTex(rowAffine(lvl, eq), '='),
        }));
        eqs.push(eq);
        continue;
      }
    }
    if (lo !== null) out.push({ a: c, k: -lo });
    if (hi !== null) out.push({ a: c.map((x) => -x), k: hi });
  }
  return { rows: out, eqs };
}

// ---------------------------------------------------------------------------------------------------------
// Equalities: the integer lattice of solutions

export interface Lattice {
  /** x = x0 + K·t over the positions of `idx`; K is n×d in column-echelon form with positive pivots. */
  readonly x0: bigint[];
  readonly K: bigint[][];
  /** pivots[j]: the position whose row is column j's first nonzero (strictly increasing). */
  readonly pivots: number[];
}

type LatticeResult =
  { readonly kind: 'ok'; readonly lattice: Lattice } | { readonly kind: 'infeasible'; readonly why: (lvl: Level) => WorkStep };

/** Exchange, combine and negate columns of several row-major matrices at once (unimodular operations). */
function colCombine(ms: readonly bigint[][][], p: number, q: number, s: bigint, t: bigint, u: bigint, v: bigint): void {
  // col_p ← s·col_p + t·col_q ; col_q ← u·col_p + v·col_q  (with s·v − t·u = ±1)
  for (const m of ms) {
    for (const row of m) {
      const x = row[p]!;
      const y = row[q]!;
      row[p] = s * x + t * y;
      row[q] = u * x + v * y;
    }
  }
}

/**
 * Bring row `r` of `ms[0]` to a single nonzero entry at column `c` (positive) among columns c..end, by
 * extended-Euclid column operations applied to every matrix in `ms`. Returns false when the row is zero there.
 */
function pivotRow(ms: readonly bigint[][][], r: number, c: number, end: number): boolean {
  const row = ms[0]![r]!;
  let p = -1;
  for (let j = c; j < end; j++) {
    if (row[j] !== 0n) {
      p = j;
      break;
    }
  }
  if (p < 0) return false;
  if (p !== c) colCombine(ms, c, p, 0n, 1n, 1n, 0n);
  for (let j = c + 1; j < end; j++) {
    const b = row[j]!;
    if (b === 0n) continue;
    const a = row[c]!;
    const [g, s, t] = extendedGcd(a, b);
    colCombine(ms, c, j, s, t, -b / g, a / g);
  }
  if (row[c]! < 0n) {
    for (const m of ms) for (const mrow of m) mrow[c] = -mrow[c]!;
  }
  return true;
}

function lattice(eqs: readonly Row[], idx: readonly number[]): LatticeResult {
  const n = idx.length;
  const M: bigint[][] = [];
  const ks: bigint[] = [];
  for (const e of eqs) {
    const row = idx.map((i) => e.a[i]!);
    let g = 0n;
    for (const x of row) g = gcd(g, x);
    if (g === 0n) {
      if (e.k !== 0n) return { kind: 'infeasible', why: () => ({ text: `Derived ${e.k} = 0: contradiction.` }) };
      continue;
    }
    if (e.k % g !== 0n) {
      return {
        kind: 'infeasible',
        why: (lvl) => {
          const coeffs = row.filter((x) => x !== 0n).map((x) => (x < 0n ? -x : x));
          const eq = rowAffine(lvl, e);
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
  const U: bigint[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1n : 0n)));
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
  const y: bigint[] = new Array<bigint>(r).fill(0n);
  for (let i = 0; i < M.length; i++) {
    const row = M[i]!;
    const p = rowPivot[i]!;
    let v = -ks[i]!;
    const lim = p < 0 ? r : p;
    for (let q = 0; q < lim; q++) v -= row[q]! * y[q]!;
    if (p < 0) {
      if (v !== 0n) return { kind: 'infeasible', why: () => ({ text: 'The equalities are inconsistent: no solution at all.' }) };
    } else {
      const h = row[p]!;
      if (v % h !== 0n) {
        return {
          kind: 'infeasible',
          why: () => ({ text: 'The equalities have rational solutions but no integer one (their lattice misses the constants).' }),
        };
      }
      y[p] = v / h;
    }
  }
  const x0: bigint[] = U.map((urow) => {
    let s = 0n;
    for (let q = 0; q < r; q++) s += urow[q]! * y[q]!;
    return s;
  });
  const d = n - r;
  const K: bigint[][] = U.map((urow) => urow.slice(r));
  // Column-echelon (Hermite) form of K in variable order, so parameters order like the variables.
  const pivots: number[] = [];
  let cur = 0;
  for (let v = 0; v < n && cur < d; v++) {
    if (!pivotRow([K], v, cur, d)) continue;
    const piv = K[v]![cur]!;
    for (let l = 0; l < cur; l++) {
      const f = floorDiv(K[v]![l]!, piv);
      if (f !== 0n) for (const krow of K) krow[l] = krow[l]! - f * krow[cur]!;
    }
    pivots.push(v);
    cur++;
  }
  assert(cur === d, 'exact test: lattice basis lost rank');
  // Reduce x0 at the pivots (keeps parameters near the variables' own values: x0[pivot] ∈ [0, pivot)).
  for (let j = 0; j < d; j++) {
    const p = pivots[j]!;
    const f = floorDiv(x0[p]!, K[p]![j]!);
    if (f !== 0n) for (let v = 0; v < n; v++) x0[v] = x0[v]! - f * K[v]![j]!;
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
    if (i < lvl.ordered) ordered.push(i);
    else if (eqs.some((e) => e.a[i] === 1n || e.a[i] === -1n)) unitOnes.push(i);
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
    for (let v = 0; v < idx.length; v++) s += e.a[idx[v]!]! * x0[v]!;
    assert(s === 0n, 'exact test: particular solution violates an equality');
  }
  const d = pivots.length;
  // A parameter whose column has pivot 1 is its pivot variable itself (x0 = 0 and zero entries there).
  const names = pivots.map((p, j) => (K[p]![j] === 1n ? lvl.names[idx[p]!]! : ctx.freshSigma()));
  const sub: Level = { n: d, names, ordered: pivots.filter((p) => idx[p]! < lvl.ordered).length };
  ctx.record(depth, () => latticeStep(lvl, idx, res.lattice, names));

  const rows: Row[] = [];
  for (const r of ineqs) {
    const a: bigint[] = new Array<bigint>(d).fill(0n);
    let k = r.k;
    for (let v = 0; v < idx.length; v++) {
      const c = r.a[idx[v]!]!;
      if (c === 0n) continue;
      k += c * x0[v]!;
      const krow = K[v]!;
      for (let j = 0; j < d; j++) a[j] = a[j]! + c * krow[j]!;
    }
    if (k < 0n && a.every((x) => x === 0n)) {
      ctx.record(depth, () => ({
        text: `With the equalities, ${relText(rowAffine(lvl, r), '>=')} becomes ${k} ≥ 0: contradiction.`,
        tex: `${relTex(rowAffine(lvl, r), '>=')} \\;\\Rightarrow\\; ${k} \\geq 0`,
      }));
      return INFEASIBLE;
    }
    rows.push({ a, k });
  }
  const out = solve(ctx, sub, [], rows, new Array<boolean>(d).fill(true), depth);
  if (!out.feasible) return out;
  const point: bigint[] = new Array<bigint>(lvl.n).fill(0n);
  for (let v = 0; v < idx.length; v++) {
    let s = x0[v]!;
    const krow = K[v]!;
    for (let j = 0; j < d; j++) s += krow[j]! * out.point[j]!;
    point[idx[v]!] = s;
  }
  return { feasible: true, point, minimal: out.minimal };
}

// ---------------------------------------------------------------------------------------------------------
// Rendering of the work

export function rowAffine(lvl: Level, r: Row, minus = 0n): A.Affine {
  const terms: [string, bigint][] = [];
  r.a.forEach((c, i) => {
    if (c !== 0n) terms.push([lvl.names[i]!, c]);
  });
  return A.affine(r.k - minus, terms);
}

/** Split `e` into its positive and negative parts: e = pos − neg, both with positive coefficients. */
function sides(e: A.Affine): [A.Affine, A.Affine] {
  const pos = e.terms.filter((t) => t.coeff > 0n).map((t) => [t.name, t.coeff] as const);
  const neg = e.terms.filter((t) => t.coeff < 0n).map((t) => [t.name, -t.coeff] as const);
  return [A.affine(e.constant > 0n ? e.constant : 0n, pos), A.affine(e.constant < 0n ? -e.constant : 0n, neg)];
}

/** `e = 0` or `e ≥ 0` as a readable relation: `i + 1 = i'`, `j ≥ i + 1`, `i ≤ 9`. */
export function relText(e: A.Affine, rel: '=' | '>='): string {
  const [pos, neg] = sides(e);
  const flip = A.isConstant(pos) && !A.isConstant(neg);
  if (rel === '=') return flip ? `${A.format(neg)} = ${A.format(pos)}` : `${A.format(pos)} = ${A.format(neg)}`;
  return flip ? `${A.format(neg)} ≤ ${A.format(pos)}` : `${A.format(pos)} ≥ ${A.format(neg)}`;
}

export function relTex(e: A.Affine, rel: '=' | '>='): string {
  const [pos, neg] = sides(e);
  const flip = A.isConstant(pos) && !A.isConstant(neg);
  if (rel === '=') return flip ? `${texAffine(neg)} = ${texAffine(pos)}` : `${texAffine(pos)} = ${texAffine(neg)}`;
  return flip ? `${texAffine(neg)} \\leq ${texAffine(pos)}` : `${texAffine(pos)} \\geq ${texAffine(neg)}`;
}

export function texName(name: string): string {
  const sigma = /^σ(\d+)$/.exec(name);
  if (sigma) return `\\sigma_{${sigma[1]}}`;
  const m = /^(.*?)('*)$/.exec(name)!;
  const base = m[1]!;
  const primes = m[2]!;
  if (/^[A-Za-z]$/.test(base)) return name;
  return `\\mathit{${base.replace(/_/g, '\\_')}}${primes}`;
}

export function texAffine(a: A.Affine): string {
  const parts: string[] = [];
  for (const t of a.terms) {
    const mag = t.coeff < 0n ? -t.coeff : t.coeff;
    const body = mag === 1n ? texName(t.name) : `${mag}\\,${texName(t.name)}`;
    if (parts.length === 0) parts.push(t.coeff < 0n ? `-${body}` : body);
    else parts.push(t.coeff < 0n ? `- ${body}` : `+ ${body}`);
  }
  if (parts.length === 0) return a.constant.toString();
  if (a.constant !== 0n) parts.push(a.constant < 0n ? `- ${-a.constant}` : `+ ${a.constant}`);
  return parts.join(' ');
}

/** The problem as the user would write it: variable bounds merged into `0 ≤ i ≤ 9`. */
export function describeSystem(system: LinearSystem, vars: readonly string[]): WorkStep {
  const text: string[] = system.equalities.map((e) => relText(e, '='));
  const tex: string[] = system.equalities.map((e) => relTex(e, '='));
  const bounds = new Map<string, { lo: bigint | null; hi: bigint | null }>();
  const others: A.Affine[] = [];
  for (const e of system.inequalities) {
    const t = e.terms.length === 1 ? e.terms[0]! : null;
    if (t === null || (t.coeff !== 1n && t.coeff !== -1n)) {
      others.push(e);
      continue;
    }
    const b = bounds.get(t.name) ?? { lo: null, hi: null };
    if (t.coeff === 1n) b.lo = b.lo === null || -e.constant > b.lo ? -e.constant : b.lo;
    else b.hi = b.hi === null || e.constant < b.hi ? e.constant : b.hi;
    bounds.set(t.name, b);
  }
  for (const [v, b] of bounds) {
    const lo = b.lo === null ? '' : `${b.lo} ≤ `;
    const hi = b.hi === null ? '' : ` ≤ ${b.hi}`;
    text.push(`${lo}${v}${hi}`);
    tex.push(`${b.lo === null ? '' : `${b.lo} \\leq `}${texName(v)}${b.hi === null ? '' : ` \\leq ${b.hi}`}`);
  }
  for (const e of others) {
    text.push(relText(e, '>='));
    tex.push(relTex(e, '>='));
  }
  const list = text.length > 0 ? text.join('; ') : 'no constraints';
  return {
    text: `Find integers ${vars.join(', ')} with ${list}.`,
    tex: tex.length > 0 ? tex.join(',\\quad ') : undefined,
  };
}

export function latticeStep(lvl: Level, idx: readonly number[], lat: Lattice, names: readonly string[]): WorkStep {
  const text: string[] = [];
  const tex: string[] = [];
  const isParam = new Set<number>();
  lat.pivots.forEach((p, j) => {
    if (lat.K[p]![j] === 1n) isParam.add(p);
  });
  for (let v = 0; v < idx.length; v++) {
    if (isParam.has(v)) continue;
    const terms: [string, bigint][] = [];
    lat.K[v]!.forEach((c, j) => {
      if (c !== 0n) terms.push([names[j]!, c]);
    });
    const rhs = A.affine(lat.x0[v]!, terms);
    const nm = lvl.names[idx[v]!]!;
    text.push(`${nm} = ${A.format(rhs)}`);
    tex.push(`${texName(nm)} = ${texAffine(rhs)}`);
  }
  const fresh = names.filter((nm) => nm.startsWith('σ'));
  const note = fresh.length > 0 ? ` (${fresh.join(', ')} any integer${fresh.length === 1 ? '' : 's'})` : '';
  return { text: `Solve the equalities over the integers: ${text.join(', ')}${note}.`, tex: tex.join(',\\quad ') };
}

function boundText(lvl: Level, r: Row, z: number): { text: string; tex: string } {
  const c = r.a[z]!;
  const div = c < 0n ? -c : c;
  const terms: [string, bigint][] = [];
  r.a.forEach((x, i) => {
    if (i !== z && x !== 0n) terms.push([lvl.names[i]!, c > 0n ? -x : x]);
  });
  const num = A.affine(c > 0n ? -r.k : r.k, terms);
  if (div === 1n) return { text: A.format(num), tex: texAffine(num) };
  const t = A.format(num);
  return { text: num.terms.length === 0 ? `${t}/${div}` : `(${t})/${div}`, tex: `\\frac{${texAffine(num)}}{${div}}` };
}

function listOf(items: readonly string[], sep: string, limit = 6): string {
  return items.length <= limit ? items.join(sep) : `${items.slice(0, limit).join(sep)}${sep}… (${items.length} in all)`;
}

export function eliminationStep(
  lvl: Level,
  z: number,
  lowers: readonly Row[],
  uppers: readonly Row[],
  combos: readonly Row[],
  mode: 'exact' | 'inexact',
): WorkStep {
  const name = lvl.names[z]!;
  const lo = lowers.map((r) => boundText(lvl, r, z));
  const hi = uppers.map((r) => boundText(lvl, r, z));
  const loText =
    lo.length === 1
      ? lo[0]!.text
      : `max(${listOf(
          lo.map((b) => b.text),
          ', ',
        )})`;
  const hiText =
    hi.length === 1
      ? hi[0]!.text
      : `min(${listOf(
          hi.map((b) => b.text),
          ', ',
        )})`;
  const loTex =
    lo.length === 1
      ? lo[0]!.tex
      : `\\max(${listOf(
          lo.map((b) => b.tex),
          ', ',
        )})`;
  const hiTex =
    hi.length === 1
      ? hi[0]!.tex
      : `\\min(${listOf(
          hi.map((b) => b.tex),
          ', ',
        )})`;
  const shadow = combos.map((r) => rowAffine(lvl, r));
  const shadowText =
    shadow.length === 0
      ? 'nothing'
      : listOf(
          shadow.map((e) => relText(e, '>=')),
          '; ',
        );
  const shadowTex =
    shadow.length === 0
      ? '\\top'
      : listOf(
          shadow.map((e) => relTex(e, '>=')),
          ',\\ ',
        );
  const why =
    mode === 'exact'
      ? 'a unit coefficient makes the projection exact'
      : 'coefficients are not unit, so this real shadow may contain points with no integer ' + name;
  return {
    text: `Eliminate ${name} from ${loText} ≤ ${name} ≤ ${hiText}: ${why}: ${shadowText}.`,
    tex: `${loTex} \\leq ${texName(name)} \\leq ${hiTex} \\;\\Rightarrow\\; ${shadowTex}`,
  };
}

export function contradictionStep(lvl: Level, z: number, l: Row, u: Row, k: bigint): WorkStep {
  const name = lvl.names[z]!;
  const lo = boundText(lvl, l, z);
  const hi = boundText(lvl, u, z);
  return {
    text: `${lo.text} ≤ ${name} ≤ ${hi.text} is empty (it implies ${k} ≥ 0): contradiction.`,
    tex: `${lo.tex} \\leq ${texName(name)} \\leq ${hi.tex} \\;\\Rightarrow\\; ${k} \\geq 0`,
  };
}
