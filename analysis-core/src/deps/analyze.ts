/**
 * All dependences of a program: every pair of accesses to the same variable, at least one a write,
 * sharing at least one loop. Each pair: build the problem, try the cheap tests, refine exactly, orient
 * each direction vector (source runs first), and keep the evidence.
 */
import * as A from '../affine/affine.js';
import { EQ, GT, LT, ALL, type Direction } from '../deptest/direction.js';
import type { TestName, Work } from '../deptest/types.js';
import type { Access, Program } from '../ir/ir.js';
import { assert, assertNever } from '../util/assert.js';
import { runCheapTests, type CheapOutcome } from './cheap.js';
import type { DepKind, Dependence, Independence, Witness } from './dependence.js';
import { buildPairProblem, commonLoops, type PairProblem, type SideCache } from './problem.js';
import { refineVectors, systemKey, type Refinement, type SolveBudget, type SolveMemo, type VectorLeaf } from './refine.js';

/** Exact-test solves per stage before the remaining pairs are treated conservatively (see SolveBudget). */
export const SOLVE_BUDGET = 600;
/** Access pairs tested per stage; past it, each further pair is assumed dependent at every shared level. */
export const PAIR_BUDGET = 1500;

export interface DependenceAnalysis {
  readonly dependences: readonly Dependence[];
  readonly independences: readonly Independence[];
  readonly pairsTested: number;
  readonly solves: number;
}

function kindOf(source: Access, sink: Access): DepKind | null {
  if (source.mode === 'write' && sink.mode === 'read') return 'flow';
  if (source.mode === 'read' && sink.mode === 'write') return 'anti';
  if (source.mode === 'write' && sink.mode === 'write') return 'output';
  return null;
}

/** Program order within one iteration: statement order, then evaluation order inside the statement. */
function before(program: Program, a: Access, b: Access): boolean {
  const sa = program.statements[a.stmt]!;
  const sb = program.statements[b.stmt]!;
  return sa.order !== sb.order ? sa.order < sb.order : a.order < b.order;
}

function lexSign(dirs: readonly Direction[]): -1 | 0 | 1 {
  for (const d of dirs) {
    if (d === LT) return 1;
    if (d === GT) return -1;
  }
  return 0;
}

/** Reverse a direction set (swap `<` and `>`), for dependences oriented from the other access. */
const flip = (d: Direction): Direction => (d & LT ? GT : 0) | (d & EQ) | (d & GT ? LT : 0);

/**
 * `provenIndependent`: pairs (keyed `a:b` by access ids) already proven independent for all symbol values
 * (the static stage); binding values cannot create a dependence there, so they are not tested again.
 */
export function analyzeDependences(
  program: Program,
  env: ReadonlyMap<string, bigint>,
  provenIndependent: ReadonlyMap<string, Independence> = new Map(),
): DependenceAnalysis {
  const memo: SolveMemo = new Map();
  const budget: SolveBudget = { left: SOLVE_BUDGET };
  const sides: SideCache = new Map();
  const refinements = new Map<string, Refinement>();
  // Pairs with the same shape pose the same problem: only which access is which differs, and that only
  // matters when orienting the answer (e.g. every pair of `s[j]` accesses in one loop body).
  const shapes = new Map<string, SolvedShape>();
  const shapeKeys = new Map<number, string>();
  const shapeOf = (a: Access): string => {
    let k = shapeKeys.get(a.id);
    if (k === undefined) {
      const st = program.statements[a.stmt]!;
      const subs = a.subscripts.map((x) => (x.kind === 'affine' ? A.keyOf(x.expr) : `?${x.reason}`)).join(';');
      k = `${st.loops.join(',')}|${st.guarded ? 'g' : ''}|${a.target}|${a.subscripts.length}|${subs}`;
      shapeKeys.set(a.id, k);
    }
    return k;
  };
  const dependences: Dependence[] = [];
  const independences: Independence[] = [];
  let pairsTested = 0;
  let solves = 0;
  const byVar = new Map<string, Access[]>();
  for (const a of program.accesses) {
    const key = `${program.statements[a.stmt]!.loops.length > 0 ? scopeOf(program, a) : '-'}::${a.variable}`;
    const list = byVar.get(key) ?? [];
    list.push(a);
    byVar.set(key, list);
  }
  for (const list of byVar.values()) {
    if (!list.some((a) => a.mode === 'write')) continue;
    for (let i = 0; i < list.length; i++) {
      for (let j = i; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (a.mode === 'read' && b.mode === 'read') continue;
        if (i === j && a.mode !== 'write') continue;
        if (commonLoops(program.statements[a.stmt]!, program.statements[b.stmt]!).length === 0) continue;
        const known = provenIndependent.get(`${a.id}:${b.id}`);
        if (known) {
          independences.push(known);
          continue;
        }
        pairsTested++;
        if (pairsTested > PAIR_BUDGET) {
          dependences.push(
            ...untestedPair(program, a, b, dependences.length, 'not tested: the analysis budget for this snippet was exhausted'),
          );
          continue;
        }
        const key = `${shapeOf(a)}>${shapeOf(b)}`;
        let shape = shapes.get(key);
        let p: PairProblem;
        if (shape) {
          p = { ...shape.problem, src: a, sink: b, srcStmt: program.statements[a.stmt]!, sinkStmt: program.statements[b.stmt]! };
        } else {
          p = buildPairProblem(program, a, b, env, sides);
          shape = solveShape(p, memo, budget, refinements);
          shapes.set(key, shape);
          solves += shape.solves;
        }
        const r = orientPair(program, p, shape, dependences.length, i === j);
        if (p.negativeDims.length > 0) {
          // Wrapped negative indices can alias elements the integer comparison calls different: whatever the
          // tests proved stays, and the pair is also assumed dependent at every shared level.
          const neg = p.negativeDims[0]!;
          const reason = `the subscript ${neg.text} of ${neg.access} may be negative, and Python wraps negative indices to the end of the array`;
          dependences.push(...r.dependences, ...untestedPair(program, a, b, dependences.length + r.dependences.length, reason));
          continue;
        }
        if (r.independence) independences.push(r.independence);
        dependences.push(...r.dependences);
      }
    }
  }
  return { dependences, independences, pairsTested, solves };
}

/**
 * A pair the analysis had no budget left to test: assumed dependent, carried at each shared level (one
 * dependence per level, `=` outside it and `*` inside), so every loop around both stays blocked — sound,
 * and cheap enough that files with thousands of accesses stay bounded in time.
 */
function untestedPair(program: Program, a: Access, b: Access, firstId: number, reason: string): Dependence[] {
  const common = commonLoops(program.statements[a.stmt]!, program.statements[b.stmt]!);
  const [source, sink] = before(program, a, b) || a.id === b.id ? [a, b] : [b, a];
  const kind = kindOf(source, sink) ?? 'output';
  return common.map((loop, k) => ({
    id: firstId + k,
    kind,
    source: source.id,
    sink: sink.id,
    variable: a.variable,
    common,
    direction: common.map((_, l) => (l < k ? EQ : l === k ? LT : ALL)),
    distance: common.map((_, l) => (l < k ? 0n : null)),
    carrier: loop,
    decidedBy: 'conservative' as const,
    certainty: 'assumed' as const,
    reason,
    conditionalOn: [],
    witness: null,
    work: [],
  }));
}

function scopeOf(program: Program, a: Access): string {
  const loopId = program.statements[a.stmt]!.loops[0]!;
  return program.loops[loopId]!.scope;
}

interface PairOutcome {
  dependences: Dependence[];
  independence: Independence | null;
}

/** What the tests say about a pair's problem, before deciding which access is the source. */
interface SolvedShape {
  readonly problem: PairProblem;
  readonly cheap: CheapOutcome;
  /** Null when a cheap test proved independence. */
  readonly refined: Refinement | null;
  readonly solves: number;
  /**
   * Witnesses built so far, by leaf, orientation and array name: a witness depends on nothing else of the
   * pair (the shape fixes loops and subscripts), so every pair of one shape shares them.
   */
  readonly witnesses: Map<string, Witness>;
}

function solveShape(p: PairProblem, memo: SolveMemo, budget: SolveBudget, refinements: Map<string, Refinement>): SolvedShape {
  const cheap = runCheapTests(p);
  if (cheap.independent) return { problem: p, cheap, refined: null, solves: 0, witnesses: new Map() };
  const boundSymbols = p.freeSymbols.filter((s) => !p.offsetSymbols.includes(s));
  const lexOrder = [...boundSymbols, ...p.srcLoops.map((l) => l.counter), ...p.sinkLoops.map((l) => l.counter), ...p.offsetSymbols];
  // Pairs posing the same system (every scalar pair between the same two statement nests; repeated
  // stencil shapes) share one refinement.
  const refineKey = `${cheap.allowed.join(',')}|${lexOrder.join(',')}|${systemKey(p.system)}`;
  const cachedRefinement = refinements.get(refineKey);
  const refined =
    cachedRefinement ??
    refineVectors(
      p,
      cheap.allowed,
      lexOrder,
      p.common.map((_, k) => cheap.exactLevels.get(k + 1)?.distance ?? null),
      memo,
      budget,
    );
  if (!cachedRefinement) refinements.set(refineKey, refined);
  return { problem: p, cheap, refined, solves: cachedRefinement ? 0 : refined.solves, witnesses: new Map() };
}

function orientPair(program: Program, p: PairProblem, shape: SolvedShape, firstId: number, self: boolean): PairOutcome {
  const { cheap, refined } = shape;
  if (cheap.independent) {
    return {
      dependences: [],
      independence: {
        a: p.src.id,
        b: p.sink.id,
        common: p.common,
        decidedBy: cheap.independent.test,
        work: cheap.works,
        conditionalOn: [],
      },
    };
  }
  assert(refined !== null, 'a pair not proven independent by the cheap tests is refined');
  const works: Work[] = [...cheap.works, refined.rootWork];
  if (refined.rootInfeasible) {
    return {
      dependences: [],
      independence: { a: p.src.id, b: p.sink.id, common: p.common, decidedBy: refined.rootWork.test, work: works, conditionalOn: [] },
    };
  }
  const isScalar = p.src.target === 'scalar';
  const assumedReasons: string[] = [];
  if (p.droppedDims.length > 0) assumedReasons.push(`cannot compare subscripts: ${p.droppedDims.join('; ')}`);
  if (!p.exactBounds) assumedReasons.push('a loop bound or step is not affine, so the iteration space is over-approximated');
  if (p.srcStmt.guarded || p.sinkStmt.guarded)
    assumedReasons.push('a statement runs under a condition, so it may not execute in these iterations');
  if (p.offsetSymbols.length > 0) assumedReasons.push(`exists only for some values of ${p.offsetSymbols.join(', ')}`);

  const raw: Dependence[] = [];
  for (let li = 0; li < refined.leaves.length; li++) {
    const leaf = refined.leaves[li]!;
    const sign = lexSign(leaf.dirs);
    let source = p.src;
    let sink = p.sink;
    let dirs = leaf.dirs;
    let dist = leaf.distance;
    let swapped = false;
    if (sign < 0) {
      [source, sink] = [sink, source];
      dirs = dirs.map(flip);
      dist = dist.map((d) => (d === null ? null : -d));
      swapped = true;
    } else if (sign === 0) {
      if (self) continue; // an access never depends on itself within one iteration
      if (!before(program, p.src, p.sink)) {
        [source, sink] = [sink, source];
        swapped = true;
      }
    }
    const kind = kindOf(source, sink);
    if (kind === null) continue;
    const carrierLevel = dirs.findIndex((d) => d !== EQ);
    const reasons = [...assumedReasons];
    if (!leaf.decisive) reasons.push('the exact test could not decide within its budget');
    const decidedBy = decider(p, cheap, isScalar, carrierLevel, refined.rootWork.test);
    raw.push({
      id: 0,
      kind,
      source: source.id,
      sink: sink.id,
      variable: p.src.variable,
      common: p.common,
      direction: dirs,
      distance: dist,
      carrier: carrierLevel < 0 ? null : p.common[carrierLevel]!,
      decidedBy,
      certainty: reasons.length === 0 ? 'proven' : 'assumed',
      reason: reasons.length === 0 ? null : reasons.join('; '),
      conditionalOn: p.offsetSymbols,
      witness: leaf.point && leaf.decisive ? witnessOf(shape, p, li, leaf, swapped) : null,
      work: works,
    });
  }
  return {
    dependences: mergeVectors(raw, firstId),
    independence: null,
  };
}

/**
 * The test credited with a dependence: the cheap test that was exact for its carrying level; for a
 * loop-independent one, the cheap test that was exact for every level; otherwise the exact test.
 */
function decider(p: PairProblem, cheap: CheapOutcome, isScalar: boolean, carrierLevel: number, exact: TestName): TestName {
  if (isScalar) return 'scalar';
  if (p.pairs.length === 0) return 'conservative';
  if (carrierLevel >= 0) return cheap.exactLevels.get(carrierLevel + 1)?.test ?? exact;
  const tests = p.common.map((_, k) => cheap.exactLevels.get(k + 1)?.test);
  return tests.length > 0 && tests.every((t) => t !== undefined) ? tests[0]! : exact;
}

function witnessOf(shape: SolvedShape, p: PairProblem, leafIndex: number, leaf: VectorLeaf, swapped: boolean): Witness {
  const key = `${leafIndex}${swapped ? '>' : '<'}${p.src.variable}`;
  let w = shape.witnesses.get(key);
  if (w === undefined) shape.witnesses.set(key, (w = buildWitness(p, leaf, swapped)));
  return w;
}

function buildWitness(p: PairProblem, leaf: VectorLeaf, swapped: boolean): Witness {
  const point = leaf.point!;
  const valuesOf = (side: PairProblem['srcLoops']) => side.map((l) => [l.loop.var, A.evaluate(l.value, point) ?? 0n] as const);
  const srcVals = valuesOf(p.srcLoops);
  const sinkVals = valuesOf(p.sinkLoops);
  let element = p.src.variable;
  if (p.src.subscripts.length > 0) {
    const env = new Map<string, bigint>(point);
    for (const [v, x] of srcVals) env.set(v, x);
    element += `[${p.src.subscripts.map((s) => (s.kind === 'affine' ? (A.evaluate(A.partialEvaluate(s.expr, env), new Map())?.toString() ?? s.text) : '?')).join(', ')}]`;
  }
  return {
    source: swapped ? sinkVals : srcVals,
    sink: swapped ? srcVals : sinkVals,
    symbols: p.freeSymbols.filter((s) => point.has(s) && !s.endsWith('.start')).map((s) => [s, point.get(s)!] as const),
    element,
  };
}

/**
 * Merge vectors that agree up to and including the carrier level: (<,<), (<,=), (<,>) → (<,*), numbering
 * the results from `firstId`. A pair has a handful of leaves, so a linear search beats keyed grouping
 * (this runs once per dependent pair, tens of thousands of times on large files).
 */
function mergeVectors(deps: readonly Dependence[], firstId: number): Dependence[] {
  const out: Mutable<Dependence>[] = [];
  const carriers: number[] = [];
  for (const d of deps) {
    const carrierIdx = d.direction.findIndex((x) => x !== EQ);
    const prefixLength = carrierIdx < 0 ? d.direction.length : carrierIdx + 1;
    let k = 0;
    for (; k < out.length; k++) {
      const o = out[k]!;
      if (carriers[k] !== carrierIdx || o.source !== d.source || o.sink !== d.sink || o.kind !== d.kind) continue;
      let same = true;
      for (let l = 0; l < prefixLength && same; l++) same = o.direction[l] === d.direction[l];
      if (same) break;
    }
    if (k === out.length) {
      out.push({ ...d, id: firstId + out.length });
      carriers.push(carrierIdx);
      continue;
    }
    const prev = out[k]!;
    prev.direction = prev.direction.map((x, l) => x | d.direction[l]!);
    prev.distance = prev.distance.map((x, l) => (x !== null && x === d.distance[l] ? x : null));
    prev.reason = prev.certainty === 'proven' ? prev.reason : d.certainty === 'proven' ? d.reason : prev.reason;
    prev.certainty = prev.certainty === 'proven' || d.certainty === 'proven' ? 'proven' : 'assumed';
    prev.witness = firstWitness(prev.witness, d.witness);
  }
  return out;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function firstWitness(a: Witness | null, b: Witness | null): Witness | null {
  if (!a) return b;
  if (!b) return a;
  const ka = [...a.source.map((x) => x[1]), ...a.sink.map((x) => x[1])];
  const kb = [...b.source.map((x) => x[1]), ...b.sink.map((x) => x[1])];
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? a : b;
  return a;
}

export function describeDirection(d: Direction): string {
  switch (d) {
    case LT:
      return '<';
    case EQ:
      return '=';
    case GT:
      return '>';
    case ALL:
      return '*';
    default:
      return d === (LT | EQ) ? '<=' : d === (GT | EQ) ? '>=' : d === (LT | GT) ? '<>' : assertNeverDirection(d);
  }
}

function assertNeverDirection(d: Direction): string {
  if (d === 0) return '∅';
  return assertNever(d as never, 'direction');
}
