/**
 * A tiny model of an affine loop nest, for the brute-force dependence oracle (DESIGN.md §4, §9).
 *
 * The oracle must stay independent of Loupe's analysis, so it never parses Python: tests build a model,
 * render it to Python with {@link renderPython} (for Loupe to analyse) and execute the same model
 * abstractly with `oracle()` (for the ground truth). Everything here is deliberately small and plain:
 * loops are `for v in range(start, stop, step)` with affine `start`/`stop` and a constant non-zero step,
 * statements are assignments whose accesses are affine subscripts of named arrays (rank 0 = a scalar).
 */

/** `Σ terms[name] · name + constant`; names are loop variables or symbols. Coefficients are small integers. */
export interface Affine {
  readonly constant: number;
  readonly terms: Readonly<Record<string, number>>;
}

export type AccessMode = 'read' | 'write';

/** `a[s1, s2]`; no subscripts means the scalar variable `a`. */
export interface ArrayRef {
  readonly array: string;
  readonly subscripts: readonly Affine[];
}

export type AssignOp = '=' | '+=' | '-=' | '*=';

/**
 * `target op reads[0] + reads[1] + …`. The operator matters for the access order (an augmented assignment
 * reads its target first, as CPython does) and lets reductions (`s += …`) appear in generated nests.
 */
export interface Stmt {
  readonly kind: 'stmt';
  /** Pre-order index among the model's statements; assigned by {@link nestModel}. */
  readonly id: number;
  readonly op: AssignOp;
  readonly target: ArrayRef;
  readonly reads: readonly ArrayRef[];
}

export interface Loop {
  readonly kind: 'loop';
  /** Pre-order index among the model's loops; assigned by {@link nestModel}. */
  readonly id: number;
  readonly var: string;
  readonly start: Affine;
  readonly stop: Affine;
  /**
   * A non-zero integer constant: a symbolic step is not affine, and the classical tests (and Loupe's IR)
   * only normalise loops with a known step.
   */
  readonly step: number;
  readonly body: readonly ModelNode[];
}

export type ModelNode = Loop | Stmt;

/** An array parameter and its rank (0 for a scalar). */
export interface ArrayDecl {
  readonly name: string;
  readonly rank: number;
}

export interface LoopNestModel {
  readonly arrays: readonly ArrayDecl[];
  /** Integer parameters (bounds such as `n`, offsets such as `k`); never written by the nest. */
  readonly symbols: readonly string[];
  readonly body: readonly ModelNode[];
}

/** One access of a statement, in evaluation order. */
export interface Access {
  readonly stmt: number;
  /** Position in the statement's evaluation order (0-based). */
  readonly index: number;
  readonly array: string;
  readonly mode: AccessMode;
  readonly subscripts: readonly Affine[];
}

// ---------------------------------------------------------------------------------------------- affine

/** Builds an affine expression, dropping zero coefficients so structural equality is meaningful. */
export function affine(constant: number, terms: Readonly<Record<string, number>> = {}): Affine {
  const kept: Record<string, number> = {};
  for (const [name, coeff] of Object.entries(terms)) if (coeff !== 0) kept[name] = coeff;
  return { constant, terms: kept };
}

/**
 * Parses the small affine language used by hand-written tests: `2*i - j + k + 3`, `n - 1`, `-i`.
 * Terms are `INT`, `NAME`, `INT*NAME` or `NAME*INT`, joined by `+` and `-`. Anything else throws, so a
 * typo in a test cannot silently turn into a different expression.
 */
export function parseAffine(text: string): Affine {
  if (text.trim() === '') throw new Error('empty affine expression');
  const terms: Record<string, number> = {};
  let constant = 0;
  const termRe = /\s*([+-]?)\s*(?:(\d+)\s*\*\s*([A-Za-z_]\w*)|([A-Za-z_]\w*)\s*\*\s*(\d+)|(\d+)|([A-Za-z_]\w*))\s*/y;
  let pos = 0;
  while (pos < text.length) {
    termRe.lastIndex = pos;
    const m = termRe.exec(text);
    // Every term but the first needs an explicit sign; `2i` or `i j` are errors, not products.
    if (!m || (pos > 0 && m[1] === '')) throw new Error(`cannot parse affine expression ${JSON.stringify(text)} at ${pos}`);
    const sign = m[1] === '-' ? -1 : 1;
    const name = m[3] ?? m[4] ?? m[7];
    const coeffText = m[2] ?? m[5];
    if (name !== undefined) terms[name] = (terms[name] ?? 0) + sign * (coeffText === undefined ? 1 : Number(coeffText));
    else constant += sign * Number(m[6]);
    pos = termRe.lastIndex;
  }
  return affine(constant, terms);
}

/** Accepts either an expression or its text, so hand-written models stay short. */
export type AffineLike = Affine | string | number;

export function toAffine(e: AffineLike): Affine {
  if (typeof e === 'number') return affine(e);
  if (typeof e === 'string') return parseAffine(e);
  return e;
}

export function evalAffine(e: Affine, env: Readonly<Record<string, number>>): number {
  let value = e.constant;
  for (const [name, coeff] of Object.entries(e.terms)) {
    const v = env[name];
    if (v === undefined) throw new Error(`unbound name ${name} in affine expression`);
    value += coeff * v;
  }
  return value;
}

/** Python text: `2 * i - j + 3`, `-i`, `0`. Terms in insertion order, constant last. */
export function renderAffine(e: Affine): string {
  let out = '';
  for (const [name, coeff] of Object.entries(e.terms)) {
    const mag = Math.abs(coeff);
    const body = mag === 1 ? name : `${mag} * ${name}`;
    if (out === '') out = coeff < 0 ? `-${body}` : body;
    else out += coeff < 0 ? ` - ${body}` : ` + ${body}`;
  }
  if (out === '') return String(e.constant);
  if (e.constant > 0) out += ` + ${e.constant}`;
  if (e.constant < 0) out += ` - ${-e.constant}`;
  return out;
}

// ------------------------------------------------------------------------------------------- factories

export function ref(array: string, ...subscripts: AffineLike[]): ArrayRef {
  return { array, subscripts: subscripts.map(toAffine) };
}

/** A statement; its id is assigned when the model is built by {@link nestModel}. */
export function assign(target: ArrayRef, op: AssignOp, ...reads: ArrayRef[]): Stmt {
  return { kind: 'stmt', id: -1, op, target, reads };
}

/** `for v in range(start, stop, step)`; its id is assigned when the model is built by {@link nestModel}. */
export function loop(v: string, start: AffineLike, stop: AffineLike, step: number, body: readonly ModelNode[]): Loop {
  return { kind: 'loop', id: -1, var: v, start: toAffine(start), stop: toAffine(stop), step, body };
}

/**
 * Builds a model: numbers loops and statements in pre-order (so ids are line order after rendering),
 * declares every array and scalar the body mentions (rank taken from the references) unless `arrays`
 * lists them, and validates it.
 */
export function nestModel(
  body: readonly ModelNode[],
  opts: { symbols?: readonly string[]; arrays?: readonly ArrayDecl[] } = {},
): LoopNestModel {
  let loopId = 0;
  let stmtId = 0;
  const number = (nodes: readonly ModelNode[]): ModelNode[] =>
    nodes.map((n) => (n.kind === 'loop' ? { ...n, id: loopId++, body: number(n.body) } : { ...n, id: stmtId++ }));
  const numbered = number(body);
  const arrays: ArrayDecl[] = opts.arrays ? [...opts.arrays] : [];
  if (!opts.arrays) {
    for (const s of stmtsOf(numbered)) {
      for (const r of [s.target, ...s.reads]) {
        if (!arrays.some((a) => a.name === r.array)) arrays.push({ name: r.array, rank: r.subscripts.length });
      }
    }
  }
  const symbols = opts.symbols ? [...opts.symbols] : inferSymbols(numbered);
  const model: LoopNestModel = { arrays, symbols, body: numbered };
  validateModel(model);
  return model;
}

/** Names used in bounds or subscripts that no enclosing loop binds, in first-use order. */
function inferSymbols(body: readonly ModelNode[]): string[] {
  const found: string[] = [];
  const visit = (nodes: readonly ModelNode[], bound: readonly string[]): void => {
    const note = (e: Affine): void => {
      for (const name of Object.keys(e.terms)) if (!bound.includes(name) && !found.includes(name)) found.push(name);
    };
    for (const n of nodes) {
      if (n.kind === 'loop') {
        note(n.start);
        note(n.stop);
        visit(n.body, [...bound, n.var]);
      } else {
        for (const r of [n.target, ...n.reads]) r.subscripts.forEach(note);
      }
    }
  };
  visit(body, []);
  return found;
}

// ------------------------------------------------------------------------------------------- queries

/** Loops in pre-order (the order of their ids and of their lines in the rendered source). */
export function loopsOf(model: LoopNestModel | readonly ModelNode[]): Loop[] {
  const out: Loop[] = [];
  const visit = (nodes: readonly ModelNode[]): void => {
    for (const n of nodes) {
      if (n.kind === 'loop') {
        out.push(n);
        visit(n.body);
      }
    }
  };
  visit(Array.isArray(model) ? (model as readonly ModelNode[]) : (model as LoopNestModel).body);
  return out;
}

/** Statements in pre-order. */
export function stmtsOf(model: LoopNestModel | readonly ModelNode[]): Stmt[] {
  const out: Stmt[] = [];
  const visit = (nodes: readonly ModelNode[]): void => {
    for (const n of nodes) {
      if (n.kind === 'loop') visit(n.body);
      else out.push(n);
    }
  };
  visit(Array.isArray(model) ? (model as readonly ModelNode[]) : (model as LoopNestModel).body);
  return out;
}

/**
 * The accesses of a statement in CPython's evaluation order: for `t op= e` the target is read first,
 * then `e` left to right, then the target is written; for `t = e`, `e` then the write.
 */
export function accessesOf(stmt: Stmt): Access[] {
  const out: Access[] = [];
  const add = (r: ArrayRef, mode: AccessMode): void => {
    out.push({ stmt: stmt.id, index: out.length, array: r.array, mode, subscripts: r.subscripts });
  };
  if (stmt.op !== '=') add(stmt.target, 'read');
  for (const r of stmt.reads) add(r, 'read');
  add(stmt.target, 'write');
  return out;
}

/** Throws with a precise message when the model is not a well-formed affine nest. */
export function validateModel(model: LoopNestModel): void {
  const ranks = new Map(model.arrays.map((a) => [a.name, a.rank]));
  const symbols = new Set(model.symbols);
  for (const s of model.symbols) if (ranks.has(s)) throw new Error(`${s} is both a symbol and an array`);
  const visit = (nodes: readonly ModelNode[], vars: readonly string[]): void => {
    const check = (e: Affine, what: string): void => {
      for (const [name, coeff] of Object.entries(e.terms)) {
        if (!Number.isSafeInteger(coeff)) throw new Error(`${what}: coefficient of ${name} is not an integer`);
        if (!vars.includes(name) && !symbols.has(name))
          throw new Error(`${what}: ${name} is neither an enclosing loop variable nor a symbol`);
      }
      if (!Number.isSafeInteger(e.constant)) throw new Error(`${what}: constant is not an integer`);
    };
    for (const n of nodes) {
      if (n.kind === 'loop') {
        // Shadowing an enclosing variable would make the iteration vector ambiguous.
        if (vars.includes(n.var) || symbols.has(n.var) || ranks.has(n.var))
          throw new Error(`loop ${n.id}: variable ${n.var} is already bound`);
        if (!Number.isSafeInteger(n.step) || n.step === 0) throw new Error(`loop ${n.id}: step must be a non-zero integer`);
        check(n.start, `loop ${n.id} start`);
        check(n.stop, `loop ${n.id} stop`);
        visit(n.body, [...vars, n.var]);
      } else {
        for (const r of [n.target, ...n.reads]) {
          const rank = ranks.get(r.array);
          if (rank === undefined) throw new Error(`statement ${n.id}: ${r.array} is not declared`);
          if (rank !== r.subscripts.length)
            throw new Error(`statement ${n.id}: ${r.array} has rank ${rank}, used with ${r.subscripts.length} subscripts`);
          r.subscripts.forEach((e, d) => check(e, `statement ${n.id} ${r.array} subscript ${d}`));
        }
      }
    }
  };
  visit(model.body, []);
}

// ------------------------------------------------------------------------------------------- rendering

export interface RenderOptions {
  /** `function` (default): `def name(arrays…, symbols…):`; `toplevel`: loops at module level, names from bindings. */
  readonly form?: 'function' | 'toplevel';
  readonly name?: string;
}

export interface RenderedPython {
  readonly source: string;
  /** 1-based line of each loop's `for`, indexed by loop id (pre-order). */
  readonly loopLines: number[];
  /** 1-based line of each statement, indexed by statement id (pre-order). */
  readonly stmtLines: number[];
}

function renderRef(r: ArrayRef): string {
  return r.subscripts.length === 0 ? r.array : `${r.array}[${r.subscripts.map(renderAffine).join(', ')}]`;
}

function renderRange(l: Loop): string {
  const start = renderAffine(l.start);
  const stop = renderAffine(l.stop);
  const startIsZero = Object.keys(l.start.terms).length === 0 && l.start.constant === 0;
  if (l.step === 1) return startIsZero ? `range(${stop})` : `range(${start}, ${stop})`;
  return `range(${start}, ${stop}, ${l.step})`;
}

/**
 * Renders the model as plain Python that Loupe can parse (and CPython can run, given arrays): one
 * `for … in range(…)` per loop, one assignment per statement, 4-space indentation. Line numbers are
 * recorded while emitting, so they are exact by construction.
 */
export function renderPython(model: LoopNestModel, opts: RenderOptions = {}): RenderedPython {
  validateModel(model);
  const form = opts.form ?? 'function';
  const lines: string[] = [];
  const loopLines: number[] = [];
  const stmtLines: number[] = [];
  let base = 0;
  if (form === 'function') {
    const params = [...model.arrays.map((a) => a.name), ...model.symbols];
    lines.push(`def ${opts.name ?? 'kernel'}(${params.join(', ')}):`);
    base = 1;
  }
  const emit = (nodes: readonly ModelNode[], depth: number): void => {
    const pad = '    '.repeat(depth);
    if (nodes.length === 0) lines.push(`${pad}pass`);
    for (const n of nodes) {
      if (n.kind === 'loop') {
        lines.push(`${pad}for ${n.var} in ${renderRange(n)}:`);
        loopLines[n.id] = lines.length;
        emit(n.body, depth + 1);
      } else {
        const rhs = n.reads.length === 0 ? '1.0' : n.reads.map(renderRef).join(' + ');
        lines.push(`${pad}${renderRef(n.target)} ${n.op} ${rhs}`);
        stmtLines[n.id] = lines.length;
      }
    }
  };
  emit(model.body, base);
  if (lines.length === base) lines.push(`${'    '.repeat(base)}pass`);
  return { source: lines.join('\n') + '\n', loopLines, stmtLines };
}

/**
 * A `# loupe:` bindings line for the rendered source: symbols by value, arrays as `float64[extents]`
 * (the extents a caller got from the oracle, at least 1 per dimension). Scalars are bound to 0.0.
 */
export function loupeBindingsLine(
  model: LoopNestModel,
  bindings: Readonly<Record<string, number>>,
  extents: Readonly<Record<string, readonly number[]>>,
): string {
  const parts: string[] = model.symbols.map((s) => `${s}=${bindings[s] ?? 0}`);
  for (const a of model.arrays) {
    if (a.rank === 0) parts.push(`${a.name}=0.0`);
    else parts.push(`${a.name}=float64[${Array.from({ length: a.rank }, (_, d) => Math.max(1, extents[a.name]?.[d] ?? 1)).join(',')}]`);
  }
  return `# loupe: ${parts.join(', ')}`;
}
