/**
 * Builds the dependence problem for one pair of accesses: normalised loop counters on each side, the
 * subscript equations, and the loop-bound inequalities, as (a) per-dimension `SubscriptPair`s for the
 * cheap tests and (b) one `LinearSystem` for the exact test.
 *
 * Normalisation (see deptest/types.ts): loop k is `v_k = start_k + step_k·t_k`, t_k ≥ 0, and
 *   step > 0:  v_k ≤ stop_k − 1        step < 0:  v_k ≥ stop_k + 1
 * with start/stop rewritten over outer counters, so triangular nests stay exact. A non-affine bound
 * contributes no constraint: the problem is then a relaxation (sound for independence, not for witnesses).
 */
import * as A from '../affine/affine.js';
import { floorDiv } from '../affine/intmath.js';
import type { Access, Loop, LoopId, Program, Statement } from '../ir/ir.js';
import type { LinearSystem } from '../deptest/linear.js';
import type { ProblemLoop, SubscriptPair } from '../deptest/types.js';
import { EQ, GT, LT, type Direction } from '../deptest/direction.js';
import { assert } from '../util/assert.js';
import { solveExact } from '../deptest/omega.js';

export interface SideLoop {
  readonly loop: Loop;
  /** Counter name on this side (`i` or `i'`). */
  readonly counter: string;
  /** The loop variable's value over counters and free symbols. */
  readonly value: A.Affine;
}

export interface NegativeSubscript {
  readonly dim: number;
  /** The subscript and its access as written, e.g. `i - 1` in `a[i - 1]`. */
  readonly text: string;
  readonly access: string;
}

export interface PairProblem {
  readonly src: Access;
  readonly sink: Access;
  readonly srcStmt: Statement;
  readonly sinkStmt: Statement;
  /** Loops enclosing both accesses, outermost first (levels 1..common.length). */
  readonly common: readonly LoopId[];
  readonly srcLoops: readonly SideLoop[];
  readonly sinkLoops: readonly SideLoop[];
  /** Affine subscript dimensions, for the cheap tests. */
  readonly pairs: readonly SubscriptPair[];
  /** Dimensions dropped because a side is not affine (the problem is then a relaxation). */
  readonly droppedDims: readonly string[];
  /**
   * Subscripts that can be negative in their nest: Python wraps those to the end of the array, so elements
   * can coincide where the integer values differ.
   */
  readonly negativeDims: readonly NegativeSubscript[];
  /** Equalities (subscripts) and inequalities (bounds) over counters and free symbols. */
  readonly system: LinearSystem;
  /** Every bound was affine: a solution of `system` is a real pair of iterations. */
  readonly exactBounds: boolean;
  /** Unbound symbols in the subscript equations that no loop bound mentions (offsets like `k`): a dependence then depends on their values. */
  readonly offsetSymbols: readonly string[];
  /** Unbound symbols anywhere in the problem. */
  readonly freeSymbols: readonly string[];
}

function loopOf(program: Program, id: LoopId): Loop {
  const loop = program.loops[id];
  assert(loop !== undefined && loop.id === id, `loop ${id} out of table`);
  return loop;
}

/** Inclusive upper bound of a counter when start/stop are constants; null otherwise. */
export function counterUpper(start: A.Affine, stop: A.Affine, step: bigint): bigint | null {
  if (!A.isConstant(start) || !A.isConstant(stop)) return null;
  const span = step > 0n ? stop.constant - start.constant - 1n : start.constant - stop.constant - 1n;
  return floorDiv(span, step > 0n ? step : -step);
}

export interface SideBuild {
  loops: SideLoop[];
  inequalities: A.Affine[];
  exact: boolean;
  boundNames: Set<string>;
  uppers: Map<LoopId, bigint | null>;
  /** Per rewritten subscript (keyed by `keyOf`): can it be negative somewhere in this nest? */
  negative: Map<string, boolean>;
}

function buildSide(
  program: Program,
  loopIds: readonly LoopId[],
  suffix: string,
  env: ReadonlyMap<string, bigint>,
  symbolNames: ReadonlySet<string>,
): SideBuild {
  const loops: SideLoop[] = [];
  const inequalities: A.Affine[] = [];
  const boundNames = new Set<string>();
  const uppers = new Map<LoopId, bigint | null>();
  let exact = true;
  const used = new Set<string>();
  // Loop variables in scope while rewriting bounds: inner bounds refer to outer loop variables.
  const valueOfVar = new Map<string, A.Affine>();
  const rewrite = (e: A.Affine): A.Affine => A.substituteAll(A.partialEvaluate(e, env), valueOfVar);
  for (const id of loopIds) {
    const loop = loopOf(program, id);
    let base = loop.var;
    if (used.has(base) || symbolNames.has(base)) base = `${loop.var}#${loop.id}`;
    used.add(base);
    const counter = `${base}${suffix}`;
    const step = loop.step ?? 1n;
    const start = loop.start.kind === 'affine' ? rewrite(loop.start.expr) : null;
    const stop = loop.stop.kind === 'affine' ? rewrite(loop.stop.expr) : null;
    for (const b of [start, stop]) for (const t of b?.terms ?? []) if (symbolNames.has(t.name)) boundNames.add(t.name);
    if (loop.step === null || start === null || stop === null) exact = false;
    // Unknown start: the value is not expressible; use a fresh free "start" symbol so subscripts stay honest.
    const startExpr = start ?? A.variable(`${counter}.start`);
    const value = A.add(startExpr, A.variable(counter, step));
    inequalities.push(A.variable(counter));
    if (stop !== null) inequalities.push(step > 0n ? A.sub(A.sub(stop, A.constant(1n)), value) : A.sub(A.sub(value, stop), A.constant(1n)));
    uppers.set(id, start !== null && stop !== null && loop.step !== null ? counterUpper(start, stop, step) : null);
    valueOfVar.set(loop.var, value);
    loops.push({ loop, counter, value });
  }
  return { loops, inequalities, exact, boundNames, uppers, negative: new Map() };
}

function rewriteSubscript(e: A.Affine, side: readonly SideLoop[], env: ReadonlyMap<string, bigint>): A.Affine {
  // Values are over counters only; an inner loop reusing an outer variable's name shadows it (later wins).
  return A.substituteAll(A.partialEvaluate(e, env), new Map(side.map((s) => [s.loop.var, s.value])));
}

export function commonLoops(a: Statement, b: Statement): LoopId[] {
  const out: LoopId[] = [];
  for (let k = 0; k < Math.min(a.loops.length, b.loops.length); k++) {
    if (a.loops[k] !== b.loops[k]) break;
    out.push(a.loops[k]!);
  }
  return out;
}

/**
 * Whether the subscript takes a negative value at some iteration of its nest (for some values of the
 * unbound symbols): the exact test on the nest's bounds plus `e ≤ −1`. Undecided counts as yes.
 */
function mayBeNegative(side: SideBuild, e: A.Affine): boolean {
  if (A.isConstant(e)) return e.constant < 0n;
  if (e.terms.every((t) => t.coeff > 0n && side.loops.some((l) => l.counter === t.name)) && e.constant >= 0n) return false;
  const key = A.keyOf(e);
  let r = side.negative.get(key);
  if (r === undefined) {
    const names = new Set<string>();
    for (const c of [...side.inequalities, e]) for (const t of c.terms) names.add(t.name);
    const answer = solveExact(
      { vars: [...names], equalities: [], inequalities: [...side.inequalities, A.sub(A.constant(-1n), e)] },
      { budget: 2_000 },
    );
    r = answer.kind !== 'infeasible';
    side.negative.set(key, r);
  }
  return r;
}

/** Sides depend only on the loop list, the side and the values: one build per statement nest and stage. */
export type SideCache = Map<string, SideBuild>;

export function buildPairProblem(
  program: Program,
  src: Access,
  sink: Access,
  env: ReadonlyMap<string, bigint>,
  cache: SideCache = new Map(),
): PairProblem {
  const srcStmt = program.statements[src.stmt]!;
  const sinkStmt = program.statements[sink.stmt]!;
  const symbolNames = new Set(program.symbols.map((s) => s.name));
  const common = commonLoops(srcStmt, sinkStmt);
  const side = (loops: readonly LoopId[], suffix: string): SideBuild => {
    const key = `${suffix}${loops.join(',')}`;
    let b = cache.get(key);
    if (!b) cache.set(key, (b = buildSide(program, loops, suffix, env, symbolNames)));
    return b;
  };
  const s = side(srcStmt.loops, '');
  const k = side(sinkStmt.loops, "'");

  const problemLoops: ProblemLoop[] = [];
  const maxLen = Math.max(s.loops.length, k.loops.length);
  for (let i = 0; i < maxLen; i++) {
    const a = s.loops[i];
    const b = k.loops[i];
    if (a && b && i < common.length) {
      problemLoops.push({ srcName: a.counter, sinkName: b.counter, level: i + 1, upper: s.uppers.get(a.loop.id) ?? null });
    } else {
      if (a) problemLoops.push({ srcName: a.counter, sinkName: null, level: null, upper: s.uppers.get(a.loop.id) ?? null });
      if (b) problemLoops.push({ srcName: null, sinkName: b.counter, level: null, upper: k.uppers.get(b.loop.id) ?? null });
    }
  }

  const pairs: SubscriptPair[] = [];
  const droppedDims: string[] = [];
  const negativeDims: NegativeSubscript[] = [];
  const equalities: A.Affine[] = [];
  const dims = Math.min(src.subscripts.length, sink.subscripts.length);
  const freeSet = new Set<string>();
  for (let d = 0; d < dims; d++) {
    const a = src.subscripts[d]!;
    const b = sink.subscripts[d]!;
    if (a.kind !== 'affine' || b.kind !== 'affine') {
      droppedDims.push(a.kind !== 'affine' ? a.reason : (b as { reason: string }).reason);
      continue;
    }
    const fa = rewriteSubscript(a.expr, s.loops, env);
    const fb = rewriteSubscript(b.expr, k.loops, env);
    // Python wraps a negative index to the end of the array (`a[-1]` is the last element), so two
    // subscripts with different integer values can be the same element: such a dimension cannot be compared.
    // The dimension is still compared as integers (that finds every dependence between non-negative
    // values); the driver adds assumed dependences for the wrapped ones.
    if (mayBeNegative(s, fa)) negativeDims.push({ dim: d, text: a.text, access: src.text });
    else if (mayBeNegative(k, fb)) negativeDims.push({ dim: d, text: b.text, access: sink.text });
    for (const t of [...fa.terms, ...fb.terms]) if (symbolNames.has(t.name) || t.name.endsWith('.start')) freeSet.add(t.name);
    pairs.push({ src: fa, sink: fb, loops: problemLoops, symbols: freeSet });
    equalities.push(A.sub(fa, fb));
  }
  // Different ranks (a[i] vs a[i, j] through reshapes we cannot see) are not modelled: keep only shared dims.
  if (src.subscripts.length !== sink.subscripts.length && src.subscripts.length > 0 && sink.subscripts.length > 0)
    droppedDims.push('the two accesses use different numbers of subscripts');

  const inequalities = [...s.inequalities, ...k.inequalities];
  for (const e of inequalities) for (const t of e.terms) if (symbolNames.has(t.name) || t.name.endsWith('.start')) freeSet.add(t.name);
  const counters = [...s.loops.map((l) => l.counter), ...k.loops.map((l) => l.counter)];
  const freeSymbols = [...freeSet].sort();
  const boundNames = new Set([...s.boundNames, ...k.boundNames]);
  const eqNames = new Set(equalities.flatMap((e) => A.names(e)));
  const offsetSymbols = freeSymbols.filter((n) => eqNames.has(n) && !boundNames.has(n));
  return {
    src,
    sink,
    srcStmt,
    sinkStmt,
    common,
    srcLoops: s.loops,
    sinkLoops: k.loops,
    pairs,
    droppedDims,
    negativeDims,
    system: { vars: [...counters, ...freeSymbols], equalities, inequalities },
    exactBounds: s.exact && k.exact,
    offsetSymbols,
    freeSymbols,
  };
}

/** The constraint "direction `d` at common level `level`" (1-based) as (in)equalities. */
export function directionConstraint(p: PairProblem, level: number, d: Direction): { equalities: A.Affine[]; inequalities: A.Affine[] } {
  const t = A.variable(p.srcLoops[level - 1]!.counter);
  const u = A.variable(p.sinkLoops[level - 1]!.counter);
  if (d === LT) return { equalities: [], inequalities: [A.sub(A.sub(u, t), A.constant(1n))] };
  if (d === EQ) return { equalities: [A.sub(u, t)], inequalities: [] };
  if (d === GT) return { equalities: [], inequalities: [A.sub(A.sub(t, u), A.constant(1n))] };
  throw new Error(`directionConstraint: not a single direction: ${d}`);
}

export function withConstraints(
  sys: LinearSystem,
  extra: { equalities: readonly A.Affine[]; inequalities: readonly A.Affine[] },
): LinearSystem {
  return {
    vars: sys.vars,
    equalities: [...sys.equalities, ...extra.equalities],
    inequalities: [...sys.inequalities, ...extra.inequalities],
  };
}
