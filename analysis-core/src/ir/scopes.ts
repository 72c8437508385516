/**
 * Scopes and what is known about their names before lowering a single statement.
 *
 * Lowering classifies every name it meets (loop variable, array, scalar that changes in a loop, fixed
 * integer symbol), and that classification depends on the *whole* scope: `s` read on line 3 is a scalar
 * access if line 9 assigns it inside a loop. So a first pass over each scope collects these facts; the
 * second pass (`lower.ts`) only reads them.
 */
import type { Expr, ForStmt, FunctionDef, Module, SourceRange, Stmt, WhileStmt } from '../parse/index.js';
import { assertNever } from '../util/assert.js';
import { nestedBodies } from './walk.js';

export interface ScopeInput {
  /** '<module>' or the function's name (made unique within the file). */
  readonly name: string;
  readonly params: readonly string[];
  readonly body: readonly Stmt[];
  /** The file's text, for reading names out of constructs the syntax keeps opaque (`x := e`). */
  readonly source?: string;
}

/**
 * One assignment of a name, for the value model (`values`): what the name may refer to afterwards.
 * - `value`: `x = e`, and each element of a parallel assignment `x, y = e1, e2` (Python evaluates the whole
 *   right-hand side first, so `x` gets `e1` as it was);
 * - `permutation`: `u, v = v, u` — the names exchange the objects they hold, which creates no new alias;
 * - `update`: `x op= e` (the object it held, updated or replaced by the operator's result), `value` = `e`;
 * - `unpack`: one name of `x, y = e` with `e` not a display (`n, m = a.shape`), `value` = `e`;
 * - `unknown`: a binding Loupe cannot see through (`x, y = f()`, `*x = …`, `x := …`, chained `a = b = e`).
 */
export interface Binding {
  readonly kind: 'value' | 'permutation' | 'update' | 'unpack' | 'unknown';
  /** The assigned value (`value`), the name whose object it receives (`permutation`), the operand (`update`), the unpacked value (`unpack`); null otherwise. */
  readonly value: Expr | null;
  /** The operator of an `update`. */
  readonly op?: string;
  readonly range: SourceRange;
  /** Inside some `for` body of the scope. */
  readonly inLoop: boolean;
}

export interface ScopeFacts {
  /** Names subscripted anywhere in the scope (`a[i]`, `a[i][j]`): the scope's arrays. */
  readonly arrays: ReadonlySet<string>;
  /** Names assigned by a statement inside some `for` body (the scalars whose accesses matter). */
  readonly loopWritten: ReadonlySet<string>;
  /** Names bound by some `for` target of the scope. */
  readonly loopVars: ReadonlySet<string>;
  /** Assignments outside every `for` body, per name; a parameter counts as one. */
  readonly outsideAssignments: ReadonlyMap<string, number>;
  /** Names assigned anywhere inside each `for`/`while` (nested statements included). */
  readonly assignedIn: ReadonlyMap<ForStmt | WhileStmt, ReadonlySet<string>>;
  /** Single-name assignments per name, in source order. */
  readonly bindings: ReadonlyMap<string, readonly Binding[]>;
  /** Function definitions directly in this scope (not in nested functions), in source order. */
  readonly functions: readonly FunctionDef[];
  /** Per `for` target name, the iterables it is bound from (`range(n)`, `xs`, …). */
  readonly loopIters: ReadonlyMap<string, readonly Expr[]>;
  /**
   * Names whose object may be mutated in place by something Loupe does not follow: passed whole to a call
   * or a method (`f(g)`, `g.append(r)`), or stored into at fewer indices than they are read with (`g[0] = r`
   * when `g[i][j]` is read). A list of rows that escapes may have its rows replaced, so they may be shared.
   */
  readonly escapes: ReadonlySet<string>;
  /** Indices of element stores per name (`g[k] = …` stores at 1, `g[i][j] = …` at 2). */
  readonly storeDepths: ReadonlyMap<string, ReadonlySet<number>>;
  /** The most indices any subscript of the name has (`g[i][j]`: 2). A store at fewer replaces a row. */
  readonly readDepths: ReadonlyMap<string, number>;
}

/** Names a target binds: `x` → [x]; `x, (y, z)` → [x, y, z]; `a[i]`, `o.f` → [] (they bind no name). */
export function targetNames(target: Expr): string[] {
  switch (target.kind) {
    case 'name':
      return [target.id];
    case 'tuple':
    case 'list':
      return target.elements.flatMap(targetNames);
    default:
      return [];
  }
}

/** The root name of a subscript chain `a[i][j]` → `a`; null when the base is not a name (`f()[0]`, `o.x[i]`). */
export function subscriptRoot(expr: Expr): string | null {
  let cur = expr;
  while (cur.kind === 'subscript') cur = cur.value;
  return cur.kind === 'name' ? cur.id : null;
}

export function collectScopeFacts(scope: ScopeInput): ScopeFacts {
  const arrays = new Set<string>();
  const loopWritten = new Set<string>();
  const loopVars = new Set<string>();
  const outside = new Map<string, number>();
  const assignedIn = new Map<ForStmt | WhileStmt, ReadonlySet<string>>();
  const bindings = new Map<string, Binding[]>();
  const functions: FunctionDef[] = [];
  const loopIters = new Map<string, Expr[]>();
  const escapes = new Set<string>();
  const storeDepths = new Map<string, Set<number>>();
  const readDepths = new Map<string, number>();

  for (const p of scope.params) outside.set(p, (outside.get(p) ?? 0) + 1);

  /** A call's arguments and a method's receiver may be mutated by the callee. */
  const escape = (e: Expr): void => {
    if (e.kind === 'name') escapes.add(e.id);
  };
  const subscriptDepth = (e: Expr): number => {
    let d = 0;
    for (let cur = e; cur.kind === 'subscript'; cur = cur.value)
      d += cur.indices.reduce((n, ix) => n + (ix.kind === 'tuple' ? ix.elements.length : 1), 0);
    return d;
  };

  const expr = (e: Expr | null): void => {
    if (e === null) return;
    switch (e.kind) {
      case 'name':
      case 'int':
      case 'float':
      case 'bool':
      case 'none':
      case 'string':
        return;
      case 'unsupported-expr':
        // `x := e` binds `x` in this scope (even inside a comprehension): a binding Loupe cannot follow.
        if (e.what.includes('named expression') || e.what.includes('comprehension') || e.what.includes('generator')) walrus(e);
        return;
      case 'binary':
        expr(e.left);
        expr(e.right);
        return;
      case 'unary':
        expr(e.operand);
        return;
      case 'compare':
      case 'boolop':
        e.operands.forEach(expr);
        return;
      case 'call':
        expr(e.callee);
        e.args.forEach(expr);
        for (const k of e.keywords) expr(k.value);
        if (e.callee.kind === 'attribute') escape(e.callee.object);
        // `len(g)` and `range(len(g))` read no element and cannot mutate `g`.
        if (!(e.callee.kind === 'name' && (e.callee.id === 'len' || e.callee.id === 'range'))) {
          e.args.forEach(escape);
          for (const k of e.keywords) escape(k.value);
        }
        return;
      case 'attribute':
        expr(e.object);
        return;
      case 'subscript': {
        const root = subscriptRoot(e);
        if (root !== null) {
          arrays.add(root);
          const d = subscriptDepth(e);
          if (d > (readDepths.get(root) ?? 0)) readDepths.set(root, d);
        }
        expr(e.value);
        e.indices.forEach(expr);
        return;
      }
      case 'slice':
        expr(e.lower);
        expr(e.upper);
        expr(e.step);
        return;
      case 'tuple':
      case 'list':
        e.elements.forEach(expr);
        return;
      case 'conditional':
        expr(e.test);
        expr(e.body);
        expr(e.orelse);
        return;
      default:
        assertNever(e, 'expression kind');
    }
  };

  const record = (n: string, binding: Binding, into: Set<string> | null): void => {
    into?.add(n);
    if (binding.inLoop) loopWritten.add(n);
    else outside.set(n, (outside.get(n) ?? 0) + 1);
    let list = bindings.get(n);
    if (!list) bindings.set(n, (list = []));
    list.push(binding);
  };
  let inLoopNow = false;
  const walrus = (e: Expr & { kind: 'unsupported-expr' }): void => {
    const text = scope.source === undefined ? '' : scope.source.slice(e.range.startOffset, e.range.endOffset);
    for (const m of text.matchAll(/([A-Za-z_]\w*)\s*:=/g))
      record(m[1]!, { kind: 'unknown', value: null, range: e.range, inLoop: inLoopNow }, null);
  };

  const bind = (
    target: Expr,
    value: Expr | null,
    kind: Binding['kind'],
    range: SourceRange,
    inLoop: boolean,
    into: Set<string>,
    op?: string,
  ): void => {
    if (target.kind === 'name') {
      record(target.id, { kind, value: kind === 'unknown' ? null : value, range, inLoop, ...(op === undefined ? {} : { op }) }, into);
      return;
    }
    if (target.kind === 'subscript') {
      const root = subscriptRoot(target);
      if (root !== null) {
        let depths = storeDepths.get(root);
        if (!depths) storeDepths.set(root, (depths = new Set()));
        depths.add(subscriptDepth(target));
      }
      return;
    }
    if (target.kind !== 'tuple' && target.kind !== 'list') return;
    const elements = target.elements;
    const values = value !== null && kind === 'value' && (value.kind === 'tuple' || value.kind === 'list') ? value.elements : null;
    const plain = elements.every((t) => t.kind !== 'unsupported-expr') && values !== null && values.length === elements.length;
    if (!plain || values === null) {
      const unpack = kind === 'value' && value !== null && values === null && elements.every((t) => t.kind === 'name');
      for (const t of elements) bind(t, unpack ? value : null, unpack ? 'unpack' : 'unknown', range, inLoop, into);
      return;
    }
    // `u, v = v, u`: the names only exchange their objects.
    const names = elements.map((t) => (t.kind === 'name' ? t.id : null));
    const sources = values.map((v) => (v.kind === 'name' ? v.id : null));
    const permutation =
      names.every((n) => n !== null) &&
      sources.every((n) => n !== null) &&
      new Set(names).size === names.length &&
      [...sources].sort().join(',') === [...names].sort().join(',');
    elements.forEach((t, k) => bind(t, values[k]!, permutation ? 'permutation' : 'value', range, inLoop, into));
  };

  /** Visits `stmts`, returning the names they assign (for the enclosing loop's kill set). */
  const visit = (stmts: readonly Stmt[], inLoop: boolean): Set<string> => {
    const assigned = new Set<string>();
    for (const s of stmts) {
      switch (s.kind) {
        case 'for': {
          expr(s.iter);
          expr(s.target);
          const names = targetNames(s.target);
          for (const n of names) {
            loopVars.add(n);
            assigned.add(n);
            let iters = loopIters.get(n);
            if (!iters) loopIters.set(n, (iters = []));
            iters.push(s.target.kind === 'name' ? s.iter : s.target);
          }
          const saved = inLoopNow;
          inLoopNow = true;
          const inner = visit(s.body, true);
          inLoopNow = saved;
          for (const n of names) inner.add(n);
          assignedIn.set(s, inner);
          for (const n of inner) assigned.add(n);
          for (const n of visit(s.orelse, inLoop)) assigned.add(n);
          break;
        }
        case 'while': {
          expr(s.test);
          const inner = visit(s.body, inLoop);
          assignedIn.set(s, inner);
          for (const n of inner) assigned.add(n);
          for (const n of visit(s.orelse, inLoop)) assigned.add(n);
          break;
        }
        case 'if':
          expr(s.test);
          for (const n of visit(s.body, inLoop)) assigned.add(n);
          for (const n of visit(s.orelse, inLoop)) assigned.add(n);
          break;
        case 'assign':
          expr(s.value);
          for (const t of s.targets) {
            expr(t);
            bind(t, s.value, s.targets.length === 1 ? 'value' : 'unknown', s.range, inLoop, assigned);
          }
          break;
        case 'augassign':
          expr(s.value);
          expr(s.target);
          bind(s.target, s.value, 'update', s.range, inLoop, assigned, s.op);
          break;
        case 'expr':
          expr(s.value);
          break;
        case 'return':
          expr(s.value);
          break;
        case 'function':
          // A nested function is its own scope; its name is bound here but is never an integer.
          functions.push(s);
          break;
        case 'compound':
          for (const n of visit(s.body, inLoop)) assigned.add(n);
          break;
        case 'break':
        case 'continue':
        case 'pass':
        case 'import':
        case 'unsupported-stmt':
          break;
        default:
          assertNever(s, 'statement kind');
      }
    }
    return assigned;
  };
  visit(scope.body, false);

  return {
    arrays,
    loopWritten,
    loopVars,
    outsideAssignments: outside,
    assignedIn,
    bindings,
    functions,
    loopIters,
    escapes,
    storeDepths,
    readDepths,
  };
}

/** Loop ids in source order across the whole file (nested functions included), fixed before lowering. */
export function numberLoops(module: Module): Map<ForStmt, number> {
  const ids = new Map<ForStmt, number>();
  const visit = (stmts: readonly Stmt[]): void => {
    for (const s of stmts) {
      if (s.kind === 'for') ids.set(s, ids.size);
      for (const body of nestedBodies(s)) visit(body);
    }
  };
  visit(module.body);
  return ids;
}
