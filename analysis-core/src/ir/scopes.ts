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
}

/** One assignment of a name (single-name target), for aliasing and allocation facts. */
export interface Binding {
  /** The assigned value; null when the name is bound by a tuple target or an augmented assignment. */
  readonly value: Expr | null;
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

  for (const p of scope.params) outside.set(p, (outside.get(p) ?? 0) + 1);

  const expr = (e: Expr | null): void => {
    if (e === null) return;
    switch (e.kind) {
      case 'name':
      case 'int':
      case 'float':
      case 'bool':
      case 'none':
      case 'string':
      case 'unsupported-expr':
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
        return;
      case 'attribute':
        expr(e.object);
        return;
      case 'subscript': {
        const root = subscriptRoot(e);
        if (root !== null) arrays.add(root);
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

  const bind = (target: Expr, value: Expr | null, range: SourceRange, inLoop: boolean, into: Set<string>): void => {
    const single = target.kind === 'name';
    for (const n of targetNames(target)) {
      into.add(n);
      if (inLoop) loopWritten.add(n);
      else outside.set(n, (outside.get(n) ?? 0) + 1);
      let list = bindings.get(n);
      if (!list) bindings.set(n, (list = []));
      list.push({ value: single ? value : null, range, inLoop });
    }
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
          }
          const inner = visit(s.body, true);
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
            bind(t, s.targets.length === 1 ? s.value : null, s.range, inLoop, assigned);
          }
          break;
        case 'augassign':
          expr(s.value);
          expr(s.target);
          bind(s.target, null, s.range, inLoop, assigned);
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

  return { arrays, loopWritten, loopVars, outsideAssignments: outside, assignedIn, bindings, functions };
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
