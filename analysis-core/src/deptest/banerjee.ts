/**
 * Banerjee's inequalities with the direction-vector hierarchy.
 * Reference: Banerjee, "Dependence Analysis for Supercomputing" (1988); Allen & Kennedy, "Optimizing
 * Compilers for Modern Architectures", ch. 3, §3.3.3–3.3.4 (Banerjee inequality; the hierarchy of
 * Burke & Cytron); Wolfe, "High Performance Compilers for Parallel Computing" (positive/negative-part
 * formulation); Goff, Kennedy & Tseng, PLDI 1991.
 *
 * Shape: any affine pair. With h = src − sink = Σ_k (a_k·i_k − b_k·i'_k) + (c1 − c2) (plus terms for
 * counters of loops around one side only), a dependence needs h = 0 for some iterations in bounds, so if
 * the real minimum LB and maximum UB of h over the bounded region satisfy 0 ∉ [LB, UB], there is none.
 * With counters 0..U, x⁺ = max(x, 0), x⁻ = max(−x, 0), each common level adds, under its direction:
 *
 *     *   LB = −(a⁻ + b⁺)·U                   UB = (a⁺ + b⁻)·U
 *     =   LB = −(a − b)⁻·U                    UB = (a − b)⁺·U
 *     <   LB = −b − (a⁻ + b)⁺·(U − 1)         UB = −b + (a⁺ − b)⁺·(U − 1)      (needs U ≥ 1)
 *     >   LB = a − (a − b⁺)⁻·(U − 1)          UB = a + (a + b⁻)⁺·(U − 1)       (needs U ≥ 1)
 *
 * and a one-side counter a·x adds [−a⁻·U, a⁺·U] (a sink one, −b·y, adds [−b⁺·U, b⁻·U]). These are the
 * exact extremes of each term over its (rectangular) region, so the sum is the exact real range of h. An
 * unknown U is +∞ (0·∞ = 0): sound, since the true region is smaller. A symbol term is unbounded both ways.
 *
 * Worked example: `for i in range(10): a[i] = a[i + 10]`, source i, sink i' + 10: h = i − i' − 10 with
 * a = b = 1, U = 9. Direction *: LB = −(0 + 1)·9 − 10 = −19, UB = (1 + 0)·9 − 10 = −1, and 0 ∉ [−19, −1]:
 * independent. For `a[i] = a[i + 5]`: h = i − i' − 5; (*) gives [−14, 4] ∋ 0; refining, (<) gives
 * LB = −1 − (0 + 1)·8 − 5 = −14, UB = −1 + 0·8 − 5 = −6 ∌ 0 (pruned); (=) gives [−5, −5] (pruned);
 * (>) gives [1 − 5 − 0, 1 + 1·8 − 5] = [−4, 4] ∋ 0: the one surviving vector is (>) — the read of
 * a[i + 5] precedes the write five iterations later, an anti dependence.
 *
 * Proves: independence under a direction vector when 0 lies outside the real range. Cannot prove the
 * dependence exists (the real solution may not be integral, or the subscripts may be coupled), so a
 * pass is `dependent` with `exact: false`; the hierarchy's surviving vectors are a superset of the true.
 */
import { max, min } from '../affine/intmath.js';
import { ALL, EQ, GT, LT, NONE, directionText, singleDirections, type Direction } from './direction.js';
import { dependenceEquation, emptyLoop, emptyLoopResult, equationText, step, work } from './equation.js';
import type { LevelConstraint, SubscriptPair, TestResult, Work, WorkStep } from './types.js';
import { InternalError, assertNever } from '../util/assert.js';

/** A range of h; null ends are infinite (lb −∞, ub +∞). */
interface Range {
  readonly lb: bigint | null;
  readonly ub: bigint | null;
}

const pos = (x: bigint): bigint => (x > 0n ? x : 0n);
const neg = (x: bigint): bigint => (x < 0n ? -x : 0n);
/** c·U for c ≥ 0, U null = ∞ (0·∞ = 0: a zero coefficient contributes nothing however long the loop). */
const times = (c: bigint, U: bigint | null): bigint | null => (c === 0n ? 0n : U === null ? null : c * U);
const minusOne = (U: bigint | null): bigint | null => (U === null ? null : U - 1n);
const lower = (base: bigint, c: bigint, U: bigint | null): bigint | null => {
  const t = times(c, U);
  return t === null ? null : base - t;
};
const upper = (base: bigint, c: bigint, U: bigint | null): bigint | null => {
  const t = times(c, U);
  return t === null ? null : base + t;
};

type Single = 'lt' | 'eq' | 'gt' | 'star';

/** Range of a·i − b·i' over 0 ≤ i, i' ≤ U under one direction; null when no iteration pair has it. */
function levelRange(a: bigint, b: bigint, d: Single, U: bigint | null): Range | null {
  switch (d) {
    case 'star':
      if (U !== null && U < 0n) return null;
      return { lb: lower(0n, neg(a) + pos(b), U), ub: upper(0n, pos(a) + neg(b), U) };
    case 'eq':
      if (U !== null && U < 0n) return null;
      return { lb: lower(0n, neg(a - b), U), ub: upper(0n, pos(a - b), U) };
    case 'lt':
      // i < i' needs two iterations. Extremes sit at (0, 1), (0, U), (U − 1, U).
      if (U !== null && U < 1n) return null;
      return { lb: lower(-b, pos(neg(a) + b), minusOne(U)), ub: upper(-b, pos(pos(a) - b), minusOne(U)) };
    case 'gt':
      // Mirror: extremes at (1, 0), (U, 0), (U, U − 1).
      if (U !== null && U < 1n) return null;
      return { lb: lower(a, neg(a - pos(b)), minusOne(U)), ub: upper(a, pos(a + neg(b)), minusOne(U)) };
    default:
      return assertNever(d, 'direction');
  }
}

function singles(dir: Direction): Single[] {
  if (dir === ALL) return ['star'];
  const out: Single[] = [];
  if (dir & LT) out.push('lt');
  if (dir & EQ) out.push('eq');
  if (dir & GT) out.push('gt');
  return out;
}

/** Hull of the ranges for a direction set (a union such as `<=` takes the hull of its members: sound). */
function setRange(a: bigint, b: bigint, dir: Direction, U: bigint | null): Range | null {
  let acc: Range | null = null;
  for (const s of singles(dir)) {
    const r = levelRange(a, b, s, U);
    if (r === null) continue;
    acc =
      acc === null
        ? r
        : {
            lb: acc.lb === null || r.lb === null ? null : min(acc.lb, r.lb),
            ub: acc.ub === null || r.ub === null ? null : max(acc.ub, r.ub),
          };
  }
  return acc;
}

const add = (x: bigint | null, y: bigint | null): bigint | null => (x === null || y === null ? null : x + y);
const showLb = (v: bigint | null): string => (v === null ? '−∞' : v.toString());
const showUb = (v: bigint | null): string => (v === null ? '∞' : v.toString());
const texLb = (v: bigint | null): string => (v === null ? '-\\infty' : v.toString());
const texUb = (v: bigint | null): string => (v === null ? '\\infty' : v.toString());
const vectorText = (dirs: readonly Direction[]): string => `(${dirs.map(directionText).join(', ')})`;
const vectorTex = (dirs: readonly Direction[]): string =>
  `(${dirs.map((d) => directionText(d).replace('<=', '\\le').replace('>=', '\\ge').replace('<>', '\\ne').replace('*', '\\ast')).join(', ')})`;

interface Evaluation {
  /** null: some level's direction has no iterations at all (e.g. `<` in a one-iteration loop). */
  readonly range: Range | null;
  readonly detail: WorkStep[];
}

/** The Banerjee range of h = src − sink under `dirs` (missing levels: *). */
function evaluate(pair: SubscriptPair, dirs: readonly Direction[]): Evaluation {
  const eq = dependenceEquation(pair);
  const coeffOf = (uses: typeof eq.src, index: number): bigint => uses.find((u) => u.loopIndex === index)?.coeff ?? 0n;
  const detail: WorkStep[] = [];
  let lb: bigint | null = -eq.delta;
  let ub: bigint | null = -eq.delta;
  for (const [index, l] of pair.loops.entries()) {
    const a = coeffOf(eq.src, index);
    const b = coeffOf(eq.sink, index);
    let r: Range | null;
    let label: string;
    if (l.level !== null) {
      const dir = dirs[l.level - 1] ?? ALL;
      r = setRange(a, b, dir, l.upper);
      label = `level ${l.level} (${directionText(dir)}), a = ${a}, b = ${b}`;
      if (r === null) {
        detail.push(step(`${label}: no pair of iterations has this direction when the loop runs 0..${l.upper ?? '?'}`));
        return { range: null, detail };
      }
    } else {
      if (a === 0n && b === 0n) continue;
      if (l.upper !== null && l.upper < 0n) return { range: null, detail };
      // One-side counter: a·x ranges over [−a⁻U, a⁺U]; a sink counter enters h as −b·y.
      r =
        l.srcName !== null
          ? { lb: lower(0n, neg(a), l.upper), ub: upper(0n, pos(a), l.upper) }
          : { lb: lower(0n, pos(b), l.upper), ub: upper(0n, neg(b), l.upper) };
      label = `${l.srcName ?? l.sinkName ?? '?'} (one side only, coefficient ${l.srcName !== null ? a : -b})`;
    }
    if (a !== 0n || b !== 0n) detail.push(step(`${label}: [${showLb(r.lb)}, ${showUb(r.ub)}]`));
    lb = add(lb, r.lb);
    ub = add(ub, r.ub);
  }
  if (eq.symbols.length > 0) {
    // An unknown integer can be anything: its term is unbounded both ways.
    detail.push(step(`symbol terms (${eq.symbols.map((t) => t.name).join(', ')}) are unbounded`));
    lb = null;
    ub = null;
  }
  return { range: { lb, ub }, detail };
}

function verdictStep(dirs: readonly Direction[], r: Range | null): WorkStep {
  const v = vectorText(dirs);
  if (r === null) return step(`for direction ${v}: no iterations have this direction`, `${vectorTex(dirs)}:\\ \\emptyset`);
  const inside = (r.lb === null || r.lb <= 0n) && (r.ub === null || r.ub >= 0n);
  return step(
    `for direction ${v}: LB = ${showLb(r.lb)}, UB = ${showUb(r.ub)}, 0 ${inside ? '∈' : '∉'} [LB, UB]`,
    `${vectorTex(dirs)}:\\ \\mathrm{LB} = ${texLb(r.lb)},\\ \\mathrm{UB} = ${texUb(r.ub)},\\ 0 ${inside ? '\\in' : '\\notin'} [\\mathrm{LB}, \\mathrm{UB}]`,
  );
}

const excludes = (r: Range | null): boolean => r === null || (r.lb !== null && r.lb > 0n) || (r.ub !== null && r.ub < 0n);

function commonLevelCount(pair: SubscriptPair): number {
  return pair.loops.reduce((n, l) => (l.level !== null && l.level > n ? l.level : n), 0);
}

/**
 * Banerjee's test for one subscript pair under a direction vector (one entry per common level: a single
 * direction or ALL; missing entries are ALL).
 */
export function banerjeeTest(pair: SubscriptPair, dirs: Direction[]): TestResult {
  const empty = emptyLoop(pair);
  if (empty !== null) return emptyLoopResult('banerjee', pair, empty);
  const n = commonLevelCount(pair);
  const full = Array.from({ length: Math.max(n, dirs.length) }, (_, k) => dirs[k] ?? ALL);
  const { range, detail } = evaluate(pair, full);
  const steps = [...detail, verdictStep(full, range)];
  if (excludes(range)) return { kind: 'independent', test: 'banerjee', work: work('banerjee', pair, steps) };
  const levels: LevelConstraint[] = [];
  for (const [k, d] of full.entries()) {
    if (d === NONE) throw new InternalError('banerjeeTest: empty direction set passed the test');
    if (d !== ALL) levels.push({ level: k + 1, directions: d, distance: null });
  }
  return { kind: 'dependent', test: 'banerjee', levels, exact: false, work: work('banerjee', pair, steps) };
}

/**
 * The direction-vector hierarchy: starting from (*, …, *), fix levels outermost first to <, = and >,
 * pruning a vector (and everything below it) as soon as Banerjee's inequalities rule it out for any
 * subscript pair. Returns the surviving fully refined vectors — a superset of the true ones.
 */
export function banerjeeHierarchy(pairs: readonly SubscriptPair[], commonLevels: number): { vectors: Direction[][]; work: Work } {
  const steps: WorkStep[] = [];
  const vectors: Direction[][] = [];
  const ruledOut = (dirs: Direction[]): boolean => {
    for (const [k, pair] of pairs.entries()) {
      if (emptyLoop(pair) !== null) {
        steps.push(step(`${vectorText(dirs)}: a loop never runs`));
        return true;
      }
      const { range } = evaluate(pair, dirs);
      const s = verdictStep(dirs, range);
      const prefix = pairs.length > 1 ? `subscript ${k + 1}, ` : '';
      steps.push(s.tex === undefined ? step(prefix + s.text) : step(prefix + s.text, s.tex));
      if (excludes(range)) return true;
    }
    return false;
  };
  const refine = (prefix: Direction[]): void => {
    if (prefix.length === commonLevels) {
      vectors.push(prefix);
      return;
    }
    for (const d of singleDirections) {
      const next = [...prefix, d];
      const dirs = [...next, ...Array.from({ length: commonLevels - next.length }, () => ALL)];
      if (!ruledOut(dirs)) refine(next);
    }
  };
  const root = Array.from({ length: commonLevels }, () => ALL);
  if (!ruledOut(root)) refine([]);
  steps.push(
    step(
      vectors.length === 0
        ? 'no direction vector survives: independent'
        : `surviving direction vectors: ${vectors.map(vectorText).join(' ')}`,
    ),
  );
  const equation = pairs.map((p) => equationText(p)).join('; ');
  return { vectors, work: { test: 'banerjee', equation, steps } };
}

/** Exposed for the work display and tests: the Banerjee range of one pair under a vector (null: empty). */
export function banerjeeRange(pair: SubscriptPair, dirs: readonly Direction[]): { lb: bigint | null; ub: bigint | null } | null {
  return evaluate(pair, dirs).range;
}
