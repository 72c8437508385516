/**
 * The brute-force dependence oracle (DESIGN.md §4): bind the symbols, execute the nest abstractly in
 * Python's order, record every access, and derive the exact set of dependences between them.
 *
 * Dependences are memory-based, as in the classical tests (Allen & Kennedy ch. 2–3): every ordered pair
 * of accesses to the same element, at least one a write, is a dependence instance — even when another
 * write lies between them. That is the relation the GCD/Banerjee/SIV tests approximate, so it is what
 * their answers must be compared with. (Each dependence also says whether some instance is `direct`,
 * i.e. has no intervening write, for anyone who wants the value-based view.)
 *
 * Elements are the integer subscript tuples as written (no bounds check), the model the dependence tests
 * assume; with `wrap`, negative subscripts wrap around as in Python, for checking that verdicts stay sound. Iterations are counted from 0 in execution
 * order per loop instance, so a reversed loop still has a positive distance when the sink runs later;
 * witnesses report both the counters and the original loop-variable values.
 *
 * Cost: O(iterations · accesses per statement) to enumerate, plus one visit per conflicting pair of
 * accesses to the same element (capped; tiny for the small trip counts the property tests use).
 */
import { accessesOf, evalAffine, loopsOf, validateModel, type AccessMode, type LoopNestModel, type ModelNode } from './model.js';

/** Where one access happened: the enclosing loops, outermost first. */
export interface IterationPoint {
  readonly loop: number;
  readonly var: string;
  /** 0-based iteration number within this instance of the loop, in execution order. */
  readonly counter: number;
  /** The loop variable's value (what the Python code sees). */
  readonly value: number;
}

export interface AccessEvent {
  /** Global timestamp: the position of this access in the execution (0-based, increasing). */
  readonly time: number;
  readonly stmt: number;
  /** Index of the access within its statement's evaluation order (see `accessesOf`). */
  readonly access: number;
  readonly array: string;
  readonly mode: AccessMode;
  readonly element: readonly number[];
  readonly iteration: readonly IterationPoint[];
}

export interface Trace {
  readonly events: readonly AccessEvent[];
  /** Loop iterations executed (all loops counted). */
  readonly iterations: number;
  /** True when enumeration stopped at `maxIterations`; the events are then a prefix of the execution. */
  readonly truncated: boolean;
}

export type DependenceKind = 'flow' | 'anti' | 'output';
export type Dir = '<' | '=' | '>';

export interface AccessInstance {
  readonly stmt: number;
  readonly access: number;
  readonly time: number;
  readonly iteration: readonly IterationPoint[];
}

/** One conflicting pair of access instances (source runs first). */
export interface Witness {
  readonly element: readonly number[];
  readonly source: AccessInstance;
  readonly sink: AccessInstance;
}

/**
 * All instances with the same source access, sink access, kind and distance vector, folded into one.
 * Distances are over the loops common to source and sink (outermost first): sink counter − source counter.
 */
export interface OracleDependence {
  readonly kind: DependenceKind;
  readonly array: string;
  readonly source: { readonly stmt: number; readonly access: number };
  readonly sink: { readonly stmt: number; readonly access: number };
  /** Ids of the loops enclosing both accesses, outermost first. */
  readonly commonLoops: readonly number[];
  readonly distance: readonly number[];
  readonly direction: readonly Dir[];
  /** 1-based level (index into `commonLoops`) of the first non-zero distance; null when loop-independent. */
  readonly level: number | null;
  /** Id of the loop at `level`, or null when loop-independent. */
  readonly carrier: number | null;
  /** Number of instance pairs with exactly this vector. */
  readonly instances: number;
  /** Some instance has no other write to the element between source and sink. */
  readonly direct: boolean;
  /** The earliest instance pair (by source time, then sink time). */
  readonly witness: Witness;
}

export interface CarriedWitness extends Witness {
  readonly kind: DependenceKind;
  readonly array: string;
}

export interface LoopReport {
  readonly loop: number;
  readonly var: string;
  /** Some dependence has this loop as its carrier. */
  readonly carried: boolean;
  /** The earliest carried instance pair (by source time, then sink time), or null. */
  readonly witness: CarriedWitness | null;
  /** Arrays (and scalars) with a dependence carried by this loop, sorted. */
  readonly arrays: readonly string[];
}

export interface OracleResult {
  /** Sorted by source, sink, kind and distance, so results compare with `toEqual`. */
  readonly dependences: readonly OracleDependence[];
  /** One report per loop of the model, indexed by loop id (loops that never ran are not carried). */
  readonly loops: readonly LoopReport[];
  readonly accesses: number;
  readonly iterations: number;
  /** Enumeration or pair enumeration hit its cap; the dependences are then a subset of the truth. */
  readonly truncated: boolean;
  /** Per array, the smallest and largest index touched in each dimension (empty for scalars). */
  readonly extents: Readonly<Record<string, { readonly min: readonly number[]; readonly max: readonly number[] }>>;
}

export interface OracleOptions {
  /** Stop after this many loop iterations (default 20 000). */
  readonly maxIterations?: number;
  /** Stop after visiting this many conflicting pairs (default 2 000 000). */
  readonly maxPairs?: number;
  /**
   * Python's negative indices: `a[-1]` is the last element. Each array dimension gets the smallest extent
   * that makes every recorded access legal (−E ≤ s < E), and negative subscripts wrap to s + E.
   */
  readonly wrap?: boolean;
}

class Truncated extends Error {}

/** Executes the nest abstractly and records every access in execution order. */
export function traceAccesses(model: LoopNestModel, bindings: Readonly<Record<string, number>>, options: OracleOptions = {}): Trace {
  validateModel(model);
  for (const s of model.symbols) {
    const v = bindings[s];
    if (v === undefined || !Number.isSafeInteger(v)) throw new Error(`symbol ${s} needs an integer binding`);
  }
  const maxIterations = options.maxIterations ?? 20_000;
  const env: Record<string, number> = { ...bindings };
  const events: AccessEvent[] = [];
  const stack: IterationPoint[] = [];
  let iterations = 0;
  const walk = (nodes: readonly ModelNode[]): void => {
    for (const node of nodes) {
      if (node.kind === 'loop') {
        const start = evalAffine(node.start, env);
        const stop = evalAffine(node.stop, env);
        // Python's range: increasing while v < stop for a positive step, decreasing while v > stop otherwise.
        for (let v = start, counter = 0; node.step > 0 ? v < stop : v > stop; v += node.step, counter++) {
          if (++iterations > maxIterations) throw new Truncated();
          env[node.var] = v;
          stack.push({ loop: node.id, var: node.var, counter, value: v });
          walk(node.body);
          stack.pop();
        }
        delete env[node.var];
      } else {
        for (const a of accessesOf(node)) {
          events.push({
            time: events.length,
            stmt: node.id,
            access: a.index,
            array: a.array,
            mode: a.mode,
            element: a.subscripts.map((s) => evalAffine(s, env)),
            iteration: stack.slice(),
          });
        }
      }
    }
  };
  let truncated = false;
  try {
    walk(model.body);
  } catch (e) {
    if (!(e instanceof Truncated)) throw e;
    truncated = true;
    iterations = maxIterations;
  }
  return { events, iterations, truncated };
}

function instance(e: AccessEvent): AccessInstance {
  return { stmt: e.stmt, access: e.access, time: e.time, iteration: e.iteration };
}

function earlier(a: Witness, b: Witness): boolean {
  return a.source.time !== b.source.time ? a.source.time < b.source.time : a.sink.time < b.sink.time;
}

interface MutableDependence {
  kind: DependenceKind;
  array: string;
  source: { stmt: number; access: number };
  sink: { stmt: number; access: number };
  commonLoops: number[];
  distance: number[];
  instances: number;
  direct: boolean;
  witness: Witness;
}

/**
 * The ground truth for one nest under one set of bindings: every dependence (folded by source access,
 * sink access, kind and distance vector) and, per loop, whether it carries one, with the earliest witness.
 */
export function oracle(model: LoopNestModel, bindings: Readonly<Record<string, number>>, options: OracleOptions = {}): OracleResult {
  const trace = traceAccesses(model, bindings, options);
  const maxPairs = options.maxPairs ?? 2_000_000;
  let truncated = trace.truncated;

  // Group accesses by element; each group stays in time order because events are appended in order.
  const byElement = new Map<string, AccessEvent[]>();
  const extents: Record<string, { min: number[]; max: number[] }> = {};
  const wrapExtent: Record<string, number[]> = {};
  if (options.wrap)
    for (const e of trace.events) {
      const ext = (wrapExtent[e.array] ??= []);
      e.element.forEach((x, d) => (ext[d] = Math.max(ext[d] ?? 1, x >= 0 ? x + 1 : -x)));
    }
  const cell = (e: AccessEvent): readonly number[] =>
    options.wrap ? e.element.map((x, d) => (x < 0 ? x + wrapExtent[e.array]![d]! : x)) : e.element;
  for (const e of trace.events) {
    const key = `${e.array}[${cell(e).join(',')}]`;
    const group = byElement.get(key);
    if (group) group.push(e);
    else byElement.set(key, [e]);
    const ext = (extents[e.array] ??= { min: [...e.element], max: [...e.element] });
    e.element.forEach((x, d) => {
      ext.min[d] = Math.min(ext.min[d] ?? x, x);
      ext.max[d] = Math.max(ext.max[d] ?? x, x);
    });
  }

  const folded = new Map<string, MutableDependence>();
  let pairs = 0;
  outer: for (const group of byElement.values()) {
    // lastWrite[q]: index in `group` of the last write strictly before q (-1 if none), for `direct`.
    let lastWrite = -1;
    for (let q = 0; q < group.length; q++) {
      const sink = group[q]!;
      for (let p = 0; p < q; p++) {
        const source = group[p]!;
        if (source.mode === 'read' && sink.mode === 'read') continue;
        if (++pairs > maxPairs) {
          truncated = true;
          break outer;
        }
        const kind: DependenceKind = source.mode === 'write' ? (sink.mode === 'write' ? 'output' : 'flow') : 'anti';
        // Loops are a tree and the iteration stacks are ancestor chains, so the common loops are the
        // longest common prefix by loop id.
        const commonLoops: number[] = [];
        const distance: number[] = [];
        for (let d = 0; d < Math.min(source.iteration.length, sink.iteration.length); d++) {
          const s = source.iteration[d]!;
          const t = sink.iteration[d]!;
          if (s.loop !== t.loop) break;
          commonLoops.push(s.loop);
          distance.push(t.counter - s.counter);
        }
        const key = `${kind}|${source.stmt}.${source.access}|${sink.stmt}.${sink.access}|${distance.join(',')}`;
        const direct = lastWrite <= p;
        const witness: Witness = { element: source.element, source: instance(source), sink: instance(sink) };
        const dep = folded.get(key);
        if (!dep) {
          folded.set(key, {
            kind,
            array: source.array,
            source: { stmt: source.stmt, access: source.access },
            sink: { stmt: sink.stmt, access: sink.access },
            commonLoops,
            distance,
            instances: 1,
            direct,
            witness,
          });
        } else {
          dep.instances++;
          dep.direct ||= direct;
          if (earlier(witness, dep.witness)) dep.witness = witness;
        }
      }
      if (sink.mode === 'write') lastWrite = q;
    }
  }

  const dependences: OracleDependence[] = [...folded.values()]
    .map((d) => {
      const levelIndex = d.distance.findIndex((x) => x !== 0);
      return {
        ...d,
        direction: d.distance.map((x): Dir => (x > 0 ? '<' : x < 0 ? '>' : '=')),
        level: levelIndex < 0 ? null : levelIndex + 1,
        carrier: levelIndex < 0 ? null : d.commonLoops[levelIndex]!,
      };
    })
    .sort(compareDependences);

  const loops: LoopReport[] = loopsOf(model).map((l) => {
    const carried = dependences.filter((d) => d.carrier === l.id);
    let witness: CarriedWitness | null = null;
    for (const d of carried) {
      if (!witness || earlier(d.witness, witness)) witness = { ...d.witness, kind: d.kind, array: d.array };
    }
    return { loop: l.id, var: l.var, carried: carried.length > 0, witness, arrays: [...new Set(carried.map((d) => d.array))].sort() };
  });

  return { dependences, loops, accesses: trace.events.length, iterations: trace.iterations, truncated, extents };
}

const KIND_ORDER: Record<DependenceKind, number> = { flow: 0, anti: 1, output: 2 };

function compareDependences(a: OracleDependence, b: OracleDependence): number {
  const keyA = [a.source.stmt, a.source.access, a.sink.stmt, a.sink.access, KIND_ORDER[a.kind]];
  const keyB = [b.source.stmt, b.source.access, b.sink.stmt, b.sink.access, KIND_ORDER[b.kind]];
  for (let i = 0; i < keyA.length; i++) if (keyA[i] !== keyB[i]) return keyA[i]! - keyB[i]!;
  for (let i = 0; i < Math.min(a.distance.length, b.distance.length); i++) {
    if (a.distance[i] !== b.distance[i]) return a.distance[i]! - b.distance[i]!;
  }
  return a.distance.length - b.distance.length;
}

/** The loop-variable values of an iteration point list (what a user reads in a witness). */
export function iterationValues(points: readonly IterationPoint[]): Record<string, number> {
  return Object.fromEntries(points.map((p) => [p.var, p.value]));
}

/** Array extents (largest index + 1 per dimension, at least 1) for a `# loupe:` bindings line. */
export function extentsOf(result: OracleResult): Record<string, number[]> {
  return Object.fromEntries(Object.entries(result.extents).map(([name, e]) => [name, e.max.map((m) => Math.max(1, m + 1))]));
}
