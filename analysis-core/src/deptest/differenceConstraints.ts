/**
 * Exact integer test for systems of *difference constraints* — the common case of dependence problems,
 * decided without the Omega test's elimination.
 * Reference: V. Pratt, "Two easy theories whose combination is hard", MIT tech. report, 1977; R. Shostak,
 * "Deciding linear inequalities by computing loop residues", JACM 28(4), 1981; Cormen, Leiserson, Rivest &
 * Stein, *Introduction to Algorithms*, §24.4 "Difference constraints and shortest paths".
 *
 * Shape: every constraint mentions at most two variables, and two only as `x − y` (after dividing by the
 * gcd of the coefficients): `x − y ≥ c`, `x ≥ c`, `x ≤ c`, or an equality of that form (two inequalities).
 * Loop bounds (`0 ≤ i`, `i ≤ n − 1`, triangular `j ≥ i + 1`), unit-stride subscripts (`i = i' + 1`) and
 * direction constraints (`i' − i ≥ 1`) all have it.
 *
 * With a node 0 for the constant, each `x − y ≥ c` is an edge y → x of weight c (and `x ≥ c` an edge 0 → x,
 * `x ≤ c` an edge x → 0 of weight −c). Then:
 * - a cycle of positive weight means no solution, even a real one: adding its constraints gives 0 ≥ weight;
 * - otherwise, when every variable is reachable from 0 (bounded below), the longest-path distances L from 0
 *   are a solution — each edge satisfies L(x) ≥ L(y) + c by the triangle inequality — and every solution
 *   has x ≥ L(x) (follow the path), so L is the least solution in *every* component: the lexicographic
 *   minimum for any variable order, hence the witness. The weights are integers, so L is integral: the
 *   real and integer answers coincide, with no tightening or splintering needed.
 *
 * Worked example: `a[i + 1] = a[i]` in `for i in range(n)`, direction `<`: source counter i, sink i',
 * constraints i + 1 = i' (edges i → i' of weight 1 and i' → i of weight −1), i ≥ 0, i' ≥ 0, n − 1 − i ≥ 0,
 * n − 1 − i' ≥ 0 (edges i → n and i' → n of weight 1), i' − i ≥ 1. Longest paths from 0: i = 0, i' = 1,
 * n = 2: the witness is iteration i = 0 writing a[1] and i = 1 reading it, with n = 2 the smallest loop
 * where that happens.
 *
 * Anything else — coefficients other than ±1 across two variables, three or more variables, a variable
 * unbounded below (no least solution), constants beyond the safe-integer range — is not applicable, and
 * the Omega test decides (omega.ts). The answers of the two agree: this is an exact decision procedure on
 * its shape, and its point is the unique least solution, which the Omega test's lexicographic minimum
 * equals whenever that is asked over all variables.
 */
import * as A from '../affine/affine.js';
import type { ExactOptions, ExactResult, LinearSystem } from './linear.js';
import type { WorkStep } from './types.js';
import { assert } from '../util/assert.js';
import { lazyWork, relTex, relText, systemEquation, texName, verify } from './omegaBig.js';

/** `to − from ≥ weight` over node indices: the variables, then the constant node 0 (index `vars.length`). */
interface Edge {
  readonly from: number;
  readonly to: number;
  readonly weight: number;
}

const LIMIT = 2 ** 40; // sums of a few dozen such constants stay exact in doubles

function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

/**
 * The edges of `e ≥ 0` (or `e = 0` when `equality`), or null when `e` is not a difference constraint.
 * `Σ a·x + k ≥ 0` with one variable: a·x ≥ −k; with two, a(x − y) ≥ −k where the coefficients are ±a.
 */
function edgesOf(e: A.Affine, equality: boolean, index: ReadonlyMap<string, number>, zero: number, out: Edge[]): boolean | 'contradiction' {
  if (e.constant > LIMIT || e.constant < -LIMIT) return false;
  const k = Number(e.constant);
  const t = e.terms;
  if (t.length === 0) return (equality ? k === 0 : k >= 0) ? true : 'contradiction';
  if (t.length === 1) {
    const c = t[0]!.coeff;
    if (c > LIMIT || c < -LIMIT) return false;
    const a = Number(c);
    const x = indexOf(index, t[0]!.name);
    if (equality) {
      // a·x = −k: an integer only when a divides k.
      if (k % a !== 0) return 'contradiction';
      const v = -k / a;
      out.push({ from: zero, to: x, weight: v }, { from: x, to: zero, weight: -v });
      return true;
    }
    // a > 0: x ≥ ⌈−k/a⌉;  a < 0: x ≤ ⌊k/(−a)⌋, i.e. 0 − x ≥ −⌊k/|a|⌋.
    if (a > 0) out.push({ from: zero, to: x, weight: -floorDiv(k, a) });
    else out.push({ from: x, to: zero, weight: -floorDiv(k, -a) });
    return true;
  }
  if (t.length !== 2 || t[0]!.coeff !== -t[1]!.coeff) return false;
  const c = t[0]!.coeff;
  if (c > LIMIT || c < -LIMIT) return false;
  const a = Math.abs(Number(c));
  // p − q ≥ ⌈−k/a⌉ where p has the positive coefficient.
  const [p, q] = c > 0n ? [t[0]!.name, t[1]!.name] : [t[1]!.name, t[0]!.name];
  const pi = indexOf(index, p);
  const qi = indexOf(index, q);
  if (equality) {
    if (k % a !== 0) return 'contradiction';
    const d = -k / a; // p − q = d
    out.push({ from: qi, to: pi, weight: d }, { from: pi, to: qi, weight: -d });
    return true;
  }
  out.push({ from: qi, to: pi, weight: -floorDiv(k, a) });
  return true;
}

function indexOf(index: ReadonlyMap<string, number>, name: string): number {
  const i = index.get(name);
  if (i === undefined) assert(false, `difference constraints: variable ${name} is not among the system's vars`);
  return i;
}

/** Null: not a difference-constraint system (or no least solution); the Omega test decides. */
export function solveDifferenceConstraints(system: LinearSystem, options: ExactOptions = {}): ExactResult | null {
  const vars = [...new Set(system.vars)];
  const index = new Map<string, number>();
  vars.forEach((v, i) => index.set(v, i));
  const n = vars.length;
  const edges: Edge[] = [];
  // The first constraint with no integer solution on its own; false when one is not a difference constraint.
  const scan = (list: readonly A.Affine[], equality: boolean): A.Affine | null | false => {
    for (const e of list) {
      const r = edgesOf(e, equality, index, n, edges);
      if (r === false) return false;
      if (r === 'contradiction') return e;
    }
    return null;
  };
  const contradiction = scan(system.equalities, true) ?? scan(system.inequalities, false);
  if (contradiction === false) return null;
  const equation = (): string => systemEquation(system);
  const shapeStep = (): WorkStep => ({
    text: `Every constraint bounds one variable or a difference x − y: a system of difference constraints (${system.equalities.length} equalities, ${system.inequalities.length} inequalities over ${n} variables).`,
  });
  if (contradiction !== null) {
    const e = contradiction;
    return {
      kind: 'infeasible',
      work: lazyWork('difference', equation, () => [
        shapeStep(),
        { text: `${relText(e, '=')} has no integer solution.`, tex: `${relTex(e, '=')} \\;\\Rightarrow\\; \\bot` },
      ]),
    };
  }
  // Longest paths from the constant node (Bellman–Ford): dist[n] is the constant node, pinned at 0.
  const NEG = -Infinity;
  const dist: number[] = new Array<number>(n + 1).fill(NEG);
  const pred: (Edge | null)[] = new Array<Edge | null>(n + 1).fill(null);
  dist[n] = 0;
  let changedEdge: Edge | null = null;
  for (let round = 0; round <= n + 1; round++) {
    changedEdge = null;
    for (const e of edges) {
      const from = dist[e.from]!;
      if (from === NEG) continue;
      const cand = from + e.weight;
      if (cand > dist[e.to]!) {
        if (cand > LIMIT || cand < -LIMIT) return null;
        dist[e.to] = cand;
        pred[e.to] = e;
        changedEdge = e;
      }
    }
    if (changedEdge === null) break;
  }
  if (changedEdge !== null) {
    // Still improving after n + 1 rounds: some path longer than n edges gained, so a cycle of positive
    // weight exists — a proof of infeasibility. For the work, walk predecessors back onto that cycle.
    const last = changedEdge;
    const cycleOf = (): Edge[] | null => {
      let v = last.to;
      for (let k = 0; k <= n; k++) {
        const e = pred[v];
        if (!e) return null;
        v = e.from;
      }
      const cycle: Edge[] = [];
      let u = v;
      do {
        const e = pred[u];
        if (!e || cycle.length > n + 1) return null;
        cycle.push(e);
        u = e.from;
      } while (u !== v);
      return cycle.reverse();
    };
    return {
      kind: 'infeasible',
      work: lazyWork('difference', equation, () => {
        const cycle = cycleOf();
        if (cycle === null)
          return [shapeStep(), { text: `Longest paths still grow after ${n + 1} rounds: a cycle of positive weight, so no solution.` }];
        const total = cycle.reduce((s, e) => s + e.weight, 0);
        return [
          shapeStep(),
          {
            text: `Adding ${cycle.map((e) => edgeText(e, vars)).join(', ')} gives 0 ≥ ${total}: a positive cycle, so no solution (not even a real one).`,
            tex: `${cycle.map((e) => edgeTex(e, vars)).join(',\\ ')} \\;\\Rightarrow\\; 0 \\geq ${total}`,
          },
        ];
      }),
    };
  }
  // A variable unreachable from 0 is unbounded below: there is no least solution to report.
  if (dist.some((d) => d === NEG)) return null;
  const point = new Map<string, bigint>();
  vars.forEach((v, i) => point.set(v, BigInt(dist[i]!)));
  verify(system, point);
  const lex = (options.lexOrder ?? []).filter((v) => index.has(v));
  return {
    kind: 'feasible',
    point,
    work: lazyWork('difference', equation, () => [
      shapeStep(),
      {
        text: `Longest paths from 0 along x ≥ y + c (Bellman–Ford) give each variable its least value; no cycle has positive weight.`,
      },
      {
        text: `${lex.length > 0 ? `Integer solution, lexicographically smallest in (${lex.join(', ')})` : 'Integer solution'} (least in every variable): ${vars
          .map((v) => `${v} = ${point.get(v)!}`)
          .join(', ')}.`,
        tex: vars.map((v) => `${texName(v)} = ${point.get(v)!}`).join(',\\ '),
      },
    ]),
  };
}

function edgeText(e: Edge, vars: readonly string[]): string {
  const zero = vars.length;
  const name = (v: number): string => (v === zero ? '0' : vars[v]!);
  if (e.from === zero) return `${name(e.to)} ≥ ${e.weight}`;
  if (e.to === zero) return `${name(e.from)} ≤ ${-e.weight}`;
  return `${name(e.to)} − ${name(e.from)} ≥ ${e.weight}`;
}

function edgeTex(e: Edge, vars: readonly string[]): string {
  const zero = vars.length;
  const name = (v: number): string => (v === zero ? '0' : texName(vars[v]!));
  if (e.from === zero) return `${name(e.to)} \\geq ${e.weight}`;
  if (e.to === zero) return `${name(e.from)} \\leq ${-e.weight}`;
  return `${name(e.to)} - ${name(e.from)} \\geq ${e.weight}`;
}
