/**
 * fast-check arbitraries for random affine loop nests and small bindings, for the oracle property tests
 * (DESIGN.md §9). The shapes are chosen to reach every dependence test: ZIV (constant subscripts), strong
 * / weak-zero / weak-crossing / exact SIV (one variable, coefficients in [-2, 2]), RDIV and MIV (coupled
 * subscripts over two loop variables), symbolic offsets (`+ k`), negative steps, step 2 and triangular
 * bounds. Trip counts stay at most 6 so enumeration is tiny and a failing case shrinks to something readable.
 */
import fc from 'fast-check';
import { traceAccesses } from './enumerate.js';
import {
  affine,
  nestModel,
  type Affine,
  type ArrayDecl,
  type ArrayRef,
  type AssignOp,
  type Loop,
  type LoopNestModel,
  type ModelNode,
  type Stmt,
} from './model.js';

export interface NestArbitraryOptions {
  /** Deepest nest (1–3, default 3). */
  readonly maxDepth?: number;
  /** Most statements in the whole nest (1–3, default 3). */
  readonly maxStatements?: number;
  /** Allow a scalar (rank-0) variable `s` (default true). */
  readonly scalars?: boolean;
  /** Allow the symbolic offset `k` in subscripts (default true). */
  readonly symbolicOffsets?: boolean;
}

export interface NestCase {
  readonly model: LoopNestModel;
  readonly bindings: Record<string, number>;
}

/** Loop variables by depth; `k` and `n` are symbols, `a`, `b`, `s` data. */
const LOOP_VARS = ['i', 'j', 'p'] as const;
const TRIP = 'n';
const OFFSET = 'k';

/** Non-zero coefficients in [-2, 2], mostly ±1 as in real code (a subscript without a variable is ZIV). */
const coefficient = fc.constantFrom(1, 1, 1, -1, 2, -2);

/** `arb` or null, with relative weights (fc.option only takes a single frequency). */
function maybe<T>(arb: fc.Arbitrary<T>, noneWeight: number, someWeight: number): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: noneWeight, arbitrary: fc.constant(null) }, { weight: someWeight, arbitrary: arb });
}

/** One subscript over the variables in scope: `c·v + c2·w + d (+ ±k)`. */
function subscript(vars: readonly string[], symbolic: boolean): fc.Arbitrary<Affine> {
  return fc
    .record({
      primary: vars.length > 0 ? maybe(fc.constantFrom(...vars), 1, 5) : fc.constant(null),
      coeff: coefficient,
      constant: fc.integer({ min: -3, max: 3 }),
      coupled: vars.length > 1 ? maybe(fc.record({ v: fc.constantFrom(...vars), c: fc.constantFrom(1, -1, 2) }), 4, 1) : fc.constant(null),
      offset: symbolic ? maybe(fc.constantFrom(1, -1), 4, 1) : fc.constant(null),
    })
    .map(({ primary, coeff, constant, coupled, offset }) => {
      const terms: Record<string, number> = {};
      if (primary !== null) terms[primary] = coeff;
      if (coupled !== null) terms[coupled.v] = (terms[coupled.v] ?? 0) + coupled.c;
      if (offset !== null) terms[OFFSET] = offset;
      return affine(constant, terms);
    });
}

function reference(arrays: readonly ArrayDecl[], vars: readonly string[], symbolic: boolean): fc.Arbitrary<ArrayRef> {
  return fc
    .constantFrom(...arrays)
    .chain((a) =>
      fc.array(subscript(vars, symbolic), { minLength: a.rank, maxLength: a.rank }).map((subscripts) => ({ array: a.name, subscripts })),
    );
}

function statement(arrays: readonly ArrayDecl[], vars: readonly string[], symbolic: boolean): fc.Arbitrary<Stmt> {
  const op: fc.Arbitrary<AssignOp> = fc.constantFrom<AssignOp>('=', '=', '=', '+=', '+=', '-=', '*=');
  return fc
    .record({
      op,
      target: reference(arrays, vars, symbolic),
      reads: fc.array(reference(arrays, vars, symbolic), { minLength: 0, maxLength: 2 }),
    })
    .map(({ op: o, target, reads }): Stmt => ({ kind: 'stmt', id: -1, op: o, target, reads }));
}

/**
 * Loop headers over `outer` (enclosing variables). Every shape keeps at most 6 iterations for n ≤ 6:
 * `range(n)`, `range(1, n)`, reversed `range(n - 1, -1, -1)`, step 2 forwards and backwards, and the
 * triangular `range(v)` / `range(v + 1, n)` over an enclosing variable.
 */
function header(outer: readonly string[]): fc.Arbitrary<{ start: Affine; stop: Affine; step: number }> {
  const n = affine(0, { [TRIP]: 1 });
  type Header = { start: Affine; stop: Affine; step: number };
  const shapes: fc.WeightedArbitrary<Header>[] = [
    { weight: 4, arbitrary: fc.constant({ start: affine(0), stop: n, step: 1 }) },
    { weight: 2, arbitrary: fc.constant({ start: affine(1), stop: n, step: 1 }) },
    { weight: 2, arbitrary: fc.constant({ start: affine(-1, { [TRIP]: 1 }), stop: affine(-1), step: -1 }) },
    { weight: 1, arbitrary: fc.constant({ start: affine(0), stop: n, step: 2 }) },
    { weight: 1, arbitrary: fc.constant({ start: affine(-1, { [TRIP]: 1 }), stop: affine(-1), step: -2 }) },
  ];
  if (outer.length > 0) {
    const v = fc.constantFrom(...outer);
    shapes.push({ weight: 2, arbitrary: v.map((w) => ({ start: affine(0), stop: affine(0, { [w]: 1 }), step: 1 })) });
    shapes.push({ weight: 1, arbitrary: v.map((w) => ({ start: affine(1, { [w]: 1 }), stop: n, step: 1 })) });
  }
  return fc.oneof(...shapes);
}

/** A loop at `level` (0-based) of a nest `depth` deep; inner levels may have statements around the inner loop. */
function loopAt(level: number, depth: number, arrays: readonly ArrayDecl[], symbolic: boolean): fc.Arbitrary<Loop> {
  const v = LOOP_VARS[level]!;
  const outer = LOOP_VARS.slice(0, level);
  const vars = [...outer, v];
  const stmts = (min: number, max: number): fc.Arbitrary<Stmt[]> =>
    fc.array(statement(arrays, vars, symbolic), { minLength: min, maxLength: max });
  const body: fc.Arbitrary<ModelNode[]> =
    level === depth - 1
      ? stmts(1, 2)
      : fc
          .record({
            before: stmts(0, 1),
            inner: loopAt(level + 1, depth, arrays, symbolic),
            sibling: maybe(loopAt(level + 1, depth, arrays, symbolic), 4, 1),
            after: stmts(0, 1),
          })
          .map(({ before, inner, sibling, after }) => [...before, inner, ...(sibling ? [sibling] : []), ...after]);
  return fc.record({ h: header(outer), body }).map(({ h, body: b }): Loop => ({ kind: 'loop', id: -1, var: v, ...h, body: b }));
}

function countStmts(nodes: readonly ModelNode[]): number {
  return nodes.reduce((sum, n) => sum + (n.kind === 'loop' ? countStmts(n.body) : 1), 0);
}

const arrayDecls = (scalars: boolean): fc.Arbitrary<ArrayDecl[]> =>
  fc
    .record({
      a: fc.integer({ min: 1, max: 2 }),
      b: maybe(fc.integer({ min: 1, max: 2 }), 1, 1),
      s: scalars ? maybe(fc.constant(0), 3, 1) : fc.constant(null),
    })
    .map(({ a, b, s }) => {
      const decls: ArrayDecl[] = [{ name: 'a', rank: a }];
      if (b !== null) decls.push({ name: 'b', rank: b });
      if (s !== null) decls.push({ name: 's', rank: 0 });
      return decls;
    });

/** Random affine nests: depth 1–3, 1–3 statements, arrays `a` (and `b`) of rank 1–2, sometimes a scalar `s`. */
export function nestModelArb(opts: NestArbitraryOptions = {}): fc.Arbitrary<LoopNestModel> {
  const maxDepth = Math.min(3, Math.max(1, opts.maxDepth ?? 3));
  const maxStatements = Math.min(3, Math.max(1, opts.maxStatements ?? 3));
  const symbolic = opts.symbolicOffsets ?? true;
  return (
    fc
      .record({ depth: fc.integer({ min: 1, max: maxDepth }), arrays: arrayDecls(opts.scalars ?? true) })
      .chain(({ depth, arrays }) => loopAt(0, depth, arrays, symbolic).map((root) => ({ root, arrays })))
      .filter(({ root }) => countStmts([root]) <= maxStatements)
      // nestModel numbers the nodes and declares only the symbols actually used, so rendered signatures
      // and bindings carry no noise.
      .map(({ root, arrays }) => nestModel([root], { arrays }))
  );
}

/** Bindings for a model's symbols: n in [0, 6] (mostly ≥ 2, so loops carry something) and k in [-3, 3]. */
export function bindingsArb(model: LoopNestModel): fc.Arbitrary<Record<string, number>> {
  const n = fc.oneof({ weight: 1, arbitrary: fc.integer({ min: 0, max: 1 }) }, { weight: 6, arbitrary: fc.integer({ min: 2, max: 6 }) });
  const k = fc.integer({ min: -3, max: 3 });
  const fields: Record<string, fc.Arbitrary<number>> = {};
  for (const s of model.symbols) fields[s] = s === OFFSET ? k : n;
  return fc.record(fields);
}

/**
 * Shifts each array dimension's subscripts by one constant so that, under these bindings, no index is
 * negative. Dependences are unchanged (every reference to the array moves together), and the rendered
 * Python then means what the oracle enumerates: NumPy would wrap a negative index around.
 */
export function withNonNegativeSubscripts(model: LoopNestModel, bindings: Readonly<Record<string, number>>): LoopNestModel {
  const { events } = traceAccesses(model, bindings);
  const shift = new Map<string, number[]>();
  for (const e of events) {
    const s = shift.get(e.array) ?? [];
    e.element.forEach((x, d) => (s[d] = Math.max(s[d] ?? 0, -x)));
    shift.set(e.array, s);
  }
  const move = (r: ArrayRef): ArrayRef => ({
    array: r.array,
    subscripts: r.subscripts.map((e, d) => affine(e.constant + (shift.get(r.array)?.[d] ?? 0), e.terms)),
  });
  const rewrite = (nodes: readonly ModelNode[]): ModelNode[] =>
    nodes.map((n) => (n.kind === 'loop' ? { ...n, body: rewrite(n.body) } : { ...n, target: move(n.target), reads: n.reads.map(move) }));
  return { ...model, body: rewrite(model.body) };
}

/**
 * A random nest together with bindings for its symbols. Unless `negativeIndices` is set, subscripts are
 * shifted (per array dimension) so every index is non-negative under those bindings.
 */
export function nestCaseArb(opts: NestArbitraryOptions & { readonly negativeIndices?: boolean } = {}): fc.Arbitrary<NestCase> {
  return nestModelArb(opts).chain((model) =>
    bindingsArb(model).map((bindings) => ({ model: opts.negativeIndices ? model : withNonNegativeSubscripts(model, bindings), bindings })),
  );
}
