/**
 * Exact refinement of direction vectors (the direction-vector hierarchy of Burke & Cytron / Allen &
 * Kennedy §3.3.5, decided at each node by the exact integer test instead of Banerjee's inequalities):
 * starting from (*, …, *), fix one level at a time to <, = or >, keep a branch only while the system
 * with those constraints has an integer solution. Leaves are the feasible direction vectors down to each
 * carrying level; each carries its lexicographically first solution (the witness) and, per level, the
 * distance when constant.
 */
import * as A from '../affine/affine.js';
import { solveExact } from '../deptest/omega.js';
import { EQ, GT, LT, singleDirections, type Direction } from '../deptest/direction.js';
import type { LinearSystem } from '../deptest/linear.js';
import type { Work } from '../deptest/types.js';
import { directionConstraint, withConstraints, type PairProblem } from './problem.js';

export interface VectorLeaf {
  readonly dirs: readonly Direction[];
  readonly point: ReadonlyMap<string, bigint> | null;
  /** Every solver call on the path answered decisively (no `unknown`). */
  readonly decisive: boolean;
  readonly distance: readonly (bigint | null)[];
}

export interface Refinement {
  readonly leaves: readonly VectorLeaf[];
  /** Work of the root solve (the whole system), for display. */
  readonly rootWork: Work;
  readonly rootInfeasible: boolean;
  readonly solves: number;
}

const BUDGET = 20_000;

/**
 * Solver answers shared across the pairs of one analysis: many pairs pose the same system (every pair of
 * scalar accesses in the same loops; repeated stencil shapes), and a solve costs far more than its key.
 */
export type SolveMemo = Map<string, ReturnType<typeof solveExact>>;

/**
 * Solves left for one analysis stage. When it runs out, further solves answer `unknown` without running:
 * the walk then expands every remaining branch conservatively (assumed dependences, never independence),
 * so pathological inputs (hundreds of accesses to one array) stay bounded in time and stay sound.
 */
export interface SolveBudget {
  left: number;
}

const UNKNOWN_BUDGET: ReturnType<typeof solveExact> = {
  kind: 'unknown',
  reason: 'analysis budget for this snippet exhausted',
  work: { test: 'omega', equation: '', steps: [{ text: 'Not solved: the analysis budget for this snippet was exhausted.' }] },
};

const systemKeys = new WeakMap<LinearSystem, string>();

/** A cache key for the system: equal keys ⇔ equal systems (memoised per system object). */
export function systemKey(sys: LinearSystem): string {
  let k = systemKeys.get(sys);
  if (k === undefined) {
    k = `${sys.vars.join(',')}|${sys.equalities.map(A.keyOf).join(';')}|${sys.inequalities.map(A.keyOf).join(';')}`;
    systemKeys.set(sys, k);
  }
  return k;
}

/**
 * `withConstraints`, keyed from its parent's key plus the new constraints: the walk derives every node's
 * system from the pair's, so keys cost only what was added. (`+` never occurs in a base key, so a derived
 * key cannot collide with one; equal derived keys still mean equal systems.)
 */
function derive(sys: LinearSystem, extra: { equalities: readonly A.Affine[]; inequalities: readonly A.Affine[] }): LinearSystem {
  const next = withConstraints(sys, extra);
  systemKeys.set(next, `${systemKey(sys)}+${extra.equalities.map(A.keyOf).join(';')}|${extra.inequalities.map(A.keyOf).join(';')}`);
  return next;
}

const popcount = (d: Direction): number => (d & 1) + ((d >> 1) & 1) + ((d >> 2) & 1);

/**
 * `knownDistance[k]`: a distance an exact cheap test already established for level k+1 (saves two solves).
 * Solves are the cost here, so the walk skips every solve whose answer the leaf solve would give anyway:
 * the root and interior nodes are solved only when branching remains below them.
 */
export function refineVectors(
  p: PairProblem,
  allowed: readonly Direction[],
  lexOrder: readonly string[],
  knownDistance: readonly (bigint | null)[] = [],
  memo: SolveMemo | null = null,
  budget: SolveBudget | null = null,
): Refinement {
  let solves = 0;
  const solve = (sys: LinearSystem, withPoint: boolean) => {
    const key = memo ? `${withPoint ? lexOrder.join(',') : '-'}|${systemKey(sys)}` : '';
    const hit = memo?.get(key);
    if (hit) return hit;
    if (budget && budget.left <= 0) return UNKNOWN_BUDGET;
    if (budget) budget.left--;
    solves++;
    const r = solveExact(sys, withPoint ? { lexOrder, budget: BUDGET } : { budget: BUDGET });
    memo?.set(key, r);
    return r;
  };
  const c = p.common.length;
  // branchesBelow[k]: some level ≥ k (0-based) still has more than one allowed direction.
  const branchesBelow: boolean[] = new Array<boolean>(c + 1).fill(false);
  for (let k = c - 1; k >= 0; k--) branchesBelow[k] = branchesBelow[k + 1]! || popcount(allowed[k]!) > 1;
  let rootWork: Work | null = null;
  if (c === 0 || branchesBelow[0]) {
    const root = solve(p.system, c === 0);
    rootWork = root.work;
    if (root.kind === 'infeasible') return { leaves: [], rootWork: root.work, rootInfeasible: true, solves };
    if (c === 0) {
      return {
        leaves: [{ dirs: [], point: root.kind === 'feasible' ? root.point : null, decisive: root.kind === 'feasible', distance: [] }],
        rootWork: root.work,
        rootInfeasible: false,
        solves,
      };
    }
  }
  const leaves: VectorLeaf[] = [];
  const leaf = (dirs: Direction[], sys: LinearSystem, decisive: boolean): VectorLeaf | null => {
    const r = solve(sys, true);
    rootWork ??= r.work;
    if (r.kind === 'infeasible') return null;
    const point = r.kind === 'feasible' ? r.point : null;
    const l: VectorLeaf = {
      dirs,
      point,
      decisive: decisive && r.kind === 'feasible',
      distance: distances(p, sys, dirs, point, solve, knownDistance),
    };
    leaves.push(l);
    return l;
  };
  // Computed when first needed: only pairs with both `<` and `>` allowed at some level use it.
  let mirror: ReadonlyMap<string, string> | null | undefined;
  // Only the all-`=` prefix is refined further: once a level is `<` or `>`, that level carries the
  // dependence whatever the inner levels do, so they keep the cheap tests' direction sets. This bounds
  // the walk by 2c + 1 leaves instead of 3^c (deep nests in real code have 6–7 levels).
  const visit = (prefix: Direction[], sys: LinearSystem, decisive: boolean): void => {
    const level = prefix.length + 1;
    if (level > c) {
      leaf(prefix, sys, decisive);
      return;
    }
    // The `<` leaf at this level (null: infeasible), for mirroring into the `>` one.
    let before: VectorLeaf | null | undefined;
    for (const d of singleDirections) {
      if ((allowed[level - 1]! & d) === 0) continue;
      const next = derive(sys, directionConstraint(p, level, d));
      const dirs = [...prefix, d, ...allowed.slice(level)];
      if (d === GT && before !== undefined && (mirror === undefined ? (mirror = mirrorOf(p)) : mirror) !== null) {
        // A symmetric system: `>` here is `<` with the two sides exchanged, point and all.
        if (before === null) continue;
        const point = before.point === null ? null : mirrorPoint(before.point, mirror!);
        leaves.push({ dirs, point, decisive: before.decisive, distance: distances(p, next, dirs, point, solve, knownDistance) });
        continue;
      }
      if (d !== EQ) {
        const l = leaf(dirs, next, decisive);
        if (d === LT) before = l;
        continue;
      }
      if (level < c && branchesBelow[level] && popcount(allowed[level - 1]!) > 1) {
        const r = solve(next, false);
        if (r.kind === 'infeasible') continue;
        visit([...prefix, d], next, decisive && r.kind === 'feasible');
      } else {
        visit([...prefix, d], next, decisive);
      }
    }
  };
  visit([], p.system, true);
  // Every leaf infeasible: independent, decided by the exact test.
  return { leaves, rootWork: rootWork ?? { test: 'omega', equation: '', steps: [] }, rootInfeasible: leaves.length === 0, solves };
}

/**
 * The renaming that exchanges the two sides (each source counter with the sink counter of the same
 * position, and their `.start` symbols), when it maps the system onto itself: two accesses of one shape
 * (every pair of `s[j]` accesses in a loop body; an access against itself). The solutions with `>` at a
 * level are then exactly the mirror images of those with `<`, and the lexicographically first `<` solution
 * mirrors into the `>` solution whose (sink, source) — the dependence's (source, sink) once oriented — is
 * lexicographically first. Null when the system is not symmetric.
 */
function mirrorOf(p: PairProblem): ReadonlyMap<string, string> | null {
  if (p.srcLoops.length !== p.sinkLoops.length || p.srcLoops.length === 0) return null;
  const m = new Map<string, string>();
  p.srcLoops.forEach((l, k) => {
    const other = p.sinkLoops[k]!.counter;
    m.set(l.counter, other).set(other, l.counter);
    m.set(`${l.counter}.start`, `${other}.start`).set(`${other}.start`, `${l.counter}.start`);
  });
  const swap = (e: A.Affine): A.Affine => A.rename(e, (n) => m.get(n) ?? n);
  const eqs = new Set(p.system.equalities.map(A.keyOf));
  for (const e of p.system.equalities) {
    const r = swap(e);
    if (!eqs.has(A.keyOf(r)) && !eqs.has(A.keyOf(A.negate(r)))) return null;
  }
  const ineqs = new Set(p.system.inequalities.map(A.keyOf));
  for (const e of p.system.inequalities) if (!ineqs.has(A.keyOf(swap(e)))) return null;
  return m;
}

function mirrorPoint(point: ReadonlyMap<string, bigint>, m: ReadonlyMap<string, string>): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const name of point.keys()) out.set(name, point.get(m.get(name) ?? name)!);
  return out;
}

/** Per level: 0 for `=`, the constant distance for `<`/`>` when the system admits no other, else null. */
function distances(
  p: PairProblem,
  sys: LinearSystem,
  dirs: readonly Direction[],
  point: ReadonlyMap<string, bigint> | null,
  solve: (s: LinearSystem, withPoint: boolean) => ReturnType<typeof solveExact>,
  knownDistance: readonly (bigint | null)[],
): (bigint | null)[] {
  return dirs.map((d, k) => {
    if (d === EQ) return 0n;
    const known = knownDistance[k];
    if (known !== undefined && known !== null) return known;
    if ((d !== LT && d !== GT) || point === null) return null;
    const t = p.srcLoops[k]!.counter;
    const u = p.sinkLoops[k]!.counter;
    // A level no subscript mentions has every distance its bounds allow: not constant (save two solves).
    if (!sys.equalities.some((e) => A.mentions(e, t) || A.mentions(e, u))) return null;
    const d0 = point.get(u)! - point.get(t)!;
    const diff = A.sub(A.variable(u), A.variable(t));
    const above = solve(derive(sys, { equalities: [], inequalities: [A.sub(diff, A.constant(d0 + 1n))] }), false);
    if (above.kind !== 'infeasible') return null;
    const below = solve(derive(sys, { equalities: [], inequalities: [A.sub(A.constant(d0 - 1n), diff)] }), false);
    return below.kind === 'infeasible' ? d0 : null;
  });
}
